package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Large lists (100,000 users) are built as tftypes values directly: the
// framework's reflection (State.Set on []struct models) costs about 200 µs
// and 90 KB of garbage per object, which dominates a big read. The helpers
// below keep that path small and typed.

// tfStringList is a list of strings; nil is an empty list, not null.
func tfStringList(ss []string) tftypes.Value {
	values := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		values[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, values)
}

// listElementType is the element type of the list attribute name of a
// data source's schema.
func listElementType(ctx context.Context, schema tfsdk.State, name string) (tftypes.Object, error) {
	object, ok := schema.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return tftypes.Object{}, fmt.Errorf("the schema is not an object")
	}
	list, ok := object.AttributeTypes[name].(tftypes.List)
	if !ok {
		return tftypes.Object{}, fmt.Errorf("attribute %s is not a list", name)
	}
	element, ok := list.ElementType.(tftypes.Object)
	if !ok {
		return tftypes.Object{}, fmt.Errorf("the elements of %s are not objects", name)
	}
	return element, nil
}

// setStateWithList writes the data source's state: the configured
// arguments as the practitioner wrote them, plus the computed list
// attribute name built from elements.
func setStateWithList(ctx context.Context, config tfsdk.Config, state *tfsdk.State, name string, elements []tftypes.Value) diag.Diagnostics {
	objectType, ok := state.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Unexpected Schema", "The data source schema is not an object. This is a bug in the provider: please report it.")
		return diags
	}
	return setStateWith(ctx, config, state, map[string]tftypes.Value{
		name: tftypes.NewValue(objectType.AttributeTypes[name], elements),
	})
}

// timeValue formats a time as RFC 3339 in UTC, or null, for models set
// through the framework.
func timeValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}

// withRawList gives the computed list nested attribute name of s the
// rawListType (see raw_list.go), keeping its nested object.
func withRawList(s *schema.Schema, name string) {
	a, ok := s.Attributes[name].(schema.ListNestedAttribute)
	if !ok {
		panic("withRawList: " + name + " is not a list nested attribute")
	}
	a.CustomType = rawListOf(a.NestedObject)
	s.Attributes[name] = a
}

// setStateWith writes the data source's state: the configured arguments as
// the practitioner wrote them, plus the computed attributes given.
func setStateWith(ctx context.Context, config tfsdk.Config, state *tfsdk.State, computed map[string]tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	objectType, ok := state.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		diags.AddError("Unexpected Schema", "The data source schema is not an object. This is a bug in the provider: please report it.")
		return diags
	}
	configured := map[string]tftypes.Value{}
	if err := config.Raw.As(&configured); err != nil {
		diags.AddError("Unexpected Configuration", "Reading the configuration failed: "+err.Error()+". This is a bug in the provider: please report it.")
		return diags
	}
	// As hands out the configuration's own map: copy it, or the
	// configuration would change too.
	attributes := make(map[string]tftypes.Value, len(configured)+len(computed))
	for k, v := range configured {
		attributes[k] = v
	}
	for k, v := range computed {
		attributes[k] = v
	}
	state.Raw = tftypes.NewValue(objectType, attributes)
	return diags
}

// setStateWithModels is setStateWithList for a list whose elements are the
// models given (structs of types.String, types.Bool, types.Int64 and
// []string fields with tfsdk tags), converted without the framework's
// reflection (modelValues).
func setStateWithModels[T any](ctx context.Context, config tfsdk.Config, state *tfsdk.State, name string, models []T) diag.Diagnostics {
	var diags diag.Diagnostics
	element, err := listElementType(ctx, *state, name)
	if err == nil {
		var elements []tftypes.Value
		if elements, err = modelValues(element, models); err == nil {
			return setStateWithList(ctx, config, state, name, elements)
		}
	}
	diags.AddError("Unexpected Schema", err.Error()+". This is a bug in the provider: please report it.")
	return diags
}

// modelPlan is how to turn one model struct type into an object value: for
// each field, its attribute name and how to convert it.
type modelPlan struct {
	fields []modelField
}

type modelField struct {
	index int
	name  string
	value func(f reflect.Value) (tftypes.Value, error) // f is the field
}

var modelPlans sync.Map // reflect.Type -> *modelPlan

var attrValueType = reflect.TypeFor[attr.Value]()

// modelValues converts models into object values of type t. The plan for
// the struct type is made once; each field is then read through a pointer,
// which costs a few nanoseconds where the framework's reflection costs
// microseconds and kilobytes per object.
func modelValues[T any](t tftypes.Object, models []T) ([]tftypes.Value, error) {
	typ := reflect.TypeFor[T]()
	plan, err := planFor(typ, t)
	if err != nil {
		return nil, err
	}
	out := make([]tftypes.Value, len(models))
	for i := range models {
		v := reflect.ValueOf(&models[i]).Elem()
		attrs := make(map[string]tftypes.Value, len(plan.fields))
		for _, f := range plan.fields {
			if attrs[f.name], err = f.value(v.Field(f.index)); err != nil {
				return nil, fmt.Errorf("%s: %w", f.name, err)
			}
		}
		out[i] = tftypes.NewValue(t, attrs)
	}
	return out, nil
}

func planFor(typ reflect.Type, t tftypes.Object) (*modelPlan, error) {
	if cached, ok := modelPlans.Load(typ); ok {
		if plan, ok := cached.(*modelPlan); ok {
			return plan, nil
		}
	}
	if typ.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model %s is not a struct", typ)
	}
	plan := &modelPlan{}
	for i := range typ.NumField() {
		field := typ.Field(i)
		name := field.Tag.Get("tfsdk")
		if name == "" || name == "-" {
			continue
		}
		if _, ok := t.AttributeTypes[name]; !ok {
			return nil, fmt.Errorf("model %s: the schema has no attribute %s", typ, name)
		}
		f := modelField{index: i, name: name}
		switch {
		case field.Type.Implements(attrValueType):
			// types.String, types.Bool, types.Int64: each knows its own
			// Terraform value, null included.
			f.value = func(v reflect.Value) (tftypes.Value, error) {
				value, _ := v.Interface().(attr.Value)
				return value.ToTerraformValue(context.Background())
			}
		case field.Type == reflect.TypeFor[[]string]():
			// The framework's reflection makes a nil slice a null list.
			f.value = func(v reflect.Value) (tftypes.Value, error) {
				ss, _ := v.Interface().([]string)
				if ss == nil {
					return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil), nil
				}
				return tfStringList(ss), nil
			}
		default:
			return nil, fmt.Errorf("model %s: field %s has type %s, which modelValues does not convert", typ, field.Name, field.Type)
		}
		plan.fields = append(plan.fields, f)
	}
	if len(plan.fields) != len(t.AttributeTypes) {
		return nil, fmt.Errorf("model %s has %d attributes, the schema %d", typ, len(plan.fields), len(t.AttributeTypes))
	}
	modelPlans.Store(typ, plan)
	return plan, nil
}
