package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestModelValuesMatchTheFramework checks, for every data source whose list
// Read builds with modelValues, that the list is exactly what the
// framework's reflection makes of the same models: every field set, every
// field null, and every field empty ("", false, 0, an empty list).
func TestModelValuesMatchTheFramework(t *testing.T) {
	t.Run("service_principals", func(t *testing.T) {
		checkModelValues[servicePrincipalModel](t, &servicePrincipalsDataSource{}, "service_principals")
	})
	t.Run("app_role_assignments", func(t *testing.T) {
		checkModelValues[appRoleAssignmentModel](t, &appRoleAssignmentsDataSource{}, "assignments")
	})
	t.Run("group_members", func(t *testing.T) {
		checkModelValues[memberModel](t, &groupMembersDataSource{}, "members")
	})
	t.Run("application_roster", func(t *testing.T) {
		checkModelValues[rosterEntryModel](t, &applicationRosterDataSource{}, "entries")
	})
	t.Run("sign_ins", func(t *testing.T) {
		checkModelValues[signInModel](t, &signInsDataSource{}, "sign_ins")
	})
	t.Run("application_access", func(t *testing.T) {
		checkModelValues[accessModel](t, &applicationAccessDataSource{}, "access")
	})
	t.Run("users", func(t *testing.T) {
		checkModelValues[userModel](t, &usersDataSource{}, "users")
	})
}

func checkModelValues[T any](t *testing.T, ds datasource.DataSource, name string) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	attr, ok := sresp.Schema.Attributes[name].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("%s is not a list nested attribute", name)
	}
	if _, ok := attr.CustomType.(rawListType); !ok {
		t.Errorf("%s is not a rawListType: the framework would convert the whole list after Read", name)
	}
	element, err := listElementType(ctx, tfsdk.State{Schema: sresp.Schema}, name)
	if err != nil {
		t.Fatal(err)
	}
	models := []T{sampleModel[T](1), sampleModel[T](0), sampleModel[T](2)}

	values, err := modelValues(element, models)
	if err != nil {
		t.Fatal(err)
	}
	lean := tftypes.NewValue(tftypes.List{ElementType: element}, values)

	reflected, diags := types.ListValueFrom(ctx, attr.NestedObject.Type(), models)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want, err := reflected.ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !lean.Equal(want) {
		diffs, _ := lean.Diff(want)
		t.Fatalf("modelValues differs from the framework's reflection: %v", diffs)
	}
}

// sampleModel fills every field of a model: kind 0 leaves them null (the
// zero value), 1 sets them, 2 sets them empty.
func sampleModel[T any](kind int) T {
	var m T
	v := reflect.ValueOf(&m).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		switch f.Interface().(type) {
		case types.String:
			switch kind {
			case 1:
				f.Set(reflect.ValueOf(types.StringValue("value of " + name)))
			case 2:
				f.Set(reflect.ValueOf(types.StringValue("")))
			}
		case types.Bool:
			switch kind {
			case 1:
				f.Set(reflect.ValueOf(types.BoolValue(true)))
			case 2:
				f.Set(reflect.ValueOf(types.BoolValue(false)))
			}
		case types.Int64:
			switch kind {
			case 1:
				f.Set(reflect.ValueOf(types.Int64Value(-9007199254740993)))
			case 2:
				f.Set(reflect.ValueOf(types.Int64Value(0)))
			}
		case []string:
			switch kind {
			case 1:
				f.Set(reflect.ValueOf([]string{"b", "a"}))
			case 2:
				f.Set(reflect.ValueOf([]string{}))
			}
		}
	}
	return m
}

// BenchmarkRosterEntriesState builds the state of 20,000 roster entries
// with modelValues and, for comparison, with the framework's reflection
// (State.Set), the way Read did before.
//
//	go test ./internal/provider -run '^$' -bench RosterEntriesState -benchmem
func BenchmarkRosterEntriesState(b *testing.B) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	(&applicationRosterDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	element, err := listElementType(ctx, tfsdk.State{Schema: sresp.Schema}, "entries")
	if err != nil {
		b.Fatal(err)
	}
	entries := make([]rosterEntryModel, 20_000)
	for i := range entries {
		entries[i] = sampleModel[rosterEntryModel](1 + i%2)
	}
	attr, _ := sresp.Schema.Attributes["entries"].(schema.ListNestedAttribute)
	b.Run("modelValues", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := modelValues(element, entries); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reflection", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			list, diags := types.ListValueFrom(ctx, attr.NestedObject.Type(), entries)
			if diags.HasError() {
				b.Fatal(diags)
			}
			if _, err := list.ToTerraformValue(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
