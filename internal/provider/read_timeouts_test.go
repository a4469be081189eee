package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestEveryDataSourceHasAReadTimeout: each data source takes a timeouts
// block with a read duration, and its description states the default that
// fits the read.
func TestEveryDataSourceHasAReadTimeout(t *testing.T) {
	paced := map[string]string{
		"azuresaas_sign_ins": "default `1h`", "azuresaas_application_access": "default `1h`",
		"azuresaas_m365_active_users":   "default `1h`", // Microsoft 365 reports: 14 requests in 10 minutes
		"azuresaas_users":               "default `20m`, `1h` with `include_sign_in_activity`",
		"azuresaas_license_assignments": "default `20m`, `1h` with `include_sign_in_activity`",

		"azuresaas_user_registration_details": "default `1h`",
		"azuresaas_license_usage":             "default `1h`, `20m` with `include_sign_in_activity = false`",
	}
	p := &azuresaasProvider{}
	for _, newDataSource := range p.DataSources(context.Background()) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "azuresaas"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
		block, ok := resp.Schema.Blocks["timeouts"]
		if !ok {
			t.Errorf("%s has no timeouts block", meta.TypeName)
			continue
		}
		read, ok := block.GetNestedObject().GetAttributes()["read"]
		if !ok || !read.IsOptional() {
			t.Errorf("%s: the timeouts block has no optional read", meta.TypeName)
			continue
		}
		want := paced[meta.TypeName]
		if want == "" {
			want = "default `20m`"
		}
		if !strings.Contains(read.GetDescription(), want) {
			t.Errorf("%s: read says %q, want %q in it", meta.TypeName, read.GetDescription(), want)
		}
	}
}

// TestReadTimeout reads through the protocol server (the wire path for the
// lists, the framework for the small data sources) from a slow Graph: a
// read limit shorter than the read fails naming the block and leaves no
// state; a longer one reads, and the block is kept in state as written; a
// value that is not a duration is refused before any read.
func TestReadTimeout(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	recentSignInsOnly(tenant)
	fake, endpoint, client := startTLSGraph(t, tenant)
	fake.SetReportsThrottle(0, 0)
	h := newProtocolHarness(t, client)
	h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": endpoint, "authority_host": endpoint})

	reads := map[string]map[string]any{
		"azuresaas_users":           nil,
		"azuresaas_organization":    nil,
		"azuresaas_sign_ins":        {"since": "719h"},
		"azuresaas_subscribed_skus": nil,
	}
	fake.SetLatency(300 * time.Millisecond)
	for typeName, config := range reads {
		t.Run(typeName, func(t *testing.T) {
			withLimit := func(limit string) map[string]any {
				c := map[string]any{"timeouts": map[string]any{"read": limit}}
				for k, v := range config {
					c[k] = v
				}
				return c
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()

			state, diags := h.read(ctx, t, typeName, withLimit("100ms"))
			text := diagnosticsText(diags)
			if !hasError(diags) || !strings.Contains(text, "ran out of time") || !strings.Contains(text, "timeouts { read = ") {
				t.Errorf("a 100ms limit against a 300ms Graph: %s", text)
			}
			if !state.IsNull() && strings.Contains(state.String(), "@") {
				t.Errorf("a read that ran out of time left state: %s", state)
			}

			state, diags = h.read(ctx, t, typeName, withLimit("1m"))
			if hasError(diags) {
				t.Fatalf("a 1m limit: %s", diagnosticsText(diags))
			}
			var attrs map[string]tftypes.Value
			if err := state.As(&attrs); err != nil {
				t.Fatal(err)
			}
			var block map[string]tftypes.Value
			if err := attrs["timeouts"].As(&block); err != nil {
				t.Fatal(err)
			}
			var read string
			if err := block["read"].As(&read); err != nil || read != "1m" {
				t.Errorf("the timeouts block in state = %s, want read = \"1m\" as written", attrs["timeouts"])
			}

			diags = h.validateData(t, typeName, withLimit("soon"))
			if !hasError(diags) || !strings.Contains(diagnosticsText(diags), "soon") {
				t.Errorf("read = \"soon\" was not refused at plan time: %s", diagnosticsText(diags))
			}
		})
	}
}

// TestWithReadTimeoutDefaults: no block, or a block without read, gives the
// default; the context's deadline is the limit.
func TestWithReadTimeoutDefaults(t *testing.T) {
	if got := signInActivityTimeout(true); got != pacedReadTimeout {
		t.Errorf("with sign-in activity: %s", got)
	}
	if got := signInActivityTimeout(false); got != directoryReadTimeout {
		t.Errorf("without sign-in activity: %s", got)
	}
	for d, want := range map[time.Duration]string{20 * time.Minute: "20m", time.Hour: "1h", 90 * time.Second: "1m30s"} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%s) = %q, want %q", d, got, want)
		}
	}
	for name, block := range map[string]timeouts.Value{
		"no block":      {Object: types.ObjectNull(map[string]attr.Type{"read": types.StringType})},
		"no read in it": {Object: types.ObjectValueMust(map[string]attr.Type{"read": types.StringType}, map[string]attr.Value{"read": types.StringNull()})},
	} {
		var diags diag.Diagnostics
		ctx, cancel, ok := withReadTimeout(context.Background(), block, 7*time.Minute, &diags)
		deadline, has := ctx.Deadline()
		cancel()
		if !ok || diags.HasError() || !has || time.Until(deadline) > 7*time.Minute || time.Until(deadline) < 6*time.Minute {
			t.Errorf("%s: ok %v, %v, deadline in %s; want the 7m default", name, ok, diags, time.Until(deadline))
		}
	}
}
