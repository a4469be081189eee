package fakegraph

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Fault makes matching Graph requests fail. Faults apply to authenticated
// Graph requests only (an unauthenticated request gets its 401 and does not
// use up a fault), before the resource is looked at, so they work on any
// path. Queued faults are tried in order; the first that matches is used.
type Fault struct {
	// PathPrefix limits the fault to paths starting with it, compared
	// case-insensitively, e.g. "/v1.0/users"; "" matches any Graph path.
	PathPrefix string
	// Page limits the fault to one page of a paged listing: 1 is a request
	// without $skiptoken, N the request for the Nth page. 0 matches any
	// request.
	Page int
	// Status is the HTTP status to answer, with Graph's error body for it:
	// 429 TooManyRequests, 500 generalException, 503 serviceNotAvailable,
	// 504 UnknownError, ... It is ignored when Drop is set.
	Status int
	// RetryAfter is the Retry-After header to send: "" for none, seconds
	// ("2") or an HTTP date.
	RetryAfter string
	// Drop answers 200 with the first half of the real body (and its full
	// Content-Length), then closes the connection: the client sees the
	// connection drop mid-body. It needs a real HTTP/1.1 connection (Start,
	// or New behind an http.Server); elsewhere the handler aborts.
	Drop bool
	// Reset closes the connection before anything is answered (a
	// connection reset by a peer or a middlebox). Like Drop it needs a real
	// HTTP/1.1 connection. net/http may send a GET again by itself when a
	// reused connection closes this way, so the client may not see it.
	Reset bool
	// ExpireTokens makes every token issued so far expire just before the
	// matching request is served, which then gets 401
	// InvalidAuthenticationToken: an access token running out mid-paging.
	ExpireTokens bool
	// Times is how many matching requests the fault hits: 0 means 1, -1
	// means every matching request from now on. With Page, Times N is "fail
	// this page N times, then answer it".
	Times int
	// Skip lets the first Skip matching requests through before the fault
	// hits: a page-specific fault where Page cannot tell (sign-in skip
	// tokens carry a position, not a page number).
	Skip int
	// Body rewrites what would have been a 200 page (faults_body.go):
	// truncated or HTML bodies, a nextLink elsewhere, objects missing or
	// with extra properties, items repeated from the first page, a page
	// linking to itself, endless empty pages.
	Body BodyFault
}

// InjectFault queues f.
func (s *Server) InjectFault(f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	s.mu.Lock()
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
}

// FaultHitsLeft is how many hits the queued faults with a number of Times
// still have (those with Times -1 do not count): 0 means they were all used.
func (s *Server) FaultHitsLeft() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += max(f.Times, 0)
	}
	s.usage.mu.Lock()
	for _, f := range s.usage.faults { // InjectDownloadFault's (m365_usage.go)
		n += max(f.Times, 0)
	}
	s.usage.mu.Unlock()
	return n
}

// ClearFaults removes every queued fault, the download host's too.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
	s.usage.mu.Lock()
	s.usage.faults = nil
	s.usage.mu.Unlock()
}

// takeFault returns (a copy of) the first queued fault matching r and uses
// one of its hits, or nil.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.faults) == 0 {
		return nil
	}
	page := requestPage(r)
	path := strings.ToLower(r.URL.Path)
	for i, f := range s.faults {
		if !strings.HasPrefix(path, strings.ToLower(f.PathPrefix)) {
			continue
		}
		if f.Page != 0 && f.Page != page {
			continue
		}
		if f.Skip > 0 {
			f.Skip--
			continue
		}
		hit := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
		}
		return &hit
	}
	return nil
}

// requestPage is the page number a request asks for: 1 without $skiptoken,
// the number carried by a valid $skiptoken, 0 for an invalid one.
func requestPage(r *http.Request) int {
	raw := r.URL.Query().Get("$skiptoken")
	if raw == "" {
		return 1
	}
	tok, err := decodeSkipToken(raw)
	if err != nil {
		return 0
	}
	return tok.page
}

// writeFault answers with the fault's status and Graph's error body for it.
func writeFault(w http.ResponseWriter, r *http.Request, f *Fault, token *issuedToken, tenantID string) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	code, message := "UnknownError", http.StatusText(f.Status)
	switch f.Status {
	case http.StatusBadRequest:
		code, message = "BadRequest", "Bad request."
	case http.StatusRequestTimeout:
		code, message = "UnknownError", "Request timeout."
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(
			`Bearer realm="", authorization_uri="%s/common/oauth2/authorize", client_id="%s"`, baseURL(r), GraphAppID))
		code, message = "InvalidAuthenticationToken", "Access token validation failure."
	case http.StatusForbidden:
		code, message = "Authorization_RequestDenied", "Insufficient privileges to complete the operation."
	case http.StatusNotFound:
		code, message = "Request_ResourceNotFound", "Resource not found."
	case http.StatusTooManyRequests:
		w.Header().Set("x-ms-throttle-scope", fmt.Sprintf("Tenant_Application/Read/%s/%s", token.clientID, tenantID))
		w.Header().Set("x-ms-throttle-information", "ResourceUnitLimitExceeded")
		code = "TooManyRequests"
		message = fmt.Sprintf("Too many requests from Identifier:%s+%s under category:throttle.aad.ags.tenant. Please try again later.", token.clientID, tenantID)
	case http.StatusInternalServerError:
		code, message = "generalException", "General exception while processing."
	case http.StatusBadGateway:
		code, message = "UnknownError", "Bad gateway."
	case http.StatusServiceUnavailable:
		code, message = "serviceNotAvailable", "Service unavailable. Please try again later."
	case http.StatusGatewayTimeout:
		code, message = "UnknownError", "Gateway timeout."
	}
	status := f.Status
	if status < 100 || status > 999 {
		status = http.StatusInternalServerError
	}
	writeGraphError(w, r, status, code, message)
}

// drop renders the response render would give, sends 200 and the first half
// of that body with its full Content-Length, then closes the connection.
func (s *Server) drop(w *statusWriter, render func(http.ResponseWriter)) {
	rec := &bufferedResponse{header: w.Header().Clone()}
	render(rec)
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	body := rec.body.Bytes()
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Del("Transfer-Encoding")
	w.markDropped()
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body[:len(body)/2])
	w.Flush()
	conn, _, err := w.Hijack()
	if err != nil {
		// HTTP/2 or a recorder: abort the response instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// bufferedResponse is an http.ResponseWriter that keeps the response.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
