package graph

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// lockedBuffer: the request ahead logs from its own goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func TestLogsCarryRequestsButNoSecrets(t *testing.T) {
	var g *fakeGraph
	var throttled atomic.Bool
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case g.hasFirstToken(r):
			graphError(w, http.StatusUnauthorized, codeInvalidToken, "rid-401")
		case !throttled.Swap(true):
			w.Header().Set("Retry-After", "0")
			graphError(w, http.StatusTooManyRequests, "TooManyRequests", "rid-429")
		case r.URL.Query().Get("$skiptoken") == "":
			writeJSON(w, 200, page(g.URL+"/v1.0/users?$select=id&$skiptoken=SKIPTOKENVALUE", true, "dana.rivera"))
		default:
			writeJSON(w, 200, page("", true, "lee.chen"))
		}
	})
	var out lockedBuffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	ids, err := listIDs(ctx, g.client(t))
	if err != nil || len(ids) != 2 {
		t.Fatalf("ids = %v, err = %v", ids, err)
	}

	logs := out.buf.String()
	forbidden := append([]string{testSecret, "Bearer", "SKIPTOKENVALUE", "$select", "dana.rivera", "lee.chen"}, g.issuedTokens()...)
	for _, s := range forbidden {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q", s)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&out.buf)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[float64]bool{}
	for _, e := range entries {
		if e["@message"] != "Graph response" {
			continue
		}
		if e["method"] != "GET" || e["path"] != "/v1.0/users" || e["request_id"] == "" || e["duration_ms"] == nil || e["attempt"] == nil {
			t.Errorf("log entry lacks method, path, request_id, duration or attempt: %v", e)
		}
		if s, ok := e["status"].(float64); ok {
			statuses[s] = true
		}
	}
	for _, s := range []float64{401, 429, 200} {
		if !statuses[s] {
			t.Errorf("no log entry with status %v in %v", s, statuses)
		}
	}
	if !strings.Contains(logs, "Acquired access token") {
		t.Errorf("token acquisition not logged")
	}
}
