package graph_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// One tenant written as its GUID in one provider block and as a domain in
// another is one tenant to Graph: both clients share one reports budget,
// keyed by the token's tid. A budget of one request an hour makes the
// second client's request wait; it gives up at its deadline without being
// sent.
func TestReportsBudgetIsSharedByTheTokensTenant(t *testing.T) {
	tenant := fakegraph.GenerateTenant(2, 5)
	fake := fakegraph.Start(tenant)
	t.Cleanup(fake.Close)
	fake.SetReportsThrottle(0, 0)
	budget := graph.ReportsBudget{Requests: 1, Window: time.Hour, Margin: time.Millisecond}
	client := func(tenantID string) *graph.Client {
		c, err := graph.NewClient(graph.Config{
			TenantID: tenantID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
			AuthorityHost: fake.URL(), GraphEndpoint: fake.URL(), ReportsBudget: budget,
		})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	byGUID, byDomain := client(tenant.ID), client(tenant.Domains[0].Name)
	for _, c := range []*graph.Client{byGUID, byDomain} { // tokens first: only the sign-ins wait
		if _, err := c.GetOrganization(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if err := byGUID.ListSignIns(t.Context(), graph.SignInQuery{}, func(graph.SignIn) error { return nil }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	err := byDomain.ListSignIns(ctx, graph.SignInQuery{}, func(graph.SignIn) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the domain-named client's read: err = %v, want it held back by the shared budget until its deadline", err)
	}
	if n := len(signInArrivals(fake)); n != 1 {
		t.Errorf("the fake Graph received %d sign-in requests, want 1 (one budget of 1 for the tenant)", n)
	}
}
