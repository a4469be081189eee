package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() { registerOwnershipPart(ownershipPart{order: 20, print: printOwnershipApplications}) }

// printOwnershipApplications summarises examples/demo/ownership_applications.tf:
// the app registrations whose credentials expire within 30 days, soonest
// first, with whom to ask; those with a credential that already ended; and
// those without an owner.
func printOwnershipApplications(o outputs, w io.Writer) error {
	var a struct {
		Registrations int      `json:"registrations"`
		WithoutOwner  []string `json:"without_owner"`
		Expired       []string `json:"expired"`
		Expiring      []struct {
			App    string   `json:"app"`
			Types  []string `json:"types"`
			InDays int      `json:"in_days"`
			Owners []string `json:"owners"`
		} `json:"expiring"`
	}
	if err := o.decode("ownership_applications", &a); err != nil {
		return err
	}
	sort.SliceStable(a.Expiring, func(i, j int) bool { return a.Expiring[i].InDays < a.Expiring[j].InDays })
	fmt.Fprintf(w, "  App registrations: %d, %d with a secret or certificate expiring within 30 days:\n", a.Registrations, len(a.Expiring))
	for _, e := range a.Expiring {
		ask := "no owner to ask"
		if len(e.Owners) > 0 {
			ask = "ask " + strings.Join(e.Owners, ", ")
		}
		fmt.Fprintf(w, "    %s: %s in %d %s (%s)\n", e.App, strings.Join(e.Types, " and "), e.InDays, plural(e.InDays, "day"), ask)
	}
	fmt.Fprintf(w, "    a credential already ended: %s\n", joinOrNone(a.Expired))
	fmt.Fprintf(w, "    without an owner: %d of %d (%s)\n", len(a.WithoutOwner), a.Registrations, joinOrNone(a.WithoutOwner))
	return nil
}
