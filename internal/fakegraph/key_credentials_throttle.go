package fakegraph

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Graph's separate limit on reading applications with keyCredentials in
// $select: 150 requests per minute per tenant (graph-reference-3 §2.2, from
// the list-applications page), whatever the client application.
const (
	DefaultKeyCredentialsRequests = 150
	DefaultKeyCredentialsWindow   = time.Minute
)

// keyCredentialsThrottle counts those requests in a sliding window; throttled
// ones count too, as for the reports limit.
type keyCredentialsThrottle struct {
	mu        sync.Mutex
	set       bool
	requests  int // <= 0: no throttle
	window    time.Duration
	arrivals  []time.Time
	throttled int
}

// SetKeyCredentialsThrottle sets the keyCredentials limit: at most requests
// in any window for the tenant. requests <= 0 turns it off. The default is
// Graph's, 150 per minute.
func (s *Server) SetKeyCredentialsThrottle(requests int, window time.Duration) {
	t := &s.keyThrottle
	t.mu.Lock()
	t.set, t.requests, t.window, t.arrivals = true, requests, window, nil
	t.mu.Unlock()
}

// KeyCredentialsThrottled is how many /applications requests were answered
// 429 by the keyCredentials limit.
func (s *Server) KeyCredentialsThrottled() int {
	t := &s.keyThrottle
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.throttled
}

// selectsKeyCredentials reports whether a $select names keyCredentials.
func selectsKeyCredentials(sel string) bool {
	for _, name := range strings.Split(sel, ",") {
		if strings.EqualFold(strings.TrimSpace(name), "keyCredentials") {
			return true
		}
	}
	return false
}

// admit records an arrival and reports whether it is within the limit;
// when it is not, it answers 429 with Retry-After in whole seconds.
func (t *keyCredentialsThrottle) admit(w http.ResponseWriter, r *http.Request, tenantID string) bool {
	now := time.Now()
	t.mu.Lock()
	requests, window := t.requests, t.window
	if !t.set {
		requests, window = DefaultKeyCredentialsRequests, DefaultKeyCredentialsWindow
	}
	if requests <= 0 {
		t.mu.Unlock()
		return true
	}
	recent := t.arrivals[:0:0]
	for _, at := range t.arrivals {
		if now.Sub(at) < window {
			recent = append(recent, at)
		}
	}
	recent = append(recent, now)
	t.arrivals = recent
	over := len(recent) > requests
	var wait time.Duration
	if over {
		t.throttled++
		wait = recent[len(recent)-requests].Add(window).Sub(now)
	}
	t.mu.Unlock()
	if !over {
		return true
	}
	secs := max(1, int((wait+time.Second-1)/time.Second))
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(secs))
	h.Set("x-ms-throttle-scope", "Tenant/Read/"+tenantID)
	h.Set("x-ms-throttle-information", "RequestLimitExceeded")
	writeGraphError(w, r, http.StatusTooManyRequests, "TooManyRequests",
		fmt.Sprintf("Too many requests from Identifier:%s under category:throttle.aad.application.keycredentials. Please try again later.", tenantID))
	return false
}
