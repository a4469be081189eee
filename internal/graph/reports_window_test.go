package graph

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowSend is a base transport whose send takes as long as the test wants:
// it reports that the request was written, and answers, only once released.
type slowSend struct {
	started chan struct{}
	release chan bool // true: the request was written; false: it failed before
}

func (s *slowSend) RoundTrip(req *http.Request) (*http.Response, error) {
	s.started <- struct{}{}
	if !<-s.release {
		return nil, errors.New("dial tcp: connection refused")
	}
	if trace := httptrace.ContextClientTrace(req.Context()); trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{})
	}
	return &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{}}, nil
}

// fakeClock is a time the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// hasRoom reports whether w lets a request go now, without waiting: a
// cancelled context makes reserve return at once when it would wait.
func hasRoom(t *testing.T, w *slidingWindow) bool {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := w.reserve(ctx)
	return err == nil
}

// A request whose send takes longer than the window (a slow dial or TLS
// handshake) stays in the window until it has been sent, then counts from
// its send time: the budget cannot be overrun by a slow first request.
func TestReportsWindowCountsASendSlowerThanTheWindow(t *testing.T) {
	for _, written := range []bool{true, false} {
		name := map[bool]string{true: "sent at last", false: "failed before it was sent"}[written]
		t.Run(name, func(t *testing.T) {
			clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
			w := newSlidingWindow(ReportsBudget{Requests: 1, Window: 10 * time.Second, Margin: time.Second})
			w.now = clock.now
			base := &slowSend{started: make(chan struct{}), release: make(chan bool)}
			pacer := &reportsPacer{base: base, window: w}

			req, _ := http.NewRequest(http.MethodGet, "https://graph.example/v1.0/auditLogs/signIns", nil)
			done := make(chan error, 1)
			go func() {
				resp, err := pacer.RoundTrip(req)
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			<-base.started
			clock.add(15 * time.Second) // the send is still under way, past the window and margin
			if hasRoom(t, w) {
				t.Fatal("a second request was let go while the first, reserved 15 s ago, was still being sent")
			}
			base.release <- written
			if err := <-done; (err == nil) != written {
				t.Fatalf("round trip: err = %v, want an error only when the send failed", err)
			}
			if hasRoom(t, w) {
				t.Fatal("a second request was let go right after the first was sent")
			}
			clock.add(11*time.Second - time.Millisecond)
			if hasRoom(t, w) {
				t.Fatal("a second request was let go within the window of the first's send time")
			}
			clock.add(time.Millisecond)
			if !hasRoom(t, w) {
				t.Fatal("no room one window and margin after the first request's send")
			}
		})
	}
}

// jwtWith is a token-shaped string whose payload is claims (unsigned: the
// pacer never verifies, it only picks a budget).

func TestReportsWindowKeyedByTheTokensTenant(t *testing.T) {
	const endpoint, guid, domain = "https://graph.window-key.example", "5c4a7e0b-1d2f-4a3b-9c8d-7e6f5a4b3c2d", "contoso.example"
	budget := ReportsBudget{Requests: 3, Window: time.Minute}
	byDomain := &reportsPacer{window: sharedReportsWindow(endpoint, domain, testClientID, budget),
		endpoint: endpoint, clientID: testClientID, budget: budget}
	byGUID := sharedReportsWindow(endpoint, guid, testClientID, budget)
	cases := []struct {
		name, authorization string
		want                *slidingWindow
	}{
		{"a JWT with the tenant's tid", "Bearer " + jwtWith(`{"tid":"`+strings.ToUpper(guid)+`","aud":"https://graph.microsoft.com"}`), byGUID},
		{"a token that is not a JWT", "Bearer opaque-token-value", byDomain.window},
		{"a JWT without a tid", "Bearer " + jwtWith(`{"aud":"x"}`), byDomain.window},
		{"a JWT whose tid is not a GUID", "Bearer " + jwtWith(`{"tid":"x|y"}`), byDomain.window},
		{"a payload that is not JSON", "Bearer a.bm90IGpzb24.c", byDomain.window},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodGet, endpoint+"/v1.0/auditLogs/signIns", nil)
		req.Header.Set("Authorization", c.authorization)
		if got := byDomain.windowFor(req); got != c.want {
			t.Errorf("%s: the pacer chose another window than the %s one", c.name, map[bool]string{true: "token tenant's", false: "configured tenant's"}[c.want == byGUID])
		}
	}
}
