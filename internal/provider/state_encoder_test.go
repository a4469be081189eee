package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// stateModels is the state model of each data source the protocol server
// reads on the wire: a new list data source joins with one row.
var stateModels = map[string]any{
	"azuresaas_users":                &usersModel{},
	"azuresaas_service_principals":   &servicePrincipalsModel{},
	"azuresaas_app_role_assignments": &appRoleAssignmentsModel{},
	"azuresaas_group_members":        &groupMembersModel{},
	"azuresaas_application_roster":   &applicationRosterModel{},
	"azuresaas_sign_ins":             &signInsModel{},
	"azuresaas_application_access":   &applicationAccessModel{},

	"azuresaas_license_assignments":      &licenseAssignmentsModel{},
	"azuresaas_license_usage":            &licenseUsageModel{},
	"azuresaas_oauth2_permission_grants": &oauth2PermissionGrantsModel{},
	"azuresaas_consented_applications":   &consentedApplicationsModel{},

	"azuresaas_user_registration_details": &userRegistrationDetailsModel{},
	"azuresaas_groups":                    &groupsModel{},
	"azuresaas_application_usage":         &applicationUsageModel{},
	"azuresaas_m365_active_users":         &m365ActiveUsersModel{},

	"azuresaas_directory_role_assignments": &directoryRoleAssignmentsModel{},
	"azuresaas_applications":               &applicationsModel{},
}

// TestEncodeStateMatchesTheFramework writes state models with encodeState
// and with the framework's State.Set, and holds the two equal: arguments
// null, unknown, set, and set with a repeated element in each set (which
// both refuse with the same diagnostics), as config.Get decodes them;
// computed lists null, empty, and holding elements whose every field is
// set, null, empty ("", false, 0, an empty list) or unknown.
func TestEncodeStateMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	readers, err := newProtocolServer(&azuresaasProvider{}).listDataSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(readers) < len(stateModels) {
		t.Errorf("%d data sources are read on the wire, %d have a state model here", len(readers), len(stateModels))
	}
	for typeName, reader := range readers {
		zero, ok := stateModels[typeName]
		if !ok {
			t.Errorf("%s is read on the wire: add its state model to stateModels", typeName)
			continue
		}
		// The framework stops at the first set it refuses, in no fixed
		// order of attributes: one set at a time holds a repeat.
		modes := []string{"null", "unknown", "set"}
		for _, name := range sortedKeys(reader.typ.AttributeTypes) {
			if _, isSet := reader.typ.AttributeTypes[name].(tftypes.Set); isSet {
				modes = append(modes, "duplicate "+name)
			}
		}
		for _, arguments := range modes {
			for kind := range 3 {
				t.Run(fmt.Sprintf("%s/arguments %s/list kind %d", typeName, arguments, kind), func(t *testing.T) {
					model := reflect.New(reflect.TypeOf(zero).Elem())
					s, ok := reader.schema.Schema.(schema.Schema)
					if !ok {
						t.Fatalf("the schema is %T", reader.schema.Schema)
					}
					configMode, repeated := arguments, ""
					if name, ok := strings.CutPrefix(arguments, "duplicate "); ok {
						configMode, repeated = "set", name
					}
					config := tfsdk.Config{Schema: s, Raw: sampleConfig(t, s, reader.typ, configMode)}
					if diags := config.Get(ctx, model.Interface()); diags.HasError() {
						t.Fatal(diags)
					}
					fillLists(model.Elem(), kind)
					if repeated != "" {
						// Terraform never sends a set with a repeat (config.Get
						// refuses one); a model's set can still get one, from
						// a read or a default.
						repeatSetElements(ctx, t, model.Elem(), reader.typ, repeated)
					}

					state := tfsdk.State{Schema: reader.schema.Schema}
					diags := state.Set(ctx, model.Interface())
					b, err := encodeState(ctx, reader.typ, model.Interface())
					if diags.HasError() || err != nil {
						assertSameRefusal(t, protocolDiagnostics(ctx, diags), err)
						return
					}
					if cap(b) != len(b) {
						t.Errorf("the buffer holds %d bytes of %d: it was not sized exactly", len(b), cap(b))
					}
					got, err := (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(reader.typ)
					if err != nil {
						t.Fatal(err)
					}
					if !got.Equal(state.Raw) {
						diffs, _ := got.Diff(state.Raw)
						for _, d := range diffs {
							t.Errorf("at %s: encodeState %v, State.Set %v", d.Path, d.Value1, d.Value2)
						}
					}
				})
			}
		}
	}
}

// repeatSetElements appends a copy of the first element to the model's
// attribute named only when it is a set (a types.Set, a []string or a slice
// of element structs) with an element; "" repeats every set, as the
// elements of a list of objects do.
func repeatSetElements(ctx context.Context, t *testing.T, v reflect.Value, typ tftypes.Object, only string) {
	t.Helper()
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Tag.Get("tfsdk")
		at, ok := typ.AttributeTypes[name]
		if !ok || only != "" && name != only {
			continue
		}
		var elementType tftypes.Type
		set, isSet := at.(tftypes.Set)
		switch ct := at.(type) {
		case tftypes.Set:
			elementType = ct.ElementType
		case tftypes.List:
			elementType = ct.ElementType
		}
		switch {
		case f.Type() == reflect.TypeFor[types.Set]():
			s, _ := f.Interface().(types.Set)
			if isSet && !s.IsNull() && !s.IsUnknown() && len(s.Elements()) > 0 {
				repeated, diags := types.SetValue(s.ElementType(ctx), append(s.Elements(), s.Elements()[0]))
				if diags.HasError() {
					t.Fatal(diags)
				}
				f.Set(reflect.ValueOf(repeated))
			}
		case f.Kind() == reflect.Slice && f.Len() > 0:
			if object, ok := elementType.(tftypes.Object); ok {
				for j := range f.Len() {
					repeatSetElements(ctx, t, f.Index(j), object, "")
				}
			}
			if isSet && set.ElementType != nil {
				f.Set(reflect.Append(f, f.Index(0)))
			}
		}
	}
}

// sampleConfig is a configuration of the schema: every argument null,
// unknown, or set to a sample value; computed-only attributes are null, as
// Terraform sends them.
func sampleConfig(t *testing.T, s schema.Schema, typ tftypes.Object, mode string) tftypes.Value {
	t.Helper()
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if _, block := s.Blocks[name]; block { // timeouts: absent is null; a block is never unknown as a whole
			values[name] = tftypes.NewValue(at, nil)
			if mode == "set" {
				values[name] = sampleValue(t, at)
			}
			continue
		}
		a := s.Attributes[name]
		switch {
		case !a.IsOptional() && !a.IsRequired(), mode == "null":
			values[name] = tftypes.NewValue(at, nil)
		case mode == "unknown":
			values[name] = tftypes.NewValue(at, tftypes.UnknownValue)
		default:
			values[name] = sampleValue(t, at)
		}
	}
	return tftypes.NewValue(typ, values)
}

func sampleValue(t *testing.T, typ tftypes.Type) tftypes.Value {
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, "sample")
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, true)
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, big.NewFloat(7))
	case typ.Is(tftypes.Set{ElementType: tftypes.String}), typ.Is(tftypes.List{ElementType: tftypes.String}):
		return tftypes.NewValue(typ, []tftypes.Value{tftypes.NewValue(tftypes.String, "b"), tftypes.NewValue(tftypes.String, "a")})
	case typ.Is(tftypes.Object{}):
		object, _ := typ.(tftypes.Object)
		attributes := map[string]tftypes.Value{}
		for name, at := range object.AttributeTypes {
			attributes[name] = sampleValue(t, at)
		}
		return tftypes.NewValue(typ, attributes)
	}
	t.Fatalf("no sample value of %s: add one", typ)
	return tftypes.Value{}
}

// fillLists sets the computed lists of a state model: kind 0 leaves them
// nil (null), 1 fills them, 2 makes them empty.
func fillLists(v reflect.Value, kind int) {
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Type() == stringsSliceType:
			switch kind {
			case 1:
				f.Set(reflect.ValueOf([]string{"b", "a"}))
			case 2:
				f.Set(reflect.ValueOf([]string{}))
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			switch kind {
			case 1:
				elements := reflect.MakeSlice(f.Type(), 4, 4)
				for j := range 4 {
					fillElement(elements.Index(j), j)
				}
				f.Set(elements)
			case 2:
				f.Set(reflect.MakeSlice(f.Type(), 0, 0))
			}
		}
	}
}

// fillElement sets every field of an element: kind 0 leaves them null, 1
// sets them, 2 sets them empty, 3 unknown.
func fillElement(v reflect.Value, kind int) {
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		switch f.Type() {
		case stringType:
			f.Set(reflect.ValueOf([]types.String{types.StringNull(), types.StringValue("value of " + name + " ü " + strings.Repeat("x", 40)),
				types.StringValue(""), types.StringUnknown()}[kind]))
		case boolType:
			f.Set(reflect.ValueOf([]types.Bool{types.BoolNull(), types.BoolValue(true), types.BoolValue(false), types.BoolUnknown()}[kind]))
		case int64Type:
			f.Set(reflect.ValueOf([]types.Int64{types.Int64Null(), types.Int64Value(-9007199254740993), types.Int64Value(0), types.Int64Unknown()}[kind]))
		case stringsSliceType:
			f.Set(reflect.ValueOf([][]string{nil, {"b", "a"}, {}, nil}[kind]))
		default:
			if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct && kind == 1 {
				elements := reflect.MakeSlice(f.Type(), 2, 2)
				fillElement(elements.Index(0), 1)
				f.Set(elements)
			}
		}
	}
}

// TestMsgpackBufferForms writes every length and number form the encoder
// chooses between and reads them back with vmihailenco/msgpack, which
// tftypes and Terraform decode with.
func TestMsgpackBufferForms(t *testing.T) {
	for _, n := range []int64{0, 1, 127, 128, 255, 256, 65535, 65536, math.MaxUint32, math.MaxUint32 + 1, math.MaxInt64,
		-1, -32, -33, -128, -129, -32768, -32769, math.MinInt32, math.MinInt32 - 1, math.MinInt64} {
		var w msgpackBuffer
		w.int(n)
		got, err := msgpack.NewDecoder(strings.NewReader(string(w.buf))).DecodeInt64()
		if err != nil || got != n {
			t.Errorf("int %d: read back %d, %v", n, got, err)
		}
	}
	for _, n := range []int{0, 31, 32, 255, 256, 65535, 65536} {
		s := strings.Repeat("é", n/2) + strings.Repeat("x", n%2)
		var w msgpackBuffer
		w.string(s)
		w.arrayLen(n)
		w.mapLen(n)
		dec := msgpack.NewDecoder(strings.NewReader(string(w.buf)))
		got, err := dec.DecodeString()
		if err != nil || got != s {
			t.Errorf("string of %d bytes: read back %d bytes, %v", len(s), len(got), err)
		}
		if l, err := dec.DecodeArrayLen(); err != nil || l != n {
			t.Errorf("array of %d: read back %d, %v", n, l, err)
		}
		if l, err := dec.DecodeMapLen(); err != nil || l != n {
			t.Errorf("map of %d: read back %d, %v", n, l, err)
		}
	}
}
