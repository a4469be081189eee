package main

import (
	"fmt"
	"io"
	"sort"
	"time"
)

func init() { register(section{order: 40, print: printApplicationAccess}) }

// printApplicationAccess summarises examples/demo/application_access.tf.
func printApplicationAccess(o outputs, w io.Writer) error {
	var active map[string]int
	var counts struct {
		Total  int `json:"total"`
		Failed int `json:"failed"`
	}
	var reasons map[string]int
	var sample []struct {
		App       string  `json:"app"`
		User      string  `json:"user"`
		LastLogin string  `json:"last_login"`
		Location  *string `json:"location"`
		SignIns   int     `json:"sign_ins"`
	}
	for name, v := range map[string]any{"access_active_users": &active, "access_sign_in_counts": &counts,
		"access_top_failure_reasons": &reasons, "access_sample": &sample} {
		if err := o.decode(name, v); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "SSO Application Access, last 30 days (%d sign-ins, %d failed and not counted as access)\n", counts.Total, counts.Failed)
	fmt.Fprintln(w, "  active users per application:")
	apps := make([]string, 0, len(active))
	for app := range active {
		apps = append(apps, app)
	}
	sort.Slice(apps, func(i, j int) bool {
		if active[apps[i]] != active[apps[j]] {
			return active[apps[i]] > active[apps[j]]
		}
		return apps[i] < apps[j]
	})
	perApp := newTable("    ").alignRight(1)
	for _, app := range apps {
		perApp.row(app, active[app])
	}
	if err := perApp.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "  failures by reason:")
	causes := make([]string, 0, len(reasons))
	for reason := range reasons {
		causes = append(causes, reason)
	}
	sort.Strings(causes)
	for _, reason := range causes {
		fmt.Fprintf(w, "    %3d  %s\n", reasons[reason], reason)
	}
	fmt.Fprintln(w, "\n  first rows (sorted by application, then user):")
	rows := newTable("    ", "APPLICATION", "USER", "LAST LOGIN", "FROM", "SIGN-INS")
	for _, a := range sample {
		last := a.LastLogin
		if t, err := time.Parse(time.RFC3339Nano, last); err == nil {
			last = t.Format("2006-01-02 15:04 MST")
		}
		rows.row(a.App, a.User, last, orNull(a.Location), a.SignIns)
	}
	return rows.write(w)
}
