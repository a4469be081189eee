package graph_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func usageFake(t *testing.T, users int, concealed bool) (*fakegraph.Server, *graph.Client, *cookiejar.Jar) {
	t.Helper()
	tenant := fakegraph.GenerateTenant(3, users)
	fakegraph.AddGeneratedM365Usage(tenant, time.Date(2026, 8, 29, 0, 0, 0, 0, time.UTC))
	tenant.DisplayConcealedNames = concealed
	fake := fakegraph.Start(tenant)
	t.Cleanup(fake.Close)
	jar, _ := cookiejar.New(nil)
	c, err := graph.NewClient(graph.Config{
		TenantID: tenant.ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: fake.URL(), GraphEndpoint: fake.URL(), HTTPClient: &http.Client{Jar: jar},
		RetryBaseDelay: time.Millisecond, RetryMaxDelay: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return fake, c, jar
}

// TestActiveUserReportAgainstFakeGraph: the download host, a second
// listener, receives neither the token nor a cookie the client's jar holds
// for it; the rows are the tenant's.
func TestActiveUserReportAgainstFakeGraph(t *testing.T) {
	fake, c, jar := usageFake(t, 300, false)
	// A first read starts the download host; give the jar a cookie for it.
	if _, err := c.GetOffice365ActiveUserDetail(t.Context(), "D7"); err != nil {
		t.Fatal(err)
	}
	host, _ := url.Parse(fake.UsageDownloadHost())
	jar.SetCookies(host, []*http.Cookie{{Name: "graph-session", Value: "must-not-leave"}})

	rows, err := c.GetOffice365ActiveUserDetail(t.Context(), "D30")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fake.DownloadRequests() {
		if r.Authorization != "" || r.Cookie != "" || r.Status != http.StatusOK {
			t.Errorf("download request %s: Authorization %q, Cookie %q, status %d", r.Path, r.Authorization, r.Cookie, r.Status)
		}
	}
	if n := len(fake.DownloadRequests()); n != 2 {
		t.Errorf("downloads = %d, want 2", n)
	}
	tenant := fake.Tenant()
	if len(rows) != len(tenant.M365ActiveUsers) {
		t.Fatalf("rows = %d, want %d", len(rows), len(tenant.M365ActiveUsers))
	}
	for i, r := range rows {
		want := tenant.M365ActiveUsers[i]
		if r.UserPrincipalName != want.UserPrincipalName || r.Concealed || *r.IsDeleted != want.IsDeleted ||
			(r.ExchangeLastActivity == nil) != (want.ExchangeLastActivity == nil) ||
			(r.ExchangeLastActivity != nil && !r.ExchangeLastActivity.Equal(*want.ExchangeLastActivity)) ||
			!r.ReportRefreshDate.Equal(tenant.M365ReportRefreshDate) {
			t.Fatalf("row %d = %+v, want %+v", i, r, want)
		}
	}
}

func TestActiveUserReportConcealedAgainstFakeGraph(t *testing.T) {
	_, c, _ := usageFake(t, 20, true)
	rows, err := c.GetOffice365ActiveUserDetail(t.Context(), "D30")
	if err != nil || len(rows) != 20 {
		t.Fatalf("rows %d, err %v", len(rows), err)
	}
	for _, r := range rows {
		if !r.Concealed || r.DisplayName == nil || *r.DisplayName != r.UserPrincipalName {
			t.Fatalf("row = %+v, want a concealed name", r)
		}
	}
}

// TestActiveUserReportFaultsOnBothLegs: faults on the report request and on
// the download each cost one more report request, and the read is whole.
func TestActiveUserReportFaultsOnBothLegs(t *testing.T) {
	for name, inject := range map[string]func(*fakegraph.Server){
		"graph 503": func(f *fakegraph.Server) { f.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/reports", Status: 503}) },
		"graph 429": func(f *fakegraph.Server) {
			f.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/reports", Status: 429, RetryAfter: "0"})
		},
		"graph reset":      func(f *fakegraph.Server) { f.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/reports", Reset: true}) },
		"download 503":     func(f *fakegraph.Server) { f.InjectDownloadFault(fakegraph.Fault{Status: 503}) },
		"download dropped": func(f *fakegraph.Server) { f.InjectDownloadFault(fakegraph.Fault{Drop: true}) },
		"download reset":   func(f *fakegraph.Server) { f.InjectDownloadFault(fakegraph.Fault{Reset: true}) },
		"download truncated": func(f *fakegraph.Server) {
			f.InjectDownloadFault(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}})
		},
		"download html": func(f *fakegraph.Server) {
			f.InjectDownloadFault(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}})
		},
	} {
		t.Run(name, func(t *testing.T) {
			fake, c, _ := usageFake(t, 200, false)
			inject(fake)
			rows, err := c.GetOffice365ActiveUserDetail(t.Context(), "D30")
			if err != nil || len(rows) != 200 {
				t.Fatalf("rows %d, err %v; want all 200 after the fault", len(rows), err)
			}
			if fake.FaultHitsLeft() != 0 {
				t.Errorf("the Graph fault was not used")
			}
			reports := 0
			for _, r := range fake.Requests() {
				if r.Path == "/v1.0/reports/getOffice365ActiveUserDetail(period='D30')" {
					reports++
				}
			}
			if reports != 2 {
				t.Errorf("report requests = %d, want 2 (one failed, one whole)", reports)
			}
		})
	}
}
