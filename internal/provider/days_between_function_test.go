package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestDaysBetween(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     int64
	}{
		{"2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z", 30},
		{"2025-01-01T00:00:00Z", "2025-01-01T23:59:59Z", 0},
		{"2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", 1},
		// Truncated toward zero, in both directions.
		{"2025-01-01T00:00:00Z", "2025-01-02T23:59:59.999999999Z", 1},
		{"2025-01-31T00:00:00Z", "2025-01-01T00:00:00Z", -30},
		{"2025-01-02T23:59:59.5Z", "2025-01-01T00:00:00Z", -1},
		// A nanosecond short of a day is no day; the borrow must not be lost.
		{"2025-01-01T00:00:00.000000001Z", "2025-01-02T00:00:00Z", 0},
		{"2025-01-02T00:00:00Z", "2025-01-01T00:00:00.000000001Z", 0},
		// Offsets compare instants: 23:00-01:00 is 00:00Z the next day.
		{"2025-01-01T00:00:00Z", "2025-01-01T23:00:00-01:00", 1},
		// Graph's "never" (0001-01-01) is far beyond time.Duration's range.
		{"0001-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 739251},
		{"2025-01-01T00:00:00Z", "0001-01-01T00:00:00Z", -739251},
		// Graph's seven fractional digits.
		{"2025-03-01T08:15:42.1234567Z", "2025-03-11T08:15:42.1234567Z", 10},
	} {
		got, err := runFunction(t, daysBetweenFunction{}, types.Int64Unknown(), types.StringValue(tc.from), types.StringValue(tc.to))
		if err != nil {
			t.Errorf("days_between(%s, %s): %v", tc.from, tc.to, err)
			continue
		}
		if want := types.Int64Value(tc.want); !got.Equal(want) {
			t.Errorf("days_between(%s, %s) = %v, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestDaysBetweenNullAndBadInput(t *testing.T) {
	day := types.StringValue("2025-01-01T00:00:00Z")
	for _, args := range [][2]types.String{{types.StringNull(), day}, {day, types.StringNull()}, {types.StringNull(), types.StringNull()}} {
		got, err := runFunction(t, daysBetweenFunction{}, types.Int64Unknown(), args[0], args[1])
		if err != nil || !got.Equal(types.Int64Null()) {
			t.Errorf("days_between(%v, %v) = %v, %v; want null", args[0], args[1], got, err)
		}
	}
	for _, tc := range []struct {
		from, to string
		argument int64
		name     string
	}{
		{"2025-01-01", "2025-01-02T00:00:00Z", 0, "from"},
		{"2025-01-01T00:00:00Z", "yesterday", 1, "to"},
		{"2025-01-01T00:00:00Z", "2025-01-02 00:00:00Z", 1, "to"},
	} {
		_, err := runFunction(t, daysBetweenFunction{}, types.Int64Unknown(), types.StringValue(tc.from), types.StringValue(tc.to))
		if err == nil || err.FunctionArgument == nil || *err.FunctionArgument != tc.argument || !strings.HasPrefix(err.Text, tc.name+" = ") {
			t.Errorf("days_between(%q, %q) error = %v; want one on argument %d naming %s", tc.from, tc.to, err, tc.argument, tc.name)
		}
	}
}

func TestDaysBetweenInTerraform(t *testing.T) {
	functionTest(t,
		resource.TestStep{
			Config: `
output "days" {
  value = provider::azuresaas::days_between("2025-01-01T12:00:00Z", "2025-03-01T11:59:59Z")
}
output "never" {
  value = provider::azuresaas::days_between(null, "2025-03-01T00:00:00Z") == null
}
output "recent" {
  value = provider::azuresaas::days_between("2025-03-01T00:00:00Z", plantimestamp()) >= 0
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("days", knownvalue.Int64Exact(58)),
				statecheck.ExpectKnownOutputValue("never", knownvalue.Bool(true)), // null outputs are not kept
				statecheck.ExpectKnownOutputValue("recent", knownvalue.Bool(true)),
			},
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::azuresaas::days_between("2025-01-01", "2025-01-02T00:00:00Z") }`,
			ExpectError: regexp.MustCompile(`from = "2025-01-01" is not an RFC 3339\s+time`),
		},
	)
}
