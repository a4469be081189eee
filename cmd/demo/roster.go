package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() { register(section{order: 30, print: printRoster}) }

// printRoster summarises examples/demo/roster.tf: users per app, by source.
func printRoster(o outputs, w io.Writer) error {
	var byApp map[string]struct {
		Direct     int `json:"direct"`
		Group      int `json:"group"`
		OpenAccess int `json:"open_access"`
	}
	var assignedOnly int
	var nested []string
	var sample []struct {
		App        string  `json:"app"`
		Email      *string `json:"email"`
		Source     string  `json:"source"`
		ActiveDate *string `json:"active_date"`
	}
	for name, v := range map[string]any{"roster_by_app": &byApp, "roster_assigned_only": &assignedOnly,
		"roster_nested_groups": &nested, "roster_sample": &sample} {
		if err := o.decode(name, v); err != nil {
			return err
		}
	}
	apps := make([]string, 0, len(byApp))
	total := 0
	for app, c := range byApp {
		apps = append(apps, app)
		total += c.Direct + c.Group + c.OpenAccess
	}
	sort.Slice(apps, func(i, j int) bool { return strings.ToLower(apps[i]) < strings.ToLower(apps[j]) })

	fmt.Fprintf(w, "SSO Application Roster: %d entries over %d apps (%d with assigned_only = true)\n", total, len(apps), assignedOnly)
	counts := newTable("    ", "APP", "DIRECT", "GROUP", "OPEN ACCESS", "USERS").alignRight(1, 2, 3, 4)
	for _, app := range apps {
		c := byApp[app]
		counts.row(app, c.Direct, c.Group, c.OpenAccess, c.Direct+c.Group+c.OpenAccess)
	}
	if err := counts.write(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "  nested groups, not expanded (Entra ID does not cascade assignments): %s\n", strings.Join(nested, ", "))
	fmt.Fprintln(w, "\n  Salesforce (a direct assignment wins over the group, with the earlier date):")
	rows := newTable("    ")
	for _, e := range sample {
		rows.row(orNull(e.Email), e.Source, orNull(e.ActiveDate))
	}
	return rows.write(w)
}
