package main

import (
	"fmt"
	"io"
)

func init() { register(section{order: 45, print: printApplicationUsage}) }

// printApplicationUsage summarises examples/demo/application_usage.tf: one
// row per app, in the data source's order.
func printApplicationUsage(o outputs, w io.Writer) error {
	var apps []struct {
		App            string `json:"app"`
		OpenAccess     bool   `json:"open_access"`
		Assigned       int    `json:"assigned"`
		Direct         int    `json:"direct"`
		Group          int    `json:"group"`
		Groups         int    `json:"groups"`
		Nested         int    `json:"nested"`
		Active         int    `json:"active"`
		ActiveAssigned int    `json:"active_assigned"`
		IdleAssigned   int    `json:"idle_assigned"`
		SignIns        int    `json:"sign_ins"`
	}
	if err := o.decode("usage_by_app", &apps); err != nil {
		return err
	}
	idle := 0
	for _, a := range apps {
		idle += a.IdleAssigned
	}
	fmt.Fprintf(w, "Application usage, last 30 days: %d apps, %d assignments unused (azuresaas_application_usage, one row per app)\n", len(apps), idle)
	t := newTable("    ", "APP", "ASSIGNED", "DIRECT", "GROUP", "GROUPS", "NESTED", "ACTIVE", "ACTIVE ASSIGNED", "IDLE ASSIGNED", "SIGN-INS").
		alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9)
	for _, a := range apps {
		name := a.App
		if a.OpenAccess { // anyone may sign in: active users need no assignment
			name += " (open access)"
		}
		t.row(name, a.Assigned, a.Direct, a.Group, a.Groups, a.Nested, a.Active, a.ActiveAssigned, a.IdleAssigned, a.SignIns)
	}
	return t.write(w)
}
