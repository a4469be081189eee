package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// inactivityRule is the one definition of "inactive" every description
// quotes.
const inactivityRule = "no successful sign-in (`signInActivity.lastSuccessfulSignInDateTime`, interactive or not) " +
	"in that many days of 24 hours before the read started, or never"

// inactiveDaysAttribute is the inactive_days filter of users and license
// assignments; kept names what survives it ("users", "seats whose holder").
func inactiveDaysAttribute(kept string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Keep only " + kept + " " + inactivityRule + ". A whole number of at least 1. It reads " +
			"sign-in activity as `include_sign_in_activity = true` does (same permissions, licence and requests) and " +
			"fills the `last_*` attributes; setting `include_sign_in_activity = false` with it is an error. Graph cannot " +
			"ask for \"null or earlier than\" beside the other filters, so the provider applies it after the read: the " +
			"plan holds only the inactive.",
		Validators: []validator.Int64{int64validator.AtLeast(1), signInActivityNotOff{}},
	}
}

// inactiveCutoff is the cutoff inactive_days sets at readStart; zero when
// unset.
func inactiveCutoff(days types.Int64, readStart time.Time) time.Time {
	if days.IsNull() || days.IsUnknown() {
		return time.Time{}
	}
	return inventory.InactiveBefore(readStart, days.ValueInt64())
}

// signInActivityNotOff refuses inactive_days beside include_sign_in_activity
// = false: inactivity is read from sign-in activity, which the other
// argument turns off.
type signInActivityNotOff struct{}

var _ validator.Int64 = signInActivityNotOff{}

func (signInActivityNotOff) Description(context.Context) string {
	return "include_sign_in_activity must not be false"
}

func (v signInActivityNotOff) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (signInActivityNotOff) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() {
		return
	}
	var included types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("include_sign_in_activity"), &included)...)
	if included.IsNull() || included.IsUnknown() || included.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Conflicting Arguments",
		fmt.Sprintf("%s keeps users by their sign-in activity, which include_sign_in_activity = false turns off. "+
			"Remove include_sign_in_activity (inactive_days reads sign-in activity by itself) or inactive_days.", req.Path))
}

// signInActivityArgument is the argument that made a read select
// signInActivity: include_sign_in_activity when it is true, else
// inactive_days when set. An error reading it belongs there.
func signInActivityArgument(included types.Bool, inactiveDays types.Int64) string {
	if !included.ValueBool() && !inactiveDays.IsNull() {
		return "inactive_days"
	}
	return "include_sign_in_activity"
}
