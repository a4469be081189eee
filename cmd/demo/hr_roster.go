package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() { register(section{order: 10, print: printHRRoster}) }

// printHRRoster summarises examples/demo/hr_roster.tf.
func printHRRoster(o outputs, w io.Writer) error {
	var organization struct {
		Name    string   `json:"name"`
		Domains []string `json:"domains"`
	}
	var byDomain map[string]int
	var count int
	var guests, disabled []string
	var sample []struct {
		Email      string  `json:"email"`
		Name       *string `json:"name"`
		Location   *string `json:"location"`
		ActiveDate *string `json:"active_date"`
		Aliases    int     `json:"aliases"`
	}
	for name, v := range map[string]any{"organization": &organization, "members_by_domain": &byDomain,
		"member_count": &count, "guests_left_out": &guests, "disabled_members": &disabled, "sample": &sample} {
		if err := o.decode(name, v); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "HR Roster of %s (verified domains: %s)\n", organization.Name, strings.Join(organization.Domains, ", "))
	fmt.Fprintf(w, "  %d members (members and users with a null userType; guests need include_guests = true)\n", count)
	domains := make([]string, 0, len(byDomain))
	for d := range byDomain {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	perDomain := newTable("    ").alignRight(1)
	for _, d := range domains {
		perDomain.row(d, byDomain[d])
	}
	if err := perDomain.write(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "  %d guests left out by the default filter: %s\n", len(guests), strings.Join(guests, ", "))
	fmt.Fprintf(w, "  %d disabled accounts stay on the roster: %s\n", len(disabled), strings.Join(disabled, ", "))
	fmt.Fprintln(w, "\n  first rows (sorted by user principal name):")
	rows := newTable("    ", "EMAIL", "NAME", "LOCATION", "ACTIVE SINCE", "ALIASES")
	for _, u := range sample {
		rows.row(u.Email, orNull(u.Name), orNull(u.Location), orNull(u.ActiveDate), u.Aliases)
	}
	return rows.write(w)
}
