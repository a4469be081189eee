package inventory

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func sp(s string) *string { return &s }

func day(d int) *time.Time {
	t := time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func userMember(id, upn string, userType *string) graph.DirectoryObject {
	return graph.DirectoryObject{ID: id, Type: graph.TypeUser, UserPrincipalName: sp(upn), Mail: sp(upn), UserType: userType}
}

func assigned(principalType, principalID string, created *time.Time) graph.AppRoleAssignment {
	return graph.AppRoleAssignment{PrincipalID: principalID, PrincipalType: sp(principalType), CreatedDateTime: created}
}

// entryKey is what the rules decide about one entry, in a form that reads
// well in a failure.
func entryKey(e RosterEntry) string {
	s := fmt.Sprintf("%s/%s/%s", deref(e.AppDisplayName), e.UserID, e.Source)
	if e.GroupID != nil {
		s += "/" + *e.GroupID
	}
	if e.ActiveDate != nil {
		s += "@" + e.ActiveDate.Format("01-02")
	}
	return s
}

func TestBuildRosterRules(t *testing.T) {
	member, guest := sp("Member"), sp("Guest")
	required := graph.AppInstance{ID: "sp-req", AppID: "app-req", DisplayName: sp("Req"), AppRoleAssignmentRequired: true}
	open := graph.AppInstance{ID: "sp-open", AppID: "app-open", DisplayName: sp("Open")}
	members := map[string][]graph.DirectoryObject{
		"ga": {userMember("u2", "bob@contoso.example", member), userMember("u3", "cat@fabrikam.example", member),
			{ID: "gn", Type: graph.TypeGroup}, {ID: "dev", Type: graph.TypeDevice}, {ID: "sp-x", Type: graph.TypeServicePrincipal}},
		"gb": {userMember("u2", "bob@contoso.example", member), userMember("u4", "eve_p#EXT#@contoso.example", guest)},
	}
	users := []graph.User{
		{ID: "u1", UserPrincipalName: sp("ann@contoso.example"), UserType: member, EmployeeHireDate: day(9), CreatedDateTime: day(1)},
		{ID: "u2", UserPrincipalName: sp("bob@contoso.example"), UserType: member, CreatedDateTime: day(2)},
		{ID: "u5", UserPrincipalName: sp("dan@contoso.example"), CreatedDateTime: day(5)},
	}
	cases := []struct {
		name         string
		data         RosterData
		filter       UserFilter
		assignedOnly bool
		want         []string
		wantNested   []string
	}{
		{"direct only", RosterData{Apps: []graph.AppInstance{required},
			Assignments: map[string][]graph.AppRoleAssignment{"sp-req": {assigned("User", "u1", day(3))}}, Users: users},
			UserFilter{}, false, []string{"Req/u1/direct@01-03"}, []string{}},
		{"via a group: direct members only, nested group reported, devices and service principals left out",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments:  map[string][]graph.AppRoleAssignment{"sp-req": {assigned("Group", "ga", day(4))}},
				GroupMembers: members},
			UserFilter{}, false, []string{"Req/u2/group/ga@01-04", "Req/u3/group/ga@01-04"}, []string{"gn"}},
		{"direct and two groups: one entry, direct, earliest date",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments: map[string][]graph.AppRoleAssignment{"sp-req": {
					assigned("User", "u2", day(20)), assigned("Group", "gb", day(6)), assigned("Group", "ga", day(11))}},
				GroupMembers: members},
			UserFilter{}, false, []string{"Req/u2/direct@01-06", "Req/u3/group/ga@01-11"}, []string{"gn"}},
		{"two groups: lowest group id, earliest date",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments: map[string][]graph.AppRoleAssignment{"sp-req": {
					assigned("Group", "gb", day(6)), assigned("Group", "ga", day(11))}},
				GroupMembers: members},
			UserFilter{IncludeGuests: true}, false,
			[]string{"Req/u2/group/ga@01-06", "Req/u3/group/ga@01-11", "Req/u4/group/gb@01-06"}, []string{"gn"}},
		{"service principal assignments left out",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments: map[string][]graph.AppRoleAssignment{"sp-req": {assigned("ServicePrincipal", "sp-x", day(1))}}},
			UserFilter{}, false, []string{}, []string{}},
		{"open access: every user, assignments win, user's active date when open is the only path",
			RosterData{Apps: []graph.AppInstance{open},
				Assignments:  map[string][]graph.AppRoleAssignment{"sp-open": {assigned("Group", "gb", day(7))}},
				GroupMembers: members, Users: users},
			UserFilter{}, false,
			[]string{"Open/u1/open_access@01-09", "Open/u2/group/gb@01-07", "Open/u5/open_access@01-05"}, []string{}},
		{"open access with assigned_only",
			RosterData{Apps: []graph.AppInstance{open},
				Assignments:  map[string][]graph.AppRoleAssignment{"sp-open": {assigned("Group", "gb", day(7))}},
				GroupMembers: members, Users: users},
			UserFilter{}, true, []string{"Open/u2/group/gb@01-07"}, []string{}},
		{"guest filter and domain filter apply to group members",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments:  map[string][]graph.AppRoleAssignment{"sp-req": {assigned("Group", "ga", day(4)), assigned("Group", "gb", day(4))}},
				GroupMembers: members},
			UserFilter{DomainNames: []string{"FABRIKAM.example"}}, false, []string{"Req/u3/group/ga@01-04"}, []string{"gn"}},
		{"guests kept with include_guests",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments:  map[string][]graph.AppRoleAssignment{"sp-req": {assigned("Group", "gb", day(4))}},
				GroupMembers: members},
			UserFilter{IncludeGuests: true, DomainNames: []string{"contoso.example"}}, false,
			[]string{"Req/u2/group/gb@01-04", "Req/u4/group/gb@01-04"}, []string{}},
		{"null assignment dates give a null active date",
			RosterData{Apps: []graph.AppInstance{required},
				Assignments: map[string][]graph.AppRoleAssignment{"sp-req": {assigned("User", "u1", nil)}}, Users: users},
			UserFilter{}, false, []string{"Req/u1/direct"}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := BuildRoster(c.data, c.filter, c.assignedOnly)
			keys := []string{}
			for _, e := range got.Entries {
				keys = append(keys, entryKey(e))
			}
			if !reflect.DeepEqual(keys, c.want) {
				t.Errorf("entries\n got %q\nwant %q", keys, c.want)
			}
			if !reflect.DeepEqual(got.NestedGroupIDs, c.wantNested) {
				t.Errorf("nested groups %q, want %q", got.NestedGroupIDs, c.wantNested)
			}
		})
	}
}

func TestSortRosterEntries(t *testing.T) {
	e := func(app, email, user, instance string) RosterEntry {
		return RosterEntry{AppDisplayName: sp(app), Email: sp(email), UserID: user, AppInstanceID: instance}
	}
	entries := []RosterEntry{
		e("zoom", "a@x", "1", "i1"), e("Slack", "b@x", "1", "i2"), e("slack", "A@x", "2", "i3"),
		e("Slack", "a@x", "3", "i2"), e("Slack", "a@x", "3", "i1"),
	}
	SortRosterEntries(entries)
	var got []string
	for _, x := range entries {
		got = append(got, *x.AppDisplayName+"|"+*x.Email+"|"+x.UserID+"|"+x.AppInstanceID)
	}
	// "Slack"/"slack" and "a@x"/"A@x" tie: user id, then instance id decide.
	want := []string{"slack|A@x|2|i3", "Slack|a@x|3|i1", "Slack|a@x|3|i2", "Slack|b@x|1|i2", "zoom|a@x|1|i1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// fakeReader serves a roster from memory, counting calls and the most
// listings in flight at once.
type fakeReader struct {
	apps        map[string]graph.AppInstance
	assignments map[string][]graph.AppRoleAssignment
	groups      map[string][]graph.DirectoryObject
	users       []graph.User
	failGroup   string

	mu                    sync.Mutex
	calls                 map[string]int
	inFlight, maxInFlight atomic.Int32
}

func (f *fakeReader) enter(name string) func() {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[name]++
	f.mu.Unlock()
	n := f.inFlight.Add(1)
	for {
		m := f.maxInFlight.Load()
		if n <= m || f.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(2 * time.Millisecond) // let listings overlap
	return func() { f.inFlight.Add(-1) }
}

func (f *fakeReader) ListAppInstances(_ context.Context, ids []string, each func(graph.AppInstance) error) error {
	defer f.enter("apps")()
	if len(ids) > graph.MaxIDsPerFilter {
		return errors.New("too many ids")
	}
	for _, id := range ids {
		if a, ok := f.apps[id]; ok {
			if err := each(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *fakeReader) ListAppRoleAssignedTo(_ context.Context, id string, each func(graph.AppRoleAssignment) error) error {
	defer f.enter("assignments " + id)()
	if _, ok := f.apps[id]; !ok {
		return &graph.Error{StatusCode: 404, Code: "Request_ResourceNotFound"}
	}
	for _, a := range f.assignments[id] {
		if err := each(a); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeReader) ListDirectMemberUsers(_ context.Context, id string, each func(graph.DirectoryObject) error) error {
	defer f.enter("group " + id)()
	if id == f.failGroup {
		return &graph.Error{StatusCode: 503, Code: "serviceNotAvailable"}
	}
	members, ok := f.groups[id]
	if !ok {
		return &graph.Error{StatusCode: 404, Code: "Request_ResourceNotFound"}
	}
	for _, m := range members {
		if err := each(m); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeReader) ListUserBriefs(_ context.Context, each func(graph.User) error) error {
	defer f.enter("users")()
	for _, u := range f.users {
		if err := each(u); err != nil {
			return err
		}
	}
	return nil
}

// sharedGroupReader has n assignment-required apps, all assigned group g1
// and user u1 directly; u1 is a member of g1 unless directOutside.
func sharedGroupReader(n int, directOutside bool, openApps int) *fakeReader {
	f := &fakeReader{apps: map[string]graph.AppInstance{}, assignments: map[string][]graph.AppRoleAssignment{},
		groups: map[string][]graph.DirectoryObject{"g1": {userMember("u2", "b@contoso.example", nil)}},
		users:  []graph.User{{ID: "u1"}, {ID: "u2"}, {ID: "u3"}}}
	if !directOutside {
		f.groups["g1"] = append(f.groups["g1"], userMember("u1", "a@contoso.example", nil))
	}
	for i := range n {
		id := fmt.Sprintf("app%02d", i)
		f.apps[id] = graph.AppInstance{ID: id, AppID: "a-" + id, DisplayName: sp(id), AppRoleAssignmentRequired: i >= openApps}
		f.assignments[id] = []graph.AppRoleAssignment{assigned("Group", "g1", day(1)), assigned("User", "u1", day(2))}
	}
	return f
}

func (f *fakeReader) ids() []string {
	var ids []string
	for id := range f.apps {
		ids = append(ids, id)
	}
	return ids
}

func TestApplicationRosterReadsEachThingOnce(t *testing.T) {
	cases := []struct {
		name                   string
		apps, open             int
		directOutside          bool
		assignedOnly           bool
		wantAppBatches, wantUs int
		wantEntries            int
	}{
		{"members of the shared group only", 20, 0, false, false, 2, 0, 40},
		{"a direct user outside every group reads the user list once", 20, 0, true, false, 2, 1, 40},
		{"open access reads the user list once", 20, 3, false, false, 2, 1, 20*2 + 3},
		{"open access with assigned_only does not", 20, 3, false, true, 2, 0, 40},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := sharedGroupReader(c.apps, c.directOutside, c.open)
			roster, err := ApplicationRoster(context.Background(), f, f.ids(), RosterOptions{MaxConcurrency: 3, AssignedOnly: c.assignedOnly})
			if err != nil {
				t.Fatal(err)
			}
			if f.calls["group g1"] != 1 {
				t.Errorf("group g1 read %d times, want once", f.calls["group g1"])
			}
			if f.calls["apps"] != c.wantAppBatches || f.calls["users"] != c.wantUs {
				t.Errorf("app batches %d, user listings %d; want %d, %d", f.calls["apps"], f.calls["users"], c.wantAppBatches, c.wantUs)
			}
			for id := range f.apps {
				if f.calls["assignments "+id] != 1 {
					t.Errorf("assignments of %s read %d times", id, f.calls["assignments "+id])
				}
			}
			if m := f.maxInFlight.Load(); m > 3 {
				t.Errorf("%d listings at once, max_concurrency is 3", m)
			}
			if len(roster.Entries) != c.wantEntries {
				t.Errorf("%d entries, want %d", len(roster.Entries), c.wantEntries)
			}
		})
	}
}

func TestApplicationRosterErrors(t *testing.T) {
	t.Run("unknown service principal", func(t *testing.T) {
		f := sharedGroupReader(2, false, 0)
		_, err := ApplicationRoster(context.Background(), f, append(f.ids(), "missing"), RosterOptions{MaxConcurrency: 2})
		var nf *NotFoundError
		if !errors.As(err, &nf) || nf.Kind != "service principal" || nf.ID != "missing" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("unknown group names it", func(t *testing.T) {
		f := sharedGroupReader(2, false, 0)
		f.assignments["app01"] = append(f.assignments["app01"], assigned("Group", "g-gone", day(1)))
		_, err := ApplicationRoster(context.Background(), f, f.ids(), RosterOptions{MaxConcurrency: 2})
		if err == nil || !strings.Contains(err.Error(), "group g-gone does not exist") || !strings.Contains(err.Error(), "app01") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a failed group read fails the roster", func(t *testing.T) {
		f := sharedGroupReader(2, false, 0)
		f.failGroup = "g1"
		roster, err := ApplicationRoster(context.Background(), f, f.ids(), RosterOptions{MaxConcurrency: 2})
		if err == nil || roster.Entries != nil {
			t.Fatalf("got %d entries, error %v; want no roster and an error", len(roster.Entries), err)
		}
	})
}
