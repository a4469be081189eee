package main

import (
	"fmt"
	"io"
)

func init() { register(section{order: 65, print: printM365Usage}) }

// printM365Usage summarises examples/demo/m365_usage.tf: the Microsoft 365
// active users report and the E3 seats whose holder used none of Exchange,
// OneDrive, SharePoint and Teams in 60 days.
func printM365Usage(o outputs, w io.Writer) error {
	var report struct {
		RefreshDate    *string `json:"refresh_date"`
		Users          int     `json:"users"`
		Deleted        int     `json:"deleted"`
		NamesConcealed bool    `json:"names_concealed"`
		E3Seats        int     `json:"e3_seats"`
	}
	var idle []string
	for name, v := range map[string]any{"m365_report": &report, "idle_m365_seats": &idle} {
		if err := o.decode(name, v); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Microsoft 365 usage (report of %s): %d users, %d deleted\n", orNull(report.RefreshDate), report.Users, report.Deleted)
	if report.NamesConcealed {
		fmt.Fprintln(w, "  names are concealed in usage reports: idle seats cannot be matched to people")
		return nil
	}
	fmt.Fprintf(w, "  idle Microsoft 365 E3 seats (none of Exchange, OneDrive, SharePoint, Teams in 60 days): %d of %d\n", len(idle), report.E3Seats)
	for _, s := range idle {
		fmt.Fprintf(w, "    %s\n", s)
	}
	return nil
}
