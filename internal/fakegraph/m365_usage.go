package fakegraph

import (
	"bytes"
	"crypto/md5" //nolint:gosec // Microsoft conceals report names with MD5 hashes; not used for security here.
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// M365ActiveUser is one row of the "Microsoft 365 active users" report
// (getOffice365ActiveUserDetail, graph-reference-3 §8.1). Nil dates are
// empty cells.
type M365ActiveUser struct {
	UserPrincipalName string
	DisplayName       string
	IsDeleted         bool
	DeletedDate       *time.Time

	HasExchange, HasOneDrive, HasSharePoint, HasSkypeForBusiness, HasYammer, HasTeams bool

	ExchangeLastActivity, OneDriveLastActivity, SharePointLastActivity  *time.Time
	SkypeForBusinessLastActivity, YammerLastActivity, TeamsLastActivity *time.Time

	// AssignedProducts are product names, joined with "+" in the CSV.
	AssignedProducts []string
}

// Microsoft 365 usage reports' limits (graph-reference-3 §8.1): 14 CSV
// requests per 10 minutes per app per tenant per report.
const (
	DefaultUsageReportsRequests = 14
	DefaultUsageReportsWindow   = 10 * time.Minute
	// DefaultUsageDownloadLifetime is how long a download URL works:
	// Microsoft says "a few minutes".
	DefaultUsageDownloadLifetime = 5 * time.Minute
)

// usageReports is the report endpoint's state: the download host (a second
// listener, started with the first report request), the URLs it has handed
// out, its faults and what it received.
type usageReports struct {
	mu        sync.Mutex
	host      *httptest.Server
	downloads map[string]time.Time // signature -> expiry
	issued    int                  // download URLs handed out
	lifetime  time.Duration
	faults    []*Fault
	received  []*DownloadRequest
	throttle  reportsThrottle // off unless SetUsageReportsThrottle
}

// DownloadRequest is one request the download host received.
type DownloadRequest struct {
	Path, RawQuery string
	// Authorization and Cookie are the headers as received ("" when absent):
	// the provider must send neither.
	Authorization, Cookie string
	Header                http.Header
	Status                int // 0 while unanswered, and for a connection reset before any answer
}

// SetUsageDownloadLifetime sets how long download URLs handed out from now
// on work (default DefaultUsageDownloadLifetime); later requests get 403.
func (s *Server) SetUsageDownloadLifetime(d time.Duration) {
	s.usage.mu.Lock()
	s.usage.lifetime = d
	s.usage.mu.Unlock()
}

// SetUsageReportsThrottle limits the usage report requests of each client
// to requests in any window (Graph's limit is DefaultUsageReportsRequests
// per DefaultUsageReportsWindow). It is off until set: Graph's window is ten
// minutes, longer than a test should wait.
func (s *Server) SetUsageReportsThrottle(requests int, window time.Duration) {
	t := &s.usage.throttle
	t.mu.Lock()
	t.set, t.requests, t.window, t.arrivals = true, requests, window, nil
	t.mu.Unlock()
}

// UsageReportsThrottled is how many report requests the throttle refused.
func (s *Server) UsageReportsThrottled() int {
	t := &s.usage.throttle
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.throttled
}

// InjectDownloadFault queues f for the download host: Status, Drop, Reset
// and the TruncatedJSON (a CSV cut in the middle of a row) and HTMLPage body
// faults apply; PathPrefix and Page are ignored.
func (s *Server) InjectDownloadFault(f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	s.usage.mu.Lock()
	s.usage.faults = append(s.usage.faults, &f)
	s.usage.mu.Unlock()
}

// DownloadRequests returns what the download host received, in order.
func (s *Server) DownloadRequests() []DownloadRequest {
	s.usage.mu.Lock()
	defer s.usage.mu.Unlock()
	out := make([]DownloadRequest, len(s.usage.received))
	for i, r := range s.usage.received {
		out[i] = *r
	}
	return out
}

// UsageDownloadHost is the download host's base URL ("" before the first
// report request).
func (s *Server) UsageDownloadHost() string {
	s.usage.mu.Lock()
	defer s.usage.mu.Unlock()
	if s.usage.host == nil {
		return ""
	}
	return s.usage.host.URL
}

// reportsPermissions read the Microsoft 365 usage reports.
var reportsPermissions = []string{"Reports.Read.All"}

// getOffice365ActiveUserDetail answers /v1.0/reports/getOffice365ActiveUserDetail(period='D30')
// as Graph does: 302 with a text/plain body and a Location on the download
// host, valid for a few minutes and needing no Authorization.
func (c *graphCall) getOffice365ActiveUserDetail(w http.ResponseWriter, fn string) {
	r := c.r
	if f := r.URL.Query().Get("$format"); f != "" && !strings.EqualFold(f, "text/csv") {
		writeGraphError(w, r, http.StatusBadRequest, "BadRequest", "JSON format is not supported.")
		return
	}
	args := strings.TrimSuffix(fn[strings.IndexByte(fn, '(')+1:], ")")
	switch args {
	case "period='D7'", "period='D30'", "period='D90'", "period='D180'":
	default:
		writeGraphError(w, r, http.StatusBadRequest, "BadRequest", "Invalid period; supported values are D7, D30, D90 and D180.")
		return
	}
	u := &c.s.usage
	u.throttle.mu.Lock()
	throttled := u.throttle.set
	u.throttle.mu.Unlock()
	if throttled && !u.throttle.admit(w, r, c.arrived, c.token.clientID, c.s.tenant.ID) {
		return
	}
	sig := hex.EncodeToString(randomBytes(16))
	base := c.s.startDownloadHost()
	u.mu.Lock()
	lifetime := u.lifetime
	if lifetime <= 0 {
		lifetime = DefaultUsageDownloadLifetime
	}
	if u.downloads == nil {
		u.downloads = map[string]time.Time{}
	}
	now := time.Now()
	for k, exp := range u.downloads {
		if now.After(exp) {
			delete(u.downloads, k)
		}
	}
	u.downloads[sig] = now.Add(lifetime)
	u.issued++
	n := u.issued
	u.mu.Unlock()
	// The path counts downloads, so a chaos seed gives the nth download the
	// same fate in every run; the signature is what authorises it.
	w.Header().Set("Location", fmt.Sprintf("%s/data/download/%d", base, n)+"?sig="+sig+"&se="+now.Add(lifetime).UTC().Format("2006-01-02T15%3A04%3A05Z"))
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusFound)
}

// startDownloadHost starts the second listener once.
func (s *Server) startDownloadHost() string {
	s.usage.mu.Lock()
	defer s.usage.mu.Unlock()
	if s.usage.host == nil {
		s.usage.host = httptest.NewServer(http.HandlerFunc(s.serveDownload))
	}
	return s.usage.host.URL
}

// serveDownload is the download host: it refuses a request that carries
// a token (the URL is pre-authorised), an unknown or expired signature,
// and otherwise sends the CSV.
func (s *Server) serveDownload(rw http.ResponseWriter, r *http.Request) {
	u := &s.usage
	// Recorded on arrival, its status as it is written (downloadWriter):
	// before the client can see the answer, so a test that looks right
	// after a read finds it.
	entry := &DownloadRequest{Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(),
		Authorization: r.Header.Get("Authorization"), Cookie: r.Header.Get("Cookie")}
	u.mu.Lock()
	u.received = append(u.received, entry)
	u.mu.Unlock()
	w := &downloadWriter{ResponseWriter: rw, u: u, entry: entry}
	if entry.Authorization != "" {
		http.Error(w, "This download is pre-authorised: a request with an Authorization header is refused.", http.StatusBadRequest)
		return
	}
	u.mu.Lock()
	exp, known := u.downloads[r.URL.Query().Get("sig")]
	f := takeDownloadFault(&u.faults)
	u.mu.Unlock()
	if f == nil {
		f = s.chaosFault(r, false)
	}
	switch {
	case !known:
		http.Error(w, "The download does not exist.", http.StatusNotFound)
		return
	case time.Now().After(exp):
		http.Error(w, "The download link has expired.", http.StatusForbidden)
		return
	}
	body := s.renderActiveUserCSV()
	if f != nil {
		s.downloadFault(w, f, body)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	_, _ = w.Write(body)
}

// downloadWriter records the status of a download as it is written.
type downloadWriter struct {
	http.ResponseWriter
	u     *usageReports
	entry *DownloadRequest
	wrote bool
}

func (w *downloadWriter) record(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	w.u.mu.Lock()
	w.entry.Status = code
	w.u.mu.Unlock()
}

func (w *downloadWriter) WriteHeader(code int) {
	w.record(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *downloadWriter) Write(b []byte) (int, error) {
	w.record(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.NewResponseController reach Flush and Hijack.
func (w *downloadWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// takeDownloadFault uses one hit of the first queued download fault.
func takeDownloadFault(faults *[]*Fault) *Fault {
	for i, f := range *faults {
		if f.Skip > 0 {
			f.Skip--
			continue
		}
		hit := *f
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				*faults = append((*faults)[:i], (*faults)[i+1:]...)
			}
		}
		return &hit
	}
	return nil
}

// downloadFault answers the download with f.
func (s *Server) downloadFault(w http.ResponseWriter, f *Fault, body []byte) {
	switch {
	case f.Reset:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler)
	case f.Drop:
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:len(body)/2])
		_ = http.NewResponseController(w).Flush()
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler)
	case f.Body.Kind == TruncatedJSON:
		cut := csvCut(body)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", fmt.Sprint(cut))
		_, _ = w.Write(body[:cut])
	case f.Body.Kind == HTMLPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>"))
	case f.Body.Kind != NoBodyFault:
		// Other body faults edit JSON pages; a CSV has none of those parts.
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(body)
	default:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		status := f.Status
		if status < 100 || status > 999 {
			status = http.StatusInternalServerError
		}
		http.Error(w, http.StatusText(status), status)
	}
}

// csvCut is where a truncated download stops: in the row half-way through
// the rows after the header, just after its first comma, so that the cut
// row is short of fields and the cut shows (a cut at a line break, or in a
// row's last field, would look like a shorter, whole report).
func csvCut(body []byte) int {
	start := bytes.IndexByte(body, '\n') + 1
	mid := start + (len(body)-start)/2
	row := start + bytes.LastIndexByte(body[start:mid], '\n') + 1
	if comma := bytes.IndexByte(body[row:], ','); comma >= 0 {
		return row + comma + 1
	}
	return mid
}

// activeUserColumns is the report's header (graph-reference-3 §8.1).
var activeUserColumns = []string{"Report Refresh Date", "User Principal Name", "Display Name", "Is Deleted", "Deleted Date",
	"Has Exchange License", "Has OneDrive License", "Has SharePoint License", "Has Skype For Business License",
	"Has Yammer License", "Has Teams License", "Exchange Last Activity Date", "OneDrive Last Activity Date",
	"SharePoint Last Activity Date", "Skype For Business Last Activity Date", "Yammer Last Activity Date",
	"Teams Last Activity Date", "Exchange License Assign Date", "OneDrive License Assign Date",
	"SharePoint License Assign Date", "Skype For Business License Assign Date", "Yammer License Assign Date",
	"Teams License Assign Date", "Assigned Products"}

// renderActiveUserCSV is the report as the download host sends it: a UTF-8
// byte-order mark, CRLF lines, True/False, YYYY-MM-DD, names concealed as
// upper-case MD5 hashes when the tenant's report settings say so.
func (s *Server) renderActiveUserCSV() []byte {
	t := s.tenant
	refresh := t.M365ReportRefreshDate
	if refresh.IsZero() {
		refresh = time.Now().UTC().AddDate(0, 0, -2) // reports lag about two days
	}
	var buf bytes.Buffer
	buf.Grow(64 + 200*len(t.M365ActiveUsers))
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	_ = cw.Write(activeUserColumns)
	rec := make([]string, len(activeUserColumns))
	for _, u := range t.M365ActiveUsers {
		upn, name := u.UserPrincipalName, u.DisplayName
		if t.DisplayConcealedNames {
			upn, name = concealName(upn), concealName(upn)
		}
		rec = append(rec[:0], reportDate(&refresh), upn, name, boolCell(u.IsDeleted), reportDate(u.DeletedDate),
			boolCell(u.HasExchange), boolCell(u.HasOneDrive), boolCell(u.HasSharePoint), boolCell(u.HasSkypeForBusiness),
			boolCell(u.HasYammer), boolCell(u.HasTeams), reportDate(u.ExchangeLastActivity), reportDate(u.OneDriveLastActivity),
			reportDate(u.SharePointLastActivity), reportDate(u.SkypeForBusinessLastActivity), reportDate(u.YammerLastActivity),
			reportDate(u.TeamsLastActivity), "", "", "", "", "", "", strings.Join(u.AssignedProducts, "+"))
		_ = cw.Write(rec)
	}
	cw.Flush()
	return buf.Bytes()
}

func boolCell(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func reportDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// concealName is the concealed form of a name: the upper-case MD5 hex of
// the lower-cased user principal name (the 32-hex form of graph-reference-3).
func concealName(upn string) string {
	sum := md5.Sum([]byte(strings.ToLower(upn))) //nolint:gosec // see the import
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// closeUsage stops the download host.
func (s *Server) closeUsage() {
	s.usage.mu.Lock()
	host := s.usage.host
	s.usage.mu.Unlock()
	if host != nil {
		host.Close()
	}
}
