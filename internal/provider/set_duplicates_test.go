package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// No list data source has a computed set today; this model has every set
// shape the encoder writes, so a set added later is written, and refused,
// as the framework does.
type setElementModel struct {
	Name types.String `tfsdk:"name"`
	Tags []string     `tfsdk:"tags"`
}

type setShapesModel struct {
	Names []string          `tfsdk:"names"`
	Items []setElementModel `tfsdk:"items"`
	Rows  []setElementModel `tfsdk:"rows"`
	Arg   types.Set         `tfsdk:"arg"`
}

func setShapesSchema() schema.Schema {
	element := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Computed: true},
		"tags": schema.SetAttribute{Computed: true, ElementType: types.StringType},
	}}
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"names": schema.SetAttribute{Computed: true, ElementType: types.StringType},
		"items": schema.SetNestedAttribute{Computed: true, NestedObject: element},
		"rows":  schema.ListNestedAttribute{Computed: true, NestedObject: element},
		"arg":   schema.SetAttribute{Optional: true, ElementType: types.StringType},
	}}
}

// TestEncodeStateRefusesDuplicateSetElements writes set attributes with and
// without a repeated element through encodeState and State.Set: without,
// the states are equal; with, both refuse with the same diagnostics
// ("Duplicate Set Element", one per equal pair, on the set's path). An
// element not fully known is never a duplicate, as in the framework.
func TestEncodeStateRefusesDuplicateSetElements(t *testing.T) {
	ctx := context.Background()
	s := setShapesSchema()
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema's type is not an object")
	}
	arg := func(items ...string) types.Set {
		v, _ := types.SetValueFrom(ctx, types.StringType, items)
		return v
	}
	element := func(name string, tags ...string) setElementModel {
		return setElementModel{Name: types.StringValue(name), Tags: tags}
	}
	for _, tc := range []struct {
		name      string
		model     setShapesModel
		wantPaths []string // of the refusal's diagnostics; none: the state is written
	}{
		{"no repeats", setShapesModel{Names: []string{"b", "a"}, Items: []setElementModel{element("x", "t"), element("y", "t")},
			Rows: []setElementModel{element("x", "t", "u"), element("x", "t", "u")}, Arg: arg("a", "b")}, nil},
		{"strings repeated", setShapesModel{Names: []string{"b", "a", "b"}, Arg: types.SetNull(types.StringType)}, []string{"AttributeName(\"names\")"}},
		// Three equal pairs, one diagnostic (equal diagnostics are kept once);
		// two values repeated, one each.
		{"a string three times", setShapesModel{Names: []string{"a", "a", "a"}, Arg: types.SetNull(types.StringType)},
			[]string{"AttributeName(\"names\")"}},
		{"two strings repeated", setShapesModel{Names: []string{"b", "a", "a", "b"}, Arg: types.SetNull(types.StringType)},
			[]string{"AttributeName(\"names\")", "AttributeName(\"names\")"}},
		{"objects repeated", setShapesModel{Items: []setElementModel{element("x", "t"), element("y"), element("x", "t")}, Arg: types.SetNull(types.StringType)},
			[]string{"AttributeName(\"items\")"}},
		{"objects alike but unknown", setShapesModel{Items: []setElementModel{{Name: types.StringUnknown()}, {Name: types.StringUnknown()}},
			Arg: types.SetNull(types.StringType)}, nil},
		{"a set in a list element", setShapesModel{Rows: []setElementModel{element("x", "t"), element("y", "u", "u")}, Arg: types.SetNull(types.StringType)},
			[]string{"AttributeName(\"rows\").ElementKeyInt(1).AttributeName(\"tags\")"}},
		{"an argument repeated", setShapesModel{Arg: types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("a")})},
			[]string{"AttributeName(\"arg\")"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			state := tfsdk.State{Schema: s}
			diags := state.Set(ctx, &tc.model)
			b, err := encodeState(ctx, typ, &tc.model)
			if len(tc.wantPaths) == 0 {
				if diags.HasError() || err != nil {
					t.Fatalf("refused: %v / %v", diags, err)
				}
				got, err := (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(typ)
				if err != nil || !got.Equal(state.Raw) {
					t.Errorf("encodeState %v (%v), State.Set %v", got, err, state.Raw)
				}
				return
			}
			want := protocolDiagnostics(ctx, diags)
			// The wire read answers with the same diagnostics.
			if b, refused := stateMsgPack(ctx, "test_sets", typ, &tc.model); b != nil || diagnosticsText(refused) != diagnosticsText(want) {
				t.Errorf("the wire read's state %x, diagnostics:\n%s\nwant:\n%s", b, diagnosticsText(refused), diagnosticsText(want))
			}
			if len(want) != len(tc.wantPaths) {
				t.Fatalf("the framework gave %d diagnostics, the test expects %d: %s", len(want), len(tc.wantPaths), diagnosticsText(want))
			}
			for i, d := range want {
				if d.Attribute.String() != tc.wantPaths[i] {
					t.Errorf("the framework's diagnostic %d is on %s, the test expects %s", i, d.Attribute, tc.wantPaths[i])
				}
			}
			assertSameRefusal(t, want, err)
		})
	}
}

// assertSameRefusal holds encodeState's error to the framework's refusal:
// the same diagnostics, summary, detail and attribute path.
func assertSameRefusal(t *testing.T, want []*tfprotov6.Diagnostic, err error) {
	t.Helper()
	var dup *duplicateSetElementError
	if !errors.As(err, &dup) {
		t.Fatalf("encodeState: %v; the framework refused the state:\n%s", err, diagnosticsText(want))
	}
	got := dup.diagnostics()
	if len(got) != len(want) {
		t.Fatalf("encodeState gave %d diagnostics, the framework %d:\n%s\n---\n%s", len(got), len(want), diagnosticsText(got), diagnosticsText(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
			t.Errorf("diagnostic %d: encodeState %s %q %q at %s; the framework %s %q %q at %s",
				i, g.Severity, g.Summary, g.Detail, g.Attribute, w.Severity, w.Summary, w.Detail, w.Attribute)
		}
	}
}
