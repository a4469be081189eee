package fakegraph

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Graph's identity reports limit: 5 requests per 10 seconds per application
// per tenant (graph-reference §2.6).
const (
	DefaultReportsRequests = 5
	DefaultReportsWindow   = 10 * time.Second
)

// reportsThrottle counts the arrivals of /auditLogs requests per client in a
// sliding window. Throttled requests count too: Graph says they still
// accrue usage, so a client that hammers stays throttled.
type reportsThrottle struct {
	mu        sync.Mutex
	set       bool // SetReportsThrottle was called; otherwise the defaults
	requests  int  // <= 0: no throttle
	window    time.Duration
	arrivals  map[string][]time.Time // by client ID
	throttled int
}

// SetReportsThrottle sets the reports limit: at most requests in any window
// for each client application. requests <= 0 turns the throttle off. The
// default is Graph's, 5 per 10 seconds.
func (s *Server) SetReportsThrottle(requests int, window time.Duration) {
	t := &s.auditLogs.throttle
	t.mu.Lock()
	t.set, t.requests, t.window = true, requests, window
	t.arrivals = nil
	t.mu.Unlock()
}

// ReportsThrottled is how many /auditLogs requests were answered 429 by
// the reports throttle.
func (s *Server) ReportsThrottled() int {
	t := &s.auditLogs.throttle
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.throttled
}

// admit records an arrival (at arrived) and reports whether it is within the limit;
// when it is not, it answers 429 with Retry-After (whole seconds, as Graph
// sends) and the throttle headers.
func (t *reportsThrottle) admit(w http.ResponseWriter, r *http.Request, arrived time.Time, clientID, tenantID string) bool {
	now := arrived
	if now.IsZero() {
		now = time.Now()
	}
	t.mu.Lock()
	requests, window := t.requests, t.window
	if !t.set {
		requests, window = DefaultReportsRequests, DefaultReportsWindow
	}
	if requests <= 0 {
		t.mu.Unlock()
		return true
	}
	if t.arrivals == nil {
		t.arrivals = map[string][]time.Time{}
	}
	recent := t.arrivals[clientID][:0:0]
	for _, at := range t.arrivals[clientID] {
		if now.Sub(at) < window {
			recent = append(recent, at)
		}
	}
	recent = append(recent, now)
	t.arrivals[clientID] = recent
	over := len(recent) > requests
	var wait time.Duration
	if over {
		t.throttled++
		// Until enough arrivals have left the window for one more.
		wait = recent[len(recent)-requests].Add(window).Sub(now)
	}
	t.mu.Unlock()
	if !over {
		return true
	}
	secs := max(1, int((wait+time.Second-1)/time.Second))
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(secs))
	h.Set("x-ms-throttle-scope", fmt.Sprintf("Tenant_Application/Read/%s/%s", clientID, tenantID))
	h.Set("x-ms-throttle-information", "RequestLimitExceeded")
	writeGraphError(w, r, http.StatusTooManyRequests, "TooManyRequests",
		fmt.Sprintf("Too many requests from Identifier:%s+%s under category:throttle.aad.reports. Please try again later.", clientID, tenantID))
	return false
}
