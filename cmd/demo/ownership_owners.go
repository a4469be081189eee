package main

import (
	"fmt"
	"io"
	"strings"
)

func init() { registerOwnershipPart(ownershipPart{order: 10, print: printAppOwners}) }

// printAppOwners summarises examples/demo/ownership_owners.tf: each SaaS
// app's owners, and the apps nobody owns.
func printAppOwners(o outputs, w io.Writer) error {
	var apps []struct {
		Name    *string `json:"name"`
		Enabled *bool   `json:"enabled"`
		Owners  []struct {
			Type string  `json:"type"`
			Name *string `json:"name"`
			UPN  *string `json:"upn"`
		} `json:"owners"`
	}
	if err := o.decode("app_owners", &apps); err != nil {
		return err
	}
	var nobody []string
	rows := newTable("    ", "APP", "OWNERS", "WHO").alignRight(1)
	for _, a := range apps {
		if len(a.Owners) == 0 {
			if a.Enabled == nil || *a.Enabled {
				nobody = append(nobody, orNull(a.Name))
			}
			continue
		}
		var who []string
		for _, owner := range a.Owners {
			name := orNull(owner.Name)
			if owner.Type != "user" {
				name += " (" + owner.Type + ")"
			}
			who = append(who, name)
		}
		if len(who) > 3 {
			who = append(who[:3], fmt.Sprintf("and %d more", len(who)-3))
		}
		rows.row(orNull(a.Name), len(a.Owners), strings.Join(who, ", "))
	}
	fmt.Fprintf(w, "  App owners (%d SaaS apps): no one to ask about %s\n", len(apps), joinOrNone(nobody))
	return rows.write(w)
}
