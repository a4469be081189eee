package inventory

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// TestBuildRosterMatchesReference checks the interned BuildRoster against
// the straightforward implementation on random rosters with shared display
// names, ids in mixed case, missing dates, guests, nested groups, directly
// assigned users the groups do not know, and every filter.
func TestBuildRosterMatchesReference(t *testing.T) {
	for seed := range uint64(40) {
		data := randomRosterData(seed)
		for _, f := range []UserFilter{{}, {IncludeGuests: true}, {DomainNames: []string{"contoso.example"}}, {DomainNames: []string{"FABRIKAM.example"}, IncludeGuests: true}} {
			for _, assignedOnly := range []bool{false, true} {
				got := BuildRoster(data, f, assignedOnly)
				want := buildRosterReference(data, f, assignedOnly)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d, filter %+v, assignedOnly %v: BuildRoster differs from the reference (%d entries, want %d)",
						seed, f, assignedOnly, len(got.Entries), len(want.Entries))
				}
			}
		}
	}
}

func randomRosterData(seed uint64) RosterData {
	rng := rand.New(rand.NewPCG(seed, 7))
	maybeUpper := func(s string) string {
		if rng.IntN(4) == 0 {
			return strings.ToUpper(s)
		}
		return s
	}
	date := func() *time.Time {
		if rng.IntN(5) == 0 {
			return nil
		}
		d := time.Date(2020, 1, 1+rng.IntN(30), 0, 0, 0, 0, time.UTC)
		return &d
	}
	domains := []string{"contoso.example", "fabrikam.example", "Contoso.example"}
	types := []*string{nil, sp("Member"), sp("Guest")}
	nUsers := 20 + rng.IntN(40)
	var users []graph.User
	var members []graph.DirectoryObject
	for i := range nUsers {
		id := fmt.Sprintf("u%03d", i)
		upn := sp(fmt.Sprintf("user%d@%s", rng.IntN(nUsers), domains[rng.IntN(len(domains))]))
		var mail *string
		switch rng.IntN(3) {
		case 0:
			mail = sp("")
		case 1:
			mail = sp(fmt.Sprintf("M%d@%s", i, domains[rng.IntN(len(domains))]))
		}
		ut := types[rng.IntN(len(types))]
		users = append(users, graph.User{ID: id, UserPrincipalName: upn, Mail: mail, UserType: ut, CreatedDateTime: date(), EmployeeHireDate: date()})
		members = append(members, graph.DirectoryObject{ID: maybeUpper(id), Type: graph.TypeUser, UserPrincipalName: upn, Mail: mail, UserType: ut, GivenName: sp("G")})
	}
	data := RosterData{Assignments: map[string][]graph.AppRoleAssignment{}, GroupMembers: map[string][]graph.DirectoryObject{}}
	nGroups := 1 + rng.IntN(6)
	for g := range nGroups {
		var list []graph.DirectoryObject
		for range rng.IntN(15) {
			list = append(list, members[rng.IntN(len(members))])
		}
		if g > 0 && rng.IntN(2) == 0 {
			list = append(list, graph.DirectoryObject{ID: maybeUpper(fmt.Sprintf("g%d", g-1)), Type: graph.TypeGroup})
		}
		list = append(list, graph.DirectoryObject{ID: "dev", Type: graph.TypeDevice})
		data.GroupMembers[fmt.Sprintf("g%d", g)] = list
	}
	names := []string{"Slack", "slack", "Zoom", "Box", "Slack"}
	for a := range 3 + rng.IntN(6) {
		id := fmt.Sprintf("sp%d", a)
		data.Apps = append(data.Apps, graph.AppInstance{ID: id, AppID: "app" + id, DisplayName: sp(names[rng.IntN(len(names))]),
			AppRoleAssignmentRequired: rng.IntN(3) != 0})
		var list []graph.AppRoleAssignment
		for range rng.IntN(4) {
			list = append(list, assigned("Group", maybeUpper(fmt.Sprintf("g%d", rng.IntN(nGroups+1))), date()))
		}
		for range rng.IntN(6) {
			list = append(list, assigned("User", maybeUpper(fmt.Sprintf("u%03d", rng.IntN(nUsers+5))), date()))
		}
		list = append(list, assigned("ServicePrincipal", "sp0", date()))
		data.Assignments[id] = list
	}
	if rng.IntN(3) == 0 {
		data.Apps = append(data.Apps, data.Apps[0]) // listed twice
	}
	if rng.IntN(4) != 0 {
		data.Users = users
	}
	return data
}

// refRosterUser is what an entry and the filters need of a user.
type refRosterUser struct {
	upn, mail, firstName, lastName, userType *string
	activeDate                               *time.Time
}

// refGrant collects the paths that give one user one application.
type refGrant struct {
	direct, open bool
	groups       []string
	dates        []*time.Time // createdDateTime of the direct and group assignments
}

// buildRosterReference is BuildRoster as first written: one map of grants
// per application and one sort of all entries. BuildRoster must agree.
func buildRosterReference(data RosterData, filter UserFilter, assignedOnly bool) AppRoster {
	keep := filter.keeper()
	users := map[string]refRosterUser{}
	for _, members := range data.GroupMembers {
		for _, m := range members {
			if m.Type == graph.TypeUser {
				users[strings.ToLower(m.ID)] = refRosterUser{upn: m.UserPrincipalName, mail: m.Mail, firstName: m.GivenName, lastName: m.Surname, userType: m.UserType}
			}
		}
	}
	for _, u := range data.Users { // the user list is the fuller source
		users[strings.ToLower(u.ID)] = refRosterUser{upn: u.UserPrincipalName, mail: u.Mail, firstName: u.GivenName, lastName: u.Surname,
			userType: u.UserType, activeDate: firstTime(u.EmployeeHireDate, u.CreatedDateTime)}
	}

	roster := AppRoster{Entries: []RosterEntry{}, NestedGroupIDs: []string{}}
	nested := map[string]string{}
	seenApps := map[string]bool{}
	for _, app := range data.Apps {
		appKey := strings.ToLower(app.ID)
		if seenApps[appKey] {
			continue
		}
		seenApps[appKey] = true
		grants := map[string]*refGrant{}
		userIDs := map[string]string{} // lower-case -> as Graph sent it
		grantOf := func(userID string) *refGrant {
			key := strings.ToLower(userID)
			g, ok := grants[key]
			if !ok {
				g = &refGrant{}
				grants[key] = g
				userIDs[key] = userID
			}
			return g
		}
		for _, a := range data.Assignments[appKey] {
			switch deref(a.PrincipalType) {
			case "User":
				g := grantOf(a.PrincipalID)
				g.direct = true
				g.dates = append(g.dates, a.CreatedDateTime)
			case "Group":
				for _, m := range data.GroupMembers[strings.ToLower(a.PrincipalID)] {
					switch m.Type {
					case graph.TypeUser:
						g := grantOf(m.ID)
						g.groups = append(g.groups, a.PrincipalID)
						g.dates = append(g.dates, a.CreatedDateTime)
					case graph.TypeGroup:
						nested[strings.ToLower(m.ID)] = m.ID
					}
				}
			}
		}
		if !app.AppRoleAssignmentRequired && !assignedOnly {
			for _, u := range data.Users {
				grantOf(u.ID).open = true
			}
		}
		for key, g := range grants {
			u := users[key]
			if !keep(u.userType, u.upn, u.mail) {
				continue
			}
			e := RosterEntry{
				AppID: app.AppID, AppDisplayName: app.DisplayName, AppInstanceID: app.ID, UserID: userIDs[key],
				Email: EmailOf(u.mail, u.upn), FirstName: u.firstName, LastName: u.lastName,
			}
			switch {
			case g.direct:
				e.Source = SourceDirect
			case len(g.groups) > 0:
				e.Source = SourceGroup
				lowest := g.groups[0]
				for _, id := range g.groups[1:] {
					if strings.ToLower(id) < strings.ToLower(lowest) {
						lowest = id
					}
				}
				e.GroupID = &lowest
			default:
				e.Source = SourceOpenAccess
			}
			if e.Source == SourceOpenAccess {
				e.ActiveDate = u.activeDate
			} else {
				e.ActiveDate = earliest(g.dates)
			}
			roster.Entries = append(roster.Entries, e)
		}
	}
	for _, id := range nested {
		roster.NestedGroupIDs = append(roster.NestedGroupIDs, id)
	}
	sort.Slice(roster.NestedGroupIDs, func(i, j int) bool {
		return strings.ToLower(roster.NestedGroupIDs[i]) < strings.ToLower(roster.NestedGroupIDs[j])
	})
	SortRosterEntries(roster.Entries)
	return roster
}

// TestSortFoldMatchesLessFold checks sortFold against sort.Slice with
// lessFold, the order it replaces, on names that differ only in case.
func TestSortFoldMatchesLessFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"alice@x", "Alice@x", "ALICE@x", "bob@x", "", "Émile@x", "émile@x", "zed@x"}
	type item struct{ name, id string }
	for range 50 {
		var items []item
		for i := range 40 {
			items = append(items, item{names[rng.IntN(len(names))], fmt.Sprintf("id%02d", (i*7)%40)})
		}
		want := slices.Clone(items)
		sort.Slice(want, func(i, j int) bool { return lessFold(want[i].name, want[j].name, want[i].id, want[j].id) })
		sortFold(items, func(x *item) string { return x.name }, func(x *item) string { return x.id })
		if !reflect.DeepEqual(items, want) {
			t.Fatalf("sortFold: %v\nlessFold: %v", items, want)
		}
	}
}
