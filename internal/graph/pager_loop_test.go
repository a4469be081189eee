package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loopDeadline bounds the loop tests: without the pager's own guard they
// would page until it passes, and fail on the error they get.
const loopDeadline = 10 * time.Second

func TestListStopsAtANextLinkAlreadyFollowed(t *testing.T) {
	tests := []struct {
		name string
		link func(g *fakeGraph, r *http.Request) string
	}{
		{name: "a page links to itself", link: func(g *fakeGraph, r *http.Request) string {
			return g.URL + "/v1.0/users?" + wantUsersQuery + "&$skiptoken=2"
		}},
		{name: "a later page links back to the first", link: func(g *fakeGraph, r *http.Request) string {
			if r.URL.Query().Get("$skiptoken") == "3" {
				return g.URL + "/v1.0/users?" + wantUsersQuery
			}
			return g.URL + "/v1.0/users?" + wantUsersQuery + "&$skiptoken=3"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				g    *fakeGraph
				n    atomic.Int32
				mu   sync.Mutex
				seen = map[string]int{}
			)
			g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				i := n.Add(1)
				mu.Lock()
				seen[r.URL.RawQuery]++
				mu.Unlock()
				if r.URL.Query().Get("$skiptoken") == "" {
					writePageWithID(w, i, page(g.URL+"/v1.0/users?"+wantUsersQuery+"&$skiptoken=2", true, "u1"))
					return
				}
				tok := r.URL.Query().Get("$skiptoken")
				writePageWithID(w, i, page(tt.link(g, r), true, "u"+tok))
			})
			ctx, cancel := context.WithTimeout(t.Context(), loopDeadline)
			defer cancel()
			_, err := listIDs(ctx, g.client(t))
			var loop *PagingLoopError
			if !errors.As(err, &loop) {
				t.Fatalf("err = %v (after %d requests), want a *PagingLoopError", err, g.graphHits.Load())
			}
			if !loop.RepeatedLink {
				t.Errorf("RepeatedLink = false, want true")
			}
			msg := err.Error()
			last := "request-id " + pageRequestID(n.Load()) // the page whose link closed the loop
			for _, want := range []string{"GET /v1.0/users", "loop", "already followed", last} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error does not say %q:\n%s", want, msg)
				}
			}
			if strings.Contains(msg, "skiptoken") {
				t.Errorf("the error quotes the link's query:\n%s", msg)
			}
			// Every distinct link is requested once; the repeated one is not
			// requested again, not even ahead.
			mu.Lock()
			defer mu.Unlock()
			for q, k := range seen {
				if k > 1 {
					t.Errorf("the link with query %q was requested %d times", q, k)
				}
			}
		})
	}
}

func TestListStopsAfterPagesThatAddNothing(t *testing.T) {
	tests := []struct {
		name  string
		items func(n int) []string // the ids of the nth page after the first
	}{
		{name: "empty pages, each with a new link", items: func(int) []string { return nil }},
		{name: "pages repeating the first page's objects", items: func(int) []string { return []string{"u1", "u2"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g *fakeGraph
			g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
				next := g.URL + "/v1.0/users?" + wantUsersQuery + "&$skiptoken=" + strconv.Itoa(n+1)
				if n == 0 {
					writePageWithID(w, 1, page(next, true, "u1", "u2"))
					return
				}
				writePageWithID(w, int32(n+1), page(next, true, tt.items(n)...))
			})
			ctx, cancel := context.WithTimeout(t.Context(), loopDeadline)
			defer cancel()
			_, err := listIDs(ctx, g.client(t))
			var loop *PagingLoopError
			if !errors.As(err, &loop) {
				t.Fatalf("err = %v (after %d requests), want a *PagingLoopError", err, g.graphHits.Load())
			}
			if loop.RepeatedLink || loop.BarrenPages != maxBarrenPages+1 {
				t.Errorf("RepeatedLink = %v, BarrenPages = %d; want false, %d", loop.RepeatedLink, loop.BarrenPages, maxBarrenPages+1)
			}
			msg := err.Error()
			for _, want := range []string{"GET /v1.0/users", "loop", strconv.Itoa(maxBarrenPages+1) + " pages in a row added no new objects",
				"request-id " + pageRequestID(maxBarrenPages+2)} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error does not say %q:\n%s", want, msg)
				}
			}
			// The first page, the barren ones, and at most the one requested ahead.
			if hits := g.graphHits.Load(); hits < maxBarrenPages+2 || hits > maxBarrenPages+3 {
				t.Errorf("graph requests = %d, want %d or %d", hits, maxBarrenPages+2, maxBarrenPages+3)
			}
		})
	}
}

// A few empty pages in a row are not a loop: the read goes on to the end.
func TestListReadsPastAFewEmptyPages(t *testing.T) {
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
		next := g.URL + "/v1.0/users?" + wantUsersQuery + "&$skiptoken=" + strconv.Itoa(n+1)
		switch {
		case n == 0:
			writeJSON(w, 200, page(next, true, "u1"))
		case n <= maxBarrenPages:
			writeJSON(w, 200, page(next, true))
		default:
			writeJSON(w, 200, page("", true, "u2"))
		}
	})
	ids, err := listIDs(t.Context(), g.client(t))
	if err != nil || !equalStrings(ids, []string{"u1", "u2"}) {
		t.Fatalf("ids = %v, err = %v; want [u1 u2] after %d empty pages", ids, err, maxBarrenPages)
	}
}

// pageRequestID is the request-id writePageWithID sends for the nth page.
func pageRequestID(n int32) string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
}

func writePageWithID(w http.ResponseWriter, n int32, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("request-id", pageRequestID(n))
	_, _ = io.WriteString(w, body)
}
