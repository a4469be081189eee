package main

import (
	"context"
	"slices"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// groupsCase is azuresaas_groups over n generated groups
// (fakegraph.GenerateGroups: a quarter Microsoft 365 groups, one in 97
// with licence errors) with one filter: the list's pages at 999 groups,
// then one id-only read of the groups with licence errors narrowed by the
// same filter. The two reads are a chain of round trips.
func groupsCase(n int, label string, filter inventory.GroupFilter, config string, keep func(*fakegraph.Group) bool) benchCase {
	pushed := func(g *fakegraph.Group) bool { return true }
	if filter.Unified != nil && *filter.Unified {
		pushed = keep // the filter is Graph's: only the kept groups are read
	}
	plan := func(t *fakegraph.Tenant) int {
		listed, kept, withErrors := 0, 0, 0
		for i := range t.Groups {
			g := &t.Groups[i]
			if pushed(g) {
				listed++
			}
			if keep(g) {
				kept++
				if g.HasMembersWithLicenseErrors {
					withErrors++
				}
			}
		}
		if kept == 0 {
			return pages(listed, 999)
		}
		return pages(listed, 999) + pages(withErrors, 999)
	}
	return benchCase{
		name:    "azuresaas_groups " + thousands(n) + label,
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, 100)
			t.Groups = fakegraph.GenerateGroups(1, n)
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			list, err := inventory.Groups(ctx, c, filter)
			return len(list.Groups), err
		},
		minimum: plan,
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(plan(t)) * latency
		},
		config: config,
	}
}

func groupsCases(n int) []benchCase {
	yes, no := true, false
	unified := func(g *fakegraph.Group) bool { return slices.Contains(g.GroupTypes, "Unified") }
	return []benchCase{
		groupsCase(n, "", inventory.GroupFilter{}, `data "azuresaas_groups" "bench" {}`, func(*fakegraph.Group) bool { return true }),
		groupsCase(n, ", unified = true (pushed down)", inventory.GroupFilter{Unified: &yes}, `data "azuresaas_groups" "bench" {
  unified = true
}`, unified),
		groupsCase(n, ", unified = false (after the read)", inventory.GroupFilter{Unified: &no}, `data "azuresaas_groups" "bench" {
  unified = false
}`, func(g *fakegraph.Group) bool { return !unified(g) }),
	}
}
