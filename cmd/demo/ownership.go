package main

import (
	"fmt"
	"io"
	"sort"
)

// The ownership-and-privilege dataset (app owners, app registrations and
// their credentials, admin roles, groups) prints as one section: each of its
// data sources adds a part from its own file, placed by order.
func init() { register(section{order: 80, print: printOwnership}) }

type ownershipPart struct {
	order int
	print func(o outputs, w io.Writer) error
}

var ownershipParts []ownershipPart

func registerOwnershipPart(p ownershipPart) { ownershipParts = append(ownershipParts, p) }

// printOwnership prints the section's header, then each part indented under it.
func printOwnership(o outputs, w io.Writer) error {
	fmt.Fprintln(w, "Ownership and privilege:")
	sort.SliceStable(ownershipParts, func(i, j int) bool { return ownershipParts[i].order < ownershipParts[j].order })
	for _, p := range ownershipParts {
		if err := p.print(o, w); err != nil {
			return err
		}
	}
	return nil
}
