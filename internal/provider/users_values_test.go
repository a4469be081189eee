package provider

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// BenchmarkUsersState writes the state of 10,000 users: with encodeState
// (the wire path), and for comparison with the framework's State.Set and
// DynamicValue, the way Read did before there was a wire path.
//
//	go test ./internal/provider -run '^$' -bench UsersState -benchmem
func BenchmarkUsersState(b *testing.B) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	(&usersDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ, _ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	state := &usersModel{DomainNames: types.SetNull(types.StringType), Users: benchUsers(10_000)}
	b.Run("encodeState", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeState(ctx, typ, state); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("framework", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := tfsdk.State{Schema: sresp.Schema}
			if diags := s.Set(ctx, state); diags.HasError() {
				b.Fatal(diags)
			}
			if _, err := tfprotov6.NewDynamicValue(typ, s.Raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMsgpackWriters writes the same users (every field, in schema
// order) with msgpackBuffer and with vmihailenco/msgpack's Encoder into a
// buffer grown to size: the choice of encoder, measured.
//
//	go test ./internal/provider -run '^$' -bench MsgpackWriters -benchmem
func BenchmarkMsgpackWriters(b *testing.B) {
	users := benchUsers(10_000)
	str := func(s types.String) string { return s.ValueString() }
	b.Run("msgpackBuffer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w := msgpackBuffer{buf: make([]byte, 0, 4<<20)}
			w.arrayLen(len(users))
			for i := range users {
				u := &users[i]
				w.mapLen(15)
				for _, s := range []types.String{u.ActiveDate, u.CreatedDateTime, u.Department, u.DisplayName, u.Email,
					u.EmployeeID, u.FirstName, u.ID, u.JobTitle, u.LastName, u.Location, u.UserPrincipalName, u.UserType} {
					w.string("attribute_name")
					if s.IsNull() {
						w.null()
					} else {
						w.string(str(s))
					}
				}
				w.string("email_aliases")
				w.arrayLen(len(u.EmailAliases))
				w.string("account_enabled")
				w.bool(u.AccountEnabled.ValueBool())
			}
		}
	})
	b.Run("vmihailenco", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			buf.Grow(4 << 20)
			enc := msgpack.NewEncoder(&buf)
			must := func(err error) {
				if err != nil {
					b.Fatal(err)
				}
			}
			must(enc.EncodeArrayLen(len(users)))
			for i := range users {
				u := &users[i]
				must(enc.EncodeMapLen(15))
				for _, s := range []types.String{u.ActiveDate, u.CreatedDateTime, u.Department, u.DisplayName, u.Email,
					u.EmployeeID, u.FirstName, u.ID, u.JobTitle, u.LastName, u.Location, u.UserPrincipalName, u.UserType} {
					must(enc.EncodeString("attribute_name"))
					if s.IsNull() {
						must(enc.EncodeNil())
					} else {
						must(enc.EncodeString(str(s)))
					}
				}
				must(enc.EncodeString("email_aliases"))
				must(enc.EncodeArrayLen(len(u.EmailAliases)))
				must(enc.EncodeString("account_enabled"))
				must(enc.EncodeBool(u.AccountEnabled.ValueBool()))
			}
		}
	})
}

func benchUsers(n int) []userModel {
	now := time.Now()
	users := make([]userModel, n)
	for i := range users {
		upn := fmt.Sprintf("user%06d@contoso.example", i)
		users[i] = userModelFrom(inventory.Person{ID: fmt.Sprintf("6b0e5d2c-7a41-4f3e-9c8d-%012d", i), UserPrincipalName: &upn,
			Email: &upn, EmailAliases: []string{}, FirstName: ptr("Given"), LastName: ptr("Surname"), DisplayName: ptr("Given Surname"),
			ActiveDate: &now, CreatedDateTime: &now, Department: ptr("Sales"), UserType: ptr("Member"), AccountEnabled: ptr(true)})
	}
	return users
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
