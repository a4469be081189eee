// Command bench measures the provider at tenant scale against fakegraph
// tenants made by the generator, with per-request latency switched on. For
// each case it reads the data in-process (requests made, wall time against
// the floor that latency makes unavoidable), then runs `terraform plan` and
// `apply` end to end with the built provider (plan wall time, the provider
// process's peak memory, state size). It prints one table and writes it to
// bench/RESULTS.md with the machine it ran on.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	var (
		only    = flag.String("run", "", "run only the cases whose name matches this regular expression")
		results = flag.String("out", filepath.Join("bench", "RESULTS.md"), "where to write the table (empty: nowhere)")
		skipTF  = flag.Bool("no-terraform", false, "skip the end-to-end terraform runs")
	)
	flag.Parse()
	if err := run(*only, *results, !*skipTF); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(only, results string, withTerraform bool) error {
	filter := regexp.MustCompile(only)
	ctx := context.Background()
	var e2e *endToEnd
	if withTerraform {
		var err error
		if e2e, err = newEndToEnd(ctx); err != nil {
			return err
		}
		defer e2e.close()
	}
	var rows []row
	for _, c := range cases() {
		if !filter.MatchString(c.name) {
			continue
		}
		fmt.Fprintf(os.Stderr, "==> %s\n", c.name)
		r, err := measure(ctx, c, e2e)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		rows = append(rows, r)
	}
	table := render(rows)
	fmt.Print(table)
	if results == "" {
		return nil
	}
	doc := "# Benchmark results\n\nWritten by `make bench` (`go run ./cmd/bench`) on " + time.Now().UTC().Format("2006-01-02") +
		".\n\n" + machine() + "\n" + legend + "\n" + table
	if err := os.MkdirAll(filepath.Dir(results), 0o755); err != nil {
		return err
	}
	return os.WriteFile(results, []byte(strings.TrimLeft(doc, "\n")), 0o644)
}

const legend = `Columns: **requests** are the Graph requests the in-process read made (token requests not counted;
429s from the reports throttle, if any, are counted and shown); **minimum** is the fewest the data needs at
each endpoint's largest page; **floor** is the wall time that latency (and, for sign-ins, the reports budget's
window) makes unavoidable at the configured concurrency: a listing's pages are a chain of round trips, fan-out
divides by the concurrency; **ratio** is wall time over floor. **CPU** is the CPU time the process used during
the read, and **read heap** the peak growth of its Go heap in use over what it held before the read (the
generated tenant): both include the in-process fake Graph serving the pages.
**plan** is the wall time of ` + "`terraform plan`" + ` end to end with the built provider (terraform's own
handling of the state included), **provider peak RSS** the provider process's maximum resident set during
the plan (VmHWM from /proc; MB are MiB), **provider CPU** the user and system CPU time of the provider
processes during the plan (utime and stime from /proc, sampled every 10 ms), **terraform CPU** terraform's
own (its rusage, less the provider's), **state** the size of the state file after applying that plan. The access cases run with
Graph's reports budget scaled down 20 times (5 requests in any 500 ms, plus a 50 ms margin), the fake Graph
throttling at 5 per 500 ms, and the provider built from cmd/bench/benchprovider with the same budget.
`
