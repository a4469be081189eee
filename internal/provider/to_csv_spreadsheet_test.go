package provider

import (
	"context"
	"math/big"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestToCSVSpreadsheetOption: with "spreadsheet", a text field that starts
// with =, +, -, @, tab or CR (OWASP's list) gets a leading ' and every field
// is quoted; numbers and bools keep their value; a field starting anywhere
// else is unchanged. Without the option the same rows are written exactly.
func TestToCSVSpreadsheetOption(t *testing.T) {
	ctx := context.Background()
	formula, _ := types.ListValueFrom(ctx, types.StringType, []string{"@SUM(A1)", "b"})
	plain, _ := types.ListValueFrom(ctx, types.StringType, []string{"a", "=b"})
	rows, diags := types.ListValue(types.ObjectType{AttrTypes: csvRowType}, []attr.Value{
		csvRow(t, types.StringValue(`=HYPERLINK("http://x.example","open")`), types.BoolValue(true), formula, types.NumberValue(big.NewFloat(-3))),
		csvRow(t, types.StringValue("+1"), types.BoolNull(), plain, types.NumberNull()),
		csvRow(t, types.StringValue("-2"), types.BoolNull(), types.ListNull(types.StringType), types.NumberNull()),
		csvRow(t, types.StringValue("\tcmd"), types.BoolNull(), types.ListNull(types.StringType), types.NumberNull()),
		csvRow(t, types.StringValue("\rcmd"), types.BoolNull(), types.ListNull(types.StringType), types.NumberNull()),
		csvRow(t, types.StringValue("ann@contoso.example"), types.BoolNull(), types.ListNull(types.StringType), types.NumberNull()),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}

	got, errText := toCSV(t, rows, "spreadsheet")
	want := `"aliases","email","enabled","seats"` + "\r\n" +
		`"'@SUM(A1);b","'=HYPERLINK(""http://x.example"",""open"")","true","-3"` + "\r\n" +
		`"a;=b","'+1","",""` + "\r\n" +
		`"","'-2","",""` + "\r\n" +
		"\"\",\"'\tcmd\",\"\",\"\"\r\n" +
		"\"\",\"'\rcmd\",\"\",\"\"\r\n" +
		`"","ann@contoso.example","",""` + "\r\n"
	if errText != "" || got != want {
		t.Errorf("to_csv(rows, \"spreadsheet\") = %q, %s\nwant %q", got, errText, want)
	}

	got, errText = toCSV(t, rows)
	want = "aliases,email,enabled,seats\r\n" +
		`@SUM(A1);b,"=HYPERLINK(""http://x.example"",""open"")",true,-3` + "\r\n" +
		"a;=b,+1,,\r\n" +
		",-2,,\r\n" +
		",\tcmd,,\r\n" +
		",\"\rcmd\",,\r\n" +
		",ann@contoso.example,,\r\n"
	if errText != "" || got != want {
		t.Errorf("to_csv(rows) = %q, %s\nwant %q (exact values by default)", got, errText, want)
	}

	// The header alone is quoted too; an unknown option is refused by name.
	emptyRows, _ := types.ListValue(types.ObjectType{AttrTypes: csvRowType}, nil)
	if got, _ := toCSV(t, emptyRows, "spreadsheet"); got != `"aliases","email","enabled","seats"`+"\r\n" {
		t.Errorf("header alone = %q", got)
	}
	if _, errText := toCSV(t, rows, "excel"); errText != `to_csv: unknown option "excel"; the one option is "spreadsheet" (neutralise cells a spreadsheet would run as formulas)` {
		t.Errorf("unknown option: %q", errText)
	}
}

// Through terraform: the option is the function's second argument.
func TestToCSVSpreadsheetInTerraform(t *testing.T) {
	functionTest(t,
		resource.TestStep{
			Config: `
output "csv" {
  value = provider::azuresaas::to_csv([{ name = "=1+2", seats = -1 }], "spreadsheet")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("csv", knownvalue.StringExact("\"name\",\"seats\"\r\n\"'=1+2\",\"-1\"\r\n")),
			},
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::azuresaas::to_csv([{ a = "x" }], "xlsx") }`,
			ExpectError: regexp.MustCompile(`unknown option "xlsx"`),
		},
	)
}
