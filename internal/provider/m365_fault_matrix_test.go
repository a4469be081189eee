package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// m365MatrixSource is azuresaas_m365_active_users as the fault matrix and
// the chaos soak read it: keyed by user principal name. The report is one
// request and one download, not pages, so TestFaultMatrix's paging rows do
// not apply; TestM365FaultMatrix has its rows for both legs.
func m365MatrixSource() matrixSource {
	return matrixSource{typeName: "azuresaas_m365_active_users", path: m365ReportPath, list: "users",
		key: []string{"user_principal_name"},
		fromTenant: func(t *fakegraph.Tenant) []string {
			var out []string
			for _, u := range t.M365ActiveUsers {
				out = append(out, u.UserPrincipalName)
			}
			return out
		}}
}

const m365ReportPath = "/v1.0/reports/getOffice365ActiveUserDetail"

// m365Fault is one row: faults on the report request (graph) and on the
// download (download), and what the read must do.
type m365Fault struct {
	name      string
	graph     []fakegraph.Fault
	download  []fakegraph.Fault
	lifetime  time.Duration // SetUsageDownloadLifetime; 0 leaves the default
	wantError *regexp.Regexp
}

func m365Faults() []m365Fault {
	g := func(f fakegraph.Fault) []fakegraph.Fault { f.PathPrefix = m365ReportPath; return []fakegraph.Fault{f} }
	d := func(f fakegraph.Fault) []fakegraph.Fault { return []fakegraph.Fault{f} }
	tried := fmt.Sprintf(`requested %d times, each with a new download`, graph.DefaultMaxRetries+1)
	download := `(?s)Cannot Read Microsoft 365 Active Users.*GET /v1\.0/reports/getOffice365ActiveUserDetail\(period='D30'\): ` +
		`the report's download from 127\.0\.0\.1:\d+ failed: `
	return []m365Fault{
		// The report request: a Graph request like any other.
		{name: "graph 429 with Retry-After", graph: g(fakegraph.Fault{Status: 429, RetryAfter: "1", Times: 2})},
		{name: "graph 429 with an HTTP date", graph: g(fakegraph.Fault{Status: 429, RetryAfter: time.Now().Add(time.Second).UTC().Format(http.TimeFormat)})},
		{name: "graph 408", graph: g(fakegraph.Fault{Status: 408})},
		{name: "graph 500 twice", graph: g(fakegraph.Fault{Status: 500, Times: 2})},
		{name: "graph 502", graph: g(fakegraph.Fault{Status: 502})},
		{name: "graph 503 twice", graph: g(fakegraph.Fault{Status: 503, Times: 2})},
		{name: "graph 504", graph: g(fakegraph.Fault{Status: 504})},
		{name: "graph reset", graph: g(fakegraph.Fault{Reset: true, Times: 2})},
		{name: "graph dropped", graph: g(fakegraph.Fault{Drop: true})},
		{name: "token expires", graph: g(fakegraph.Fault{ExpireTokens: true})},
		{name: "graph persistent 500", graph: g(fakegraph.Fault{Status: 500, Times: -1}),
			wantError: regexp.MustCompile(`(?s)kept failing GET /v1\.0/reports/getOffice365ActiveUserDetail.*HTTP 500 generalException.*` + requestIDPattern)},
		{name: "graph 403", graph: g(fakegraph.Fault{Status: 403, Times: -1}),
			wantError: regexp.MustCompile(`(?s)HTTP 403 Authorization_RequestDenied.*Reports\.Read\.All`)},
		// The download: each failure costs a new report request.
		{name: "download 503 twice", download: d(fakegraph.Fault{Status: 503, Times: 2})},
		{name: "download 429 with Retry-After", download: d(fakegraph.Fault{Status: 429, RetryAfter: "1"})},
		{name: "download 403 (expired)", download: d(fakegraph.Fault{Status: 403})},
		{name: "download 404", download: d(fakegraph.Fault{Status: 404})},
		{name: "download reset", download: d(fakegraph.Fault{Reset: true})},
		{name: "download dropped mid-body", download: d(fakegraph.Fault{Drop: true, Times: 2})},
		{name: "download truncated", download: d(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}})},
		{name: "download HTML page", download: d(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}, Times: 2})},
		{name: "faults on both legs", graph: g(fakegraph.Fault{Status: 503}), download: d(fakegraph.Fault{Drop: true})},
		{name: "download persistent 500", download: d(fakegraph.Fault{Status: 500, Times: -1}),
			wantError: regexp.MustCompile(download + `HTTP 500 Internal Server Error from the download host.*` + tried)},
		{name: "download always truncated", download: d(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}}),
			wantError: regexp.MustCompile(download + `the CSV is malformed at line \d+: wrong number of fields.*` + tried)},
		{name: "download always HTML", download: d(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}}),
			wantError: regexp.MustCompile(download + `the Content-Type is text/html, not a CSV file.*` + tried)},
		{name: "download URLs expire at once", lifetime: time.Nanosecond,
			wantError: regexp.MustCompile(download + `HTTP 403 Forbidden from the download host.*` + tried)},
	}
}

// TestM365FaultMatrix reads azuresaas_m365_active_users under each fault of
// either leg: the whole report (the fault-free set of users, itself the
// tenant's), or an error that names the cause and leaves no list. The
// download host never receives a credential, whatever the fault.
func TestM365FaultMatrix(t *testing.T) {
	clearCredentialEnv(t)
	src := m365MatrixSource()
	tenant := fakegraph.DemoTenant()
	fake, endpoint, client := startTLSGraph(t, tenant)
	h := newProtocolHarness(t, client)
	h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": endpoint, "authority_host": endpoint})
	baseline := matrixRead(t, h, src, 30*time.Second)
	if len(baseline) == 0 {
		t.Fatal("the baseline read is empty")
	}
	assertSameSet(t, "baseline against the tenant", baseline, src.fromTenant(tenant))

	for _, mf := range m365Faults() {
		t.Run(mf.name, func(t *testing.T) {
			fake.ClearFaults()
			for _, f := range mf.graph {
				fake.InjectFault(f)
			}
			for _, f := range mf.download {
				fake.InjectDownloadFault(f)
			}
			fake.SetUsageDownloadLifetime(mf.lifetime)
			defer fake.SetUsageDownloadLifetime(0)
			before := len(fake.DownloadRequests())
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			state, diags := h.read(ctx, t, src.typeName, src.config)
			if left := fake.FaultHitsLeft(); mf.wantError == nil && left != 0 {
				t.Errorf("%d fault hit(s) were never used: the row tested nothing", left)
			}
			fake.ClearFaults()
			for _, r := range fake.DownloadRequests()[before:] {
				if r.Authorization != "" || r.Cookie != "" {
					t.Errorf("the download %s carried Authorization %q, Cookie %q", r.Path, r.Authorization, r.Cookie)
				}
			}
			text := diagnosticsText(diags)
			if mf.wantError == nil {
				if hasError(diags) {
					t.Fatalf("want the whole report, got:\n%s", text)
				}
				assertSameSet(t, "under the fault", keysOf(t, state, src.list, src.key...), baseline)
				return
			}
			if !hasError(diags) {
				t.Fatalf("want an error matching %s, got a result", mf.wantError)
			}
			if !mf.wantError.MatchString(text) {
				t.Errorf("the error does not match %s:\n%s", mf.wantError, text)
			}
			if listed := listAttribute(t, state, src.list); !listed.IsNull() {
				t.Errorf("an error left a users list behind: %s", listed)
			}
		})
	}
}
