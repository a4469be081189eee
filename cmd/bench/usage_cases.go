package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// usageCase is azuresaas_application_usage over the roster case's tenant
// (fakegraph.GenerateRoster): the same reads as the roster with
// assigned_only, answered with one row per application instead of one per
// (application, user), so the plan holds 500 rows, not millions.
func usageCase(apps, groups, members int) benchCase {
	var ids []string
	return benchCase{
		name:    fmt.Sprintf("azuresaas_application_usage %s apps, %s groups ≤ %s", thousands(apps), thousands(groups), thousands(members)),
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t, generated := fakegraph.GenerateRoster(1, apps, groups, members)
			ids = generated
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			u, err := inventory.ApplicationUsage(ctx, c, ids, inventory.UsageOptions{
				Filter: inventory.UserFilter{IncludeGuests: true}, MaxConcurrency: rosterConcurrency})
			return len(u), err
		},
		minimum: func(t *fakegraph.Tenant) int { return rosterRequestsFor(t, ids, true).total() },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return rosterRequestsFor(t, ids, true).floor(rosterConcurrency, latency)
		},
		providerArgs: fmt.Sprintf("  max_concurrency = %d\n", rosterConcurrency),
		config: "data \"azuresaas_application_usage\" \"bench\" {\n  include_guests = true\n  service_principal_ids = local.ids\n}\n" +
			"locals {\n  ids = jsondecode(file(\"${path.module}/ids.json\"))\n}",
		files: func() map[string]string {
			raw, _ := json.Marshal(ids)
			return map[string]string{"ids.json": string(raw)}
		},
	}
}

// usageActivityCase is azuresaas_application_usage with since over n
// sign-ins (about 92 % successful) of 1,000 users to 20 applications
// assigned through 10 groups, spread over 30 days, paced by the scaled
// reports budget as the access cases are: the sign-in pages are those of
// azuresaas_application_access for the same window and app ids.
func usageActivityCase(n int) benchCase {
	end := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	since := end.Add(-30 * 24 * time.Hour)
	budget := scaledReportsBudget
	var ids []string
	return benchCase{
		name:    "azuresaas_application_usage 20 apps with since, " + thousands(n) + " sign-ins",
		latency: 20 * time.Millisecond,
		budget:  &budget,
		tenant: func() *fakegraph.Tenant {
			t, generated := fakegraph.GenerateRoster(3, 20, 10, 500)
			ids = generated
			t.SignIns = fakegraph.GenerateSignIns(t, 3, n, 30*24*time.Hour-time.Minute, end)
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			u, err := inventory.ApplicationUsage(ctx, c, ids, inventory.UsageOptions{
				Filter: inventory.UserFilter{IncludeGuests: true}, MaxConcurrency: rosterConcurrency,
				Activity: &inventory.UsageWindow{Since: since, Until: end}})
			return len(u), err
		},
		// The roster's requests, and the sign-in pages, which wait for the
		// applications' ids (one batch of 15 and one of 5).
		minimum: func(t *fakegraph.Tenant) int {
			return rosterRequestsFor(t, ids, true).total() + pages(successfulSignInsTo(t, ids), 1000)
		},
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return max(rosterRequestsFor(t, ids, true).floor(rosterConcurrency, latency),
				latency+reportsFloor(pages(successfulSignInsTo(t, ids), 1000), budget, latency))
		},
		providerArgs: fmt.Sprintf("  max_concurrency = %d\n", rosterConcurrency),
		config: fmt.Sprintf(`data "azuresaas_application_usage" "bench" {
  since                 = %q
  include_guests        = true
  service_principal_ids = local.ids
}
locals {
  ids = jsondecode(file("${path.module}/ids.json"))
}`, since.Format(time.RFC3339)),
		files: func() map[string]string {
			raw, _ := json.Marshal(ids)
			return map[string]string{"ids.json": string(raw)}
		},
	}
}

// successfulSignInsTo counts the successful sign-ins to the applications
// ids name (by their app ids).
func successfulSignInsTo(t *fakegraph.Tenant, ids []string) int {
	appIDs := map[string]bool{}
	for _, sp := range t.ServicePrincipals {
		for _, id := range ids {
			if strings.EqualFold(sp.ID, id) {
				appIDs[strings.ToLower(sp.AppID)] = true
			}
		}
	}
	n := 0
	for _, s := range t.SignIns {
		if s.ErrorCode == 0 && appIDs[strings.ToLower(s.AppID)] {
			n++
		}
	}
	return n
}
