package main

import (
	"context"
	"fmt"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// applicationsConcurrency is the provider's default max_concurrency: the
// owners re-reads run that many at a time.
const applicationsConcurrency = 8

// applicationsCase is azuresaas_applications over n generated app
// registrations (fakegraph.GenerateApplications, owned by the tenant's
// 1,000 users: 10 % without owner, 2 % with more than the 20 Graph
// expands), beside the demo client apps' registrations. Without owners:
// 999 a page. With owners: 100 a page ($expand), plus one /owners read for
// each registration whose expanded set holds 20 (truncated or not).
func applicationsCase(n int, owners bool) benchCase {
	name := "azuresaas_applications " + thousands(n) + " registrations"
	config := "data \"azuresaas_applications\" \"bench\" {\n  include_owners = false\n}"
	if owners {
		name += " with owners"
		config = "data \"azuresaas_applications\" \"bench\" {}"
	}
	return benchCase{
		name:    name,
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, 1000)
			ids := make([]string, len(t.Users))
			for i, u := range t.Users {
				ids[i] = u.ID
			}
			t.Applications = fakegraph.GenerateApplications(1, n, ids)
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			apps, err := inventory.Applications(ctx, c, inventory.ApplicationFilter{
				IncludeOwners: owners, MaxConcurrency: applicationsConcurrency, Now: time.Now()})
			return len(apps), err
		},
		minimum: func(t *fakegraph.Tenant) int {
			listPages, rereads := applicationsRequests(t, owners)
			return listPages + rereads
		},
		// The list's pages are a chain; the re-reads run
		// applicationsConcurrency at a time.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			listPages, rereads := applicationsRequests(t, owners)
			rounds := (rereads + applicationsConcurrency - 1) / applicationsConcurrency // none without re-reads
			return time.Duration(listPages+rounds) * latency
		},
		config:       config,
		providerArgs: fmt.Sprintf("  max_concurrency = %d\n", applicationsConcurrency),
		allocs:       true,
	}
}

// applicationsRequests are the list's pages and the /owners re-reads the
// tenant needs: a registration with no client app is listed once.
func applicationsRequests(t *fakegraph.Tenant, owners bool) (listPages, rereads int) {
	n := len(t.Applications)
	seen := map[string]bool{}
	for _, a := range t.Applications {
		seen[a.AppID] = true
		if owners && len(a.Owners) >= graph.MaxExpandedOwners {
			rereads++
		}
	}
	for _, a := range t.Apps {
		if !seen[a.ClientID] {
			n++
		}
	}
	if !owners {
		return pages(n, 999), 0
	}
	return pages(n, graph.MaxExpandPageSize), rereads
}
