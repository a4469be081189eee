package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fakeTimers hands the window's waits to the test: each wait is announced
// on asked, and ends when the test sends on its channel.
type fakeTimers struct {
	asked chan fakeTimer
}

type fakeTimer struct {
	d    time.Duration
	fire chan time.Time
}

func (f *fakeTimers) after(d time.Duration) (<-chan time.Time, func() bool) {
	t := fakeTimer{d: d, fire: make(chan time.Time, 1)}
	f.asked <- t
	return t.fire, func() bool { return true }
}

// TestReportsPauseLongerThanAnAttemptWaitsForTheRead: another read's 429
// pauses the shared sign-in logs window for 6 minutes, longer than one
// attempt's bound (the HTTP client's 5-minute Timeout) but well inside this
// read's hour. The request waits for the window (on a fake clock) and is
// then sent, instead of failing at once with "would pass this operation's
// deadline": the attempt's bound starts when the request leaves the window.
func TestReportsPauseLongerThanAnAttemptWaitsForTheRead(t *testing.T) {
	for name, httpClient := range map[string]func(*fakeGraph) *http.Client{
		"default client":             func(*fakeGraph) *http.Client { return nil },
		"a client with a 5m Timeout": func(g *fakeGraph) *http.Client { c := *g.Client(); c.Timeout = 5 * time.Minute; return &c },
	} {
		t.Run(name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, http.StatusOK, `{"value":[]}`)
			})
			c := g.client(t, func(cfg *Config) { cfg.HTTPClient = httpClient(g) })

			window := sharedReportsWindow(g.URL, testTenant, testClientID, ReportsBudget{})
			clock := &fakeClock{t: time.Now()}
			timers := &fakeTimers{asked: make(chan fakeTimer, 1)}
			window.now, window.after = clock.now, timers.after
			window.pause(clock.now().Add(6 * time.Minute))

			ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
			defer cancel()
			start := time.Now()
			done := make(chan error, 1)
			go func() { done <- c.ListSignIns(ctx, SignInQuery{}, func(SignIn) error { return nil }) }()

			select {
			case err := <-done:
				t.Fatalf("returned after %s with %v; want it to wait out the 6-minute pause inside its hour", time.Since(start), err)
			case timer := <-timers.asked:
				if timer.d != 6*time.Minute {
					t.Errorf("the window waits %s, want the pause's 6m", timer.d)
				}
				clock.add(timer.d)
				timer.fire <- clock.now()
			case <-time.After(10 * time.Second):
				t.Fatal("neither waited nor returned")
			}
			if err := <-done; err != nil || g.graphHits.Load() != 1 {
				t.Fatalf("after the pause: %v, %d requests; want the read sent once and done", err, g.graphHits.Load())
			}
		})
	}
}

// TestAttemptTimeoutBoundsEachRoundTrip: the HTTP client's Timeout bounds
// each attempt, waiting for the headers or for the rest of the body; an
// attempt that outlasts it is retried like a broken connection, and the
// error says so without being the read's own deadline (so no advice to
// raise timeouts { read }, which would not help).
func TestAttemptTimeoutBoundsEachRoundTrip(t *testing.T) {
	for _, stall := range []string{"headers", "body"} {
		t.Run(stall, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				if stall == "body" {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"value":[`))
					if f, ok := w.(http.Flusher); ok {
						f.Flush()
					}
				}
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
			})
			c := g.client(t, func(cfg *Config) {
				hc := *g.Client()
				hc.Timeout = 100 * time.Millisecond
				cfg.HTTPClient = &hc
				cfg.MaxRetries = 1
			})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := c.ListUsers(ctx, func(User) error { return nil })
			if err == nil || !strings.Contains(err.Error(), "took longer than 100ms") {
				t.Fatalf("err = %v, want an attempt that took longer than 100ms", err)
			}
			t.Logf("error: %v", err)
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v is the read's deadline; one attempt's bound is not", err)
			}
			if hits := g.graphHits.Load(); hits != 2 {
				t.Errorf("Graph was asked %d times, want 2 (the attempt and one retry)", hits)
			}
		})
	}
}
