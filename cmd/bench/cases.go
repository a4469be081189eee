package main

import (
	"context"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// benchCase is one data source at one size.
type benchCase struct {
	name    string
	latency time.Duration
	tenant  func() *fakegraph.Tenant
	// read runs what the data source runs, in-process, and returns how many
	// objects it produced.
	read func(ctx context.Context, c *graph.Client) (int, error)
	// minimum is the fewest Graph requests the data needs.
	minimum func(t *fakegraph.Tenant) int
	// floor is the wall time latency makes unavoidable.
	floor func(t *fakegraph.Tenant, latency time.Duration) time.Duration
	// config is the data source block for the end-to-end run; its name is
	// data.<type>.bench.
	config string
}

// pages is how many requests a collection of n objects needs at page size size.
func pages(n, size int) int {
	if n == 0 {
		return 1
	}
	return (n + size - 1) / size
}

func usersCase(n int) benchCase {
	return benchCase{
		name:    "azuresaas_users " + thousands(n),
		latency: 20 * time.Millisecond,
		tenant:  func() *fakegraph.Tenant { return fakegraph.GenerateTenant(1, n) },
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			people, err := inventory.HRRoster(ctx, c, inventory.UserFilter{IncludeGuests: true})
			return len(people), err
		},
		minimum: func(t *fakegraph.Tenant) int { return pages(len(t.Users), 999) },
		// Each page's link comes from the page before it: the pages are a
		// chain of round trips, whatever the concurrency.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(pages(len(t.Users), 999)) * latency
		},
		config: `data "azuresaas_users" "bench" {
  include_guests = true
}`,
	}
}

// cases are the benchmark's cases, smallest first.
func cases() []benchCase {
	return []benchCase{
		usersCase(10_000),
		usersCase(100_000),
	}
}
