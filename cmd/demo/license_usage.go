package main

import (
	"fmt"
	"io"
)

func init() { register(section{order: 61, print: printLicenceUsage}) }

// printLicenceUsage prints examples/demo/license_usage.tf: one row per SKU
// with its holders and the seats to reclaim, from azuresaas_license_usage.
func printLicenceUsage(o outputs, w io.Writer) error {
	var skus []struct {
		Sku         string `json:"sku"`
		Bought      *int   `json:"bought"` // null: no longer subscribed
		Holders     int    `json:"holders"`
		Direct      int    `json:"direct"`
		ByGroup     int    `json:"by_group"`
		Errors      int    `json:"errors"`
		Disabled    int    `json:"disabled"`
		Guests      int    `json:"guests"`
		Inactive    int    `json:"inactive"`
		Never       int    `json:"never"`
		Reclaimable int    `json:"reclaimable"`
	}
	if err := o.decode("licence_usage", &skus); err != nil {
		return err
	}
	reclaimable := 0
	for _, s := range skus {
		reclaimable += s.Reclaimable
	}
	fmt.Fprintf(w, "Licence usage (azuresaas_license_usage, one row per SKU): %d seats to reclaim (disabled, or no successful sign-in in 90 days)\n", reclaimable)
	t := newTable("    ", "SKU", "bought", "holders", "direct", "by group", "errors", "disabled", "guests", "idle 90d", "never", "reclaimable").
		alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	for _, s := range skus {
		bought := "-"
		if s.Bought != nil {
			bought = fmt.Sprint(*s.Bought)
		}
		t.row(s.Sku, bought, s.Holders, s.Direct, s.ByGroup, s.Errors, s.Disabled, s.Guests, s.Inactive, s.Never, s.Reclaimable)
	}
	return t.write(w)
}
