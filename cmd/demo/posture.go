package main

import (
	"fmt"
	"io"
	"strings"
)

func init() { register(section{order: 70, print: printPosture}) }

// printPosture summarises examples/demo/posture.tf: MFA registration,
// pending guest invitations and the consent settings.
func printPosture(o outputs, w io.Writer) error {
	var p struct {
		Members          int      `json:"members"`
		WithoutMFA       []string `json:"without_mfa"`
		AdminsWithoutMFA []string `json:"admins_without_mfa"`
		Passwordless     []string `json:"passwordless"`
		PendingGuests    []struct {
			User string `json:"user"`
			Days int    `json:"days"`
		} `json:"pending_guests"`
		Consent struct {
			UserConsent     *string  `json:"user_consent"`
			Policies        []string `json:"policies"`
			RegisterApps    *bool    `json:"register_apps"`
			InvitesFrom     *string  `json:"invites_from"`
			GuestAccess     *string  `json:"guest_access"`
			AdminRequests   *bool    `json:"admin_requests"`
			RequestDuration *int     `json:"request_duration"`
		} `json:"consent"`
	}
	if err := o.decode("posture", &p); err != nil {
		return err
	}
	fmt.Fprintf(w, "Access posture: %d of %d members without MFA registered: %s\n",
		len(p.WithoutMFA), p.Members, joinOrNone(p.WithoutMFA))
	fmt.Fprintf(w, "  admins without MFA: %s; passwordless-capable: %s\n", joinOrNone(p.AdminsWithoutMFA), joinOrNone(p.Passwordless))
	var pending []string
	for _, g := range p.PendingGuests {
		pending = append(pending, fmt.Sprintf("%s (%d %s)", g.User, g.Days, plural(g.Days, "day")))
	}
	fmt.Fprintf(w, "  guest invitations never accepted: %s\n", joinOrNone(pending))
	c := p.Consent
	fmt.Fprintf(w, "  user consent: %s (%s); users may register apps: %s\n", orNull(c.UserConsent), strings.Join(c.Policies, ", "), boolText(c.RegisterApps))
	fmt.Fprintf(w, "  guest invitations from: %s; guest access: %s; admin consent requests: %s\n",
		orNull(c.InvitesFrom), orNull(c.GuestAccess), boolText(c.AdminRequests))
	return nil
}

func boolText(b *bool) string {
	switch {
	case b == nil:
		return "(null)"
	case *b:
		return "yes"
	}
	return "no"
}
