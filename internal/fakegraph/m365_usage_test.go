package fakegraph

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const reportsClientID = "5b0c1d2e-3f40-4152-8637-48596a7b8c9d"

// usageTenant has two report rows and an app with Reports.Read.All.
func usageTenant(concealed bool) *Tenant {
	d := func(s string) *time.Time { t, _ := time.Parse(time.DateOnly, s); return &t }
	return &Tenant{
		ID:      "8f0e2c4a-0000-4000-8000-00000000c0de",
		Domains: []Domain{{Name: "contoso.example", IsDefault: true, IsInitial: true, Type: "Managed"}},
		Apps: []App{{ClientID: reportsClientID, Secrets: []Secret{{Value: "reports-secret"}}, Permissions: []string{"Reports.Read.All"}},
			{ClientID: NoRolesClientID, Secrets: []Secret{{Value: NoRolesClientSecret}}}},
		DisplayConcealedNames: concealed,
		M365ReportRefreshDate: *d("2026-08-29"),
		M365ActiveUsers: []M365ActiveUser{
			{UserPrincipalName: "Robin@contoso.example", DisplayName: "Robin, Example", HasExchange: true, HasTeams: true,
				ExchangeLastActivity: d("2026-08-28"), AssignedProducts: []string{"OFFICE 365 E5", "ENTERPRISE MOBILITY + SECURITY E5"}},
			{UserPrincipalName: "gone@contoso.example", IsDeleted: true, DeletedDate: d("2026-08-01")},
		},
	}
}

const reportPath = "/v1.0/reports/getOffice365ActiveUserDetail(period='D30')"

// requestReport asks for the report and returns the download's Location.
func requestReport(t *testing.T, s *Server, tok string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL()+reportPath, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Content-Type") != "text/plain" {
		t.Fatalf("report request: %d %s, want 302 text/plain", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return resp.Header.Get("Location")
}

func TestUsageReportRedirectsToAPreauthorisedDownload(t *testing.T) {
	s := startTenant(t, usageTenant(false))
	loc := requestReport(t, s, token(t, s, reportsClientID, "reports-secret"))
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" || "http://"+u.Host == s.URL() || u.Query().Get("sig") == "" {
		t.Fatalf("Location %q: want another listener and a signed query", loc)
	}
	if s.UsageDownloadHost() != "http://"+u.Host {
		t.Errorf("UsageDownloadHost = %q, Location's host %q", s.UsageDownloadHost(), u.Host)
	}

	resp, body := get(t, loc, "")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/octet-stream" {
		t.Fatalf("download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbfReport Refresh Date,User Principal Name,")) {
		t.Errorf("the CSV does not start with the BOM and the header: %q", body[:min(len(body), 60)])
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil || len(rows) != 3 || len(rows[0]) != 24 {
		t.Fatalf("CSV: %d rows (%v), want the header and 2 rows of 24 columns", len(rows), err)
	}
	robin := strings.Join(rows[1], "|")
	if want := "2026-08-29|Robin@contoso.example|Robin, Example|False||True|False|False|False|False|True|2026-08-28|"; !strings.HasPrefix(robin, want) ||
		!strings.HasSuffix(robin, "|OFFICE 365 E5+ENTERPRISE MOBILITY + SECURITY E5") {
		t.Errorf("row = %q", robin)
	}
	if gone := rows[2]; gone[3] != "True" || gone[4] != "2026-08-01" {
		t.Errorf("deleted row = %q", gone)
	}

	// The same URL with a token is refused: the download is pre-authorised.
	if resp, _ := get(t, loc, "some-token"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("download with a token: %d, want 400", resp.StatusCode)
	}
	if resp, _ := get(t, strings.Replace(loc, "sig=", "sig=0", 1), ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("download with a wrong signature: %d, want 404", resp.StatusCode)
	}
	got := s.DownloadRequests()
	if len(got) != 3 || got[0].Authorization != "" || got[1].Authorization != "Bearer some-token" || got[1].Status != http.StatusBadRequest {
		t.Errorf("download requests = %+v", got)
	}
}

func TestUsageReportConcealsNamesAndExpires(t *testing.T) {
	s := startTenant(t, usageTenant(true))
	tok := token(t, s, reportsClientID, "reports-secret")
	_, body := get(t, requestReport(t, s, tok), "")
	rows, _ := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if len(rows) != 3 || rows[1][1] != concealName("robin@contoso.example") || rows[1][2] != rows[1][1] || len(rows[1][1]) != 32 ||
		strings.Contains(string(body), "contoso") {
		t.Errorf("concealed rows = %q", rows)
	}
	s.SetUsageDownloadLifetime(time.Nanosecond)
	loc := requestReport(t, s, tok)
	time.Sleep(time.Millisecond)
	if resp, _ := get(t, loc, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("expired download: %d, want 403", resp.StatusCode)
	}
}

func TestUsageReportRefusalsAndThrottle(t *testing.T) {
	s := startTenant(t, usageTenant(false))
	resp, body := get(t, s.URL()+reportPath, token(t, s, NoRolesClientID, NoRolesClientSecret))
	expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")
	tok := token(t, s, reportsClientID, "reports-secret")
	resp, body = get(t, s.URL()+"/v1.0/reports/getOffice365ActiveUserDetail(period='D31')", tok)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
	resp, body = get(t, s.URL()+reportPath+"?$format=application/json", tok)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")

	s.SetUsageReportsThrottle(2, time.Hour)
	requestReport(t, s, tok)
	requestReport(t, s, tok)
	resp, body = get(t, s.URL()+reportPath, tok)
	expectGraphError(t, resp, body, http.StatusTooManyRequests, "TooManyRequests")
	if resp.Header.Get("Retry-After") == "" || s.UsageReportsThrottled() != 1 {
		t.Errorf("throttled: Retry-After %q, count %d", resp.Header.Get("Retry-After"), s.UsageReportsThrottled())
	}
}

func TestUsageDownloadFaults(t *testing.T) {
	s := startTenant(t, usageTenant(false))
	tok := token(t, s, reportsClientID, "reports-secret")
	s.InjectDownloadFault(Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	s.InjectDownloadFault(Fault{Body: BodyFault{Kind: TruncatedJSON}})
	s.InjectDownloadFault(Fault{Body: BodyFault{Kind: HTMLPage}})

	resp, _ := get(t, requestReport(t, s, tok), "")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("status fault: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	_, whole := get(t, requestReport(t, s, tok), "") // the truncated one
	if _, err := csv.NewReader(bytes.NewReader(whole[3:])).ReadAll(); err == nil {
		t.Errorf("the truncated CSV parses whole (%d bytes): the cut does not show", len(whole))
	}
	resp, _ = get(t, requestReport(t, s, tok), "")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("HTML fault: Content-Type %q", resp.Header.Get("Content-Type"))
	}
	if resp, _ := get(t, requestReport(t, s, tok), ""); resp.StatusCode != http.StatusOK {
		t.Errorf("after the faults: %d", resp.StatusCode)
	}
}
