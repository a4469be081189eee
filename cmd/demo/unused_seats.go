package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func init() { register(section{order: 50, print: printUnusedSeats}) }

// printUnusedSeats summarises examples/demo/unused_seats.tf: the roster
// joined with the access data.
func printUnusedSeats(o outputs, w io.Writer) error {
	var byApp map[string][]string
	var assigned int
	if err := o.decode("unused_seats_by_app", &byApp); err != nil {
		return err
	}
	if err := o.decode("assigned_seats", &assigned); err != nil {
		return err
	}
	apps := make([]string, 0, len(byApp))
	unused := 0
	for app, users := range byApp {
		apps = append(apps, app)
		unused += len(users)
	}
	sort.Strings(apps)
	fmt.Fprintf(w, "Assigned but unused seats (no successful sign-in in 30 days): %d of %d assigned seats\n", unused, assigned)
	for _, app := range apps {
		fmt.Fprintf(w, "    %-22s %2d  %s\n", app, len(byApp[app]), strings.Join(byApp[app], ", "))
	}
	return nil
}
