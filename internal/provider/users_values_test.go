package provider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// TestUserValuesMatchTheSchemaModel checks that the directly built users
// list is exactly what the framework's reflection makes of userModel, for
// users with every property set, every property null, and empty strings.
func TestUserValuesMatchTheSchemaModel(t *testing.T) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	(&usersDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	hired := time.Date(2021, 6, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600))
	people := []inventory.Person{
		{ID: "all", UserPrincipalName: ptr("a@x.example"), Email: ptr("a@x.example"), EmailAliases: []string{"b@x.example", "c@x.example"},
			FirstName: ptr("A"), LastName: ptr("B"), DisplayName: ptr("A B"), ActiveDate: &hired, CreatedDateTime: &hired,
			Department: ptr("D"), JobTitle: ptr("J"), EmployeeID: ptr("1"), Location: ptr("L"), UserType: ptr("Member"), AccountEnabled: ptr(false)},
		{ID: "none", EmailAliases: []string{}},
		{ID: "empty", UserPrincipalName: ptr(""), FirstName: ptr(""), EmailAliases: []string{}},
	}

	config := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"domain_names":   tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "x.example")}),
		"include_guests": tftypes.NewValue(tftypes.Bool, nil),
		"users":          tftypes.NewValue(tftypes.List{ElementType: mustElementType(t, sresp)}, nil),
	})}

	lean := tfsdk.State{Schema: sresp.Schema}
	element := mustElementType(t, sresp)
	var values []tftypes.Value
	for _, p := range people {
		values = append(values, userValue(element, p))
	}
	if diags := setStateWithList(ctx, config, &lean, "users", values); diags.HasError() {
		t.Fatal(diags)
	}

	reflected := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
	var users []userModel
	for _, p := range people {
		users = append(users, userModelFrom(p))
	}
	model := struct {
		DomainNames   types.Set   `tfsdk:"domain_names"`
		IncludeGuests types.Bool  `tfsdk:"include_guests"`
		Users         []userModel `tfsdk:"users"`
	}{types.SetValueMust(types.StringType, []attr.Value{types.StringValue("x.example")}), types.BoolNull(), users}
	if diags := reflected.Set(ctx, model); diags.HasError() {
		t.Fatal(diags)
	}
	if !lean.Raw.Equal(reflected.Raw) {
		diffs, _ := lean.Raw.Diff(reflected.Raw)
		t.Fatalf("the lean users value differs from the model's: %v", diffs)
	}
}

func mustElementType(t *testing.T, sresp datasource.SchemaResponse) tftypes.Object {
	t.Helper()
	element, err := listElementType(context.Background(), tfsdk.State{Schema: sresp.Schema}, "users")
	if err != nil {
		t.Fatal(err)
	}
	return element
}

// BenchmarkUsersState measures building the state of 10,000 users.
func BenchmarkUsersState(b *testing.B) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	(&usersDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	element, _ := listElementType(ctx, tfsdk.State{Schema: sresp.Schema}, "users")
	now := time.Now()
	people := make([]inventory.Person, 10_000)
	for i := range people {
		upn := fmt.Sprintf("user%06d@contoso.example", i)
		people[i] = inventory.Person{ID: fmt.Sprint(i), UserPrincipalName: &upn, Email: &upn, EmailAliases: []string{},
			ActiveDate: &now, UserType: ptr("Member"), AccountEnabled: ptr(true)}
	}
	config := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"domain_names":   tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
		"include_guests": tftypes.NewValue(tftypes.Bool, nil),
		"users":          tftypes.NewValue(tftypes.List{ElementType: element}, nil),
	})}
	b.ReportAllocs()
	for b.Loop() {
		values := make([]tftypes.Value, len(people))
		for i, p := range people {
			values[i] = userValue(element, p)
		}
		state := tfsdk.State{Schema: sresp.Schema}
		if diags := setStateWithList(ctx, config, &state, "users", values); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// userModelFrom is the reference conversion through the framework's reflection.
func userModelFrom(p inventory.Person) userModel {
	return userModel{
		ID:                types.StringValue(p.ID),
		UserPrincipalName: types.StringPointerValue(p.UserPrincipalName),
		Email:             types.StringPointerValue(p.Email),
		EmailAliases:      p.EmailAliases,
		FirstName:         types.StringPointerValue(p.FirstName),
		LastName:          types.StringPointerValue(p.LastName),
		DisplayName:       types.StringPointerValue(p.DisplayName),
		ActiveDate:        timeValue(p.ActiveDate),
		CreatedDateTime:   timeValue(p.CreatedDateTime),
		Department:        types.StringPointerValue(p.Department),
		JobTitle:          types.StringPointerValue(p.JobTitle),
		EmployeeID:        types.StringPointerValue(p.EmployeeID),
		Location:          types.StringPointerValue(p.Location),
		UserType:          types.StringPointerValue(p.UserType),
		AccountEnabled:    types.BoolPointerValue(p.AccountEnabled),
	}
}
