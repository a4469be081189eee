package graph_test

import (
	"context"
	"net/http"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// signInsClient is a Client of fake with the given reports budget.
func signInsClient(t testing.TB, fake *fakegraph.Server, budget graph.ReportsBudget) *graph.Client {
	t.Helper()
	c, err := graph.NewClient(graph.Config{
		TenantID: fake.Tenant().ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: fake.URL(), GraphEndpoint: fake.URL(), ReportsBudget: budget,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signInArrivals are the times the fake received sign-in requests, sorted.
func signInArrivals(fake *fakegraph.Server) []time.Time {
	var at []time.Time
	for _, r := range fake.Requests() {
		if r.Path == "/v1.0/auditLogs/signIns" {
			at = append(at, r.At)
		}
	}
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	return at
}

// maxInWindow is the most arrivals in any window of length w.
func maxInWindow(at []time.Time, w time.Duration) int {
	most := 0
	for i := range at {
		n := 0
		for j := i; j < len(at) && at[j].Sub(at[i]) < w; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}

// TestSignInsPacedToTheReportsBudget reads 12 pages under a budget of 5
// requests per 300 ms, from two clients of the same tenant and application
// at once (two data sources): they share one budget, the fake Graph
// (throttling at exactly 5 per 300 ms) answers no 429, no 300 ms holds more
// than 5 arrivals, and the read takes the windows the budget requires — 24
// requests need 4 more windows after the first — and not many more.
func TestSignInsPacedToTheReportsBudget(t *testing.T) {
	const window = 300 * time.Millisecond
	tenant := fakegraph.GenerateTenant(3, 200)
	end := time.Now().UTC().Add(-time.Minute)
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 3, 12000, 24*time.Hour, end)
	fake := fakegraph.Start(tenant)
	t.Cleanup(fake.Close)
	fake.SetReportsThrottle(5, window)

	// The fake counts arrivals, which a loaded machine (make test runs
	// packages side by side on 2 cores) delays unevenly after the send: the
	// margin absorbs that jitter, as the production margin of 200 ms does on
	// the network.
	budget := graph.ReportsBudget{Requests: 5, Window: window, Margin: 120 * time.Millisecond}
	clients := []*graph.Client{signInsClient(t, fake, budget), signInsClient(t, fake, budget)}

	start := time.Now()
	counts := make([]int, len(clients))
	var wg sync.WaitGroup
	errs := make([]error, len(clients))
	for i, c := range clients {
		wg.Go(func() {
			errs[i] = c.ListSignIns(t.Context(), graph.SignInQuery{Since: end.Add(-25 * time.Hour)}, func(graph.SignIn) error {
				counts[i]++
				return nil
			})
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		if counts[i] != 12000 {
			t.Errorf("client %d read %d sign-ins, want 12000", i, counts[i])
		}
	}

	arrivals := signInArrivals(fake)
	if len(arrivals) != 24 {
		t.Errorf("%d sign-in requests, want 24 (12 pages each)", len(arrivals))
	}
	if n := fake.ReportsThrottled(); n != 0 {
		t.Errorf("the fake Graph throttled %d requests", n)
	}
	if most := maxInWindow(arrivals, window); most > 5 {
		t.Errorf("%d requests arrived within %s; the budget is 5", most, window)
	}
	// Request k (from 0) cannot go before k/5 full spans have passed.
	minimum := time.Duration((len(arrivals)-1)/5) * window
	if elapsed < minimum {
		t.Errorf("the read took %s, less than the %s the budget allows: requests were not paced", elapsed, minimum)
	}
	// No upper bound on the wall time here: on a loaded machine it measured
	// the scheduler, not the pacer, and failed runs that were right. That the
	// window lets a request go exactly one window and margin after the oldest
	// send, not later, is held on a fake clock by
	// TestReportsWindowCountsASendSlowerThanTheWindow.
}

// TestReportsBudgetIsSlidingNotABucket sends 11 requests through one
// budget of 5 per 200 ms: a bucket that bursts 5 and refills steadily would
// let the 6th through early; the sliding window sends 5, waits for the
// window, and so on.
func TestReportsBudgetIsSlidingNotABucket(t *testing.T) {
	const window = 200 * time.Millisecond
	fake := fakegraph.Start(fakegraph.GenerateTenant(4, 10))
	t.Cleanup(fake.Close)
	fake.SetReportsThrottle(5, window)
	c := signInsClient(t, fake, graph.ReportsBudget{Requests: 5, Window: window, Margin: 20 * time.Millisecond})

	for range 11 {
		if err := c.ListSignIns(t.Context(), graph.SignInQuery{}, func(graph.SignIn) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	at := signInArrivals(fake)
	if len(at) != 11 {
		t.Fatalf("%d requests, want 11", len(at))
	}
	for i := 5; i < len(at); i++ {
		if gap := at[i].Sub(at[i-5]); gap < window {
			t.Errorf("request %d arrived %s after request %d: under the %s window", i+1, gap, i-4, window)
		}
	}
	if n := fake.ReportsThrottled(); n != 0 {
		t.Errorf("the fake Graph throttled %d requests", n)
	}
}

// TestSignInsHonourRetryAfterWhenThrottled: a client whose budget is larger
// than the service's gets 429s, waits the Retry-After, and still returns
// the whole list.
func TestSignInsHonourRetryAfterWhenThrottled(t *testing.T) {
	tenant := fakegraph.GenerateTenant(5, 20)
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 5, 3500, time.Hour, time.Now().Add(-time.Minute))
	fake := fakegraph.Start(tenant)
	t.Cleanup(fake.Close)
	fake.SetReportsThrottle(2, 500*time.Millisecond)
	c := signInsClient(t, fake, graph.ReportsBudget{Requests: 50, Window: 500 * time.Millisecond, Margin: time.Millisecond})

	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	n := 0
	if err := c.ListSignIns(ctx, graph.SignInQuery{}, func(graph.SignIn) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 3500 {
		t.Errorf("read %d sign-ins, want 3500", n)
	}
	if fake.ReportsThrottled() == 0 {
		t.Error("expected the fake Graph to throttle a client over its budget")
	}
	for _, r := range fake.Requests() {
		if r.Status == http.StatusTooManyRequests && r.Path != "/v1.0/auditLogs/signIns" {
			t.Errorf("unexpected 429 on %s", r.Path)
		}
	}
}

// BenchmarkSignInsRealBudget reads 20,000 sign-ins (20 pages) under Graph's
// real budget, DefaultReportsBudget (5 per 10 s + 200 ms), from a fake Graph
// throttling at 5 per 10 s with 20 ms latency, and reports pages, requests,
// 429s and the heap high-water mark. It takes about 31 s an
// iteration:
//
//	go test ./internal/graph -run '^$' -bench SignInsRealBudget -benchtime 1x
func BenchmarkSignInsRealBudget(b *testing.B) {
	tenant := fakegraph.GenerateTenant(11, 5000)
	end := time.Now().UTC().Add(-time.Minute)
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 11, 20000, 30*24*time.Hour, end)
	for b.Loop() {
		fake := fakegraph.Start(tenant) // a new endpoint: a fresh budget
		fake.SetLatency(20 * time.Millisecond)
		c := signInsClient(b, fake, graph.ReportsBudget{})
		var peak uint64
		var ms runtime.MemStats
		n := 0
		start := time.Now()
		err := c.ListSignIns(b.Context(), graph.SignInQuery{Since: end.Add(-31 * 24 * time.Hour)}, func(graph.SignIn) error {
			n++
			if n%1000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return nil
		})
		elapsed := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		requests := len(signInArrivals(fake))
		b.ReportMetric(float64(n), "sign-ins")
		b.ReportMetric(float64(requests), "requests")
		b.ReportMetric(float64(fake.ReportsThrottled()), "429s")
		b.ReportMetric(elapsed.Seconds(), "wall-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		fake.Close()
	}
}
