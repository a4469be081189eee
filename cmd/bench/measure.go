package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// row is one line of the table.
type row struct {
	name             string
	objects          int
	requests, min    int
	wall, floor      time.Duration
	heapKB           int64         // the in-process read's peak Go heap (whole process, fake Graph included)
	throttled        int           // 429s from the reports throttle
	cpu              time.Duration // CPU time of the whole process during the read
	why              string        // why there is no end-to-end run
	plan             time.Duration
	planRequests     int // Graph requests during the plan and apply (the data source is read by each)
	planThrottled    int
	planReads        time.Duration // from the plan's first Graph request to its last
	peakRSS, stateKB int64         // -1 when not measured
	// providerCPU and terraformCPU are the CPU times of the provider
	// processes and of terraform itself during the plan.
	providerCPU, terraformCPU time.Duration
	// allocs and allocKB are what the in-process read allocated (the fake
	// Graph's serving included); allocs is 0 unless the case asks.
	allocs, allocKB uint64
}

func measure(ctx context.Context, c benchCase, e2e *endToEnd) (row, error) {
	tenant := c.tenant()
	server := fakegraph.Start(tenant)
	defer server.Close()
	server.SetLatency(c.latency)
	cfg := graph.Config{
		TenantID: tenant.ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	}
	if c.budget != nil {
		cfg.ReportsBudget = *c.budget
		server.SetReportsThrottle(c.budget.Requests, c.budget.Window)
	}
	client, err := graph.NewClient(cfg)
	if err != nil {
		return row{}, err
	}
	// Fetch the token first: the floor is about Graph requests.
	if _, err := client.GetOrganization(ctx); err != nil {
		return row{}, err
	}
	server.ResetRequests()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before) // the tenant and the fake's indexes
	heap := watchPeakHeap()
	cpu0, start := cpuTime(), time.Now()
	objects, err := c.read(ctx, client)
	wall, cpu := time.Since(start), cpuTime()-cpu0
	peakHeap := heap() - int64(before.HeapInuse/1024)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err != nil {
		return row{}, err
	}
	r := row{
		name: c.name, objects: objects, requests: graphRequests(server), min: c.minimum(tenant),
		wall: wall, floor: c.floor(tenant, c.latency), heapKB: peakHeap, peakRSS: -1, stateKB: -1,
		throttled: server.ReportsThrottled(), cpu: cpu, why: c.why,
	}
	if c.allocs {
		r.allocs, r.allocKB = after.Mallocs-before.Mallocs, (after.TotalAlloc-before.TotalAlloc)/1024
	}
	if e2e != nil && c.config != "" {
		server.ResetRequests()
		if c.budget != nil {
			server.SetReportsThrottle(c.budget.Requests, c.budget.Window) // a fresh window
		}
		throttled := server.ReportsThrottled()
		f, err := e2e.run(ctx, server, tenant.ID, c)
		r.planRequests, r.planThrottled = graphRequests(server), server.ReportsThrottled()-throttled
		if reqs := server.Requests(); len(reqs) > 0 {
			r.planReads = reqs[len(reqs)-1].At.Sub(reqs[0].At)
		}
		if err != nil {
			return row{}, err
		}
		r.plan, r.peakRSS, r.stateKB = f.wall, f.providerRSS, f.stateKB
		r.providerCPU, r.terraformCPU = f.providerCPU, f.terraformCPU
	}
	return r, nil
}

func graphRequests(s *fakegraph.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if strings.HasPrefix(r.Path, "/v1.0/") {
			n++
		}
	}
	return n
}

func render(rows []row) string {
	var b strings.Builder
	b.WriteString("| data source | objects | requests | minimum | wall time | floor | ratio | CPU | read heap | plan | provider peak RSS | provider CPU | terraform CPU | state |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		requests := fmt.Sprint(r.requests)
		if r.throttled > 0 {
			requests += fmt.Sprintf(" (%d × 429)", r.throttled)
		}
		providerCPU, terraformCPU := "n/a", "n/a"
		if r.peakRSS >= 0 {
			providerCPU, terraformCPU = seconds(r.providerCPU), seconds(r.terraformCPU)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s |\n",
			r.name, thousands(r.objects), requests, r.min, seconds(r.wall), seconds(r.floor),
			r.wall.Seconds()/r.floor.Seconds(), seconds(r.cpu), size(r.heapKB), seconds(r.plan), size(r.peakRSS),
			providerCPU, terraformCPU, size(r.stateKB))
	}
	for _, r := range rows {
		if r.planRequests > 0 {
			fmt.Fprintf(&b, "\n%s: the plan made %d Graph requests", r.name, r.planRequests)
			if r.planThrottled > 0 {
				fmt.Fprintf(&b, " (%d answered 429)", r.planThrottled)
			}
			fmt.Fprintf(&b, ", from the first to the last in %s, of its %s; the provider used %s of CPU, terraform %s.\n",
				seconds(r.planReads), seconds(r.plan), seconds(r.providerCPU), seconds(r.terraformCPU))
		}
		if r.why != "" {
			fmt.Fprintf(&b, "\n%s: no end-to-end run: %s.\n", r.name, r.why)
		}
		if r.allocs > 0 {
			fmt.Fprintf(&b, "\n%s: the in-process read made %s allocations, %s in all (the fake Graph's serving included).\n",
				r.name, thousands(int(r.allocs)), size(int64(r.allocKB)))
		}
	}
	return b.String()
}

// watchPeakHeap samples the Go heap in use every 10 ms until the returned
// func is called, and returns its peak in KB.
func watchPeakHeap() func() int64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if h := ms.HeapInuse; h > peak.Load() {
			peak.Store(h)
		}
	}
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() int64 {
		close(done)
		<-stopped
		sample()
		return int64(peak.Load() / 1024)
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func seconds(d time.Duration) string {
	if d == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func size(kb int64) string {
	switch {
	case kb < 0:
		return "n/a"
	case kb >= 10*1024:
		return fmt.Sprintf("%d MB", kb/1024)
	}
	return fmt.Sprintf("%d KB", kb)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
