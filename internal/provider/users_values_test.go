package provider

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
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
		"domain_names":    tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "x.example")}),
		"include_guests":  tftypes.NewValue(tftypes.Bool, nil),
		"guests_only":     tftypes.NewValue(tftypes.Bool, nil),
		"account_enabled": tftypes.NewValue(tftypes.Bool, nil),
		"users":           tftypes.NewValue(tftypes.List{ElementType: mustElementType(t, sresp)}, nil),
	})}

	lean := tfsdk.State{Schema: sresp.Schema}
	models := make([]userModel, len(people))
	for i, p := range people {
		models[i] = userModelFrom(p)
	}
	if diags := setStateWithModels(ctx, config, &lean, "users", models); diags.HasError() {
		t.Fatal(diags)
	}

	reflected := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
	var users []userModel
	for _, p := range people {
		users = append(users, userModelFrom(p))
	}
	model := struct {
		DomainNames    types.Set   `tfsdk:"domain_names"`
		IncludeGuests  types.Bool  `tfsdk:"include_guests"`
		GuestsOnly     types.Bool  `tfsdk:"guests_only"`
		AccountEnabled types.Bool  `tfsdk:"account_enabled"`
		Users          []userModel `tfsdk:"users"`
	}{types.SetValueMust(types.StringType, []attr.Value{types.StringValue("x.example")}), types.BoolNull(), types.BoolNull(), types.BoolNull(), users}
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
		"domain_names":    tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
		"include_guests":  tftypes.NewValue(tftypes.Bool, nil),
		"guests_only":     tftypes.NewValue(tftypes.Bool, nil),
		"account_enabled": tftypes.NewValue(tftypes.Bool, nil),
		"users":           tftypes.NewValue(tftypes.List{ElementType: element}, nil),
	})}
	b.ReportAllocs()
	for b.Loop() {
		models := make([]userModel, len(people))
		for i, p := range people {
			models[i] = userModelFrom(p)
		}
		state := tfsdk.State{Schema: sresp.Schema}
		if diags := setStateWithModels(ctx, config, &state, "users", models); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkUsersReadDataSource reads 100,000 users through the provider's
// protocol server (ReadDataSource, as terraform calls it, with the state
// returned as msgpack) from a fake Graph without latency: the provider's own
// cost of a big read, end to end in-process.
//
//	go test ./internal/provider -run '^$' -bench UsersReadDataSource -benchtime 1x -benchmem
func BenchmarkUsersReadDataSource(b *testing.B) {
	ctx := context.Background()
	tenant := fakegraph.GenerateTenant(1, 100_000)
	server := fakegraph.Start(tenant)
	defer server.Close()
	b.Setenv("ARM_TENANT_ID", tenant.ID)
	b.Setenv("ARM_CLIENT_ID", fakegraph.DemoClientID)
	b.Setenv("ARM_CLIENT_SECRET", fakegraph.DemoClientSecret)
	ps, err := serveForTests(New("bench"))()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	providerType, _ := schemas.Provider.ValueType().(tftypes.Object)
	usersType, _ := schemas.DataSourceSchemas["azuresaas_users"].ValueType().(tftypes.Object)
	dynamic := func(typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
		attrs := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			attrs[name] = tftypes.NewValue(at, nil)
			if v, ok := set[name]; ok {
				attrs[name] = v
			}
		}
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
		if err != nil {
			b.Fatal(err)
		}
		return &dv
	}
	configure, err := ps.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.0",
		Config: dynamic(providerType, map[string]tftypes.Value{
			"graph_endpoint": tftypes.NewValue(tftypes.String, server.URL()),
			"authority_host": tftypes.NewValue(tftypes.String, server.URL()),
		})})
	if err != nil || len(configure.Diagnostics) > 0 {
		for _, d := range configure.Diagnostics {
			b.Log(d.Summary, ": ", d.Detail)
		}
		b.Fatal(err)
	}
	config := dynamic(usersType, map[string]tftypes.Value{"include_guests": tftypes.NewValue(tftypes.Bool, true)})
	b.ReportAllocs()
	for b.Loop() {
		runtime.GC()
		var peak atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() { // the heap in use, sampled every 5 ms
			defer close(sampled)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				peak.Store(max(peak.Load(), ms.HeapInuse))
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
		}()
		read, err := ps.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "azuresaas_users", Config: config})
		close(stop)
		<-sampled
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		if err != nil || len(read.Diagnostics) > 0 {
			for _, d := range read.Diagnostics {
				b.Log(d.Summary, ": ", d.Detail)
			}
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(read.State.MsgPack))/(1<<20), "state-MB/op")
	}
}

// TestRawListEqual checks the identity shortcut of rawListValue.Equal
// against tftypes' deep comparison.
func TestRawListEqual(t *testing.T) {
	elem := tftypes.List{ElementType: tftypes.String}
	list := func(ss ...string) tftypes.Value {
		var vs []tftypes.Value
		for _, s := range ss {
			vs = append(vs, tftypes.NewValue(tftypes.String, s))
		}
		return tftypes.NewValue(elem, vs)
	}
	typ := rawListType{basetypes.ListType{ElemType: types.StringType}}
	a := list("x", "y")
	for _, c := range []struct {
		name string
		x, y tftypes.Value
		want bool
	}{
		{"the same value", a, a, true},
		{"equal values", a, list("x", "y"), true},
		{"different values", a, list("x", "z"), false},
		{"different lengths", a, list("x"), false},
		{"empty lists", list(), list(), true},
		{"null and empty", tftypes.NewValue(elem, nil), list(), false},
		{"null and null", tftypes.NewValue(elem, nil), tftypes.NewValue(elem, nil), true},
		{"unknown", tftypes.NewValue(elem, tftypes.UnknownValue), a, false},
	} {
		got := rawListValue{listType: typ, raw: c.x}.Equal(rawListValue{listType: typ, raw: c.y})
		if got != c.want || got != c.x.Equal(c.y) {
			t.Errorf("%s: Equal = %v, want %v (tftypes says %v)", c.name, got, c.want, c.x.Equal(c.y))
		}
	}
}
