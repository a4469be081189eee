package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// rawListType is the type of the large computed lists (users, entries,
// sign-ins). After Read, the framework turns every attribute of the new
// state into attr.Values to check semantic equality against the
// configuration; for a computed list the configuration is null, so the check
// ends at once, but the conversion has already built one attr.Value per
// element and attribute: seconds and gigabytes for 100,000 users. A
// rawListValue keeps the tftypes.Value it was made from and converts only
// when asked to (ToListValue).
type rawListType struct {
	basetypes.ListType
}

var (
	_ basetypes.ListTypable  = rawListType{}
	_ basetypes.ListValuable = rawListValue{}
)

// rawListOf is a rawListType whose elements are the nested object's.
func rawListOf(nested schema.NestedAttributeObject) rawListType {
	return rawListType{basetypes.ListType{ElemType: nested.Type()}}
}

func (t rawListType) Equal(o attr.Type) bool {
	other, ok := o.(rawListType)
	return ok && t.ListType.Equal(other.ListType)
}

func (t rawListType) String() string { return "rawListType[" + t.ElemType.String() + "]" }

func (t rawListType) ValueType(context.Context) attr.Value { return rawListValue{listType: t} }

func (t rawListType) ValueFromTerraform(_ context.Context, v tftypes.Value) (attr.Value, error) {
	if !v.Type().Is(tftypes.List{}) {
		return nil, fmt.Errorf("expected a list, got %s", v.Type())
	}
	return rawListValue{listType: t, raw: v}, nil
}

func (t rawListType) ValueFromList(ctx context.Context, l basetypes.ListValue) (basetypes.ListValuable, diag.Diagnostics) {
	var diags diag.Diagnostics
	raw, err := l.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("List Conversion Error", err.Error())
		return nil, diags
	}
	return rawListValue{listType: t, raw: raw}, diags
}

// rawListValue is a list value held as the tftypes.Value it came from.
type rawListValue struct {
	listType rawListType
	raw      tftypes.Value
}

func (v rawListValue) Type(context.Context) attr.Type { return v.listType }

func (v rawListValue) ToTerraformValue(ctx context.Context) (tftypes.Value, error) {
	if v.raw.Type() == nil {
		return tftypes.NewValue(v.listType.TerraformType(ctx), nil), nil
	}
	return v.raw, nil
}

func (v rawListValue) Equal(o attr.Value) bool {
	other, ok := o.(rawListValue)
	if !ok || !v.listType.Equal(other.listType) {
		return false
	}
	return sameElements(v.raw, other.raw) || v.raw.Equal(other.raw)
}

// sameElements reports whether two list values hold the very same element
// slice. After Read the framework compares the new state's list with itself
// (semantic equality, then "did anything change"); a deep tftypes Equal of
// 100,000 objects walks every attribute by path and took over a second.
// tftypes keeps the elements unexported, so this reads them by reflection;
// when it cannot tell, it says no and Equal compares deeply.
func sameElements(a, b tftypes.Value) bool {
	if a.Type() == nil || b.Type() == nil || !a.Type().Equal(b.Type()) || !a.IsKnown() || !b.IsKnown() || a.IsNull() || b.IsNull() {
		return false
	}
	ea, eb := reflect.ValueOf(a).FieldByName("value"), reflect.ValueOf(b).FieldByName("value")
	if !ea.IsValid() || !eb.IsValid() || ea.Kind() != reflect.Interface || eb.Kind() != reflect.Interface {
		return false
	}
	ea, eb = ea.Elem(), eb.Elem()
	if ea.Kind() != reflect.Slice || eb.Kind() != reflect.Slice || ea.Len() != eb.Len() {
		return false
	}
	return ea.Len() == 0 || ea.Pointer() == eb.Pointer()
}

func (v rawListValue) IsNull() bool { return v.raw.Type() == nil || v.raw.IsNull() }

func (v rawListValue) IsUnknown() bool { return v.raw.Type() != nil && !v.raw.IsKnown() }

func (v rawListValue) String() string {
	if v.IsNull() {
		return "<null>"
	}
	return "<list>"
}

// ToListValue converts the whole list; only code that needs the elements as
// attr.Values (none of ours) pays for it.
func (v rawListValue) ToListValue(ctx context.Context) (basetypes.ListValue, diag.Diagnostics) {
	var diags diag.Diagnostics
	raw, err := v.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("List Conversion Error", err.Error())
		return basetypes.ListValue{}, diags
	}
	value, err := v.listType.ListType.ValueFromTerraform(ctx, raw)
	if err != nil {
		diags.AddError("List Conversion Error", err.Error())
		return basetypes.ListValue{}, diags
	}
	list, ok := value.(basetypes.ListValue)
	if !ok {
		diags.AddError("List Conversion Error", fmt.Sprintf("unexpected %T", value))
	}
	return list, diags
}
