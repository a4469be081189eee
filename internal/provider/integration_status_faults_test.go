package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestIntegrationStatusFaults joins the fault matrix the way a data source
// that never fails on what it cannot read does: a fault the client rides
// out gives the fault-free result; one it cannot gives that field null (or
// no credentials) and a note with the cause and request-id, and the other
// fields as before.
func TestIntegrationStatusFaults(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	tenant.DisplayConcealedNames = true // so that a fault's null differs from the baseline
	server := startGraph(t, tenant)
	h := newProtocolHarness(t, nil)
	h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": server.URL(), "authority_host": server.URL()})
	read := func(t *testing.T, timeout time.Duration) (statusState, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		state, diags := h.read(ctx, t, integrationStatus, nil)
		if hasError(diags) || len(warningsOf(diags)) != 0 {
			t.Fatalf("want a result without warnings, got:\n%s", diagnosticsText(diags))
		}
		return decodeStatus(t, state)
	}
	_, baseline := read(t, 30*time.Second)
	if !strings.Contains(baseline, `"premium":"P1"`) || !strings.Contains(baseline, `"concealed_names":true`) || !strings.Contains(baseline, `"in_use":true`) {
		t.Fatalf("baseline %s", baseline)
	}

	endpoints := []struct {
		path  string
		lost  func(statusState) bool
		field string
	}{
		{"/v1.0/subscribedSkus", func(s statusState) bool { return s.Premium == nil }, "premium"},
		{"/v1.0/admin/reportSettings", func(s statusState) bool { return s.ConcealedNames == nil }, "concealed_names"},
		{"/v1.0/applications(", func(s statusState) bool { return s.Credentials != nil && len(s.Credentials) == 0 }, "credentials"},
	}
	ridden := map[string]fakegraph.Fault{
		"503 twice":                {Status: 503, Times: 2},
		"429 with Retry-After 1":   {Status: 429, RetryAfter: "1"},
		"connection dropped":       {Drop: true},
		"token expires on the way": {ExpireTokens: true},
	}
	lost := []struct {
		name    string
		fault   fakegraph.Fault
		timeout time.Duration
		note    *regexp.Regexp
	}{
		{"429 storm past the deadline", fakegraph.Fault{Status: 429, RetryAfter: "30", Times: -1}, 10 * time.Second,
			regexp.MustCompile(`could not be read: Microsoft Graph throttled GET .*HTTP 429.*` + requestIDPattern)},
		{"persistent 500", fakegraph.Fault{Status: 500, Times: -1}, 4 * time.Second,
			regexp.MustCompile(`could not be read: Microsoft Graph .*HTTP 500 generalException.*` + requestIDPattern)},
		{"HTML page from a proxy", fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}, Times: -1}, 30 * time.Second,
			regexp.MustCompile(`could not be read: Microsoft Graph answered GET .* with a response that is not a valid Graph page`)},
	}
	for _, e := range endpoints {
		for name, f := range ridden {
			t.Run(e.field+"/"+name, func(t *testing.T) {
				f.PathPrefix = e.path
				server.ClearFaults()
				server.InjectFault(f)
				defer server.ClearFaults()
				if _, got := read(t, 30*time.Second); got != baseline {
					t.Errorf("under the fault:\n%s\nwant the baseline:\n%s", got, baseline)
				}
			})
		}
		for _, l := range lost {
			t.Run(e.field+"/"+l.name, func(t *testing.T) {
				f := l.fault
				f.PathPrefix = e.path
				server.ClearFaults()
				server.InjectFault(f)
				defer server.ClearFaults()
				s, _ := read(t, l.timeout)
				if !e.lost(s) {
					t.Errorf("%s should be unknown: %+v", e.field, s)
				}
				for _, other := range endpoints {
					if other.field != e.field && other.lost(s) {
						t.Errorf("%s was lost too: one endpoint's fault must not cost another's field", other.field)
					}
				}
				found := false
				for _, n := range s.Notes {
					found = found || l.note.MatchString(n)
				}
				if !found {
					t.Errorf("no note matches %s: %q", l.note, s.Notes)
				}
			})
		}
	}
}
