package graph

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// progressEntries are the "Graph list progress" lines of a log.
func progressEntries(t *testing.T, out *lockedBuffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(&out.buf)
	if err != nil {
		t.Fatal(err)
	}
	var progress []map[string]any
	for _, e := range entries {
		if e["@message"] == "Graph list progress" {
			progress = append(progress, e)
		}
	}
	return progress
}

// A long read says how far it has got every progressEveryPages pages, at
// INFO: pages, objects kept (duplicates aside), elapsed time.
func TestLongReadLogsProgressEveryFewPages(t *testing.T) {
	const pages = 2*progressEveryPages + 5
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
		next := ""
		if n+1 < pages {
			next = g.URL + "/v1.0/users?$skiptoken=" + strconv.Itoa(n+1)
		}
		// Two new users a page, and the first page's first user again.
		writeJSON(w, 200, page(next, true, "u0-0", fmt.Sprintf("u%d-1", n), fmt.Sprintf("u%d-2", n)))
	})
	var out lockedBuffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	if _, err := listIDs(ctx, g.client(t)); err != nil {
		t.Fatal(err)
	}
	progress := progressEntries(t, &out)
	if len(progress) != 2 {
		t.Fatalf("%d progress lines, want 2 (after pages %d and %d): %v", len(progress), progressEveryPages, 2*progressEveryPages, progress)
	}
	for i, e := range progress {
		p := float64((i + 1) * progressEveryPages)
		if e["@level"] != "info" || e["path"] != "/v1.0/users" || e["pages"] != p || e["objects"] != 2*p+1 {
			t.Errorf("progress line %d: %v; want info, path /v1.0/users, pages %v, objects %v", i+1, e, p, 2*p+1)
		}
		if _, ok := e["elapsed_ms"].(float64); !ok {
			t.Errorf("progress line %d has no elapsed_ms: %v", i+1, e)
		}
		if w, ok := e["reports_wait_ms"].(float64); !ok || w != 0 {
			t.Errorf("progress line %d: reports_wait_ms = %v, want 0 (users are not paced)", i+1, e["reports_wait_ms"])
		}
	}
}

// The time a sign-in read spent waiting for the reports budget is in its
// progress lines: one request per 200 ms makes the later pages wait.
func TestSignInProgressCountsTheReportsBudgetWait(t *testing.T) {
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
		next := ""
		if n+1 < progressEveryPages {
			next = g.URL + "/v1.0/auditLogs/signIns?$skiptoken=" + strconv.Itoa(n+1)
		}
		writeJSON(w, 200, `{"@odata.nextLink":"`+next+`","value":[{"id":"s`+strconv.Itoa(n)+`","createdDateTime":"2026-01-02T03:04:05Z"}]}`)
	})
	client := g.client(t, func(cfg *Config) {
		cfg.ReportsBudget = ReportsBudget{Requests: 1, Window: 200 * time.Millisecond, Margin: time.Millisecond}
	})
	var out lockedBuffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	if err := client.ListSignIns(ctx, SignInQuery{}, func(SignIn) error { return nil }); err != nil {
		t.Fatal(err)
	}
	progress := progressEntries(t, &out)
	if len(progress) != 1 {
		t.Fatalf("%d progress lines, want 1: %v", len(progress), progress)
	}
	// The 2nd to 10th requests each wait for the one before to leave the
	// window; however slow the machine, the later ones wait.
	if w, _ := progress[0]["reports_wait_ms"].(float64); w <= 0 {
		t.Errorf("reports_wait_ms = %v, want the time spent waiting for the budget", progress[0]["reports_wait_ms"])
	}
}
