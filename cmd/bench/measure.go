package main

import (
	"context"
	"fmt"
	"strings"
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
	plan             time.Duration
	peakRSS, stateKB int64 // -1 when not measured
}

func measure(ctx context.Context, c benchCase, e2e *endToEnd) (row, error) {
	tenant := c.tenant()
	server := fakegraph.Start(tenant)
	defer server.Close()
	server.SetLatency(c.latency)

	client, err := graph.NewClient(graph.Config{
		TenantID: tenant.ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		return row{}, err
	}
	// Fetch the token first: the floor is about Graph requests.
	if _, err := client.GetOrganization(ctx); err != nil {
		return row{}, err
	}
	server.ResetRequests()
	start := time.Now()
	objects, err := c.read(ctx, client)
	wall := time.Since(start)
	if err != nil {
		return row{}, err
	}
	r := row{
		name: c.name, objects: objects, requests: graphRequests(server), min: c.minimum(tenant),
		wall: wall, floor: c.floor(tenant, c.latency), peakRSS: -1, stateKB: -1,
	}
	if e2e != nil {
		server.ResetRequests()
		plan, rss, state, err := e2e.run(ctx, server, tenant.ID, c.config)
		if err != nil {
			return row{}, err
		}
		r.plan, r.peakRSS, r.stateKB = plan, rss, state
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
	b.WriteString("| data source | objects | requests | minimum | wall time | floor | ratio | plan | peak RSS | state |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s | %.2f | %s | %s | %s |\n",
			r.name, thousands(r.objects), r.requests, r.min, seconds(r.wall), seconds(r.floor),
			r.wall.Seconds()/r.floor.Seconds(), seconds(r.plan), size(r.peakRSS), size(r.stateKB))
	}
	return b.String()
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
