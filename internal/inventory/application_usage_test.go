package inventory_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// usageTestBudget lets the sign-in reads of these tests through at once;
// the server's throttle is opened as far.
var usageTestBudget = graph.ReportsBudget{Requests: 1000, Window: 10 * time.Millisecond, Margin: time.Millisecond}

func usageClient(t testing.TB, server *fakegraph.Server) *graph.Client {
	t.Helper()
	server.SetReportsThrottle(1000, 10*time.Millisecond)
	c, err := graph.NewClient(graph.Config{
		TenantID: server.Tenant().ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(), ReportsBudget: usageTestBudget,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// usageTenant generates a tenant for the usage equivalence: users (about
// one in ten a guest, several domains), groups with random direct members,
// nested groups and service principals among them, applications that
// require assignment or not, some sharing a display name up to case,
// assigned to users (some twice, one deleted) and groups (some twice, by
// two roles), so that one user often has several paths to an app; and
// sign-ins, failed ones included, some before the window, some of a user
// no longer in the directory, some to an application not read.
func usageTenant(seed int64, end time.Time) (*fakegraph.Tenant, []string) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x05a9e))
	t := fakegraph.GenerateTenant(seed, 30+rng.IntN(50))
	users := t.Users
	groupID := func(i int) string { return fmt.Sprintf("6c%06d-0000-4000-8000-%012d", seed, i) }
	appID := func(i int) string { return fmt.Sprintf("5c%06d-0000-4000-8000-%012d", seed, i) }
	clientID := func(i int) string { return fmt.Sprintf("bc%06d-0000-4000-8000-%012d", seed, i) }
	nGroups, nApps := 2+rng.IntN(6), 3+rng.IntN(8)
	for g := range nGroups {
		grp := fakegraph.Group{ID: groupID(g), DisplayName: fakegraph.Ptr(fmt.Sprintf("Group %d", g))}
		for range rng.IntN(20) {
			grp.Members = append(grp.Members, users[rng.IntN(len(users))].ID)
		}
		if g > 0 && rng.IntN(3) == 0 {
			grp.Members = append(grp.Members, groupID(rng.IntN(g)))
		}
		if rng.IntN(4) == 0 {
			grp.Members = append(grp.Members, appID(0))
		}
		t.Groups = append(t.Groups, grp)
	}
	var ids []string
	for i := range nApps {
		name := fmt.Sprintf("App %d", i%5)
		if i >= 5 {
			name = strings.ToUpper(name)
		}
		ids = append(ids, appID(i))
		t.ServicePrincipals = append(t.ServicePrincipals, fakegraph.ServicePrincipal{
			ID: appID(i), AppID: clientID(i), DisplayName: fakegraph.Ptr(name),
			AppRoleAssignmentRequired: rng.IntN(5) != 0, Tags: []string{fakegraph.TagIntegratedApp},
		})
		created := fakegraph.Ptr(end.Add(-time.Duration(rng.IntN(1000)) * time.Hour))
		for range rng.IntN(6) {
			t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{
				ResourceID: appID(i), PrincipalID: users[rng.IntN(len(users))].ID, CreatedDateTime: created})
		}
		for k := range rng.IntN(4) {
			role := ""
			if k > 0 && rng.IntN(2) == 0 {
				role = "00000000-0000-4000-8000-00000000000" + fmt.Sprint(k)
			}
			t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{
				ResourceID: appID(i), PrincipalID: groupID(rng.IntN(nGroups)), AppRoleID: role, CreatedDateTime: created})
		}
		if rng.IntN(4) == 0 { // a user deleted moments ago
			t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{
				ResourceID: appID(i), PrincipalID: fmt.Sprintf("7c%06d-0000-4000-8000-%012d", seed, i), PrincipalType: "User", CreatedDateTime: created})
		}
		if i > 0 && rng.IntN(4) == 0 {
			t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{
				ResourceID: appID(i), PrincipalID: appID(i - 1), CreatedDateTime: created})
		}
	}
	// An application outside ids, with sign-ins of its own.
	t.ServicePrincipals = append(t.ServicePrincipals, fakegraph.ServicePrincipal{ID: appID(99), AppID: clientID(99), DisplayName: fakegraph.Ptr("Other")})
	t.SignIns = fakegraph.GenerateSignIns(t, seed, 200+rng.IntN(400), 6*24*time.Hour, end)
	gone := fakegraph.User{ID: fmt.Sprintf("7d%06d-0000-4000-8000-000000000001", seed), UserPrincipalName: "gone@" + fakegraph.GeneratedDefaultDomain}
	extra := fakegraph.GenerateSignIns(&fakegraph.Tenant{Users: []fakegraph.User{gone}, ServicePrincipals: t.ServicePrincipals}, seed+1, 20, 6*24*time.Hour, end)
	for i := range extra {
		extra[i].ID = fmt.Sprintf("ex%d-%s", i, extra[i].ID)
	}
	t.SignIns = append(t.SignIns, extra...)
	return t, ids
}

// rowCounts is what the row-level reads say about one application.
type rowCounts struct {
	assigned, direct, group, assignedGroups, nested   int
	active, activeAssigned, inactiveAssigned, signIns int
	lastSignIn                                        string
}

// rowLevelCounts counts, per application instance, the rows that
// ApplicationRoster (assigned only) and ApplicationAccess return for the
// same arguments. group_users and assigned_groups, which no row says
// directly (a user with a direct path is a direct entry), come from the
// tenant: the roster entries whose user is a direct member of an assigned
// group, and the distinct groups assigned.
func rowLevelCounts(t *testing.T, c *graph.Client, tenant *fakegraph.Tenant, ids []string, f inventory.UserFilter, w inventory.UsageWindow) map[string]rowCounts {
	t.Helper()
	ctx := context.Background()
	roster, err := inventory.ApplicationRoster(ctx, c, ids, inventory.RosterOptions{Filter: f, AssignedOnly: true, MaxConcurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	appIDs := map[string]string{} // client id -> instance id
	groups := map[string][]string{}
	for _, g := range tenant.Groups {
		groups[strings.ToLower(g.ID)] = g.Members
	}
	inGroups := map[string]map[string]bool{} // instance -> group member users
	assignedGroups := map[string]map[string]bool{}
	for _, sp := range tenant.ServicePrincipals {
		if slices.Contains(ids, sp.ID) {
			appIDs[strings.ToLower(sp.AppID)] = sp.ID
			inGroups[sp.ID], assignedGroups[sp.ID] = map[string]bool{}, map[string]bool{}
		}
	}
	for _, a := range tenant.AppRoleAssignments {
		members, isGroup := groups[strings.ToLower(a.PrincipalID)]
		if !isGroup || inGroups[a.ResourceID] == nil {
			continue
		}
		assignedGroups[a.ResourceID][strings.ToLower(a.PrincipalID)] = true
		for _, m := range members {
			inGroups[a.ResourceID][strings.ToLower(m)] = true
		}
	}
	out := map[string]rowCounts{}
	rosterUsers := map[string]map[string]bool{}
	for _, id := range ids {
		one, err := inventory.ApplicationRoster(ctx, c, []string{id}, inventory.RosterOptions{Filter: f, AssignedOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		out[id] = rowCounts{assignedGroups: len(assignedGroups[id]), nested: len(one.NestedGroupIDs)}
		rosterUsers[id] = map[string]bool{}
	}
	for _, e := range roster.Entries {
		r := out[e.AppInstanceID]
		r.assigned++
		if e.Source == inventory.SourceDirect {
			r.direct++
		}
		if inGroups[e.AppInstanceID][strings.ToLower(e.UserID)] {
			r.group++
		}
		rosterUsers[e.AppInstanceID][strings.ToLower(e.UserID)] = true
		out[e.AppInstanceID] = r
	}
	var clientIDs []string
	for k := range appIDs {
		clientIDs = append(clientIDs, k)
	}
	access, err := inventory.ApplicationAccess(ctx, c, c, inventory.AccessQuery{Since: w.Since, Until: w.Until, AppIDs: clientIDs, Users: f})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range access {
		id := appIDs[strings.ToLower(a.AppID)]
		r := out[id]
		r.active++
		r.signIns += a.SignInCount
		if rosterUsers[id][strings.ToLower(a.UserID)] {
			r.activeAssigned++
		}
		if last := a.LastLogin.UTC().Format(time.RFC3339Nano); last > r.lastSignIn {
			r.lastSignIn = last
		}
		out[id] = r
	}
	for id, r := range out {
		r.inactiveAssigned = r.assigned - r.activeAssigned
		out[id] = r
	}
	return out
}

// TestApplicationUsageEqualsRowLevelReads: on generated tenants, under
// every filter, each count of ApplicationUsage equals the number of rows
// the roster (assigned only) and the access list return for the same
// arguments.
func TestApplicationUsageEqualsRowLevelReads(t *testing.T) {
	end := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	w := inventory.UsageWindow{Since: end.Add(-4 * 24 * time.Hour), Until: end}
	filters := []inventory.UserFilter{
		{IncludeGuests: true},
		{},
		{DomainNames: []string{fakegraph.GeneratedSecondaryDomain}},
		{DomainNames: []string{strings.ToUpper(fakegraph.GeneratedDefaultDomain), "partner3.example"}, IncludeGuests: true},
	}
	checked := map[string]int{}
	for seed := int64(1); seed <= 12; seed++ {
		tenant, ids := usageTenant(seed, end)
		server := fakegraph.Start(tenant)
		c := usageClient(t, server)
		for fi, f := range filters {
			want := rowLevelCounts(t, c, tenant, ids, f, w)
			got, err := inventory.ApplicationUsage(context.Background(), c, ids, inventory.UsageOptions{Filter: f, Activity: &w, MaxConcurrency: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(ids) {
				t.Fatalf("seed %d filter %d: %d applications, want %d", seed, fi, len(got), len(ids))
			}
			for _, u := range got {
				r := want[u.AppInstanceID]
				last := ""
				if u.Activity.LastSignIn != nil {
					last = u.Activity.LastSignIn.UTC().Format(time.RFC3339Nano)
				}
				gotCounts := rowCounts{u.AssignedUsers, u.DirectUsers, u.GroupUsers, u.AssignedGroups, u.NestedGroups,
					u.Activity.ActiveUsers, u.Activity.ActiveAssignedUsers, u.Activity.InactiveAssignedUsers, u.Activity.SignInCount, last}
				if gotCounts != r {
					t.Errorf("seed %d filter %+v, %s: got %+v, row-level reads give %+v", seed, f, u.AppInstanceID, gotCounts, r)
				}
				if r.assigned > 0 {
					checked["assigned"]++
				}
				if r.group > 0 && r.direct > 0 {
					checked["direct and group"]++
				}
				if r.nested > 0 {
					checked["nested"]++
				}
				if r.activeAssigned > 0 && r.active > r.activeAssigned {
					checked["active, assigned or not"]++
				}
			}
		}
		server.Close()
	}
	// The generated tenants must exercise what the rules are about.
	for _, k := range []string{"assigned", "direct and group", "nested", "active, assigned or not"} {
		if checked[k] < 5 {
			t.Errorf("only %d applications with %s: the generator no longer covers it", checked[k], k)
		}
	}
}

// TestApplicationUsageOrderAndFields: sorted by display name (case-
// insensitive) then instance id, with each application's own fields; no
// window, no activity.
func TestApplicationUsageOrderAndFields(t *testing.T) {
	end := time.Now().UTC().Truncate(time.Second)
	tenant, ids := usageTenant(3, end)
	server := fakegraph.Start(tenant)
	defer server.Close()
	got, err := inventory.ApplicationUsage(context.Background(), usageClient(t, server), ids, inventory.UsageOptions{Filter: inventory.UserFilter{IncludeGuests: true}})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]fakegraph.ServicePrincipal{}
	for _, sp := range tenant.ServicePrincipals {
		byID[sp.ID] = sp
	}
	for i, u := range got {
		sp := byID[u.AppInstanceID]
		if u.AppID != sp.AppID || *u.DisplayName != *sp.DisplayName || u.AssignmentRequired != sp.AppRoleAssignmentRequired || u.Activity != nil {
			t.Errorf("%s: %+v does not match %+v", u.AppInstanceID, u, sp)
		}
		if i > 0 {
			a, b := got[i-1], u
			if fa, fb := strings.ToLower(*a.DisplayName), strings.ToLower(*b.DisplayName); fa > fb || (fa == fb && a.AppInstanceID > b.AppInstanceID) {
				t.Errorf("%s (%s) before %s (%s)", *a.DisplayName, a.AppInstanceID, *b.DisplayName, b.AppInstanceID)
			}
		}
	}
}

// requestPaths counts Graph requests by path, the user list's pages apart.
func requestPaths(server *fakegraph.Server) map[string]int {
	out := map[string]int{}
	for _, r := range server.Requests() {
		if strings.HasPrefix(r.Path, "/v1.0/") {
			out[r.Path]++
		}
	}
	return out
}

// TestApplicationUsageRequests: the usage read makes the requests of the
// roster (assigned only) and, with a window, of the access list for the
// same applications: the same paths, as often, except that the user list
// both may need is read once.
func TestApplicationUsageRequests(t *testing.T) {
	end := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	w := inventory.UsageWindow{Since: end.Add(-4 * 24 * time.Hour), Until: end}
	tenant, ids := usageTenant(5, end)
	// Enough users for two pages of the user list, and sign-ins for two
	// pages of the log.
	more := fakegraph.GenerateTenant(55, 1200).Users
	tenant.Users = append(tenant.Users, more...)
	tenant.SignIns = append(tenant.SignIns, fakegraph.GenerateSignIns(tenant, 56, 2500, 3*24*time.Hour, end)...)
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := usageClient(t, server)
	var clientIDs []string
	for _, sp := range tenant.ServicePrincipals {
		if slices.Contains(ids, sp.ID) {
			clientIDs = append(clientIDs, sp.AppID)
		}
	}
	for _, f := range []inventory.UserFilter{{IncludeGuests: true}, {}} {
		for _, window := range []*inventory.UsageWindow{nil, &w} {
			ctx := context.Background()
			server.ResetRequests()
			if _, err := inventory.ApplicationRoster(ctx, c, ids, inventory.RosterOptions{Filter: f, AssignedOnly: true, MaxConcurrency: 2}); err != nil {
				t.Fatal(err)
			}
			want := requestPaths(server)
			if window != nil {
				server.ResetRequests()
				if _, err := inventory.ApplicationAccess(ctx, c, c, inventory.AccessQuery{Since: w.Since, Until: w.Until, AppIDs: clientIDs, Users: f}); err != nil {
					t.Fatal(err)
				}
				for p, n := range requestPaths(server) {
					if p == "/v1.0/users" {
						want[p] = max(want[p], n)
					} else {
						want[p] += n
					}
				}
			}
			server.ResetRequests()
			if _, err := inventory.ApplicationUsage(ctx, c, ids, inventory.UsageOptions{Filter: f, Activity: window, MaxConcurrency: 2}); err != nil {
				t.Fatal(err)
			}
			got := requestPaths(server)
			if !mapsEqual(got, want) {
				t.Errorf("filter %+v, window %v: requests %v, want %v", f, window != nil, got, want)
			}
			if window != nil && got["/v1.0/auditLogs/signIns"] < 2 {
				t.Errorf("the sign-ins took %d requests: the case no longer pages", got["/v1.0/auditLogs/signIns"])
			}
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestApplicationUsageDiscovered: with no ids, the applications are those
// Application Discovery keeps (first-party and non-enterprise apps out),
// read from the service principal list instead of by id.
func TestApplicationUsageDiscovered(t *testing.T) {
	end := time.Now().UTC().Truncate(time.Second)
	tenant, ids := usageTenant(7, end)
	tenant.ServicePrincipals[0].Tags = nil // not an enterprise app
	tenant.ServicePrincipals[1].AppOwnerOrganizationID = fakegraph.Ptr("f8cdef31-a31e-4b4a-93e4-5f571e91255a")
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := usageClient(t, server)
	opts := inventory.UsageOptions{Filter: inventory.UserFilter{IncludeGuests: true}, Discovery: inventory.DiscoveryFilter{ExcludeFirstParty: true, EnterpriseAppsOnly: true}}
	got, err := inventory.ApplicationUsage(context.Background(), c, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	explicit, err := inventory.ApplicationUsage(context.Background(), c, ids[2:], opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, explicit) {
		t.Errorf("discovered:\n%+v\nby id:\n%+v", got, explicit)
	}
	server.ResetRequests()
	if _, err := inventory.ApplicationUsage(context.Background(), c, nil, opts); err != nil {
		t.Fatal(err)
	}
	if n := requestPaths(server)["/v1.0/servicePrincipals"]; n != 1 {
		t.Errorf("%d requests to /servicePrincipals, want the one page of the list", n)
	}
}

// TestApplicationUsageNotFound: an unknown service principal fails the read
// with the roster's NotFoundError.
func TestApplicationUsageNotFound(t *testing.T) {
	tenant, ids := usageTenant(2, time.Now().UTC())
	server := fakegraph.Start(tenant)
	defer server.Close()
	missing := "5f000000-0000-4000-8000-000000000000"
	_, err := inventory.ApplicationUsage(context.Background(), usageClient(t, server), append(ids, missing), inventory.UsageOptions{})
	var nf *inventory.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "service principal" || nf.ID != missing {
		t.Fatalf("err = %v, want the service principal %s not found", err, missing)
	}
}
