package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestSignInsMaxResultsWarning reads sign-ins through the protocol server
// (terraform-plugin-testing cannot assert warnings): a max_results that
// cuts the list keeps the newest and says how many were left out; one that
// does not cut it says nothing.
func TestSignInsMaxResultsWarning(t *testing.T) {
	clearCredentialEnv(t)
	tenant := signInTenant(time.Now().UTC().Add(-72 * time.Hour))
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 7, 40, 48*time.Hour, time.Now().UTC().Add(-time.Hour))
	server := startSignInGraph(t, tenant)
	providerConfig := map[string]tftypes.Value{
		"tenant_id":      tftypes.NewValue(tftypes.String, fakegraph.DemoTenantID),
		"client_id":      tftypes.NewValue(tftypes.String, fakegraph.DemoClientID),
		"client_secret":  tftypes.NewValue(tftypes.String, fakegraph.DemoClientSecret),
		"graph_endpoint": tftypes.NewValue(tftypes.String, server.URL()),
		"authority_host": tftypes.NewValue(tftypes.String, server.URL()),
	}
	newProvider := NewWithOptions("test", WithReportsBudget(signInTestBudget))
	for _, c := range []struct {
		maxResults  int64
		wantRows    int
		wantWarning string
	}{
		{3, 3, "40 sign-ins match; max_results = 3 keeps the newest 3 and leaves out 37."},
		{40, 40, ""},
		{1000, 40, ""},
	} {
		diags, rows := readDataSourceWithConfig(t, newProvider, providerConfig, "azuresaas_sign_ins", map[string]tftypes.Value{
			"since":       tftypes.NewValue(tftypes.String, "72h"),
			"max_results": tftypes.NewValue(tftypes.Number, c.maxResults),
		})
		var warnings []*tfprotov6.Diagnostic
		for _, d := range diags {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				t.Fatalf("max_results %d: error %s: %s", c.maxResults, d.Summary, d.Detail)
			}
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				warnings = append(warnings, d)
			}
		}
		if len(rows) != c.wantRows {
			t.Errorf("max_results %d: %d rows, want %d", c.maxResults, len(rows), c.wantRows)
		}
		switch {
		case c.wantWarning == "" && len(warnings) > 0:
			t.Errorf("max_results %d: unexpected warning %s: %s", c.maxResults, warnings[0].Summary, warnings[0].Detail)
		case c.wantWarning != "" && len(warnings) != 1:
			t.Errorf("max_results %d: %d warnings, want 1", c.maxResults, len(warnings))
		case c.wantWarning != "":
			w := warnings[0]
			if w.Summary != "Sign-In List Cut by max_results" || !strings.HasPrefix(w.Detail, c.wantWarning) {
				t.Errorf("max_results %d: warning %q: %q, want the summary \"Sign-In List Cut by max_results\" and a detail starting %q",
					c.maxResults, w.Summary, w.Detail, c.wantWarning)
			}
			if w.Attribute == nil || w.Attribute.String() != tftypes.NewAttributePath().WithAttributeName("max_results").String() {
				t.Errorf("max_results %d: the warning is not on max_results: %v", c.maxResults, w.Attribute)
			}
		}
	}
}
