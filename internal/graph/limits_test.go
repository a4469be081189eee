package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// twoPages serves users a, b, c on page 1 and the given ids on page 2.
func twoPages(second ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "" {
			writeJSON(w, 200, page("http://"+r.Host+"/v1.0/users?$skiptoken=2", true, "a", "b", "c"))
			return
		}
		writeJSON(w, 200, page("", true, second...))
	}
}

func TestListDropsDuplicateIDsAcrossPages(t *testing.T) {
	g := newFakeGraph(t, twoPages("c", "d", "a", "e"))
	ids, err := listIDs(context.Background(), g.client(t))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a", "b", "c", "d", "e"}; !equalStrings(ids, want) {
		t.Fatalf("ids = %v, want %v (each once, first copy kept)", ids, want)
	}
}

func TestListFailsPastMaxObjectsPerList(t *testing.T) {
	g := newFakeGraph(t, twoPages("d", "e"))
	c := g.client(t)
	c.setLimits(MaxPageBytes, 4)
	ids, err := listIDs(context.Background(), c)
	if !errors.Is(err, ErrLimitExceeded) || !strings.Contains(err.Error(), "MaxObjectsPerList") || !strings.Contains(err.Error(), "more than 4 objects") {
		t.Fatalf("err = %v, want ErrLimitExceeded naming MaxObjectsPerList", err)
	}
	// The caller is told the list is incomplete; what each saw is discarded by contract.
	if len(ids) > 4 {
		t.Fatalf("each saw %d objects past the ceiling", len(ids))
	}

	// Duplicates do not count against the ceiling.
	g = newFakeGraph(t, twoPages("a", "b", "c", "d"))
	c = g.client(t)
	c.setLimits(MaxPageBytes, 4)
	if ids, err := listIDs(context.Background(), c); err != nil || len(ids) != 4 {
		t.Fatalf("ids = %v, err = %v; want 4 distinct ids and no error", ids, err)
	}
}

func TestListFailsOnPageLargerThanMaxPageBytes(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, page("", true, strings.Repeat("x", 5000), "b"))
	})
	c := g.client(t)
	c.setLimits(4096, MaxObjectsPerList)
	_, err := listIDs(context.Background(), c)
	if !errors.Is(err, ErrLimitExceeded) || !strings.Contains(err.Error(), "MaxPageBytes") || !strings.Contains(err.Error(), "larger than 4096 bytes") {
		t.Fatalf("err = %v, want ErrLimitExceeded naming MaxPageBytes", err)
	}
	if n := g.graphHits.Load(); n != 1 {
		t.Fatalf("Graph got %d requests; a page over the ceiling is not retried", n)
	}

	// A page exactly at the ceiling is read.
	body := page("", true, "a")
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) })
	c = g.client(t)
	c.setLimits(int64(len(body)), MaxObjectsPerList)
	if ids, err := listIDs(context.Background(), c); err != nil || len(ids) != 1 {
		t.Fatalf("ids = %v, err = %v at exactly the ceiling", ids, err)
	}
}
