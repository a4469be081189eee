package provider

import (
	"context"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestM365WireReadMatchesTheFrameworkConcealed holds the wire path equal to
// the framework's on a tenant that conceals names: the warning, and the
// error on domain_names.
func TestM365WireReadMatchesTheFrameworkConcealed(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	tenant.DisplayConcealedNames = true
	_, endpoint, client := startTLSGraph(t, tenant)
	providerConfig := map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": endpoint, "authority_host": endpoint}
	wire := newProtocolHarness(t, client)
	wire.configure(t, providerConfig)
	framework := newFrameworkHarness(t, client)
	framework.configure(t, providerConfig)
	for name, config := range map[string]map[string]any{
		"warning":     nil,
		"domain":      {"domain_names": []string{"northwind.example"}},
		"idle hashes": {"inactive_days": 60, "domain_names": []string{}},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			gotState, gotDiags := wire.read(ctx, t, "azuresaas_m365_active_users", config)
			wantState, wantDiags := framework.read(ctx, t, "azuresaas_m365_active_users", config)
			if len(gotDiags) == 0 {
				t.Errorf("no diagnostics: want the concealed-names warning or error")
			}
			assertSameRead(t, gotState, gotDiags, wantState, wantDiags)
		})
	}
}
