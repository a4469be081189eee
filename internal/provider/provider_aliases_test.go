package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// In one provider process (-debug, or terraform-plugin-testing's in-process
// factories) every provider block is configured on the same protocol server,
// and the framework keeps one configuration per server: the last one
// configured. ReadDataSource carries nothing that says which block (alias) a
// data source belongs to, so the provider cannot tell them apart either.
// This test pins that down: two tenants configured one after the other, a
// read meant for the first reads the second. The README's debugging notes
// say so; if this test ever fails, the framework keeps aliases apart and the
// note can go.
func TestOneProcessKeepsOnlyTheLastProviderConfiguration(t *testing.T) {
	clearCredentialEnv(t)
	a, b := fakegraph.DemoTenant(), fakegraph.GenerateTenant(11, 10)
	if a.ID == b.ID || a.DisplayName == b.DisplayName {
		t.Fatal("the two tenants must differ")
	}
	serverA, serverB := startGraph(t, a), startGraph(t, b)
	h := newProtocolHarness(t, nil)
	for _, s := range []*fakegraph.Server{serverA, serverB} { // the default block, then alias "b"
		h.configure(t, map[string]any{
			"tenant_id": s.Tenant().ID, "client_id": fakegraph.DemoClientID, "client_secret": fakegraph.DemoClientSecret,
			"graph_endpoint": s.URL(), "authority_host": s.URL(),
		})
	}
	state, diags := h.read(context.Background(), t, "azuresaas_organization", nil) // meant for the default block
	if hasError(diags) {
		t.Fatal(diagnosticsText(diags))
	}
	var org map[string]tftypes.Value
	if err := state.As(&org); err != nil {
		t.Fatal(err)
	}
	var tenantID string
	if err := org["tenant_id"].As(&tenantID); err != nil {
		t.Fatal(err)
	}
	if tenantID != b.ID {
		t.Fatalf("read tenant %s; want %s, the last configured (if the default block's %s is read now, the framework keeps aliases apart: update the README's debugging notes)", tenantID, b.ID, a.ID)
	}
	if n := len(serverA.Requests()); n != 0 {
		t.Errorf("the first block's Graph received %d requests", n)
	}
}
