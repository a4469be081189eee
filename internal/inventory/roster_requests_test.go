package inventory_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

func rosterClient(t testing.TB, server *fakegraph.Server) *graph.Client {
	t.Helper()
	c, err := graph.NewClient(graph.Config{
		TenantID: server.Tenant().ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// graphRequests counts the Graph requests the server received, by kind.
func graphRequests(server *fakegraph.Server) map[string]int {
	counts := map[string]int{}
	for _, r := range server.Requests() {
		switch p := r.Path; {
		case !strings.HasPrefix(p, "/v1.0/"):
			counts["token"]++
		case strings.HasSuffix(p, "/appRoleAssignedTo"):
			counts["assignments"]++
		case strings.HasSuffix(p, "/members"):
			counts["members "+strings.Split(p, "/")[3]]++
			counts["members"]++
		case p == "/v1.0/servicePrincipals":
			counts["apps"]++
		case p == "/v1.0/users":
			counts["users"]++
		default:
			counts["other "+p]++
		}
		if strings.HasPrefix(r.Path, "/v1.0/") {
			counts["graph"]++
		}
	}
	return counts
}

// TestApplicationRosterRequestCount: N applications sharing one group read
// its members once, and the whole read makes exactly the requests the data
// needs: ceil(N/15) for the applications, one page of assignments per
// application, the group's pages once, and the user list's pages once
// because one application is open access.
func TestApplicationRosterRequestCount(t *testing.T) {
	const apps, members, users = 20, 1500, 1100 // 2 app batches, 2 member pages, 2 user pages
	tenant := fakegraph.GenerateTenant(7, users)
	shared := fakegraph.Group{ID: "6b200000-0000-4000-8000-000000000001", DisplayName: fakegraph.Ptr("Everyone")}
	for i := range members {
		shared.Members = append(shared.Members, tenant.Users[i%users].ID)
	}
	// 1,100 distinct users plus 400 repeats the fake ignores: add more users
	for i := users; i < members; i++ {
		u := tenant.Users[i%users]
		u.ID = fmt.Sprintf("6b300000-0000-4000-8000-%012d", i)
		u.UserPrincipalName = fmt.Sprintf("extra%d@contoso.example", i)
		tenant.Users = append(tenant.Users, u)
		shared.Members[i] = u.ID
	}
	tenant.Groups = []fakegraph.Group{shared}
	var ids []string
	for i := range apps {
		id := fmt.Sprintf("5b100000-0000-4000-8000-%012d", i)
		ids = append(ids, id)
		tenant.ServicePrincipals = append(tenant.ServicePrincipals, fakegraph.ServicePrincipal{ID: id, AppID: id,
			DisplayName: fakegraph.Ptr(fmt.Sprintf("App %02d", i)), AppRoleAssignmentRequired: i != 0})
		tenant.AppRoleAssignments = append(tenant.AppRoleAssignments,
			fakegraph.AppRoleAssignment{ResourceID: id, PrincipalID: shared.ID},
			fakegraph.AppRoleAssignment{ResourceID: id, PrincipalID: tenant.Users[i].ID})
	}
	server := fakegraph.Start(tenant)
	defer server.Close()

	for _, c := range []struct {
		name         string
		assignedOnly bool
		want         map[string]int
	}{
		{"open access reads the user list", false, map[string]int{"token": 1, "apps": 2, "assignments": apps, "members": 2, "users": 2, "graph": 2 + apps + 2 + 2}},
		{"assigned_only, every direct user in the group: no user list", true, map[string]int{"apps": 2, "assignments": apps, "members": 2, "graph": 2 + apps + 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			server.ResetRequests()
			roster, err := inventory.ApplicationRoster(context.Background(), rosterClient(t, server), ids,
				inventory.RosterOptions{MaxConcurrency: 4, AssignedOnly: c.assignedOnly, Filter: inventory.UserFilter{IncludeGuests: true}})
			if err != nil {
				t.Fatal(err)
			}
			got := graphRequests(server)
			for k, v := range c.want {
				if got[k] != v {
					t.Errorf("%s: %d requests, want %d (all: %v)", k, got[k], v, got)
				}
			}
			if got["members "+shared.ID] != 2 {
				t.Errorf("the shared group's 2 pages were requested %d times", got["members "+shared.ID])
			}
			wantEntries := (apps - 1) * members
			if !c.assignedOnly {
				wantEntries += len(tenant.Users)
			} else {
				wantEntries += members
			}
			if len(roster.Entries) != wantEntries {
				t.Errorf("%d entries, want %d", len(roster.Entries), wantEntries)
			}
		})
	}
}

// BenchmarkApplicationRosterManyApps reads the roster of many applications
// sharing groups (fakegraph.GenerateRoster) and reports the Graph requests
// it made. ROSTER sizes: 500 apps, 200 groups of up to 5,000 members.
//
//	go test ./internal/inventory -run '^$' -bench ApplicationRosterManyApps -benchtime 1x
func BenchmarkApplicationRosterManyApps(b *testing.B) {
	for _, size := range []struct{ apps, groups, members int }{{50, 20, 1000}, {500, 200, 5000}} {
		b.Run(fmt.Sprintf("apps=%d/groups=%d/members=%d", size.apps, size.groups, size.members), func(b *testing.B) {
			tenant, ids := fakegraph.GenerateRoster(1, size.apps, size.groups, size.members)
			server := fakegraph.Start(tenant)
			defer server.Close()
			client := rosterClient(b, server)
			b.ResetTimer()
			for range b.N {
				server.ResetRequests()
				roster, err := inventory.ApplicationRoster(context.Background(), client, ids, inventory.RosterOptions{MaxConcurrency: 8})
				if err != nil {
					b.Fatal(err)
				}
				got := graphRequests(server)
				b.ReportMetric(float64(got["graph"]), "requests/op")
				b.ReportMetric(float64(got["apps"]), "app-requests/op")
				b.ReportMetric(float64(got["assignments"]), "assignment-requests/op")
				b.ReportMetric(float64(got["members"]), "member-requests/op")
				b.ReportMetric(float64(got["users"]), "user-requests/op")
				b.ReportMetric(float64(len(roster.Entries)), "entries/op")
			}
		})
	}
}
