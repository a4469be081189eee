package graph

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// throttleWatch marks a read that Graph documents no reports limit for but
// that users see throttled like one (users with signInActivity,
// graph-reference-2 §4). Its requests go unpaced until the first 429; from
// then on the rest of the read goes through the shared reports window, so a
// long read does not keep running into 429s.
type throttleWatch struct{ throttled atomic.Bool }

type throttleWatchKey struct{}

// withThrottleWatch marks ctx's requests as one such read.
func withThrottleWatch(ctx context.Context) context.Context {
	return context.WithValue(ctx, throttleWatchKey{}, &throttleWatch{})
}

// pacedAfterThrottle reports whether req belongs to a watched read that has
// been throttled, and so is paced like the reports endpoints.
func pacedAfterThrottle(req *http.Request) bool {
	w, _ := req.Context().Value(throttleWatchKey{}).(*throttleWatch)
	return w != nil && w.throttled.Load()
}

// sendWatched sends an unpaced request; a 429 on a watched read switches
// the rest of that read to the window and holds the window for Retry-After.
// windowFor picks the window (the token's tenant's) only when a 429 needs it.
func sendWatched(base http.RoundTripper, req *http.Request, windowFor func(*http.Request) *slidingWindow) (*http.Response, error) {
	resp, err := base.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	if w, _ := req.Context().Value(throttleWatchKey{}).(*throttleWatch); w != nil {
		if w.throttled.CompareAndSwap(false, true) {
			logWarn(req.Context(), "Graph throttled a users read with signInActivity; pacing the rest of it through the reports window",
				map[string]any{"method": req.Method, "path": req.URL.Path, "request_id": resp.Header.Get("request-id")})
		}
		if wait, ok := retryAfter(resp.Header, time.Now()); ok {
			windowFor(req).pause(time.Now().Add(wait))
		}
	}
	return resp, nil
}
