package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const reportHeader = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License," +
	"Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License," +
	"Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date," +
	"Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date," +
	"Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date," +
	"Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products\r\n"

const reportCSV = utf8BOM + reportHeader +
	"2026-08-29,robin@example.com,Robin Example,False,,True,True,True,False,False,True,2026-08-28,2026-08-20,,,,2026-08-29," +
	"2024-02-01,2024-02-01,2024-02-01,,,2024-02-01,OFFICE 365 E5+ENTERPRISE MOBILITY + SECURITY E5\r\n" +
	"2026-08-29,0A1B2C3D4E5F60718293A4B5C6D7E8F9,0A1B2C3D4E5F60718293A4B5C6D7E8F9,false,,TRUE,False,False,False,False,False," +
	",,,,,,2025-11-03,,,,,,\"EXCHANGE ONLINE (PLAN 1), KIOSK\"\r\n"

// downloadHost is the second listener: it records what each download
// request carried and answers with answer.
type downloadHost struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	answer   func(w http.ResponseWriter, r *http.Request, n int)
}

func newDownloadHost(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int)) *downloadHost {
	t.Helper()
	h := &downloadHost{answer: answer}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.requests = append(h.requests, r.Clone(context.Background()))
		n := len(h.requests)
		h.mu.Unlock()
		h.answer(w, r, n)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *downloadHost) received() []*http.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]*http.Request(nil), h.requests...)
}

func serveCSV(body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = fmt.Fprint(w, body)
	}
}

// redirectTo is a Graph handler that answers the report request with 302 to
// location(n), n counting report requests from 1.
func redirectTo(t *testing.T, location func(n int) string) http.HandlerFunc {
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		if want := "/v1.0/reports/getOffice365ActiveUserDetail(period='D30')"; r.URL.Path != want {
			t.Errorf("report request path = %q, want %q", r.URL.Path, want)
		}
		mu.Lock()
		n++
		i := n
		mu.Unlock()
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Location", location(i))
		w.Header().Set("request-id", "report-"+fmt.Sprint(i))
		w.WriteHeader(http.StatusFound)
	}
}

// TestActiveUserReportDownloadCarriesNoCredential follows the one redirect
// to a second listener and holds what that listener received: no
// Authorization header, no cookie (though the client has a jar with a
// cookie for that host), the signed query intact.
func TestActiveUserReportDownloadCarriesNoCredential(t *testing.T) {
	dl := newDownloadHost(t, serveCSV(reportCSV))
	g := newFakeGraph(t, redirectTo(t, func(int) string { return dl.URL + "/data/download/abc?sig=s1%2Bx&se=2026" }))
	jar, _ := cookiejar.New(nil)
	dlURL, _ := url.Parse(dl.URL)
	jar.SetCookies(dlURL, []*http.Cookie{{Name: "session", Value: "graph-cookie"}})
	c := g.client(t, func(cfg *Config) {
		hc := *cfg.HTTPClient
		hc.Jar = jar
		cfg.HTTPClient = &hc
	})

	rows, err := c.GetOffice365ActiveUserDetail(context.Background(), "D30")
	if err != nil {
		t.Fatalf("GetOffice365ActiveUserDetail: %v", err)
	}
	got := dl.received()
	if len(got) != 1 {
		t.Fatalf("download requests = %d, want 1", len(got))
	}
	r := got[0]
	if r.Method != http.MethodGet || r.URL.Path != "/data/download/abc" || r.URL.RawQuery != "sig=s1%2Bx&se=2026" {
		t.Errorf("download request = %s %s?%s, want GET /data/download/abc?sig=s1%%2Bx&se=2026", r.Method, r.URL.Path, r.URL.RawQuery)
	}
	for _, h := range []string{"Authorization", "Cookie", "Proxy-Authorization", "client-request-id"} {
		if v := r.Header.Get(h); v != "" {
			t.Errorf("download request carried %s: %q", h, v)
		}
	}
	if ua := r.Header.Get("User-Agent"); ua != testUA {
		t.Errorf("User-Agent = %q, want %q", ua, testUA)
	}
	if g.graphHits.Load() != 1 {
		t.Errorf("report requests = %d, want 1", g.graphHits.Load())
	}

	if len(rows) != 2 {
		t.Fatalf("rows = %d, want 2", len(rows))
	}
	robin := rows[0]
	if robin.UserPrincipalName != "robin@example.com" || robin.Concealed || *robin.DisplayName != "Robin Example" {
		t.Errorf("first row = %+v", robin)
	}
	if robin.ReportRefreshDate.Format(time.DateOnly) != "2026-08-29" || robin.ExchangeLastActivity.Format(time.DateOnly) != "2026-08-28" ||
		robin.TeamsLastActivity.Format(time.DateOnly) != "2026-08-29" || robin.SharePointLastActivity != nil || robin.DeletedDate != nil {
		t.Errorf("first row's dates = %+v", robin)
	}
	if !*robin.HasExchangeLicense || *robin.HasYammerLicense || *robin.IsDeleted {
		t.Errorf("first row's booleans = %+v", robin)
	}
	if want := []string{"ENTERPRISE MOBILITY + SECURITY E5", "OFFICE 365 E5"}; !equalStrings(robin.AssignedProducts, want) {
		t.Errorf("products = %q, want %q", robin.AssignedProducts, want)
	}
	hidden := rows[1]
	if !hidden.Concealed || !*hidden.HasExchangeLicense || *hidden.IsDeleted || hidden.ExchangeLastActivity != nil {
		t.Errorf("second row = %+v", hidden)
	}
	if want := []string{"EXCHANGE ONLINE (PLAN 1), KIOSK"}; !equalStrings(hidden.AssignedProducts, want) {
		t.Errorf("quoted products = %q, want %q", hidden.AssignedProducts, want)
	}
}

// TestActiveUserReportFollowsExactlyOneRedirect: a download that redirects
// again is an error, and the third host receives nothing.
func TestActiveUserReportFollowsExactlyOneRedirect(t *testing.T) {
	third := newDownloadHost(t, serveCSV(reportCSV))
	dl := newDownloadHost(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, third.URL+"/again", http.StatusFound)
	})
	g := newFakeGraph(t, redirectTo(t, func(int) string { return dl.URL + "/data/download/1" }))
	_, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
	var derr *ReportDownloadError
	if !errors.As(err, &derr) || !strings.Contains(err.Error(), "exactly one redirect") {
		t.Fatalf("err = %v, want a ReportDownloadError about the second redirect", err)
	}
	if n := len(third.received()); n != 0 {
		t.Errorf("the second redirect's host received %d requests", n)
	}
	if g.graphHits.Load() != 1 || len(dl.received()) != 1 {
		t.Errorf("report requests %d, downloads %d: a refused redirect is not retried", g.graphHits.Load(), len(dl.received()))
	}
}

// TestActiveUserReportRefusesUnsafeLocations: http to a host that is not
// loopback, user information, no Location: nothing is requested, and the
// error shows no path or query of the signed URL.
func TestActiveUserReportRefusesUnsafeLocations(t *testing.T) {
	for name, loc := range map[string]string{
		"http to a remote host": "http://reports.office.com/data/download/x?sig=SECRETSIG",
		"user information":      "https://u:p@reports.office.com/data/download/x?sig=SECRETSIG",
		"no location":           "",
		"another scheme":        "ftp://reports.office.com/data/download/x?sig=SECRETSIG",
	} {
		t.Run(name, func(t *testing.T) {
			g := newFakeGraph(t, redirectTo(t, func(int) string { return loc }))
			_, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
			var derr *ReportDownloadError
			if !errors.As(err, &derr) {
				t.Fatalf("err = %v, want a ReportDownloadError", err)
			}
			if strings.Contains(err.Error(), "SECRETSIG") || strings.Contains(err.Error(), "/data/download") {
				t.Errorf("the error shows the signed URL: %v", err)
			}
			if g.graphHits.Load() != 1 {
				t.Errorf("report requests = %d, want 1 (refused, not retried)", g.graphHits.Load())
			}
		})
	}
}

// TestActiveUserReportRetryStartsNewDownload: a download that fails (an
// expired URL, a 503, a body cut mid-row, an HTML page) sends the report
// request again and downloads from the new Location, never the old one
// again.
func TestActiveUserReportRetryStartsNewDownload(t *testing.T) {
	cut := reportCSV[:len(reportCSV)-40]
	for name, first := range map[string]func(http.ResponseWriter, *http.Request, int){
		"expired url": func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusForbidden) },
		"503":         func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusServiceUnavailable) },
		"cut body":    serveCSV(cut),
		"html page": func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = fmt.Fprint(w, "<html>gateway</html>")
		},
	} {
		t.Run(name, func(t *testing.T) {
			dl := newDownloadHost(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					first(w, r, n)
					return
				}
				serveCSV(reportCSV)(w, r, n)
			})
			g := newFakeGraph(t, redirectTo(t, func(n int) string { return fmt.Sprintf("%s/data/download/%d", dl.URL, n) }))
			rows, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
			if err != nil {
				t.Fatalf("GetOffice365ActiveUserDetail: %v", err)
			}
			if len(rows) != 2 {
				t.Errorf("rows = %d, want 2 (the whole second download, nothing of the first)", len(rows))
			}
			got := dl.received()
			if len(got) != 2 || got[0].URL.Path != "/data/download/1" || got[1].URL.Path != "/data/download/2" {
				t.Errorf("downloads = %d, want /data/download/1 then /2", len(got))
			}
			if g.graphHits.Load() != 2 {
				t.Errorf("report requests = %d, want 2", g.graphHits.Load())
			}
		})
	}
}

// TestActiveUserReportGivesUpAfterTheBudget: every download failing ends
// with an error after maxRetries+1 report requests, each a new download.
func TestActiveUserReportGivesUpAfterTheBudget(t *testing.T) {
	dl := newDownloadHost(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusGone) })
	g := newFakeGraph(t, redirectTo(t, func(n int) string { return fmt.Sprintf("%s/d/%d", dl.URL, n) }))
	_, err := g.client(t, func(cfg *Config) { cfg.MaxRetries = 2 }).GetOffice365ActiveUserDetail(context.Background(), "D30")
	var derr *ReportDownloadError
	if !errors.As(err, &derr) || derr.StatusCode != http.StatusGone || derr.Attempts != 3 {
		t.Fatalf("err = %v, want a 410 ReportDownloadError after 3 report requests", err)
	}
	if g.graphHits.Load() != 3 || len(dl.received()) != 3 {
		t.Errorf("report requests %d, downloads %d, want 3 and 3", g.graphHits.Load(), len(dl.received()))
	}
}

// TestActiveUserReportGraphLegRetries: throttling on the report request is
// retried like any Graph request, honouring Retry-After.
func TestActiveUserReportGraphLegRetries(t *testing.T) {
	dl := newDownloadHost(t, serveCSV(reportCSV))
	redirect := redirectTo(t, func(int) string { return dl.URL + "/d" })
	calls := 0
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.Header().Set("Retry-After", "0")
			graphError(w, http.StatusTooManyRequests, "TooManyRequests", "throttled-1")
			return
		}
		redirect(w, r)
	})
	rows, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows %d, err %v; want 2 rows after one 429", len(rows), err)
	}
	if calls != 2 || len(dl.received()) != 1 {
		t.Errorf("report requests %d, downloads %d, want 2 and 1", calls, len(dl.received()))
	}
}

// TestActiveUserReportRefusals: a 403 on the report request names
// Reports.Read.All; a download over the page ceiling and a CSV without the
// report's columns are errors, not retried.
func TestActiveUserReportRefusals(t *testing.T) {
	t.Run("403", func(t *testing.T) {
		g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
			graphError(w, http.StatusForbidden, "Authorization_RequestDenied", "denied-1")
		})
		_, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
		if err == nil || !strings.Contains(err.Error(), "Reports.Read.All") {
			t.Fatalf("err = %v, want one naming Reports.Read.All", err)
		}
	})
	t.Run("over the ceiling", func(t *testing.T) {
		dl := newDownloadHost(t, serveCSV(reportCSV))
		g := newFakeGraph(t, redirectTo(t, func(int) string { return dl.URL + "/d" }))
		c := g.client(t)
		c.setLimits(int64(len(reportCSV)-1), MaxObjectsPerList)
		_, err := c.GetOffice365ActiveUserDetail(context.Background(), "D30")
		if !errors.Is(err, ErrLimitExceeded) || g.graphHits.Load() != 1 {
			t.Fatalf("err = %v after %d requests, want ErrLimitExceeded after 1", err, g.graphHits.Load())
		}
		c.setLimits(int64(len(reportCSV)), MaxObjectsPerList)
		if rows, err := c.GetOffice365ActiveUserDetail(context.Background(), "D30"); err != nil || len(rows) != 2 {
			t.Fatalf("at exactly the ceiling: rows %d, err %v", len(rows), err)
		}
	})
	t.Run("not the report", func(t *testing.T) {
		dl := newDownloadHost(t, serveCSV("Report Refresh Date,User Principal Name\r\n2026-08-29,a@example.com\r\n"))
		g := newFakeGraph(t, redirectTo(t, func(int) string { return dl.URL + "/d" }))
		_, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
		if err == nil || !strings.Contains(err.Error(), "Has Exchange License") || g.graphHits.Load() != 1 {
			t.Fatalf("err = %v after %d requests, want one naming the missing columns, not retried", err, g.graphHits.Load())
		}
	})
	t.Run("bad period", func(t *testing.T) {
		g := newFakeGraph(t, func(http.ResponseWriter, *http.Request) {})
		if _, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D31"); err == nil || g.graphHits.Load() != 0 {
			t.Fatalf("err = %v, requests %d: want an error before any request", err, g.graphHits.Load())
		}
	})
}

func TestActiveUserCSVCells(t *testing.T) {
	for cell, want := range map[string][]string{
		"":                 {},
		"MICROSOFT 365 E3": {"MICROSOFT 365 E3"},
		"OFFICE 365 E5+ENTERPRISE MOBILITY + SECURITY E5": {"ENTERPRISE MOBILITY + SECURITY E5", "OFFICE 365 E5"},
		"B+A+B": {"A", "B"},
		"+A+":   {"A"},
	} {
		if got := splitProducts(cell); !equalStrings(got, want) {
			t.Errorf("splitProducts(%q) = %q, want %q", cell, got, want)
		}
	}
	for upn, want := range map[string]bool{
		"robin@example.com":                    false,
		"(Unknown)":                            false,
		"":                                     false,
		"0A1B2C3D4E5F60718293A4B5C6D7E8F9":     true,
		"7d1e8c55-3b7e-4d44-9b1e-2f0f3d6a9c11": true,
		"<PII:H105(abcdef)>@example.com":       true,
	} {
		if got := concealedName(upn); got != want {
			t.Errorf("concealedName(%q) = %v, want %v", upn, got, want)
		}
	}
	bad := strings.Replace(reportCSV, ",False,,True,True", ",Nope,,True,True", 1)
	_, err := parseActiveUserCSV(strings.NewReader(bad))
	if err == nil || !strings.Contains(err.Error(), `line 2, column "Is Deleted"`) || strings.Contains(err.Error(), "Nope") {
		t.Errorf("bad boolean: err = %v, want line and column without the value", err)
	}
	noBOM := strings.TrimPrefix(reportCSV, utf8BOM)
	if rows, err := parseActiveUserCSV(strings.NewReader(noBOM)); err != nil || len(rows) != 2 {
		t.Errorf("without a BOM: rows %d, err %v", len(rows), err)
	}
}

// TestActiveUserReportLogsNoSignedURLOrRow: the logs of a read whose first
// download fails name the download's host, never its signed path or query,
// nor a row of the report.
func TestActiveUserReportLogsNoSignedURLOrRow(t *testing.T) {
	dl := newDownloadHost(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		serveCSV(reportCSV)(w, r, n)
	})
	g := newFakeGraph(t, redirectTo(t, func(n int) string {
		return fmt.Sprintf("%s/data/download/SIGNEDPATH%d?sig=SIGNATURE%d", dl.URL, n, n)
	}))
	var out lockedBuffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	if _, err := g.client(t).GetOffice365ActiveUserDetail(ctx, "D30"); err != nil {
		t.Fatal(err)
	}
	logs := out.buf.String()
	for _, s := range []string{"SIGNEDPATH", "SIGNATURE", "robin@example.com", "Robin Example", "Bearer"} {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q", s)
		}
	}
	host := strings.TrimPrefix(dl.URL, "http://")
	if !strings.Contains(logs, "Usage report download") || !strings.Contains(logs, host) ||
		!strings.Contains(logs, "Requesting the usage report again after its download failed") {
		t.Errorf("the logs lack the download's host or the retry:\n%s", logs)
	}
}

// TestActiveUserReportReadsACSVGraphSendsItself: should Graph answer the
// report request with the CSV itself (200, no redirect), that is the report.
func TestActiveUserReportReadsACSVGraphSendsItself(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = fmt.Fprint(w, reportCSV)
	})
	rows, err := g.client(t).GetOffice365ActiveUserDetail(context.Background(), "D30")
	if err != nil || len(rows) != 2 || g.graphHits.Load() != 1 {
		t.Fatalf("rows %d, err %v, requests %d", len(rows), err, g.graphHits.Load())
	}
}
