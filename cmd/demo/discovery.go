package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() { register(section{order: 20, print: printDiscovery}) }

// printDiscovery summarises examples/demo/discovery.tf.
func printDiscovery(o outputs, w io.Writer) error {
	var counts struct {
		All             int `json:"all"`
		ThirdParty      int `json:"third_party"`
		FirstParty      int `json:"first_party"`
		ManagedIdentity int `json:"managed_identity"`
		SaaS            int `json:"saas"`
		SSOIntegration  int `json:"sso_integration"`
	}
	var saas []struct {
		Name       *string `json:"name"`
		Publisher  *string `json:"publisher"`
		SSOMode    *string `json:"sso_mode"`
		OpenAccess bool    `json:"open_access"`
		OAuth2     bool    `json:"oauth2"`
		Enabled    *bool   `json:"enabled"`
	}
	if err := o.decode("discovery_counts", &counts); err != nil {
		return err
	}
	if err := o.decode("discovery_saas", &saas); err != nil {
		return err
	}

	fmt.Fprintf(w, "Application Discovery: %d service principals: %d third-party, %d Microsoft first-party; %d are managed identities\n",
		counts.All, counts.ThirdParty, counts.FirstParty, counts.ManagedIdentity)
	fmt.Fprintf(w, "  %d SaaS apps (enterprise apps, Microsoft's left out), %d set up for SSO by the tenant itself\n", counts.SaaS, counts.SSOIntegration)

	var open []string
	modes := map[string][]string{}
	for _, a := range saas {
		name := orNull(a.Name)
		if a.OpenAccess {
			open = append(open, name)
		}
		mode := orNull(a.SSOMode)
		modes[mode] = append(modes[mode], name)
	}
	fmt.Fprintf(w, "  %d allow open access (no assignment needed): %s\n", len(open), strings.Join(open, ", "))
	fmt.Fprintln(w, "  SSO modes:")
	names := make([]string, 0, len(modes))
	for m := range modes {
		names = append(names, m)
	}
	sort.Strings(names)
	for _, m := range names {
		fmt.Fprintf(w, "    %-14s %d  %s\n", m, len(modes[m]), strings.Join(modes[m], ", "))
	}

	fmt.Fprintln(w, "\n  SaaS apps (sorted by name):")
	rows := newTable("    ", "APP", "PUBLISHER", "SSO MODE", "OPEN", "OAUTH2", "ENABLED")
	for _, a := range saas {
		enabled := "(null)"
		if a.Enabled != nil {
			enabled = fmt.Sprint(*a.Enabled)
		}
		rows.row(orNull(a.Name), orNull(a.Publisher), orNull(a.SSOMode), a.OpenAccess, a.OAuth2, enabled)
	}
	return rows.write(w)
}
