package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = daysBetweenFunction{}

// daysBetweenFunction is provider::azuresaas::days_between(from, to).
type daysBetweenFunction struct{}

func newDaysBetweenFunction() function.Function { return daysBetweenFunction{} }

func (daysBetweenFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "days_between"
}

func (daysBetweenFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whole days from one RFC 3339 time to another",
		MarkdownDescription: "Returns the whole days from `from` to `to`: the elapsed time divided by 24 hours, " +
			"truncated toward zero, negative when `to` is earlier. Either argument null gives null, so that " +
			"\"never signed in\" (a null sign-in time) stays visible instead of turning into a number. " +
			"With `plantimestamp()` as `to` it gives \"days since\". Times with an offset are compared as instants; " +
			"a time that is not RFC 3339 is an error naming the argument.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "from",
				AllowNullValue:      true,
				MarkdownDescription: "The earlier time, in RFC 3339 form (`2025-01-31T08:00:00Z`, as the data sources return times).",
			},
			function.StringParameter{
				Name:                "to",
				AllowNullValue:      true,
				MarkdownDescription: "The later time, in RFC 3339 form; `plantimestamp()` for now.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (daysBetweenFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var from, to types.String
	resp.Error = req.Arguments.Get(ctx, &from, &to)
	if resp.Error != nil {
		return
	}
	if from.IsNull() || to.IsNull() {
		resp.Error = resp.Result.Set(ctx, types.Int64Null())
		return
	}
	fromTime, err := parseRFC3339("from", from.ValueString())
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	toTime, err := parseRFC3339("to", to.ValueString())
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.Int64Value(wholeDaysBetween(fromTime, toTime)))
}

func parseRFC3339(argument, value string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s = %q is not an RFC 3339 time such as \"2025-01-31T08:00:00Z\"", argument, value)
	}
	return t, nil
}

// wholeDaysBetween counts in seconds and nanoseconds rather than with
// time.Sub, whose Duration saturates after 292 years: Graph writes "never"
// as 0001-01-01T00:00:00Z in some properties, and that must still count.
func wholeDaysBetween(from, to time.Time) int64 {
	seconds := to.Unix() - from.Unix()
	nanos := int64(to.Nanosecond() - from.Nanosecond())
	// Give the two parts one sign, so that truncating the seconds truncates
	// the exact difference.
	if seconds > 0 && nanos < 0 {
		seconds--
	} else if seconds < 0 && nanos > 0 {
		seconds++
	}
	return seconds / (24 * 60 * 60)
}
