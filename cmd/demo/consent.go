package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

func init() { register(section{order: 60, print: printConsent}) }

// printConsent summarises examples/demo/consent.tf: the consented apps and
// the SAML certificates that expire soon.
func printConsent(o outputs, w io.Writer) error {
	var apps []struct {
		Name       *string  `json:"name"`
		Publisher  *string  `json:"publisher"`
		Verified   bool     `json:"verified"`
		Admin      bool     `json:"admin"`
		Users      int      `json:"users"`
		HighRisk   []string `json:"high_risk"`
		ThirdParty bool     `json:"third_party"`
	}
	var expiring []struct {
		Name    *string `json:"name"`
		Expires string  `json:"expires"`
	}
	if err := o.decode("consented_apps", &apps); err != nil {
		return err
	}
	if err := o.decode("saml_expiring", &expiring); err != nil {
		return err
	}

	thirdParty := 0
	var risky, admin []string
	for _, a := range apps {
		if a.ThirdParty {
			thirdParty++
		}
		if a.Admin {
			admin = append(admin, orNull(a.Name))
		}
		if len(a.HighRisk) == 0 {
			continue
		}
		who := "unverified publisher"
		if a.Verified {
			who = "verified publisher " + orNull(a.Publisher)
		}
		risky = append(risky, fmt.Sprintf("%s (%s; %d %s; %s)", orNull(a.Name), strings.Join(a.HighRisk, ", "), a.Users, plural(a.Users, "user"), who))
	}
	fmt.Fprintf(w, "Consented apps: %d third-party, %d with high-risk scopes: %s\n", thirdParty, len(risky), joinOrNone(risky))
	fmt.Fprintf(w, "  admin-consented for everyone: %s\n", joinOrNone(admin))

	now := time.Now()
	var certs []string
	for _, c := range expiring {
		at, err := time.Parse(time.RFC3339, c.Expires)
		if err != nil {
			return fmt.Errorf("saml_expiring: %q is not RFC 3339: %w", c.Expires, err)
		}
		days := int(math.Round(at.Sub(now).Hours() / 24))
		when := fmt.Sprintf("in %d %s", days, plural(days, "day"))
		if days < 0 {
			when = fmt.Sprintf("expired %d %s ago", -days, plural(-days, "day"))
		}
		certs = append(certs, fmt.Sprintf("%s (%s, %s)", orNull(c.Name), when, at.UTC().Format("2006-01-02")))
	}
	fmt.Fprintf(w, "SAML certificates expiring within 60 days: %s\n", joinOrNone(certs))
	return nil
}

func plural(n int, word string) string {
	if n == 1 || n == -1 {
		return word
	}
	return word + "s"
}

func joinOrNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}
