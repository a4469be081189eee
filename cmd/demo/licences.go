package main

import (
	"fmt"
	"io"
	"strings"
)

func init() { register(section{order: 60, print: printLicences}) }

// printLicences summarises examples/demo/licences.tf: seats bought and held
// per SKU, and the seats of people with no successful sign-in in 90 days.
func printLicences(o outputs, w io.Writer) error {
	var skus []struct {
		Sku       string `json:"sku"`
		Status    string `json:"status"`
		Bought    int    `json:"bought"`
		Suspended int    `json:"suspended"`
		Held      int    `json:"held"`
		Available int    `json:"available"`
	}
	var idle map[string][]string
	var disabled, errors []string
	var assignments int
	for name, v := range map[string]any{"licence_skus": &skus, "idle_licences_by_sku": &idle,
		"disabled_licence_holders": &disabled, "licence_errors": &errors, "licence_assignments": &assignments} {
		if err := o.decode(name, v); err != nil {
			return err
		}
	}
	held, bought, idleSeats := 0, 0, 0
	for _, s := range skus {
		held += s.Held
		bought += s.Bought
		idleSeats += len(idle[s.Sku])
	}
	fmt.Fprintf(w, "Licences: %d seats of %d bought; %d held by people with no sign-in in 90 days, by SKU\n", held, bought, idleSeats)
	for _, s := range skus {
		note := ""
		switch {
		case s.Status != "Enabled":
			note = fmt.Sprintf("  %s (%d suspended)", s.Status, s.Suspended)
		case s.Available < 0:
			note = fmt.Sprintf("  over-assigned by %d", -s.Available)
		}
		fmt.Fprintf(w, "    %-14s %2d of %2d bought, %d idle%s\n", s.Sku, s.Held, s.Bought, len(idle[s.Sku]), note)
		if len(idle[s.Sku]) > 0 {
			fmt.Fprintf(w, "        idle: %s\n", strings.Join(idle[s.Sku], ", "))
		}
	}
	fmt.Fprintf(w, "  %d licence assignments read; disabled accounts holding paid seats: %s\n", assignments, strings.Join(disabled, ", "))
	if len(errors) > 0 {
		fmt.Fprintf(w, "  assignment errors: %s\n", strings.Join(errors, "; "))
	}
	return nil
}
