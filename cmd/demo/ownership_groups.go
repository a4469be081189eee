package main

import (
	"fmt"
	"io"
	"strings"
)

func init() { registerOwnershipPart(ownershipPart{order: 40, print: printOwnershipGroups}) }

// printOwnershipGroups summarises examples/demo/ownership_groups.tf: the
// kinds of groups, the licences groups assign and the groups with licence
// errors.
func printOwnershipGroups(o outputs, w io.Writer) error {
	var g struct {
		Total          int      `json:"total"`
		Microsoft365   []string `json:"microsoft_365"`
		Dynamic        []string `json:"dynamic"`
		RoleAssignable []string `json:"role_assignable"`
		Licensing      []struct {
			Group string   `json:"group"`
			SKUs  []string `json:"skus"`
		} `json:"licensing"`
		LicenseErrors []string `json:"license_errors"`
	}
	if err := o.decode("ownership_groups", &g); err != nil {
		return err
	}
	fmt.Fprintf(w, "  Groups: %d; Microsoft 365: %s; dynamic: %s; role-assignable: %s\n",
		g.Total, joinOrNone(g.Microsoft365), joinOrNone(g.Dynamic), joinOrNone(g.RoleAssignable))
	var licensing []string
	for _, l := range g.Licensing {
		licensing = append(licensing, fmt.Sprintf("%s (%s)", l.Group, strings.Join(l.SKUs, ", ")))
	}
	fmt.Fprintf(w, "    group-based licensing: %s; members with licence errors in: %s\n",
		joinOrNone(licensing), joinOrNone(g.LicenseErrors))
	return nil
}
