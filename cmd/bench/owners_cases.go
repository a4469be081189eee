package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// ownersConcurrency is the owners cases' max_concurrency (the provider's
// default).
const ownersConcurrency = 8

// ownersTenant is n generated service principals with owners drawn from
// 2,000 users (fakegraph.AddGeneratedOwners: some sets of 20 or more).
func ownersTenant(n int) *fakegraph.Tenant {
	t := fakegraph.GenerateTenant(1, 2_000)
	t.ServicePrincipals = fakegraph.GenerateServicePrincipals(1, n)
	fakegraph.AddGeneratedOwners(t, 1)
	return t
}

// ownerRereads are the /owners requests Application Discovery with owners
// needs: one page per 100 owners (Graph's default page, no $top asked) for
// every app whose owners the tenant has 20 or more of (the expanded set is
// then cut to 20, or may be).
func ownerRereads(t *fakegraph.Tenant) (requests int) {
	known := make(map[string]bool, len(t.Users)+len(t.ServicePrincipals))
	for _, u := range t.Users {
		known[strings.ToLower(u.ID)] = true
	}
	for _, sp := range t.ServicePrincipals {
		known[strings.ToLower(sp.ID)] = true
	}
	for _, sp := range t.ServicePrincipals {
		distinct := map[string]bool{}
		for _, id := range sp.Owners {
			if key := strings.ToLower(id); known[key] {
				distinct[key] = true
			}
		}
		if len(distinct) >= graph.MaxExpandedOwners {
			requests += pages(len(distinct), 100)
		}
	}
	return requests
}

// servicePrincipalOwnersCase is Application Discovery over n service
// principals that have owners, read without owners (the list only, 999 a
// page) or with them: the organization, the list with $expand=owners (100 a
// page), then the /owners of each app whose expanded set may be truncated,
// ownersConcurrency at a time. The floor counts the re-reads after the list,
// as the provider makes them (they need the list's expanded sets).
func servicePrincipalOwnersCase(n int, includeOwners bool) benchCase {
	name := fmt.Sprintf("azuresaas_service_principals %s with owners, include_owners = %v", thousands(n), includeOwners)
	c := benchCase{
		name:    name,
		latency: 20 * time.Millisecond,
		tenant:  func() *fakegraph.Tenant { return ownersTenant(n) },
		allocs:  true,
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			var d inventory.Discovery
			var err error
			if includeOwners {
				d, err = inventory.DiscoverApplicationsWithOwners(ctx, c, inventory.DiscoveryFilter{}, ownersConcurrency)
			} else {
				d, err = inventory.DiscoverApplications(ctx, c, inventory.DiscoveryFilter{})
			}
			return len(d.Applications), err
		},
		minimum: func(t *fakegraph.Tenant) int { return 1 + pages(len(t.ServicePrincipals), 999) },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(1+pages(len(t.ServicePrincipals), 999)) * latency
		},
		providerArgs: fmt.Sprintf("  max_concurrency = %d\n", ownersConcurrency),
		config:       fmt.Sprintf("data \"azuresaas_service_principals\" \"bench\" {\n  include_owners = %v\n}", includeOwners),
	}
	if includeOwners {
		c.minimum = func(t *fakegraph.Tenant) int {
			rereads := ownerRereads(t)
			return 1 + pages(len(t.ServicePrincipals), graph.MaxExpandPageSize) + rereads
		}
		c.floor = func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			rereads := ownerRereads(t)
			rounds := (rereads + ownersConcurrency - 1) / ownersConcurrency
			return time.Duration(1+pages(len(t.ServicePrincipals), graph.MaxExpandPageSize)+rounds) * latency
		}
	}
	return c
}
