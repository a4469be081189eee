package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// signInRetention is how far back Graph keeps sign-ins with P1 or P2
// (7 days on Free).
const signInRetention = 30 * 24 * time.Hour

const sinceDescription = "Start of the time range (inclusive): an RFC 3339 time such as `2025-01-31T00:00:00Z`, " +
	"or a Go duration back from now such as `\"168h\"` (7 days) or `\"720h\"` (30 days). Must not be in the future " +
	"nor after `until`. Graph keeps sign-ins for 30 days with Entra ID P1 or P2 (7 days on Free): an older `since` " +
	"is a warning."

const untilDescription = "End of the time range (inclusive), in the same forms as `since`. Default: now."

// signInWindow is since and until as times.
type signInWindow struct {
	since, until time.Time // until is zero when not set
}

// parseTimeArgument reads an RFC 3339 time or a positive Go duration back
// from now. Only the parsed value is used, so nothing typed reaches Graph.
func parseTimeArgument(s string, now time.Time) (time.Time, string) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		// Graph's filter literal has the years 1 to 9999 (found by
		// FuzzSignInTimeArgument: "0000-01-01T00:00:00Z" parsed).
		first, last := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
		if t.Before(first) || t.After(last) {
			return time.Time{}, fmt.Sprintf("%q is outside the years 0001 to 9999", s)
		}
		return t.UTC(), ""
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return time.Time{}, fmt.Sprintf("the duration %q must be positive: it is how far back from now to start", s)
		}
		return now.Add(-d).UTC(), ""
	}
	return time.Time{}, fmt.Sprintf("%q is neither an RFC 3339 time such as 2025-01-31T00:00:00Z nor a duration back "+
		"from now such as 720h (Go duration units: h, m, s)", s)
}

// readSignInWindow checks since and until of config against now: bad
// formats, a since in the future or after until are attribute errors, a
// since older than Graph's retention a warning (with warnOld: validation
// shows it, and Read need not repeat it). ok is false when a value is
// unknown (plan time) or wrong.
func readSignInWindow(ctx context.Context, config tfsdk.Config, now time.Time, warnOld bool, diags *diag.Diagnostics) (w signInWindow, ok bool) {
	var since, until types.String
	diags.Append(config.GetAttribute(ctx, path.Root("since"), &since)...)
	if _, ok := config.Schema.GetAttributes()["until"]; ok { // azuresaas_application_usage has no until
		diags.Append(config.GetAttribute(ctx, path.Root("until"), &until)...)
	} else {
		until = types.StringNull()
	}
	if diags.HasError() || since.IsUnknown() || until.IsUnknown() {
		return w, false
	}
	ok = true
	if !since.IsNull() {
		var problem string
		if w.since, problem = parseTimeArgument(since.ValueString(), now); problem != "" {
			diags.AddAttributeError(path.Root("since"), "Invalid Since", problem+".")
			ok = false
		}
	}
	if !until.IsNull() {
		var problem string
		if w.until, problem = parseTimeArgument(until.ValueString(), now); problem != "" {
			diags.AddAttributeError(path.Root("until"), "Invalid Until", problem+".")
			ok = false
		}
	}
	if !ok || since.IsNull() {
		return w, ok && !since.IsNull()
	}
	switch {
	case w.since.After(now):
		diags.AddAttributeError(path.Root("since"), "Since Is in the Future",
			fmt.Sprintf("since is %s, which is after now (%s): there are no sign-ins to read yet.",
				w.since.Format(time.RFC3339), now.UTC().Format(time.RFC3339)))
		return w, false
	case !w.until.IsZero() && w.since.After(w.until):
		diags.AddAttributeError(path.Root("since"), "Since Is After Until",
			fmt.Sprintf("since (%s) is after until (%s): the time range is empty.",
				w.since.Format(time.RFC3339), w.until.Format(time.RFC3339)))
		return w, false
	case warnOld && now.Sub(w.since) > signInRetention:
		diags.AddAttributeWarning(path.Root("since"), "Since Is Older Than Graph Keeps Sign-Ins",
			fmt.Sprintf("since is %s, more than 30 days ago. Microsoft Graph keeps sign-ins for 30 days with Entra ID "+
				"P1 or P2 (7 days on Free), so the list starts later than since.", w.since.Format(time.RFC3339)))
	}
	return w, true
}
