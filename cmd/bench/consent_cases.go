package main

import (
	"context"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// grantsTenant has n delegated grants from clients client applications to
// 10 APIs, among sps service principals and 1,000 users.
func grantsTenant(n, clients, sps int) *fakegraph.Tenant {
	t := fakegraph.GenerateTenant(5, 1000)
	t.ServicePrincipals = fakegraph.GenerateServicePrincipals(5, sps)
	t.OAuth2PermissionGrants = fakegraph.GenerateGrants(5, t.ServicePrincipals, t.Users, clients, 10, n)
	return t
}

// grantNames is how many distinct service principals t's grants name.
func grantNames(t *fakegraph.Tenant) int {
	named := map[string]bool{}
	for _, g := range t.OAuth2PermissionGrants {
		named[strings.ToLower(g.ClientID)] = true
		named[strings.ToLower(g.ResourceID)] = true
	}
	return len(named)
}

// grantRequests is the fewest requests the grants and their names need:
// every page of grants, then the names, 15 ids a request or the whole
// list's pages, whichever is fewer. (The read also asks for the tenant's
// count of service principals to choose, one request more, not counted
// here: the minimum is what the data needs.)
func grantRequests(t *fakegraph.Tenant) int {
	batches := (grantNames(t) + graph.MaxIDsPerFilter - 1) / graph.MaxIDsPerFilter
	return pages(len(t.OAuth2PermissionGrants), 999) + min(batches, pages(len(t.ServicePrincipals), 999))
}

// oauth2PermissionGrantsCase lists n grants with their names.
func oauth2PermissionGrantsCase(n, clients, sps int) benchCase {
	return benchCase{
		name:    "azuresaas_oauth2_permission_grants " + thousands(n) + " grants, " + thousands(clients) + " clients, " + thousands(sps) + " service principals",
		latency: 20 * time.Millisecond,
		tenant:  func() *fakegraph.Tenant { return grantsTenant(n, clients, sps) },
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			grants, err := inventory.PermissionGrants(ctx, c, "", 8)
			return len(grants), err
		},
		minimum: grantRequests,
		// The grants' pages are a chain; the names come after them (their
		// ids are in the grants), as a chain of pages or batches in
		// parallel.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(grantRequests(t)) * latency
		},
		config: `data "azuresaas_oauth2_permission_grants" "bench" {}`,
	}
}

// consentedApplicationsCase aggregates the same grants by client: the
// organization first, then the grants and their names.
func consentedApplicationsCase(n, clients, sps int) benchCase {
	return benchCase{
		name:    "azuresaas_consented_applications " + thousands(n) + " grants, " + thousands(clients) + " clients",
		latency: 20 * time.Millisecond,
		tenant:  func() *fakegraph.Tenant { return grantsTenant(n, clients, sps) },
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			consent, err := inventory.ConsentedApplications(ctx, c, inventory.ConsentOptions{MaxConcurrency: 8})
			return len(consent.Applications), err
		},
		minimum: func(t *fakegraph.Tenant) int { return 1 + grantRequests(t) },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(1+grantRequests(t)) * latency
		},
		config: `data "azuresaas_consented_applications" "bench" {
  exclude_first_party = false
}`,
	}
}
