package main

import (
	"context"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// rolePageSize is the fake's page size for the role lists: the client
// sends no $top there (Microsoft documents none), so Graph's own page size
// decides; the fake uses the directory's default of 100.
const rolePageSize = 100

// directoryRolesCase is azuresaas_directory_role_assignments over n role
// assignments (fakegraph.AddGeneratedRoleAssignments: a third eligible) in
// a tenant of 1,000 users. With P2 the active assignments come from the PIM
// instances and the eligible ones are read too; without, the instance list
// answers 400 AadPremiumLicenseRequired (one request) and the active ones
// come from roleAssignments, with include_eligible = false. Either way the
// principals come expanded: no request per principal.
func directoryRolesCase(n int, p2 bool) benchCase {
	name := "azuresaas_directory_role_assignments " + thousands(n)
	config := `data "azuresaas_directory_role_assignments" "bench" {}`
	if !p2 {
		name += " without P2"
		config = `data "azuresaas_directory_role_assignments" "bench" {
  include_eligible = false
}`
	}
	counts := func(t *fakegraph.Tenant) (active, eligible int) {
		for _, a := range t.RoleAssignments {
			if a.Eligible {
				eligible++
			} else {
				active++
			}
		}
		return active, eligible
	}
	// The definitions, then the active list (after the refused instance
	// request without P2), then the eligible list with P2: a chain of round
	// trips.
	requests := func(t *fakegraph.Tenant) int {
		active, eligible := counts(t)
		if !p2 {
			return 1 + 1 + pages(active, rolePageSize)
		}
		return 1 + pages(active, rolePageSize) + pages(eligible, rolePageSize)
	}
	return benchCase{
		name:    name,
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, 1_000)
			fakegraph.AddGeneratedRoleAssignments(t, n, time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
			t.WithoutP2 = !p2
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			rows, err := inventory.DirectoryRoleAssignments(ctx, c, inventory.RoleAssignmentFilter{IncludeEligible: p2})
			return len(rows), err
		},
		minimum: requests,
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(requests(t)) * latency
		},
		config: config,
	}
}
