package graph_test

import (
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// BenchmarkListUsersPager pages through 100,000 users (101 pages of 999)
// from a fake Graph without latency: the pager's streaming decode and the
// fake's encoding, which make bench's users rows sit on.
//
//	go test ./internal/graph -run '^$' -bench ListUsersPager -benchtime 1x -benchmem
func BenchmarkListUsersPager(b *testing.B) {
	fake := fakegraph.Start(fakegraph.GenerateTenant(1, 100_000))
	defer fake.Close()
	c := signInsClient(b, fake, graph.ReportsBudget{})
	if _, err := c.GetOrganization(b.Context()); err != nil { // the token
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := c.ListUsers(b.Context(), func(graph.User) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 100_000 {
			b.Fatalf("%d users, want 100,000", n)
		}
	}
}
