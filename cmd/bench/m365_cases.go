package main

import (
	"context"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// m365Case is azuresaas_m365_active_users over a report of n users: one
// report request, redirected, and one CSV download of n rows, read as a
// stream. The fake's latency delays the report request; its download host
// adds none, so the floor is one round trip.
func m365Case(n int) benchCase {
	return benchCase{
		name:    "azuresaas_m365_active_users " + thousands(n),
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, n)
			fakegraph.AddGeneratedM365Usage(t, time.Date(2026, 8, 29, 0, 0, 0, 0, time.UTC))
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			usage, err := inventory.M365ActiveUsers(ctx, c, inventory.M365UsageFilter{Period: "D30"})
			return len(usage.Users), err
		},
		minimum: func(*fakegraph.Tenant) int { return 1 },
		floor:   func(_ *fakegraph.Tenant, latency time.Duration) time.Duration { return latency },
		config:  "data \"azuresaas_m365_active_users\" \"bench\" {}",
	}
}
