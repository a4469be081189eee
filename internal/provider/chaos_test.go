package provider

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// The soak's knobs. `go test -run TestChaos` is the short form `make test`
// runs; `make bench` runs a long one; -chaos.seed reproduces one seed.
var (
	chaosRuns     = flag.Int("chaos.runs", 8, "TestChaos: how many seeds to run")
	chaosSeed     = flag.Uint64("chaos.seed", 0, "TestChaos: run this one seed (reproduce a failure)")
	chaosFirst    = flag.Uint64("chaos.first", 1, "TestChaos: the first seed of the series")
	chaosRate     = flag.Float64("chaos.rate", 0.05, "TestChaos: the probability that a request gets a fault")
	chaosParallel = flag.Int("chaos.parallel", 10, "TestChaos: data sources read at once (Terraform's default parallelism is 10)")
)

// chaosPageSize caps fakegraph's pages so that a tenant of a few thousand
// objects makes hundreds of requests a run.
const chaosPageSize = 25

// chaosTenant: 2,000 users holding 3 licences each with their sign-in
// activity, 420 service principals, 10 groups of 75 to 150 members assigned
// to 20 applications, 600 delegated grants of 100 clients, 1,500 sign-ins
// of the last two days, the registration report of the enabled users, a
// Microsoft 365 usage report of the 2,000 users, 300 directory role
// assignments, and 500 more groups (GenerateGroups) for the group list.
func chaosTenant() *fakegraph.Tenant {
	t, _ := fakegraph.GenerateRoster(17, 20, 10, 150)
	t.Users = fakegraph.GenerateTenant(17, 2000).Users // the roster's users are the first of these
	t.ServicePrincipals = append(t.ServicePrincipals, fakegraph.GenerateServicePrincipals(17, 400)...)
	fakegraph.AddGeneratedOwners(t, 17) // two with 20 or more: the include_owners row reads them again
	t.SignIns = fakegraph.GenerateSignIns(t, 17, 1500, 48*time.Hour, time.Now().UTC())
	fakegraph.AddGeneratedLicences(t, time.Now().UTC())
	t.OAuth2PermissionGrants = fakegraph.GenerateGrants(17, t.ServicePrincipals, t.Users, 100, 20, 600)
	fakegraph.AddGeneratedRegistrationDetails(t, time.Date(2026, 8, 30, 4, 0, 0, 0, time.UTC))
	fakegraph.AddGeneratedM365Usage(t, time.Date(2026, 8, 29, 0, 0, 0, 0, time.UTC))
	fakegraph.AddGeneratedRoleAssignments(t, 300, time.Now())
	t.Groups = append(t.Groups, fakegraph.GenerateGroups(17, 500)...)
	owners := make([]string, 0, 60)
	for _, u := range t.Users[:50] {
		owners = append(owners, u.ID)
	}
	for _, sp := range t.ServicePrincipals[:10] {
		owners = append(owners, sp.ID)
	}
	t.Applications = fakegraph.GenerateApplications(17, 300, owners)
	return t
}

// namesAFault is what an error caused by the chaos faults must say.
var namesAFault = regexp.MustCompile(`HTTP (408|429|500|502|503|504)|not a valid Graph page|connection|broke|could not reach|temporarily_unavailable`)

// chaosRun is one seed's outcome.
type chaosRun struct {
	seed      uint64
	report    fakegraph.ChaosReport
	requests  int // requests fakegraph received
	exact     int // data sources whose result equals the fault-free one
	failures  []string
	different []string // results that are neither exact nor an error: never allowed
}

// TestChaos reads every data source of matrixSources at once against a
// tenant of a few thousand objects whose every request fails, with
// probability -chaos.rate, with one of fakegraph's standard faults (the
// statuses Graph and gateways send, resets, cut-off and HTML pages), over
// many seeds. Each run must give exactly the fault-free result for every
// data source, or an error naming the fault; at 5 % or less, no error at
// all. It also checks that no goroutine is left behind and that memory
// returns to its baseline.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("the chaos soak does not run with -short")
	}
	clearCredentialEnv(t)
	tenant := chaosTenant()
	recentSignInsOnly(tenant)
	sources := append(matrixSources(tenant), m365MatrixSource()) // the usage report: both legs under chaos

	// The fault-free result, itself checked against the tenant.
	baseline, baseRequests := chaosRead(t, tenant, sources, 0, 0)
	for i, src := range sources {
		if baseline[i].err != "" {
			t.Fatalf("fault-free read of %s: %s", src.typeName, baseline[i].err)
		}
		if src.fromTenant != nil {
			if want := src.fromTenant(tenant); want != nil {
				assertSameSet(t, src.typeName+" fault-free against the tenant", keysOf(t, baseline[i].state, src.list, src.key...), want)
			}
		}
	}

	seeds := make([]uint64, 0, *chaosRuns)
	if *chaosSeed != 0 {
		seeds = append(seeds, *chaosSeed)
	} else {
		for i := range *chaosRuns {
			seeds = append(seeds, *chaosFirst+uint64(i))
		}
	}

	goroutinesBefore := settledGoroutineCount(-1)
	heapBefore := heapAfterGC()

	var runs []chaosRun
	for _, seed := range seeds {
		got, requests := chaosRead(t, tenant, sources, seed, *chaosRate)
		run := chaosRun{seed: seed, requests: requests.requests, report: requests.chaos}
		for i, src := range sources {
			switch {
			case got[i].err != "":
				run.failures = append(run.failures, src.typeName+": "+got[i].err)
				if !namesAFault.MatchString(got[i].err) {
					run.different = append(run.different, src.typeName+": an error that names no fault: "+got[i].err)
				}
			case chaosSameResult(baseline[i].state, got[i].state):
				run.exact++
			default:
				run.different = append(run.different, src.typeName+": a result that differs from the fault-free read")
			}
		}
		runs = append(runs, run)
		t.Logf("seed %d: %d requests (%d fault-free), %d faults (%s), %d extra requests, %d/%d results exact, %d failures",
			seed, run.requests, baseRequests.requests, run.report.Total(), run.report, run.requests-baseRequests.requests,
			run.exact, len(sources), len(run.failures))
		for _, d := range run.different {
			t.Errorf("seed %d (reproduce with -chaos.seed %d): %s", seed, seed, d)
		}
		if *chaosRate <= 0.05 {
			for _, f := range run.failures {
				t.Errorf("seed %d (reproduce with -chaos.seed %d): at a %.0f %% fault rate every read must pass: %s", seed, seed, *chaosRate*100, f)
			}
		}
	}

	// Totals, in the form the issue asks for.
	var total chaosRun
	total.report.Injected = map[string]int{}
	for _, r := range runs {
		total.requests += r.requests
		total.exact += r.exact
		total.failures = append(total.failures, r.failures...)
		for k, v := range r.report.Injected {
			total.report.Injected[k] += v
		}
	}
	t.Logf("TestChaos: %d runs (seeds %s), rate %.1f %%, %d data sources at once; %d requests, %d faults injected (%s); "+
		"%d requests beyond the fault-free reads (retries); %d of %d results exact; %d failures",
		len(runs), seedRange(seeds), *chaosRate*100, *chaosParallel, total.requests, total.report.Total(), total.report,
		total.requests-len(runs)*baseRequests.requests, total.exact, len(runs)*len(sources), len(total.failures))

	// Process health: every goroutine of the reads has ended and memory is
	// back near where it was before them.
	if after := settledGoroutineCount(goroutinesBefore); after > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before the runs, %d after\n%s", goroutinesBefore, after, buf[:runtime.Stack(buf, true)])
	}
	if heapAfter := heapAfterGC(); heapAfter > heapBefore+64<<20 {
		t.Errorf("heap after GC: %d MiB before the runs, %d MiB after", heapBefore>>20, heapAfter>>20)
	} else {
		t.Logf("heap after GC: %.1f MiB before the runs, %.1f MiB after", float64(heapBefore)/(1<<20), float64(heapAfter)/(1<<20))
	}
	runtime.KeepAlive(tenant) // both heap figures hold the tenant and the baseline
	runtime.KeepAlive(baseline)
}

type chaosResult struct {
	state tftypes.Value
	err   string
}

type chaosCounts struct {
	requests int
	chaos    fakegraph.ChaosReport
}

// chaosRead serves tenant on a fresh fake Graph with the chaos mode at rate
// (0: off), configures a fresh provider, and reads every source at once,
// -chaos.parallel at a time. Everything it starts is stopped before it
// returns.
func chaosRead(t *testing.T, tenant *fakegraph.Tenant, sources []matrixSource, seed uint64, rate float64) ([]chaosResult, chaosCounts) {
	t.Helper()
	fake := fakegraph.New(tenant)
	ts := httptest.NewTLSServer(fake)
	defer func() { ts.Client().CloseIdleConnections(); ts.Close(); fake.Close() }()
	fake.SetMaxPageSize(chaosPageSize)
	fake.SetReportsThrottle(0, 0)
	fake.SetChaos(fakegraph.Chaos{Seed: seed, Rate: rate})

	h := newProtocolHarness(t, ts.Client())
	h.configure(t, map[string]any{
		"tenant_id": tenant.ID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": ts.URL, "authority_host": ts.URL,
	})
	type prepared struct {
		config *tfprotov6.DynamicValue
		typ    tftypes.Type
	}
	configs := make([]prepared, len(sources))
	for i, src := range sources {
		configs[i].config, configs[i].typ = h.dataConfig(t, src.typeName, src.config)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	results := make([]chaosResult, len(sources))
	slots := make(chan struct{}, max(*chaosParallel, 1))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			resp, err := h.server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: src.typeName, Config: configs[i].config})
			switch {
			case err != nil:
				results[i].err = err.Error()
			case hasError(resp.Diagnostics):
				results[i].err = strings.TrimSpace(diagnosticsText(resp.Diagnostics))
			case resp.State == nil:
				results[i].err = "no state and no error"
			default:
				state, err := resp.State.Unmarshal(configs[i].typ)
				if err != nil {
					results[i].err = err.Error()
				}
				results[i].state = state
			}
		}()
	}
	wg.Wait()
	return results, chaosCounts{requests: len(fake.Requests()), chaos: fake.ChaosReport()}
}

// chaosSameResult compares two states attribute by attribute, except the
// time window a relative `since` resolves to at read time.
func chaosSameResult(want, got tftypes.Value) bool {
	var w, g map[string]tftypes.Value
	if want.As(&w) != nil || got.As(&g) != nil || len(w) != len(g) {
		return false
	}
	for name, wv := range w {
		if name == "since" || name == "until" {
			continue
		}
		if gv, ok := g[name]; !ok || !wv.Equal(gv) {
			return false
		}
	}
	return true
}

func seedRange(seeds []uint64) string {
	s := append([]uint64(nil), seeds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	switch {
	case len(s) == 0:
		return "none"
	case len(s) == 1:
		return fmt.Sprint(s[0])
	}
	return fmt.Sprintf("%d-%d", s[0], s[len(s)-1])
}

// settledGoroutineCount waits (up to 10 s) for the goroutine count to fall
// to want (or, with want < 0, to stop falling) and returns it.
func settledGoroutineCount(want int) int {
	n := runtime.NumGoroutine()
	for range 200 {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if (want >= 0 && m <= want) || (want < 0 && m == n) {
			return m
		}
		n = m
	}
	return n
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
