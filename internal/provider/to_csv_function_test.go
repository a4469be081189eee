package provider

import (
	"context"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

var csvRowType = map[string]attr.Type{
	"email":   types.StringType,
	"enabled": types.BoolType,
	"aliases": types.ListType{ElemType: types.StringType},
	"seats":   types.NumberType,
}

func csvRow(t *testing.T, email attr.Value, enabled attr.Value, aliases attr.Value, seats attr.Value) attr.Value {
	t.Helper()
	row, diags := types.ObjectValue(csvRowType, map[string]attr.Value{"email": email, "enabled": enabled, "aliases": aliases, "seats": seats})
	if diags.HasError() {
		t.Fatal(diags)
	}
	return row
}

// toCSV runs to_csv(rows, options...); the framework hands the variadic
// options over as one tuple of strings.
func toCSV(t *testing.T, rows attr.Value, options ...string) (string, string) {
	t.Helper()
	optionTypes := make([]attr.Type, len(options))
	optionValues := make([]attr.Value, len(options))
	for i, o := range options {
		optionTypes[i], optionValues[i] = types.StringType, types.StringValue(o)
	}
	got, err := runFunction(t, toCSVFunction{}, types.StringUnknown(), types.DynamicValue(rows), types.TupleValueMust(optionTypes, optionValues))
	if err != nil {
		// An option's error names the options argument (1), every other
		// error the rows (0).
		wantArgument := 0
		if strings.HasPrefix(err.Text, "to_csv: unknown option") {
			wantArgument = 1
		}
		if err.FunctionArgument == nil || *err.FunctionArgument != int64(wantArgument) {
			t.Errorf("error %q does not name argument %d", err.Text, wantArgument)
		}
		return "", err.Text
	}
	text, ok := got.(types.String)
	if !ok {
		t.Fatalf("to_csv returned %T, want a string", got)
	}
	return text.ValueString(), ""
}

func TestToCSV(t *testing.T) {
	aliases, _ := types.ListValueFrom(context.Background(), types.StringType, []string{"a@x.example", "b@x.example"})
	withNullItem, _ := types.ListValue(types.StringType, []attr.Value{types.StringValue("a"), types.StringNull(), types.StringValue("c")})
	empty, _ := types.ListValueFrom(context.Background(), types.StringType, []string{})
	rows, diags := types.ListValue(types.ObjectType{AttrTypes: csvRowType}, []attr.Value{
		csvRow(t, types.StringValue("ann@contoso.example"), types.BoolValue(true), aliases, types.NumberValue(big.NewFloat(42))),
		// Null is an empty field, a list's null item an empty item.
		csvRow(t, types.StringNull(), types.BoolValue(false), withNullItem, types.NumberValue(big.NewFloat(1.5))),
		// Quote, comma, CR and LF are quoted, the quote doubled; a lone CR
		// or LF is kept as it is.
		csvRow(t, types.StringValue(`Ann "The Boss", Jr`), types.BoolNull(), empty, types.NumberNull()),
		csvRow(t, types.StringValue("line\nbreak\rand\r\nboth"), types.BoolNull(), types.ListNull(types.StringType), types.NumberValue(big.NewFloat(-0.25))),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	got, errText := toCSV(t, rows)
	want := "aliases,email,enabled,seats\r\n" +
		"a@x.example;b@x.example,ann@contoso.example,true,42\r\n" +
		"a;;c,,false,1.5\r\n" +
		`,"Ann ""The Boss"", Jr",,` + "\r\n" +
		",\"line\nbreak\rand\r\nboth\",,-0.25\r\n"
	if errText != "" || got != want {
		t.Errorf("to_csv = %q, %s\nwant %q", got, errText, want)
	}

	// An empty list of objects still has its header; an empty tuple has
	// no attributes to name.
	emptyRows, _ := types.ListValue(types.ObjectType{AttrTypes: csvRowType}, nil)
	if got, errText := toCSV(t, emptyRows); got != "aliases,email,enabled,seats\r\n" || errText != "" {
		t.Errorf("to_csv(empty list) = %q, %s", got, errText)
	}
	if got, errText := toCSV(t, types.TupleValueMust(nil, nil)); got != "" || errText != "" {
		t.Errorf("to_csv([]) = %q, %s", got, errText)
	}
}

func TestToCSVErrors(t *testing.T) {
	str := types.StringValue("x")
	object := func(attrs map[string]attr.Value) attr.Value {
		typesOf := map[string]attr.Type{}
		for k, v := range attrs {
			typesOf[k] = v.Type(context.Background())
		}
		return types.ObjectValueMust(typesOf, attrs)
	}
	tuple := func(elements ...attr.Value) attr.Value {
		typesOf := make([]attr.Type, len(elements))
		for i, e := range elements {
			typesOf[i] = e.Type(context.Background())
		}
		return types.TupleValueMust(typesOf, elements)
	}
	nested := object(map[string]attr.Value{"email": str})
	numbers := tuple(types.NumberValue(big.NewFloat(1)))
	for _, tc := range []struct {
		name string
		rows attr.Value
		want string
	}{
		{"not a list", str, "to_csv: rows is a string; want a list of objects"},
		{"a row that is not an object", tuple(object(map[string]attr.Value{"a": str}), str), "to_csv: rows[1] is a string; every row must be an object"},
		{"a null row", tuple(object(map[string]attr.Value{"a": str}), types.ObjectNull(map[string]attr.Type{"a": types.StringType})), "to_csv: rows[1] is null; every row must be an object"},
		{"different attributes", tuple(object(map[string]attr.Value{"a": str, "b": str}), object(map[string]attr.Value{"a": str, "c": str})),
			"to_csv: rows[1] has the attributes (a, c) where rows[0] has (a, b); give every row the same attributes, null where a value is missing"},
		{"a nested object", tuple(object(map[string]attr.Value{"manager": nested})), "to_csv: rows[0].manager is an object: to_csv writes strings, numbers, bools and lists of strings; pick the fields you need with a for expression first"},
		{"a map", tuple(object(map[string]attr.Value{"tags": types.MapValueMust(types.StringType, map[string]attr.Value{"k": str})})), "to_csv: rows[0].tags is a map: "},
		{"a list of numbers", tuple(object(map[string]attr.Value{"n": numbers})), "to_csv: rows[0].n is a list holding a number: to_csv joins lists of strings only"},
	} {
		_, errText := toCSV(t, tc.rows)
		if !strings.HasPrefix(errText, tc.want) {
			t.Errorf("%s: error %q, want %q", tc.name, errText, tc.want)
		}
	}
}

// Through terraform: a tuple from a for expression, numbers and bools as
// HCL writes them, and csvdecode reading the result back field for field.
func TestToCSVInTerraform(t *testing.T) {
	functionTest(t,
		resource.TestStep{
			Config: `
locals {
  rows = [
    { name = "Ann \"A\", Jr", seats = 3, guest = false, aliases = ["a", "b"] },
    { name = "Bo\nBeta", seats = 0.5, guest = null, aliases = [] },
  ]
  csv = provider::azuresaas::to_csv(local.rows)
}
output "csv" {
  value = local.csv
}
output "round_trip" {
  value = [for r in csvdecode(local.csv) : r.name]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("csv", knownvalue.StringExact(
					"aliases,guest,name,seats\r\na;b,false,\"Ann \"\"A\"\", Jr\",3\r\n,,\"Bo\nBeta\",0.5\r\n")),
				statecheck.ExpectKnownOutputValue("round_trip", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(`Ann "A", Jr`), knownvalue.StringExact("Bo\nBeta"),
				})),
			},
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::azuresaas::to_csv([{ a = 1 }, { b = 2 }]) }`,
			ExpectError: regexp.MustCompile(`rows\[1\] has the attributes \(b\)\s+where rows\[0\] has \(a\)`),
		},
	)
}
