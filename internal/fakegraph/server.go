package fakegraph

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultTokenLifetime is the expires_in of new tokens unless changed with
// SetTokenLifetime. Observed app-only responses commonly say 3599.
const DefaultTokenLifetime = 3599 * time.Second

// Server serves one Tenant: the token endpoint and OIDC discovery of the
// login host, and the Graph v1.0 endpoints, on whatever host it is reached
// through. It is safe for concurrent use.
type Server struct {
	tenant *Tenant

	// Read-only indexes built by New.
	users       []*User // sorted by lower-case userPrincipalName, then id
	userKeys    []userKey
	appsByID    map[string]*App // by lower-case client ID
	tenantNames map[string]bool // lower-case tenant ID and domain names
	signingKey  []byte

	ts        *httptest.Server
	done      chan struct{}
	closeOnce sync.Once

	mu            sync.Mutex
	latency       time.Duration
	tokenLifetime time.Duration
	tokens        map[string]*issuedToken
	faults        []*Fault
	maxPage       int        // SetMaxPageSize; 0: $top as asked
	chaos         chaosState // SetChaos (chaos.go)
	requests      []*Request

	auditLogs auditLogs // sign-ins in Graph's order, reports throttle

	registrationReport registrationReport // registration details in paging order
	roleLists          roleLists          // role definitions and assignment lists in paging order (roles.go)

	signInActivity signInActivitySwitches // page size limit and throttle of /users with signInActivity

	regOnce     sync.Once
	regs        *registrations         // app registrations by appId and in paging order (app_registrations.go)
	keyThrottle keyCredentialsThrottle // the keyCredentials $select limit (key_credentials_throttle.go)

	dirOnce   sync.Once
	directory *directory // groups, members and app role assignments by id (roster.go)

	spOrder spOrder // service principals in paging order (service_principals.go)
	// groupOrder holds groups in paging order (groups_list.go).
	groupOrder groupOrder
	// grantOrder holds grants in paging order (oauth2_permission_grants.go).
	grantOrder grantOrder

	usage usageReports // the Microsoft 365 usage report and its download host (m365_usage.go)
}

// Request is one request the Server received, as Requests reports it.
type Request struct {
	Method, Path, RawQuery, Host string
	Status                       int  // status sent; 0 until the response headers are written
	Authorization                bool // had a bearer token
	At                           time.Time

	// Dropped is true when a Drop fault cut the connection mid-body
	// (Status is then the 200 that was written before the cut).
	Dropped bool
	// RequestID is the request-id header the Server sent (Graph paths only).
	RequestID string
	// Refused is the message of the 400 the metadata check answered when
	// the request asked what Graph's v1.0 metadata does not have; "" when
	// it passed (metadata_check.go).
	Refused string
}

// New returns a Server for t. It does not listen; use it as an http.Handler
// or call Start instead.
func New(t *Tenant) *Server {
	if t == nil {
		panic("fakegraph: New(nil)")
	}
	s := &Server{
		tenant:        t,
		appsByID:      make(map[string]*App, len(t.Apps)),
		tenantNames:   make(map[string]bool, len(t.Domains)+1),
		signingKey:    randomBytes(32),
		done:          make(chan struct{}),
		tokenLifetime: DefaultTokenLifetime,
		tokens:        make(map[string]*issuedToken),
	}
	s.users = make([]*User, len(t.Users))
	for i := range t.Users {
		s.users[i] = &t.Users[i]
	}
	// Graph pages /users in userPrincipalName order (the directory skiptoken
	// carries the UPN); the id breaks ties so the order is total.
	sort.SliceStable(s.users, func(i, j int) bool {
		return userSortKey(s.users[i]).less(userSortKey(s.users[j]))
	})
	s.userKeys = make([]userKey, len(s.users))
	for i, u := range s.users {
		s.userKeys[i] = userSortKey(u)
	}
	for i := range t.Apps {
		s.appsByID[strings.ToLower(t.Apps[i].ClientID)] = &t.Apps[i]
	}
	s.tenantNames[strings.ToLower(t.ID)] = true
	for _, d := range t.Domains {
		s.tenantNames[strings.ToLower(d.Name)] = true
	}
	return s
}

// Start returns a Server for t listening on a fresh 127.0.0.1 port. Close it
// when done.
func Start(t *Tenant) *Server {
	s := New(t)
	s.ts = httptest.NewServer(s)
	return s
}

// URL is the base URL of a started Server (http://127.0.0.1:port), to use as
// both the authority host and the Graph endpoint. It is "" for a Server made
// with New.
func (s *Server) URL() string {
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// Close stops a started Server and cuts short any latency a request is
// waiting out. It is safe to call more than once, and on a Server made with
// New (where it only cuts the waits short).
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		if s.ts != nil {
			s.ts.Close()
		}
		s.closeUsage()
	})
}

// Tenant returns the tenant the Server serves. Do not modify it.
func (s *Server) Tenant() *Tenant { return s.tenant }

// SetLatency delays every Graph response (not the token endpoint) by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.latency = d
	s.mu.Unlock()
}

// SetTokenLifetime sets the lifetime of tokens issued from now on. The
// Server enforces it: a token is refused once it has lived d. expires_in
// reports d rounded up to whole seconds.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	s.tokenLifetime = d
	s.mu.Unlock()
}

// ExpireTokens makes every token issued so far invalid: Graph answers 401
// InvalidAuthenticationToken "Access token has expired or is not yet valid."
// Tokens issued afterwards work.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	for _, t := range s.tokens {
		t.revoked = true
	}
	s.mu.Unlock()
}

// Requests returns every request received since New or the last
// ResetRequests, in the order they arrived.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = *r
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
}

// ServeHTTP serves the login host paths (/{tenant}/oauth2/v2.0/token,
// /{tenant}/v2.0/.well-known/openid-configuration,
// /common/discovery/instance) and the Graph paths (/v1.0/...).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	entry := &Request{
		Method:        r.Method,
		Path:          r.URL.Path,
		RawQuery:      r.URL.RawQuery,
		Host:          r.Host,
		Authorization: hasBearer(r),
	}
	s.mu.Lock()
	entry.At = time.Now()
	s.requests = append(s.requests, entry)
	s.mu.Unlock()

	sw := &statusWriter{ResponseWriter: w, s: s, entry: entry}
	defer sw.record(http.StatusOK) // a handler that wrote nothing sent 200

	if isGraphPath(r.URL.Path) {
		s.serveGraph(sw, r)
		return
	}
	s.serveLogin(sw, r)
}

func hasBearer(r *http.Request) bool {
	_, ok := bearerToken(r)
	return ok
}

// bearerToken returns the token of an "Authorization: Bearer <token>" header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// isGraphPath reports whether p is on the Graph host: /v1.0/... or /beta/...
func isGraphPath(p string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return strings.EqualFold(first, "v1.0") || strings.EqualFold(first, "beta")
}

// baseURL is the scheme and host the request reached the Server through;
// links the Server writes point there.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// sleep waits d unless the request or the Server ends first.
func (s *Server) sleep(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	case <-s.done:
	}
}

// statusWriter records the status written in the request log as it is
// written (before the client can see the response, so a test that reads
// Requests right after a response finds it), and passes Flush and Hijack
// through for streaming and dropped connections.
type statusWriter struct {
	http.ResponseWriter
	s      *Server
	entry  *Request
	status int
}

func (w *statusWriter) record(code int) {
	if w.status != 0 {
		return
	}
	w.status = code
	w.s.mu.Lock()
	w.entry.Status = code
	w.entry.RequestID = w.Header().Get("request-id")
	w.s.mu.Unlock()
}

func (w *statusWriter) markDropped() {
	w.s.mu.Lock()
	w.entry.Dropped = true
	w.s.mu.Unlock()
}

func (w *statusWriter) WriteHeader(code int) {
	w.record(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.record(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("fakegraph: connection cannot be hijacked")
	}
	return h.Hijack()
}
