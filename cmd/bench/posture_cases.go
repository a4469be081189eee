package main

import (
	"context"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// registrationDetailsCase is azuresaas_user_registration_details over the
// registration report of n users (fakegraph.AddGeneratedRegistrationDetails:
// every enabled user has a row), at 999 rows a page, paced like the sign-in
// logs: the report counts against the same reports budget (scaled down
// here as for the access cases; at Graph's real 5 per 10 s the floor is 20
// times the window part of this one).
func registrationDetailsCase(n int) benchCase {
	budget := scaledReportsBudget
	return benchCase{
		name:    "azuresaas_user_registration_details " + thousands(n),
		latency: 20 * time.Millisecond,
		budget:  &budget,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, n)
			fakegraph.AddGeneratedRegistrationDetails(t, time.Date(2026, 8, 30, 4, 0, 0, 0, time.UTC))
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			rows, err := inventory.UserRegistrations(ctx, c, inventory.RegistrationFilter{IncludeGuests: true})
			return len(rows), err
		},
		minimum: func(t *fakegraph.Tenant) int { return pages(len(t.UserRegistrationDetails), 999) },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return reportsFloor(pages(len(t.UserRegistrationDetails), 999), budget, latency)
		},
		config: `data "azuresaas_user_registration_details" "bench" {
  include_guests = true
}`,
	}
}
