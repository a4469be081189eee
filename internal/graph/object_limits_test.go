package graph

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestGetObjectBodyCeiling: a single-object read (GET
// /servicePrincipals/{id}) is held to the same body ceiling as a page: a
// body past it fails at once with ErrLimitExceeded (sent once, not retried)
// rather than being read whole into memory.
func TestGetObjectBodyCeiling(t *testing.T) {
	const id = "11111111-2222-4333-8444-555555555555"
	body := `{"id":"` + id + `","displayName":"` + strings.Repeat("x", 4096) + `"}`
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, body)
	})
	c := g.client(t)
	c.setLimits(1024, MaxObjectsPerList)
	_, err := c.GetServicePrincipal(t.Context(), id)
	if !errors.Is(err, ErrLimitExceeded) || !strings.Contains(err.Error(), "/v1.0/servicePrincipals/"+id) {
		t.Fatalf("err = %v, want ErrLimitExceeded naming the path", err)
	}
	if hits := g.graphHits.Load(); hits != 1 {
		t.Errorf("Graph was asked %d times; a body past the ceiling is not retried", hits)
	}

	// Under the ceiling the same object reads whole.
	c.setLimits(int64(len(body)), MaxObjectsPerList)
	sp, err := c.GetServicePrincipal(t.Context(), id)
	if err != nil || sp.ID != id {
		t.Errorf("under the ceiling: %+v, %v", sp, err)
	}
}

// TestCountServicePrincipalsReportsAttempts: the count's error says how
// many requests were sent, a token refresh after a 401 included, not how
// many retries were taken plus one.
func TestCountServicePrincipalsReportsAttempts(t *testing.T) {
	refused := false
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if !refused {
			refused = true
			graphError(w, http.StatusUnauthorized, codeInvalidToken, "rid-401")
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "<html>proxy</html>")
	})
	_, err := g.client(t).CountServicePrincipals(t.Context())
	var gerr *Error
	if !errors.As(err, &gerr) || gerr.Attempts != 2 || g.graphHits.Load() != 2 {
		t.Fatalf("err = %v (%+v), %d requests; want Attempts 2", err, gerr, g.graphHits.Load())
	}
}
