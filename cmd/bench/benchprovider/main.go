// Command benchprovider is the azuresaas provider with the reports budget
// set from AZURESAAS_BENCH_REPORTS_BUDGET ("requests/window/margin", such as
// "5/400ms/20ms"): cmd/bench runs the application access cases end to end
// with it, against a fake Graph whose reports window is scaled down alike.
// It is for benchmarks only; the released provider always uses Graph's
// budget.
package main

import (
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/provider"
)

func main() {
	var opts []provider.Option
	if raw := os.Getenv("AZURESAAS_BENCH_REPORTS_BUDGET"); raw != "" {
		budget, err := parseBudget(raw)
		if err != nil {
			log.Fatal(err)
		}
		opts = append(opts, provider.WithReportsBudget(budget))
	}
	err := tf6server.Serve("registry.terraform.io/azuresaas/azuresaas", provider.NewServer("bench", opts...))
	if err != nil {
		log.Fatal(err)
	}
}

func parseBudget(raw string) (graph.ReportsBudget, error) {
	parts := strings.Split(raw, "/")
	if len(parts) != 3 {
		return graph.ReportsBudget{}, fmt.Errorf("AZURESAAS_BENCH_REPORTS_BUDGET %q: want requests/window/margin", raw)
	}
	requests, err := strconv.Atoi(parts[0])
	if err != nil {
		return graph.ReportsBudget{}, err
	}
	window, err := time.ParseDuration(parts[1])
	if err != nil {
		return graph.ReportsBudget{}, err
	}
	margin, err := time.ParseDuration(parts[2])
	if err != nil {
		return graph.ReportsBudget{}, err
	}
	return graph.ReportsBudget{Requests: requests, Window: window, Margin: margin}, nil
}
