package inventory_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// groupsRequests are the /groups requests the server received: the list's
// and the id-only licence errors reads.
func groupsRequests(server *fakegraph.Server) (list, ids []string) {
	for _, r := range server.Requests() {
		if r.Path != "/v1.0/groups" {
			continue
		}
		if strings.HasPrefix(r.RawQuery, "$select=id&") {
			ids = append(ids, r.RawQuery)
		} else {
			list = append(list, r.RawQuery)
		}
	}
	return list, ids
}

// Every filter against the tenant's own groups, with the requests each
// read costs: the list (pushed-down clauses), then one id-only read for
// licence errors unless the filter asked for those only or nothing was
// kept; unified = false and dynamic = false are applied after the read.
func TestGroupsFiltersAndRequests(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.Groups = append(tenant.Groups, fakegraph.GenerateGroups(11, 2500)...)
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := rosterClient(t, server)
	yes, no := true, false
	has := func(g *fakegraph.Group, kind string) bool { return slices.Contains(g.GroupTypes, kind) }
	isTrue := func(v *bool) bool { return v != nil && *v }
	for _, tt := range []struct {
		name      string
		filter    inventory.GroupFilter
		keep      func(*fakegraph.Group) bool
		listPages int
		idReads   int
		pushed    string // in the list's $filter
	}{
		{"all", inventory.GroupFilter{}, func(*fakegraph.Group) bool { return true }, 3, 1, ""},
		{"unified", inventory.GroupFilter{Unified: &yes}, func(g *fakegraph.Group) bool { return has(g, "Unified") }, 1, 1,
			"groupTypes%2Fany%28c%3Ac%20eq%20%27Unified%27%29"},
		{"not unified", inventory.GroupFilter{Unified: &no}, func(g *fakegraph.Group) bool { return !has(g, "Unified") }, 3, 1, ""},
		{"not dynamic, security", inventory.GroupFilter{Dynamic: &no, SecurityEnabled: &yes},
			func(g *fakegraph.Group) bool { return !has(g, "DynamicMembership") && isTrue(g.SecurityEnabled) }, 2, 1,
			"securityEnabled%20eq%20true"},
		{"licence errors only", inventory.GroupFilter{LicenseErrorsOnly: true},
			func(g *fakegraph.Group) bool { return g.HasMembersWithLicenseErrors }, 1, 0, "hasMembersWithLicenseErrors%20eq%20true"},
		{"prefix", inventory.GroupFilter{DisplayNamePrefix: "visio"},
			func(g *fakegraph.Group) bool {
				return g.DisplayName != nil && strings.HasPrefix(*g.DisplayName, "Visio")
			}, 1, 1,
			"startswith%28displayName%2C%27visio%27%29"},
		{"nothing", inventory.GroupFilter{DisplayNamePrefix: "no such"}, func(*fakegraph.Group) bool { return false }, 1, 0, "startswith"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			server.ResetRequests()
			got, err := inventory.Groups(t.Context(), c, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			errors := map[string]bool{}
			for i := range tenant.Groups {
				if g := &tenant.Groups[i]; tt.keep(g) {
					want = append(want, g.ID)
					errors[g.ID] = g.HasMembersWithLicenseErrors
				}
			}
			var ids []string
			for _, g := range got.Groups {
				ids = append(ids, g.ID)
				if g.HasMembersWithLicenseErrors != errors[g.ID] {
					t.Errorf("%s: has_members_with_license_errors %v", g.ID, g.HasMembersWithLicenseErrors)
				}
			}
			slices.Sort(want)
			slices.Sort(ids)
			if !slices.Equal(ids, want) {
				t.Fatalf("%d groups, want %d", len(ids), len(want))
			}
			list, idReads := groupsRequests(server)
			if len(list) != tt.listPages || len(idReads) != tt.idReads {
				t.Errorf("%d list requests and %d id reads, want %d and %d", len(list), len(idReads), tt.listPages, tt.idReads)
			}
			if tt.pushed != "" && !strings.Contains(list[0], tt.pushed) {
				t.Errorf("list query %q does not push down %q", list[0], tt.pushed)
			}
			if tt.pushed == "" && strings.Contains(list[0], "$filter") {
				t.Errorf("list query %q has a filter", list[0])
			}
			for _, q := range idReads {
				if !strings.Contains(q, "hasMembersWithLicenseErrors%20eq%20true") || (tt.pushed != "" && !strings.Contains(q, tt.pushed)) {
					t.Errorf("id read %q is not the list's filter and licence errors", q)
				}
			}
		})
	}
}

// The demo tenant's groups come sorted by display name, their lists
// sorted, with what Graph said about each; the Visio group has members
// with licence errors.
func TestGroupsDemoRows(t *testing.T) {
	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	got, err := inventory.Groups(t.Context(), rosterClient(t, server), inventory.GroupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range got.Groups {
		names = append(names, *g.DisplayName)
		switch g.ID {
		case fakegraph.DemoVisioUsersGroupID:
			if !g.HasMembersWithLicenseErrors || !slices.Equal(g.AssignedLicenseSkuIDs, []string{fakegraph.SkuVisioClient}) {
				t.Errorf("Visio Users = %+v", g)
			}
		case fakegraph.DemoHelpdeskAdminsGroupID:
			if g.Visibility == nil || *g.Visibility != "Hidden" || g.IsAssignableToRole == nil || !*g.IsAssignableToRole {
				t.Errorf("Helpdesk Admins = %+v", g)
			}
		case fakegraph.DemoEngineeringDynamicGroupID:
			if g.MembershipRule == nil || !slices.Equal(g.GroupTypes, []string{"DynamicMembership"}) || g.HasMembersWithLicenseErrors {
				t.Errorf("Dyn-Engineering = %+v", g)
			}
		}
	}
	want := []string{"All Company", "Dyn-Engineering", "Finance", "Helpdesk Admins", "Research Lab", "Sales", "Sales Interns", "Tier0 Admins", "Visio Users"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %q, want %q", names, want)
	}
	if got.NullLicences != 0 || got.NullRules != 0 {
		t.Errorf("null licences %d, null rules %d: the demo app holds Directory.Read.All", got.NullLicences, got.NullRules)
	}
}

// nullGroupsLister answers like a Graph that withholds assignedLicenses and
// membershipRule (graph-reference-3 UNKNOWN 9).
type nullGroupsLister struct{}

func (nullGroupsLister) ListGroups(_ context.Context, _ graph.GroupsQuery, each func(graph.Group) error) error {
	for _, g := range []graph.Group{
		{ID: "b", DisplayName: fakegraph.Ptr("B"), GroupTypes: []string{"DynamicMembership"}},
		{ID: "a", DisplayName: fakegraph.Ptr("a"), GroupTypes: []string{}, AssignedLicenseSkuIDs: []string{}},
	} {
		if err := each(g); err != nil {
			return err
		}
	}
	return nil
}

func (nullGroupsLister) ListGroupIDs(context.Context, graph.GroupsQuery, func(string) error) error {
	return nil
}

func TestGroupsCountWhatGraphWithheld(t *testing.T) {
	got, err := inventory.Groups(t.Context(), nullGroupsLister{}, inventory.GroupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got.NullLicences != 1 || got.NullRules != 1 || got.Groups[0].ID != "a" ||
		got.Groups[1].AssignedLicenseSkuIDs != nil || got.Groups[0].AssignedLicenseSkuIDs == nil {
		t.Fatalf("got %+v", got)
	}
}

// prefixLister returns what a Graph startswith kept, case-insensitively,
// including a name whose first letter is longer in UTF-8 than the prefix's.
type prefixLister struct{ nullGroupsLister }

func (prefixLister) ListGroups(_ context.Context, _ graph.GroupsQuery, each func(graph.Group) error) error {
	for _, name := range []string{"\u212aelvin Lab", "kitchen", "Other"} {
		if err := each(graph.Group{ID: name, DisplayName: fakegraph.Ptr(name), AssignedLicenseSkuIDs: []string{}}); err != nil {
			return err
		}
	}
	return nil
}

func TestGroupsPrefixIsCaseInsensitive(t *testing.T) {
	got, err := inventory.Groups(t.Context(), prefixLister{}, inventory.GroupFilter{DisplayNamePrefix: "K"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Groups) != 2 {
		t.Fatalf("kept %d groups, want the Kelvin-sign one and kitchen: %+v", len(got.Groups), got.Groups)
	}
}
