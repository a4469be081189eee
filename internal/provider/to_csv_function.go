package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var _ function.Function = toCSVFunction{}

// toCSVFunction is provider::azuresaas::to_csv(rows): Terraform has
// csvdecode but no encoder, and pipelines hand the datasets to
// SaaS-management platforms and spreadsheets as CSV.
type toCSVFunction struct{}

func newToCSVFunction() function.Function { return toCSVFunction{} }

func (toCSVFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "to_csv"
}

func (toCSVFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "A list of objects as RFC 4180 CSV",
		MarkdownDescription: "Encodes a list of objects (a data source's list attribute such as " +
			"`data.azuresaas_users.all.users`, or any list or tuple of objects with the same attributes) as " +
			"RFC 4180 CSV: a header row of the attribute names in sorted order, then one row per object, " +
			"each record ending in CRLF. A string is written as is, a number in decimal (`42`, `1.5`), a bool as " +
			"`true` or `false`, null as an empty field, and a list or set of strings as its items joined by `;` " +
			"(a null item as an empty item). A field is quoted when it holds `\"`, `,`, CR or LF, with `\"` doubled. " +
			"An empty list of a known object type gives the header alone; an empty tuple gives `\"\"`. " +
			"Objects whose attributes differ, a row that is not an object or is null, and an attribute " +
			"holding an object, a map or a list of non-strings are errors that name the row and the attribute: " +
			"pick the fields first with a `for` expression. " +
			"Terraform's `csvdecode` reads the result back.\n\n" +
			"Values are written exactly by default, for machine imports. A spreadsheet (Excel, LibreOffice Calc, " +
			"Google Sheets) runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and names such as a " +
			"consented application's are chosen by outside publishers: for a file people open in a spreadsheet, " +
			"pass `\"spreadsheet\"` as a second argument (`to_csv(rows, \"spreadsheet\")`). Then, as OWASP's CSV " +
			"injection guidance advises, a string field that starts with `=`, `+`, `-`, `@`, a tab or a CR gets a " +
			"leading `'` (which spreadsheets read as \"this cell is text\" and do not show), and every field is " +
			"quoted, so that a `;` inside a field cannot start a new cell where `;` separates them. Numbers and " +
			"bools are not changed (`-0.25` stays a number). The `'` is part of the value for any other reader, " +
			"`csvdecode` included.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name:                "rows",
				MarkdownDescription: "A list, set or tuple of objects that all have the same attributes.",
			},
		},
		VariadicParameter: function.StringParameter{
			Name: "options",
			MarkdownDescription: "`\"spreadsheet\"` to neutralise cells a spreadsheet would run as formulas " +
				"(see above); no option writes values exactly.",
		},
		Return: function.StringReturn{},
	}
}

func (toCSVFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var rows types.Dynamic
	var options []string
	resp.Error = req.Arguments.Get(ctx, &rows, &options)
	if resp.Error != nil {
		return
	}
	spreadsheet := false
	for _, option := range options {
		if option != spreadsheetOption {
			resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("to_csv: unknown option %q; the one option is %q "+
				"(neutralise cells a spreadsheet would run as formulas)", option, spreadsheetOption))
			return
		}
		spreadsheet = true
	}
	text, err := encodeCSV(ctx, rows.UnderlyingValue(), spreadsheet)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "to_csv: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.StringValue(text))
}

// spreadsheetOption is to_csv's option for files opened in a spreadsheet.
const spreadsheetOption = "spreadsheet"

// encodeCSV writes the rows with a header of the first row's attribute
// names. It writes fields itself rather than through encoding/csv, whose
// CRLF mode rewrites a lone CR or LF inside a field: a value must come back
// from csvdecode as it went in. With spreadsheet, text fields that a
// spreadsheet would run as a formula are neutralised (neutraliseFormula)
// and every field is quoted.
func encodeCSV(ctx context.Context, rows attr.Value, spreadsheet bool) (string, error) {
	var elements []attr.Value
	var elementType attr.Type
	switch v := rows.(type) {
	case basetypes.ListValue:
		elements, elementType = v.Elements(), v.ElementType(ctx)
	case basetypes.SetValue:
		elements, elementType = v.Elements(), v.ElementType(ctx)
	case basetypes.TupleValue:
		elements = v.Elements()
	case nil:
		return "", fmt.Errorf("rows is null; want a list of objects")
	default:
		return "", fmt.Errorf("rows is %s; want a list of objects", describeValue(v))
	}
	if rows.IsNull() {
		return "", fmt.Errorf("rows is null; want a list of objects")
	}

	var header []string
	if len(elements) == 0 {
		if objectType, ok := elementType.(basetypes.ObjectType); ok {
			header = sortedKeys(objectType.AttrTypes)
			return csvRecord(header, spreadsheet), nil
		}
		return "", nil
	}
	var out strings.Builder
	fields := make([]string, 0, 16)
	for i, element := range elements {
		value := unwrapDynamic(element)
		row, ok := value.(basetypes.ObjectValue)
		if !ok || row.IsNull() {
			what := "null"
			if value != nil && !value.IsNull() {
				what = describeValue(value)
			}
			return "", fmt.Errorf("rows[%d] is %s; every row must be an object", i, what)
		}
		attributes := row.Attributes()
		if header == nil {
			header = sortedKeys(attributes)
			out.WriteString(csvRecord(header, spreadsheet))
		} else if names := sortedKeys(attributes); !slices.Equal(names, header) {
			return "", fmt.Errorf("rows[%d] has the attributes (%s) where rows[0] has (%s); give every row the same attributes, null where a value is missing",
				i, strings.Join(names, ", "), strings.Join(header, ", "))
		}
		fields = fields[:0]
		for _, name := range header {
			field, text, err := csvField(attributes[name])
			if err != nil {
				return "", fmt.Errorf("rows[%d].%s %s", i, name, err)
			}
			if spreadsheet && text {
				field = neutraliseFormula(field)
			}
			fields = append(fields, field)
		}
		out.WriteString(csvRecord(fields, spreadsheet))
	}
	return out.String(), nil
}

// csvField is the text of one value, or an error saying why it has none;
// text is true when the field comes from strings (a string or a list of
// them), the fields whose content someone else may have chosen.
func csvField(value attr.Value) (field string, text bool, err error) {
	value = unwrapDynamic(value)
	if value == nil || value.IsNull() {
		return "", false, nil
	}
	if value.IsUnknown() {
		return "", false, fmt.Errorf("is unknown until apply")
	}
	switch v := value.(type) {
	case basetypes.StringValue:
		return v.ValueString(), true, nil
	case basetypes.BoolValue:
		if v.ValueBool() {
			return "true", false, nil
		}
		return "false", false, nil
	case basetypes.NumberValue:
		return v.ValueBigFloat().Text('f', -1), false, nil
	case basetypes.Int64Value:
		return fmt.Sprint(v.ValueInt64()), false, nil
	case basetypes.ListValue:
		field, err = joinStrings(v.Elements())
		return field, true, err
	case basetypes.SetValue:
		field, err = joinStrings(v.Elements())
		return field, true, err
	case basetypes.TupleValue:
		field, err = joinStrings(v.Elements())
		return field, true, err
	}
	return "", false, fmt.Errorf("is %s: to_csv writes strings, numbers, bools and lists of strings; pick the fields you need with a for expression first", describeValue(value))
}

// neutraliseFormula puts a ' before a field that a spreadsheet would read
// as a formula: one that starts with =, +, - or @, or with a tab or CR
// (OWASP's CSV injection list). Spreadsheets take the ' as "this cell is
// text" and do not show it.
func neutraliseFormula(field string) string {
	if field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0])) {
		return "'" + field
	}
	return field
}

func joinStrings(items []attr.Value) (string, error) {
	texts := make([]string, len(items))
	for i, item := range items {
		item = unwrapDynamic(item)
		if item == nil || item.IsNull() {
			continue
		}
		s, ok := item.(basetypes.StringValue)
		if !ok || s.IsUnknown() {
			return "", fmt.Errorf("is a list holding %s: to_csv joins lists of strings only", describeValue(item))
		}
		texts[i] = s.ValueString()
	}
	return strings.Join(texts, ";"), nil
}

// csvRecord quotes the fields that need it (RFC 4180: those holding a
// quote, a comma, CR or LF), or every field with quoteAll, and ends the
// record with CRLF.
func csvRecord(fields []string, quoteAll bool) string {
	var b strings.Builder
	for i, field := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if quoteAll || strings.ContainsAny(field, "\",\r\n") {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(field, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(field)
		}
	}
	b.WriteString("\r\n")
	return b.String()
}

func unwrapDynamic(value attr.Value) attr.Value {
	if d, ok := value.(basetypes.DynamicValue); ok {
		if d.IsNull() || d.IsUnderlyingValueNull() {
			return nil
		}
		return d.UnderlyingValue()
	}
	return value
}

// describeValue names a value's kind in Terraform's words for errors.
func describeValue(value attr.Value) string {
	switch value.(type) {
	case basetypes.StringValue:
		return "a string"
	case basetypes.NumberValue, basetypes.Int64Value, basetypes.Float64Value:
		return "a number"
	case basetypes.BoolValue:
		return "a bool"
	case basetypes.ObjectValue:
		return "an object"
	case basetypes.MapValue:
		return "a map"
	case basetypes.ListValue, basetypes.SetValue, basetypes.TupleValue:
		return "a list"
	}
	return fmt.Sprintf("a %T", value)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
