package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// inFlightCounter serves a fake Graph and records the most Graph requests
// (token requests aside) it was answering at once. Each page's body is held
// back a moment after its envelope (which carries @odata.nextLink) has gone
// out, so a listing's page and the next page it requests ahead overlap.
type inFlightCounter struct {
	next http.Handler
	hold time.Duration

	mu       sync.Mutex
	now, max int
}

func (c *inFlightCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/v1.0/") {
		c.next.ServeHTTP(w, r)
		return
	}
	c.mu.Lock()
	c.now++
	c.max = max(c.max, c.now)
	c.mu.Unlock()
	defer func() { c.mu.Lock(); c.now--; c.mu.Unlock() }()
	c.next.ServeHTTP(&heldBody{ResponseWriter: w, hold: c.hold}, r)
}

func (c *inFlightCounter) most() int { c.mu.Lock(); defer c.mu.Unlock(); return c.max }

// heldBody waits before every write after the first (the envelope).
type heldBody struct {
	http.ResponseWriter
	hold   time.Duration
	writes int
}

func (h *heldBody) Write(p []byte) (int, error) {
	if h.writes++; h.writes > 1 {
		time.Sleep(h.hold)
	}
	return h.ResponseWriter.Write(p)
}

func (h *heldBody) Flush() {
	if f, ok := h.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// max_concurrency bounds the listings that run at once; each listing also
// has its next page requested ahead, so Graph sees up to twice as many
// requests at once, and never more. A roster of many paged listings under
// max_concurrency = 2 reaches more than 2 requests in flight, and never
// more than 4.
func TestMaxConcurrencyBoundsListingsAndTheirPagesAhead(t *testing.T) {
	clearCredentialEnv(t)
	const limit = 2
	tenant, appIDs := fakegraph.GenerateRoster(7, 12, 8, 6)
	fake := fakegraph.New(tenant)
	fake.SetMaxPageSize(2) // every listing pages
	fake.SetReportsThrottle(0, 0)
	counter := &inFlightCounter{next: fake, hold: 30 * time.Millisecond}
	ts := httptest.NewServer(counter)
	t.Cleanup(func() { ts.Close(); fake.Close() })

	h := newProtocolHarness(t, ts.Client())
	h.configure(t, map[string]any{
		"tenant_id": tenant.ID, "client_id": fakegraph.DemoClientID, "client_secret": fakegraph.DemoClientSecret,
		"graph_endpoint": ts.URL, "authority_host": ts.URL, "max_concurrency": limit,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	state, diags := h.read(ctx, t, "azuresaas_application_roster", map[string]any{"service_principal_ids": appIDs, "include_guests": true})
	if hasError(diags) {
		t.Fatal(diagnosticsText(diags))
	}
	if n := len(keysOf(t, state, "entries", "app_instance_id", "user_id")); n == 0 {
		t.Fatal("the roster is empty")
	}
	most := counter.most()
	t.Logf("max_concurrency = %d: at most %d Graph requests in flight", limit, most)
	if most > 2*limit {
		t.Errorf("%d Graph requests ran at once, more than twice max_concurrency (%d)", most, 2*limit)
	}
	if most <= limit {
		t.Errorf("only %d Graph requests ran at once: the pages requested ahead did not overlap, so this test shows nothing about them", most)
	}
}
