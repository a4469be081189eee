package inventory

import (
	"reflect"
	"sort"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// The documented order is: names case-insensitively, then id (byte order).
// Each case holds two objects whose names differ only in case, with ids
// ordered against the byte order of the names ("Zed" < "zed" in bytes, but
// the lower-case one has the lower id): the id, not the spelling, decides.

func TestSortFoldTiesByIDNotSpelling(t *testing.T) {
	people := []Person{
		{ID: "u2", UserPrincipalName: sp("Zed@contoso.example")},
		{ID: "u3", UserPrincipalName: sp("amy@contoso.example")},
		{ID: "u1", UserPrincipalName: sp("zed@contoso.example")},
	}
	SortPeople(people)
	if got, want := []string{people[0].ID, people[1].ID, people[2].ID}, []string{"u3", "u1", "u2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SortPeople: ids %v, want %v", got, want)
	}

	apps := []Application{{ID: "sp-b", DisplayName: sp("Zoom")}, {ID: "sp-a", DisplayName: sp("zoom")}}
	SortApplications(apps)
	if apps[0].ID != "sp-a" {
		t.Errorf("SortApplications: %s first, want sp-a (the lower id)", apps[0].ID)
	}
}

func TestLessFoldTiesByIDNotSpelling(t *testing.T) {
	members := []graph.DirectoryObject{{ID: "m2", DisplayName: sp("Zed")}, {ID: "m1", DisplayName: sp("zed")}}
	sort.Slice(members, func(i, j int) bool {
		return lessFold(deref(members[i].DisplayName), deref(members[j].DisplayName), members[i].ID, members[j].ID)
	})
	if members[0].ID != "m1" {
		t.Errorf("lessFold: %s first, want m1 (the lower id)", members[0].ID)
	}
}

func TestSortAccessTiesByIDNotSpelling(t *testing.T) {
	list := []Access{
		{UserID: "u1", UserPrincipalName: sp("ann@x"), AppID: "app-2", AppDisplayName: sp("Zoom")},
		{UserID: "u1", UserPrincipalName: sp("ann@x"), AppID: "app-1", AppDisplayName: sp("zoom")},
		{UserID: "u4", UserPrincipalName: sp("Bob@x"), AppID: "app-1", AppDisplayName: sp("zoom")},
		{UserID: "u3", UserPrincipalName: sp("bob@x"), AppID: "app-1", AppDisplayName: sp("zoom")},
	}
	SortAccess(list)
	var got []string
	for _, a := range list {
		got = append(got, a.AppID+"/"+a.UserID)
	}
	// app name (ci), upn (ci), app_id, user_id
	if want := []string{"app-1/u1", "app-2/u1", "app-1/u3", "app-1/u4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SortAccess: %v, want %v", got, want)
	}
}

func TestBuildRosterTiesByIDNotSpelling(t *testing.T) {
	member := sp("Member")
	apps := []graph.AppInstance{
		{ID: "sp-1", AppID: "app-z", DisplayName: sp("Zoom"), AppRoleAssignmentRequired: true},
		{ID: "sp-0", AppID: "app-z2", DisplayName: sp("zoom"), AppRoleAssignmentRequired: true},
	}
	users := []graph.User{
		{ID: "u2", UserPrincipalName: sp("Ann@contoso.example"), UserType: member},
		{ID: "u1", UserPrincipalName: sp("ann@contoso.example"), UserType: member},
	}
	data := RosterData{Apps: apps, Users: users, Assignments: map[string][]graph.AppRoleAssignment{
		"sp-1": {assigned("User", "u1", day(1)), assigned("User", "u2", day(1))},
		"sp-0": {assigned("User", "u1", day(1)), assigned("User", "u2", day(1))},
	}}
	var got []string
	for _, e := range BuildRoster(data, UserFilter{IncludeGuests: true}, false).Entries {
		got = append(got, e.UserID+"/"+e.AppInstanceID)
	}
	// app name (ci), email (ci), user_id, app_instance_id
	want := []string{"u1/sp-0", "u1/sp-1", "u2/sp-0", "u2/sp-1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BuildRoster: %v, want %v", got, want)
	}
	entries := []RosterEntry{
		{AppDisplayName: sp("Zoom"), Email: sp("Ann@x"), UserID: "u2", AppInstanceID: "sp-1"},
		{AppDisplayName: sp("zoom"), Email: sp("ann@x"), UserID: "u1", AppInstanceID: "sp-1"},
		{AppDisplayName: sp("zoom"), Email: sp("Ann@x"), UserID: "u1", AppInstanceID: "sp-0"},
	}
	SortRosterEntries(entries)
	got = got[:0]
	for _, e := range entries {
		got = append(got, e.UserID+"/"+e.AppInstanceID)
	}
	if want := []string{"u1/sp-0", "u1/sp-1", "u2/sp-1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SortRosterEntries: %v, want %v", got, want)
	}
}
