package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// positiveDuration refuses a timeouts { read } of zero or less at plan
// time: such a limit is already past when the read starts, so every read
// would fail with "ran out of time" and the hint to raise the limit would
// be the only clue. A value that is not a duration at all is left to the
// timeouts module's own validator, which says so.
type positiveDuration struct{}

func (positiveDuration) Description(context.Context) string {
	return "must be a duration longer than zero"
}

func (v positiveDuration) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (positiveDuration) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	text := req.ConfigValue.ValueString()
	d, err := time.ParseDuration(text)
	if err != nil || d > 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid read timeout",
		fmt.Sprintf("%s = %q is not longer than zero, so every read would run out of time before it starts. "+
			"Write a positive Go duration such as \"30m\" or \"2h\", or leave read out for the default.", req.Path, text))
}
