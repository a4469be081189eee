package graph

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// permissionReports is what the Microsoft 365 usage reports need
// (graph-reference-3 §8.1).
const permissionReports = "Reports.Read.All"

// M365ReportPeriods are the periods getOffice365ActiveUserDetail accepts.
var M365ReportPeriods = []string{"D7", "D30", "D90", "D180"}

// GetOffice365ActiveUserDetail reads the "Microsoft 365 active users" report
// for period (D7, D30, D90 or D180):
// GET /v1.0/reports/getOffice365ActiveUserDetail(period='D30').
//
// Graph answers with a redirect to a short-lived, pre-authorised CSV
// download (graph-reference-3 §8.1). This is the one request whose redirect
// the client follows, and it is a security boundary: exactly one hop, only
// to https (http only to a loopback host), with no Authorization header,
// cookie or other credential, and the download's body capped like a page.
// The download URL is itself a credential, so neither logs nor errors carry
// more of it than its host.
//
// A download that fails (a status, a broken or malformed body) is retried by
// sending the report request again, which yields a new download URL: the
// old one may have expired. Every attempt of either leg draws on one retry
// budget. Rows come back only from a download read whole.
func (c *Client) GetOffice365ActiveUserDetail(ctx context.Context, period string) ([]M365ActiveUser, error) {
	ctx = withLogging(ctx)
	if !validPeriod(period) {
		return nil, fmt.Errorf("graph: report period %q is not one of %s", period, strings.Join(M365ReportPeriods, ", "))
	}
	path := "/v1.0/reports/getOffice365ActiveUserDetail(period='" + period + "')"
	req := newGraphRequest(c.endpointURL(path, ""), permissionReports)
	req.report = true
	var tries pageTries
	for {
		resp, err := c.send(ctx, req, &tries)
		if err != nil {
			return nil, err
		}
		rows, derr := c.readReport(ctx, req, resp, tries.attempts)
		if derr == nil {
			return rows, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("graph: GET %s: %w", req.path, ctx.Err())
		}
		if !derr.retryable {
			return nil, derr
		}
		wait, asked := derr.retryAfter, derr.retryAfterSet
		if !asked {
			wait = c.backoff(tries.retries + 1)
		}
		ok, werr := c.retry(ctx, &tries, wait)
		switch {
		case !ok:
			return nil, derr
		case werr != nil:
			derr.cause = werr
			if errors.Is(werr, errPastDeadline) {
				derr.cause = context.DeadlineExceeded
			}
			return nil, derr
		}
		logWarn(ctx, "Requesting the usage report again after its download failed", map[string]any{
			"method": http.MethodGet, "path": req.path, "host": derr.Host, "problem": derr.Problem, "attempt": tries.attempts,
		})
	}
}

func validPeriod(p string) bool {
	for _, v := range M365ReportPeriods {
		if p == v {
			return true
		}
	}
	return false
}

// redirectStatus reports whether Graph answered a report request with the
// redirect to its download.
func redirectStatus(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// ReportDownloadError is a usage report whose download failed: the
// redirect was refused, the download host answered an error, or the CSV
// could not be read. Host is the download's host only: its path and query
// authorise the download and are never shown.
type ReportDownloadError struct {
	Path       string // the report request's path
	Host       string // "" when the redirect itself was refused
	StatusCode int    // the download's status, 0 when it answered 2xx or not at all
	Problem    string
	Attempts   int // report requests sent

	retryable     bool
	retryAfter    time.Duration
	retryAfterSet bool
	cause         error
}

func (e *ReportDownloadError) Error() string {
	where := "the report's download"
	if e.Host != "" {
		where += " from " + e.Host
	}
	msg := fmt.Sprintf("graph: GET %s: %s failed: %s", e.Path, where, e.Problem)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (the report was requested %d times, each with a new download)", e.Attempts)
	}
	if errors.Is(e.cause, context.DeadlineExceeded) {
		msg += "; the read ran out of time before another attempt"
	}
	return msg
}

func (e *ReportDownloadError) Unwrap() error { return e.cause }

// readReport follows the report request's answer: the redirect to the
// download (or, should Graph ever send it, the CSV itself) read to the end.
func (c *Client) readReport(ctx context.Context, req graphRequest, resp *http.Response, attempts int) ([]M365ActiveUser, *ReportDownloadError) {
	fail := func(host string, status int, retryable bool, problem string) *ReportDownloadError {
		return &ReportDownloadError{Path: req.path, Host: host, StatusCode: status, Problem: problem, Attempts: attempts, retryable: retryable}
	}
	if !redirectStatus(resp.StatusCode) {
		defer closeBody(resp)
		return c.parseDownload(resp, fail, c.endpoint.Host)
	}
	location := resp.Header.Get("Location")
	closeBody(resp)
	target, err := downloadTarget(req.url, location)
	if err != nil {
		return nil, fail("", 0, false, err.Error())
	}
	dl, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, fail(target.Host, 0, false, "the download URL cannot be requested")
	}
	// Only what identifies the client: no Authorization, no cookies (the
	// download client has no jar), no client-request-id to tie the signed
	// URL to Graph's logs.
	dl.Header.Set("User-Agent", c.userAgent)
	start := time.Now()
	dresp, err := c.download.Do(dl)
	fields := map[string]any{"method": http.MethodGet, "host": target.Host, "duration_ms": time.Since(start).Milliseconds()}
	if err != nil {
		var redirected *downloadRedirectError
		if errors.As(err, &redirected) {
			return nil, fail(target.Host, 0, false, redirected.Error())
		}
		fields["error"] = describeNetError(err)
		logDebug(ctx, "Usage report download failed", fields)
		if ctx.Err() != nil {
			return nil, &ReportDownloadError{Path: req.path, Host: target.Host, Problem: "the read ended", Attempts: attempts, cause: ctx.Err()}
		}
		return nil, fail(target.Host, 0, transientNetError(err), "the download host could not be reached: "+describeNetError(err))
	}
	fields["status"] = dresp.StatusCode
	logDebug(ctx, "Usage report download", fields)
	if dresp.StatusCode < 200 || dresp.StatusCode > 299 {
		closeBody(dresp)
		// The URL lives a few minutes and may have expired (403, 404, 410);
		// the host may throttle or fail (429, 5xx). A new report request
		// gives a new URL in every case.
		e := fail(target.Host, dresp.StatusCode, true, fmt.Sprintf("HTTP %d %s from the download host", dresp.StatusCode, http.StatusText(dresp.StatusCode)))
		e.retryAfter, e.retryAfterSet = retryAfter(dresp.Header, time.Now())
		return nil, e
	}
	defer closeBody(dresp)
	return c.parseDownload(dresp, fail, target.Host)
}

// parseDownload reads a 2xx download's CSV under the page ceiling.
func (c *Client) parseDownload(resp *http.Response, fail func(string, int, bool, string) *ReportDownloadError, host string) ([]M365ActiveUser, *ReportDownloadError) {
	if ct := mediaType(resp.Header.Get("Content-Type")); !csvContentType(ct) {
		return nil, fail(host, 0, true, fmt.Sprintf("the Content-Type is %s, not a CSV file", ct))
	}
	body := &trackingReader{r: c.limitPage(resp.Body)}
	rows, err := parseActiveUserCSV(body)
	if err == nil {
		return rows, nil
	}
	switch {
	case errors.Is(body.err, errPageTooLarge):
		e := fail(host, 0, false, fmt.Sprintf("the CSV is larger than %d bytes (MaxPageBytes), the ceiling of one page or download", c.limits().pageBytes))
		e.cause = ErrLimitExceeded
		return nil, e
	case body.err != nil:
		return nil, fail(host, 0, transientNetError(body.err), "reading the CSV failed: "+describeNetError(body.err))
	}
	var bad *csvShapeError
	return nil, fail(host, 0, errors.As(err, &bad), err.Error())
}

// csvContentType: what the download host sends (application/octet-stream,
// per Microsoft's page), a CSV type, or nothing; never HTML or JSON.
func csvContentType(mt string) bool {
	switch mt {
	case "", "application/octet-stream", "text/csv", "text/plain", "application/csv":
		return true
	}
	return false
}

// downloadTarget checks the redirect's Location: an absolute (or
// Graph-relative) URL, https or http to a loopback host, without user
// information. The error names the scheme and host, never the path or query.
func downloadTarget(requestURL, location string) (*url.URL, error) {
	if strings.TrimSpace(location) == "" {
		return nil, errors.New("the redirect has no Location; nothing was requested")
	}
	base, err := url.Parse(requestURL)
	if err != nil {
		return nil, errors.New("the report request's URL cannot be parsed")
	}
	loc, err := url.Parse(location)
	if err != nil {
		return nil, errors.New("the redirect's Location is not a URL; nothing was requested")
	}
	u := base.ResolveReference(loc)
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("the redirect to %s carries user information; nothing was requested", u.Hostname())
	case u.Hostname() == "":
		return nil, errors.New("the redirect's Location has no host; nothing was requested")
	case strings.EqualFold(u.Scheme, "https"):
	case strings.EqualFold(u.Scheme, "http") && loopbackHost(u.Hostname()):
	default:
		return nil, fmt.Errorf("the redirect is to %s://%s, and the report is downloaded only over https (http only from a loopback host); nothing was requested",
			u.Scheme, u.Hostname())
	}
	u.Fragment = ""
	return u, nil
}

// loopbackHost is localhost, 127.0.0.0/8 or ::1: the local emulators that
// may be reached over http.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// downloadRedirectError: the download host redirected again. The client
// follows exactly one hop.
type downloadRedirectError struct{ host string }

func (e *downloadRedirectError) Error() string {
	return fmt.Sprintf("the download redirected again (to %s); the provider follows exactly one redirect for a report and requested nothing there", e.host)
}

// refuseDownloadRedirect is the download client's CheckRedirect.
func refuseDownloadRedirect(req *http.Request, _ []*http.Request) error {
	return &downloadRedirectError{host: req.URL.Hostname()}
}

// newDownloadClient is the client of the download leg: the base transport
// (no token, no reports pacer), no cookie jar, no further redirects.
func newDownloadClient(base *http.Client) *http.Client {
	dl := *base
	dl.Jar = nil
	dl.CheckRedirect = refuseDownloadRedirect
	return &dl
}
