package graph

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// secondPageFails serves page 1, then answers page 2 with fail for its
// first n requests and with the real page afterwards.
func secondPageFails(t *testing.T, n int32, fail func(w http.ResponseWriter, r *http.Request)) (*fakeGraph, *atomic.Int32) {
	var page2 atomic.Int32
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "" {
			writeJSON(w, 200, page(g.URL+"/v1.0/users?$skiptoken=2", true, "u1", "u2"))
			return
		}
		if page2.Add(1) <= n {
			fail(w, r)
			return
		}
		writeJSON(w, 200, page("", true, "u3", "u4"))
	})
	return g, &page2
}

func TestListUsersRetriesTransientFailures(t *testing.T) {
	tests := []struct {
		name string
		fail func(t *testing.T) func(w http.ResponseWriter, r *http.Request)
	}{
		{"429 with Retry-After 0", status(http.StatusTooManyRequests, "0")},
		{"429 with Retry-After as an HTTP date", func(t *testing.T) func(http.ResponseWriter, *http.Request) {
			return status(http.StatusTooManyRequests, time.Now().Add(-time.Minute).UTC().Format(http.TimeFormat))(t)
		}},
		{"429 without Retry-After", status(http.StatusTooManyRequests, "")},
		{"408", status(http.StatusRequestTimeout, "")},
		{"500", status(http.StatusInternalServerError, "")},
		{"502", status(http.StatusBadGateway, "")},
		{"503", status(http.StatusServiceUnavailable, "")},
		{"504", status(http.StatusGatewayTimeout, "")},
		{"503 with Retry-After", status(http.StatusServiceUnavailable, "0")},
		{"connection closed before the response", func(t *testing.T) func(http.ResponseWriter, *http.Request) {
			return func(w http.ResponseWriter, r *http.Request) { hijack(t, w, "") }
		}},
		{"connection closed mid-body", func(t *testing.T) func(http.ResponseWriter, *http.Request) {
			return func(w http.ResponseWriter, r *http.Request) {
				hijack(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"+`{"value":[{"id":"u3"},{"id":`)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, page2 := secondPageFails(t, 2, tt.fail(t))
			ids, err := listIDs(t.Context(), g.client(t))
			if err != nil {
				t.Fatalf("ListUsers: %v", err)
			}
			if want := []string{"u1", "u2", "u3", "u4"}; !equalStrings(ids, want) {
				t.Errorf("ids = %v, want each exactly once: %v", ids, want)
			}
			if page2.Load() != 3 {
				t.Errorf("page 2 requests = %d, want 3", page2.Load())
			}
		})
	}
}

func status(code int, retryAfter string) func(*testing.T) func(http.ResponseWriter, *http.Request) {
	return func(*testing.T) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			graphError(w, code, "TooManyRequests", "rid-transient")
		}
	}
}

func TestListUsersHonoursRetryAfterSeconds(t *testing.T) {
	g, _ := secondPageFails(t, 1, status(http.StatusTooManyRequests, "1")(t))
	start := time.Now()
	if _, err := listIDs(t.Context(), g.client(t)); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 950*time.Millisecond || waited > 3*time.Second {
		t.Errorf("waited %s, want about the 1s Graph asked for", waited)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{" 2 ", 2 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Fri, 31 Jan 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Fri, 31 Jan 2025 11:00:00 GMT", 0, true}, // in the past: retry now
	}
	for _, tt := range tests {
		got, ok := retryAfter(http.Header{"Retry-After": {tt.value}}, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffIsJitteredAndCapped(t *testing.T) {
	c := &Client{baseDelay: 100 * time.Millisecond, maxDelay: defaultMaxBackoff}
	for retry := 1; retry <= 64; retry++ {
		ceiling := min(100*time.Millisecond<<(min(retry, 20)-1), defaultMaxBackoff)
		if d := c.backoff(retry); d < 0 || d > ceiling {
			t.Fatalf("backoff(%d) = %s, want within [0, %s]", retry, d, ceiling)
		}
	}
}

func TestListUsersGivesUp(t *testing.T) {
	tests := []struct {
		name          string
		status        int
		code          string
		wantHits      int32
		wantThrottled bool
		wantText      string
	}{
		{"503 until retries run out", http.StatusServiceUnavailable, "serviceNotAvailable", 3, false, "after 3 attempts"},
		{"429 until retries run out", http.StatusTooManyRequests, "TooManyRequests", 3, true, "throttled"},
		{"500 until retries run out", http.StatusInternalServerError, "generalException", 3, false, "after 3 attempts"},
		{"502 until retries run out", http.StatusBadGateway, "UnknownError", 3, false, "after 3 attempts"},
		{"408 until retries run out", http.StatusRequestTimeout, "UnknownError", 3, false, "after 3 attempts"},
		{"501 is not retried", http.StatusNotImplemented, "notImplemented", 1, false, "HTTP 501"},
		{"400 is not retried", http.StatusBadRequest, "Request_UnsupportedQuery", 1, false, "HTTP 400"},
		{"403 is not retried", http.StatusForbidden, "Authorization_RequestDenied", 1, false, "HTTP 403"},
		{"404 is not retried", http.StatusNotFound, "Request_ResourceNotFound", 1, false, "HTTP 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				graphError(w, tt.status, tt.code, "rid-give-up")
			})
			_, err := listIDs(t.Context(), g.client(t, func(c *Config) { c.MaxRetries = 2 }))
			var gerr *Error
			if !errors.As(err, &gerr) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if gerr.StatusCode != tt.status || gerr.Code != tt.code || gerr.RequestID != "rid-give-up" || gerr.Throttled != tt.wantThrottled {
				t.Errorf("got %+v", gerr)
			}
			if g.graphHits.Load() != tt.wantHits {
				t.Errorf("requests = %d, want %d", g.graphHits.Load(), tt.wantHits)
			}
			for _, s := range []string{tt.wantText, "rid-give-up", tt.code, "GET /v1.0/users"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestListUsersFailsWhenALaterPageKeepsFailing(t *testing.T) {
	g, _ := secondPageFails(t, 100, status(http.StatusServiceUnavailable, "")(t))
	ids, err := listIDs(t.Context(), g.client(t, func(c *Config) { c.MaxRetries = 1 }))
	if err == nil {
		t.Fatalf("ListUsers returned %v and no error: a partial list must be an error", ids)
	}
}

func TestListUsersDoesNotWaitPastTheDeadline(t *testing.T) {
	tests := []struct {
		name          string
		status        int
		wantThrottled bool
	}{
		{"429", http.StatusTooManyRequests, true},
		{"503", http.StatusServiceUnavailable, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "30")
				graphError(w, tt.status, "TooManyRequests", "rid-slow-down")
			})
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
			defer cancel()
			start := time.Now()
			_, err := listIDs(ctx, g.client(t))
			if took := time.Since(start); took > time.Second {
				t.Errorf("gave up after %s, want at once", took)
			}
			var gerr *Error
			if !errors.As(err, &gerr) || gerr.Throttled != tt.wantThrottled || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want *Error with Throttled=%v wrapping the deadline", err, tt.wantThrottled)
			}
			if !strings.Contains(err.Error(), "deadline") || !strings.Contains(err.Error(), "rid-slow-down") {
				t.Errorf("error %q should say the deadline stopped it and give the request-id", err)
			}
			if tt.wantThrottled && !strings.Contains(err.Error(), "throttled") {
				t.Errorf("error %q should say Graph throttled the request", err)
			}
		})
	}
}

func TestTransientNetError(t *testing.T) {
	opErr := func(errno syscall.Errno) error {
		return &url.Error{Op: "Get", URL: "https://g/v1.0/users?$skiptoken=x", Err: &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", errno)}}
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"connection reset", opErr(syscall.ECONNRESET), true},
		{"closed before the response", &url.Error{Op: "Get", URL: "u", Err: io.EOF}, true},
		{"body cut short", io.ErrUnexpectedEOF, true},
		{"HTTP/2 stream reset", errors.New("stream error: stream ID 3; INTERNAL_ERROR; received from peer"), true},
		{"transport timeout", &url.Error{Op: "Get", URL: "u", Err: timeoutError{}}, true},
		{"connection refused", opErr(syscall.ECONNREFUSED), false},
		{"caller cancelled", &url.Error{Op: "Get", URL: "u", Err: context.Canceled}, false},
		{"caller's deadline", context.DeadlineExceeded, false},
		{"certificate", errors.New("tls: failed to verify certificate"), false},
	}
	for _, tt := range tests {
		if got := transientNetError(tt.err); got != tt.want {
			t.Errorf("%s: transientNetError = %v, want %v", tt.name, got, tt.want)
		}
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }
