package inventory_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// BenchmarkApplicationUsageManyApps reads the usage of the roster
// benchmark's applications (fakegraph.GenerateRoster) and reports the
// Graph requests, to set beside BenchmarkApplicationRosterManyApps; with
// -memprofile it shows where the read's memory goes.
//
//	go test ./internal/inventory -run '^$' -bench ApplicationUsageManyApps -benchtime 1x -memprofile /tmp/usage.mem
func BenchmarkApplicationUsageManyApps(b *testing.B) {
	for _, size := range []struct{ apps, groups, members int }{{50, 20, 1000}, {500, 200, 5000}} {
		b.Run(fmt.Sprintf("apps=%d/groups=%d/members=%d", size.apps, size.groups, size.members), func(b *testing.B) {
			tenant, ids := fakegraph.GenerateRoster(1, size.apps, size.groups, size.members)
			server := fakegraph.Start(tenant)
			defer server.Close()
			client := rosterClient(b, server)
			b.ResetTimer()
			for range b.N {
				server.ResetRequests()
				usage, err := inventory.ApplicationUsage(context.Background(), client, ids, inventory.UsageOptions{
					Filter: inventory.UserFilter{IncludeGuests: true}, MaxConcurrency: 8})
				if err != nil {
					b.Fatal(err)
				}
				got := graphRequests(server)
				b.ReportMetric(float64(got["graph"]), "requests/op")
				b.ReportMetric(float64(got["members"]), "member-requests/op")
				b.ReportMetric(float64(got["users"]), "user-requests/op")
				b.ReportMetric(float64(len(usage)), "apps/op")
			}
		})
	}
}
