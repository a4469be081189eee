package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

func init() { register(section{order: 0, print: printIntegrationStatus}) }

// printIntegrationStatus summarises examples/demo/integration_status.tf: one
// block per demo app, in the cases' order.
func printIntegrationStatus(o outputs, w io.Writer) error {
	var cases map[string]struct {
		ClientID       string   `json:"client_id"`
		Premium        *string  `json:"premium"`
		ConcealedNames *bool    `json:"concealed_names"`
		Granted        []string `json:"granted"`
		Tasks          []struct {
			Name     string   `json:"name"`
			Ready    *bool    `json:"ready"`
			Missing  []string `json:"missing"`
			Blockers []string `json:"blockers"`
		} `json:"tasks"`
		DataSources []struct {
			Name     string   `json:"name"`
			Ready    *bool    `json:"ready"`
			Missing  []string `json:"missing"`
			Blockers int      `json:"blockers"`
		} `json:"data_sources"`
		CredentialInUseEnds *string `json:"credential_in_use_ends"`
		Notes               int     `json:"notes"`
	}
	if err := o.decode("integration_status", &cases); err != nil {
		return err
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Integration status: is each app registration set up? (azuresaas_integration_status)")
	for _, n := range names {
		c := cases[n]
		concealed := "unknown (needs ReportSettings.Read.All)"
		if c.ConcealedNames != nil {
			concealed = map[bool]string{true: "on", false: "off"}[*c.ConcealedNames]
		}
		fmt.Fprintf(w, "\n  %s — client %s\n", strings.TrimLeft(n, "0123456789 "), c.ClientID)
		fmt.Fprintf(w, "    granted: %s\n", orNone(c.Granted))
		fmt.Fprintf(w, "    premium: %s   concealed names in usage reports: %s   secret in use: %s\n",
			orNull(c.Premium), concealed, expiry(c.CredentialInUseEnds))
		for _, t := range c.Tasks {
			state := "ready"
			switch {
			case t.Ready == nil:
				state = "unknown"
			case !*t.Ready:
				var why []string
				if len(t.Missing) > 0 {
					why = append(why, "grant "+strings.Join(t.Missing, ", "))
				}
				if len(t.Blockers) > 0 {
					why = append(why, "needs Entra ID P1 or P2")
				}
				state = "NOT READY: " + strings.Join(why, "; ")
			}
			fmt.Fprintf(w, "    %-24s %s\n", t.Name, state)
		}
		var readable int
		var notReady []string
		for _, d := range c.DataSources {
			if d.Ready != nil && *d.Ready {
				readable++
				continue
			}
			why := "unknown"
			switch {
			case len(d.Missing) > 0:
				why = "grant " + strings.Join(d.Missing, ", ")
			case d.Blockers > 0:
				why = "needs Entra ID P1 or P2"
			}
			notReady = append(notReady, fmt.Sprintf("%s (%s)", strings.TrimPrefix(d.Name, "azuresaas_"), why))
		}
		line := fmt.Sprintf("    data sources readable: %d of %d", readable, len(c.DataSources))
		switch {
		case len(notReady) > 0 && len(notReady) <= 3:
			line += "; not: " + strings.Join(notReady, ", ")
		case len(notReady) > 3:
			line += " (data_sources says what each needs)"
		}
		fmt.Fprintln(w, line)
		if c.Notes > 0 {
			fmt.Fprintf(w, "    (%d note(s) in the data source's notes)\n", c.Notes)
		}
	}
	return nil
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "(none: no admin consent)"
	}
	return strings.Join(list, ", ")
}

// expiry is "ends YYYY-MM-DD, in N days", or why it is not known.
func expiry(end *string) string {
	if end == nil {
		return "unknown (needs Application.Read.All)"
	}
	t, err := time.Parse(time.RFC3339, *end)
	if err != nil {
		return *end
	}
	days := int(time.Until(t).Hours() / 24)
	warn := ""
	if days < 30 {
		warn = " — plan warns: renew it"
	}
	return fmt.Sprintf("ends %s, in %d days%s", t.Format("2006-01-02"), days, warn)
}
