package main

import (
	"fmt"
	"io"
)

func init() { registerOwnershipPart(ownershipPart{order: 30, print: printDirectoryRoles}) }

// maxGlobalAdmins is examples/policies' max_global_admins: the demo names
// the rule it breaks.
const maxGlobalAdmins = 5

// printDirectoryRoles summarises examples/demo/ownership_roles.tf: the
// Global Administrators, eligible assignments, guests, service principals
// and deleted principals holding roles.
func printDirectoryRoles(o outputs, w io.Writer) error {
	var rows []struct {
		Role      *string `json:"role"`
		Principal *string `json:"principal"`
		Type      *string `json:"type"`
		UserType  *string `json:"user_type"`
		Kind      string  `json:"kind"`
		Permanent bool    `json:"permanent"`
		Scope     *string `json:"scope"`
	}
	if err := o.decode("directory_roles", &rows); err != nil {
		return err
	}
	var active, eligible int
	var globalAdmins, eligibles, guests, principals []string
	deleted := 0
	for _, r := range rows {
		name, role := orNull(r.Principal), orNull(r.Role)
		note := ""
		if !r.Permanent {
			note = " (time-bound)"
		}
		switch r.Kind {
		case "eligible":
			eligible++
			held := role
			if !r.Permanent {
				held += ", time-bound"
			}
			eligibles = append(eligibles, fmt.Sprintf("%s (%s)", name, held))
		default:
			active++
			if role == "Global Administrator" {
				if r.Type != nil && *r.Type == "group" {
					note += " (role-assignable group)"
				}
				globalAdmins = append(globalAdmins, name+note)
			}
		}
		switch {
		case r.Type == nil:
			deleted++
		case r.UserType != nil && *r.UserType == "Guest":
			guests = append(guests, fmt.Sprintf("%s (%s)", name, role))
		case *r.Type == "servicePrincipal":
			principals = append(principals, fmt.Sprintf("%s (%s, scope %s)", name, role, orNull(r.Scope)))
		}
	}
	fmt.Fprintf(w, "  Directory roles: %d active and %d eligible assignments\n", active, eligible)
	over := ""
	if len(globalAdmins) > maxGlobalAdmins {
		over = fmt.Sprintf(", more than %d: the policy fires", maxGlobalAdmins)
	}
	fmt.Fprintf(w, "    Global Administrator, %d active%s: %s\n", len(globalAdmins), over, joinOrNone(globalAdmins))
	fmt.Fprintf(w, "    eligible (PIM): %s\n", joinOrNone(eligibles))
	fmt.Fprintf(w, "    guests holding roles: %s; service principals: %s; deleted principals: %d\n",
		joinOrNone(guests), joinOrNone(principals), deleted)
	return nil
}
