package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Large lists (100,000 users) are built as tftypes values directly: the
// framework's reflection (State.Set on []struct models) costs about 200 µs
// and 90 KB of garbage per object, which dominates a big read. The helpers
// below keep that path small and typed.

func tfString(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

func tfKnownString(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func tfBool(b *bool) tftypes.Value {
	if b == nil {
		return tftypes.NewValue(tftypes.Bool, nil)
	}
	return tftypes.NewValue(tftypes.Bool, *b)
}

// tfTime is a time as RFC 3339 in UTC, or null.
func tfTime(t *time.Time) tftypes.Value {
	if t == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, t.UTC().Format(time.RFC3339Nano))
}

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
	attributes := make(map[string]tftypes.Value, len(configured)+1)
	for k, v := range configured {
		attributes[k] = v
	}
	attributes[name] = tftypes.NewValue(objectType.AttributeTypes[name], elements)
	state.Raw = tftypes.NewValue(objectType, attributes)
	return diags
}

// timeValue formats a time as RFC 3339 in UTC, or null, for models set
// through the framework.
func timeValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}
