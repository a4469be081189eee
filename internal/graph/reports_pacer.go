package graph

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
	"sync"
	"time"
)

// ReportsBudget is how many requests the identity reports endpoints
// (/auditLogs/...) may receive in any Window for one application in one
// tenant. Microsoft documents 5 requests per 10 seconds; the zero value means
// that. Tests and benchmarks shrink the window.
type ReportsBudget struct {
	Requests int           // at most this many requests in any Window (default 5)
	Window   time.Duration // the sliding window (default 10s)
	// Margin is added to Window: Graph counts arrivals, not sends, and an
	// arrival can lag its send by network and scheduling jitter (default
	// 200ms; at least 100ms is advised for the real service).
	Margin time.Duration
}

// DefaultReportsBudget is Graph's documented reports limit with a margin.
var DefaultReportsBudget = ReportsBudget{Requests: 5, Window: 10 * time.Second, Margin: 200 * time.Millisecond}

func (b ReportsBudget) withDefaults() ReportsBudget {
	if b.Requests <= 0 {
		b.Requests = DefaultReportsBudget.Requests
	}
	if b.Window <= 0 {
		b.Window = DefaultReportsBudget.Window
	}
	if b.Margin < 0 {
		b.Margin = 0
	} else if b.Margin == 0 {
		b.Margin = DefaultReportsBudget.Margin
	}
	return b
}

// span is how long a send occupies its place in the budget.
func (b ReportsBudget) span() time.Duration { return b.Window + b.Margin }

func (b ReportsBudget) String() string {
	return fmt.Sprintf("%d per %s (+%s)", b.Requests, b.Window, b.Margin)
}

// isReportsPath reports whether a request path is on the reports budget.
func isReportsPath(p string) bool {
	return strings.HasPrefix(strings.ToLower(p), "/v1.0/auditlogs/") || strings.HasPrefix(strings.ToLower(p), "/beta/auditlogs/")
}

// slidingWindow keeps the send times of the latest requests of one
// (endpoint, tenant, client) and lets a request go only when fewer than
// Requests sends fall in the last Window+Margin. A token bucket would not
// do: one that bursts 5 and refills at 0.5/s lets a 6th request through
// 2 seconds after the burst, inside the same 10-second window.
type slidingWindow struct {
	budget ReportsBudget

	mu          sync.Mutex
	sent        []*sendMark // oldest first; only marks younger than span
	pausedUntil time.Time   // set by a 429's Retry-After
	now         func() time.Time
	after       func(time.Duration) (<-chan time.Time, func() bool) // a timer; tests replace it with now
}

// sendMark is one request's place in the window. Its time starts at the
// reservation and moves to when the request was written to the connection
// (later, so never less safe). Until then it is pending: it stays in the
// window however long the send takes (a slow dial or TLS handshake can
// outlast the window), counted as if sent now.
type sendMark struct {
	at      time.Time
	pending bool
}

func newSlidingWindow(b ReportsBudget) *slidingWindow {
	return &slidingWindow{budget: b.withDefaults(), now: time.Now, after: realTimer}
}

func realTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// reserve waits until a request may be sent, records it and returns its
// mark, or returns ctx's error. waited is how long it waited.
func (w *slidingWindow) reserve(ctx context.Context) (mark *sendMark, waited time.Duration, err error) {
	start := w.now()
	for {
		w.mu.Lock()
		now := w.now()
		wake := w.nextSlotLocked(now)
		if !wake.After(now) {
			mark = &sendMark{at: now, pending: true}
			w.sent = append(w.sent, mark)
			w.mu.Unlock()
			return mark, now.Sub(start), nil
		}
		paused := !w.pausedUntil.Before(wake)
		w.mu.Unlock()

		if dl, ok := ctx.Deadline(); ok && paused && dl.Before(wake) {
			// Graph asked every request to wait past this operation's deadline:
			// say so now instead of sleeping into a bare "deadline exceeded".
			return nil, w.now().Sub(start), &reportsPausedError{until: wake}
		}
		fired, stop := w.after(wake.Sub(now))
		select {
		case <-fired:
		case <-ctx.Done():
			stop()
			return nil, w.now().Sub(start), ctx.Err()
		}
	}
}

// nextSlotLocked is the earliest time a new request may be sent.
func (w *slidingWindow) nextSlotLocked(now time.Time) time.Time {
	span := w.budget.span()
	at := func(m *sendMark) time.Time { // a pending send may leave any moment
		if m.pending && now.After(m.at) {
			return now
		}
		return m.at
	}
	live := w.sent[:0]
	for _, m := range w.sent {
		if m.pending || now.Sub(m.at) < span {
			live = append(live, m)
		}
	}
	clear(w.sent[len(live):])
	w.sent = live
	slices.SortFunc(w.sent, func(a, b *sendMark) int { return at(a).Compare(at(b)) })

	next := now
	if over := len(w.sent) - w.budget.Requests; over >= 0 {
		// The send that has to leave the window before there is room.
		next = at(w.sent[over]).Add(span)
	}
	if w.pausedUntil.After(next) {
		next = w.pausedUntil
	}
	return next
}

// reportsPausedError: a 429 on the sign-in logs asked every request to wait
// until a time past the context's deadline.
type reportsPausedError struct{ until time.Time }

func (e *reportsPausedError) Error() string {
	return fmt.Sprintf("Microsoft Graph throttled the sign-in logs (reports API) and asked every request to wait until %s, "+
		"which would pass this operation's deadline: retry later", e.until.UTC().Format(time.RFC3339))
}

func (e *reportsPausedError) Unwrap() error { return context.DeadlineExceeded }

// written moves m to the time its request left for Graph.
func (w *slidingWindow) written(m *sendMark) {
	w.mu.Lock()
	if now := w.now(); now.After(m.at) {
		m.at = now
	}
	m.pending = false
	w.mu.Unlock()
}

// ended settles m once its round trip is over. A request that failed before
// it was reported written may still have reached Graph (a connection that
// broke mid-write): it counts from now.
func (w *slidingWindow) ended(m *sendMark) {
	w.mu.Lock()
	if m.pending {
		if now := w.now(); now.After(m.at) {
			m.at = now
		}
		m.pending = false
	}
	w.mu.Unlock()
}

// pause holds every request back until t (a 429's Retry-After).
func (w *slidingWindow) pause(t time.Time) {
	w.mu.Lock()
	if t.After(w.pausedUntil) {
		w.pausedUntil = t
	}
	w.mu.Unlock()
}

// reportsWindows holds one window per (endpoint, tenant, client, budget) for
// the whole process: every Client, data source and provider instance that
// reads the same tenant with the same application shares it, because Graph
// counts per application per tenant. The tenant is the token's tid where
// the token says it (reportsPacer.windowFor), else tenant_id as configured.
var reportsWindows = struct {
	sync.Mutex
	m map[string]*slidingWindow
}{m: map[string]*slidingWindow{}}

func sharedReportsWindow(endpoint, tenant, clientID string, b ReportsBudget) *slidingWindow {
	b = b.withDefaults()
	key := strings.ToLower(endpoint + "|" + tenant + "|" + clientID + "|" + b.String())
	reportsWindows.Lock()
	defer reportsWindows.Unlock()
	w, ok := reportsWindows.m[key]
	if !ok {
		w = newSlidingWindow(b)
		reportsWindows.m[key] = w
	}
	return w
}

// reportsPacer is the transport that holds each /auditLogs request (first
// attempts and retries alike: each goes through here) until the budget has
// room, and stops everyone for the Retry-After of a 429.
type reportsPacer struct {
	base   http.RoundTripper
	window *slidingWindow // the configured tenant's, for tokens without a tid
	// endpoint, clientID and budget key the window of the token's tenant.
	endpoint, clientID string
	budget             ReportsBudget
}

// windowFor is the window of the tenant req's access token was issued for
// (its tid claim): one tenant written as a GUID in one provider block and as
// a domain in another is one budget to Graph. A token that is not a JWT
// with a tid keeps the configured tenant's window.
func (p *reportsPacer) windowFor(req *http.Request) *slidingWindow {
	tid := tokenTenantID(strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer "))
	if tid == "" || p.endpoint == "" {
		return p.window
	}
	return sharedReportsWindow(p.endpoint, tid, p.clientID, p.budget)
}

// tokenTenantID is the tid claim of an access token (read without
// verifying the token: Graph does that; this only picks a budget), lower-
// cased; "" when the token is not a JWT or has no usable tid.
func tokenTenantID(token string) string {
	tid := decodeTokenClaims(token).TenantID
	if !isGUID(tid) {
		return ""
	}
	return strings.ToLower(tid)
}

func (p *reportsPacer) RoundTrip(req *http.Request) (*http.Response, error) {
	base := p.base
	if base == nil {
		base = http.DefaultTransport
	}
	if !isReportsPath(req.URL.Path) && !pacedAfterThrottle(req) {
		return sendWatched(base, req, p.windowFor)
	}
	ctx := req.Context()
	window := p.windowFor(req)
	mark, waited, err := window.reserve(ctx)
	addReportsWait(ctx, waited) // progress.go
	if err != nil {
		return nil, err
	}
	if waited > time.Millisecond {
		logDebug(ctx, "Waited for the reports request budget", map[string]any{
			"method": req.Method, "path": req.URL.Path, "wait_ms": waited.Milliseconds(), "budget": window.budget.String(),
		})
	}
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { window.written(mark) }}
	resp, err := base.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	window.ended(mark)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		if wait, ok := retryAfter(resp.Header, time.Now()); ok {
			window.pause(time.Now().Add(wait))
		}
	}
	return resp, err
}
