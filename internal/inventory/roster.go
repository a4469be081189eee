package inventory

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// RosterReader reads what an SSO Application Roster is made of;
// *graph.Client is one.
type RosterReader interface {
	ListAppInstances(ctx context.Context, ids []string, each func(graph.AppInstance) error) error
	ListAppRoleAssignedTo(ctx context.Context, servicePrincipalID string, each func(graph.AppRoleAssignment) error) error
	ListDirectMemberUsers(ctx context.Context, groupID string, each func(graph.DirectoryObject) error) error
	ListUserBriefs(ctx context.Context, each func(graph.User) error) error
}

// Sources of a roster entry, strongest first.
const (
	SourceDirect     = "direct"
	SourceGroup      = "group"
	SourceOpenAccess = "open_access"
)

// RosterEntry is one user's access to one application.
type RosterEntry struct {
	AppID          string
	AppDisplayName *string
	AppInstanceID  string // the service principal's object id
	UserID         string
	Email          *string
	FirstName      *string
	LastName       *string
	ActiveDate     *time.Time
	Source         string  // SourceDirect, SourceGroup or SourceOpenAccess
	GroupID        *string // the lowest granting group's id, for SourceGroup
}

// AppRoster is the SSO Application Roster of a set of applications.
type AppRoster struct {
	Entries []RosterEntry
	// NestedGroupIDs are the groups that are members of assigned groups:
	// Entra ID does not pass an app assignment on to them, so their members
	// are not on the roster. Sorted, without repeats.
	NestedGroupIDs []string
}

// RosterOptions are the arguments of a roster read.
type RosterOptions struct {
	Filter UserFilter
	// AssignedOnly leaves out the users an open-access application gives
	// access to only because it is open: only direct and group entries stay.
	AssignedOnly bool
	// MaxConcurrency bounds how many Graph listings run at once (default 1).
	// Each listing has its next page requested ahead, so up to twice as many
	// requests reach Graph at once.
	MaxConcurrency int
}

// RosterData is what a roster is computed from: the applications, the
// assignments granted for each (by service principal id), the direct members
// of each assigned group (by group id), and the tenant's users when they
// were read. Keys compare case-insensitively (they are lower-cased).
type RosterData struct {
	Apps         []graph.AppInstance
	Assignments  map[string][]graph.AppRoleAssignment
	GroupMembers map[string][]graph.DirectoryObject
	Users        []graph.User
}

// NotFoundError is a service principal or a group the tenant does not have.
type NotFoundError struct {
	Kind string // "service principal" or "group"
	ID   string
	Why  string // where the id came from
	Err  error  // Graph's 404, when there was one
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("the %s %s does not exist in the tenant (%s)", e.Kind, e.ID, e.Why)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// ApplicationRoster reads the SSO Application Roster of the service
// principals ids. Every read is made once: each application's metadata (15
// to a request) and assignments, each assigned group's direct members however
// many applications share the group, and the user list at most once (when an
// open-access application needs every user, or a directly assigned user is
// in none of the groups read). Listings run concurrently, at most
// opts.MaxConcurrency at a time. Any failure fails the whole roster.
func ApplicationRoster(ctx context.Context, g RosterReader, ids []string, opts RosterOptions) (AppRoster, error) {
	ids = uniqueIDs(ids)
	limit := max(opts.MaxConcurrency, 1)
	sem := make(chan struct{}, limit)
	eg, gctx := errgroup.WithContext(ctx) // canceled by the first failure, and by Wait
	// run starts a listing once a slot is free; slots are held only while a
	// listing runs, so listings may start others without deadlock.
	run := func(f func() error) {
		eg.Go(func() error {
			select {
			case sem <- struct{}{}:
			case <-gctx.Done():
				return gctx.Err()
			}
			defer func() { <-sem }()
			return f()
		})
	}

	var (
		mu           sync.Mutex
		data         = RosterData{Assignments: map[string][]graph.AppRoleAssignment{}, GroupMembers: map[string][]graph.DirectoryObject{}}
		groupsByApp  = map[string]string{} // group -> an app it is assigned to, for errors
		usersStarted bool
		directUsers  = map[string]bool{}
		shared       = &memberInterner{byID: map[string]graph.DirectoryObject{}}
	)
	readUsers := func(ctx context.Context) error {
		var users []graph.User
		if err := g.ListUserBriefs(ctx, func(u graph.User) error { users = append(users, u); return nil }); err != nil {
			return err
		}
		mu.Lock()
		data.Users = users
		mu.Unlock()
		return nil
	}
	startUsers := func() { // mu held
		if !usersStarted {
			usersStarted = true
			run(func() error { return readUsers(gctx) })
		}
	}
	startGroup := func(groupID, appID string) { // mu held
		key := strings.ToLower(groupID)
		if _, ok := groupsByApp[key]; ok {
			return
		}
		groupsByApp[key] = appID
		run(func() error {
			var members []graph.DirectoryObject
			err := g.ListDirectMemberUsers(gctx, groupID, func(m graph.DirectoryObject) error {
				members = append(members, shared.intern(m))
				return nil
			})
			if graph.IsNotFound(err) {
				return &NotFoundError{Kind: "group", ID: groupID, Why: "it is assigned to the service principal " + appID, Err: err}
			}
			if err != nil {
				return err
			}
			mu.Lock()
			data.GroupMembers[key] = members
			mu.Unlock()
			return nil
		})
	}

	for start := 0; start < len(ids); start += graph.MaxIDsPerFilter {
		batch := ids[start:min(start+graph.MaxIDsPerFilter, len(ids))]
		run(func() error {
			return g.ListAppInstances(gctx, batch, func(app graph.AppInstance) error {
				mu.Lock()
				defer mu.Unlock()
				data.Apps = append(data.Apps, app)
				if !app.AppRoleAssignmentRequired && !opts.AssignedOnly {
					startUsers()
				}
				return nil
			})
		})
	}
	for _, id := range ids {
		run(func() error {
			var list []graph.AppRoleAssignment
			err := g.ListAppRoleAssignedTo(gctx, id, func(a graph.AppRoleAssignment) error {
				list = append(list, a)
				switch deref(a.PrincipalType) {
				case "Group":
					mu.Lock()
					startGroup(a.PrincipalID, id)
					mu.Unlock()
				case "User":
					mu.Lock()
					directUsers[strings.ToLower(a.PrincipalID)] = true
					mu.Unlock()
				}
				return nil
			})
			if graph.IsNotFound(err) {
				return &NotFoundError{Kind: "service principal", ID: id, Why: "listed in service_principal_ids", Err: err}
			}
			if err != nil {
				return err
			}
			mu.Lock()
			data.Assignments[strings.ToLower(id)] = list
			mu.Unlock()
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return AppRoster{}, err
	}

	found := map[string]bool{}
	for _, app := range data.Apps {
		found[strings.ToLower(app.ID)] = true
	}
	for _, id := range ids {
		if !found[strings.ToLower(id)] {
			return AppRoster{}, &NotFoundError{Kind: "service principal", ID: id, Why: "listed in service_principal_ids"}
		}
	}

	// Directly assigned users need their details: from the groups read if
	// they are members of one, else from the user list (read once).
	if !usersStarted && len(directUsers) > 0 {
		seen := map[string]bool{}
		for _, members := range data.GroupMembers {
			for _, m := range members {
				if m.Type == graph.TypeUser {
					seen[strings.ToLower(m.ID)] = true
				}
			}
		}
		for id := range directUsers {
			if !seen[id] {
				if err := readUsers(ctx); err != nil {
					return AppRoster{}, err
				}
				break
			}
		}
	}
	return BuildRoster(data, opts.Filter, opts.AssignedOnly), nil
}

// memberInterner shares one copy of each member's strings among the groups
// that list the member: in a tenant where each user is in dozens of assigned
// groups, the decoded copies were most of a big roster's heap (and of the
// garbage collector's work).
type memberInterner struct {
	mu   sync.Mutex
	byID map[string]graph.DirectoryObject
}

func (x *memberInterner) intern(m graph.DirectoryObject) graph.DirectoryObject {
	x.mu.Lock()
	defer x.mu.Unlock()
	if known, ok := x.byID[m.ID]; ok && sameMember(known, m) {
		return known
	}
	x.byID[m.ID] = m
	return m
}

// sameMember reports whether two copies of a member say the same.
func sameMember(a, b graph.DirectoryObject) bool {
	same := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.ID == b.ID && a.Type == b.Type && same(a.DisplayName, b.DisplayName) && same(a.UserPrincipalName, b.UserPrincipalName) &&
		same(a.Mail, b.Mail) && same(a.GivenName, b.GivenName) && same(a.Surname, b.Surname) && same(a.UserType, b.UserType)
}

// uniqueIDs drops repeated ids (compared case-insensitively) and sorts them,
// so that requests go out in the same order every run.
func uniqueIDs(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if key := strings.ToLower(id); !seen[key] {
			seen[key] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// rosterUser is what an entry and the filters need of a user, with what
// every entry of the user shares computed once.
type rosterUser struct {
	upn, mail, firstName, lastName, userType *string
	activeDate                               *time.Time

	email     *string // EmailOf(mail, upn)
	emailFold string  // lower-case email, the sort key
	kept      bool    // the filter keeps the user
}

// grant collects the paths that give one user one application.
type grant struct {
	user         int32  // index into the interned users
	id           string // the user id as first seen for this application
	direct, open bool
	inGroup      bool
	group        *string // the lowest granting group id (case-insensitively)
	groupFold    string
	date         *time.Time // the earliest createdDateTime of the direct and group assignments
}

// rosterMember is a group's user member, interned.
type rosterMember struct {
	user int32
	id   string
}

// rosterGroup is an assigned group's direct members, interned once per read
// however many applications it is assigned to.
type rosterGroup struct {
	users  []rosterMember
	nested []string // ids of member groups
}

// rosterIndex interns users by lower-case id, so that the per-entry work of
// a roster of millions of entries is index arithmetic, not map lookups on
// folded strings.
type rosterIndex struct {
	keep  func(userType, upn, mail *string) bool
	byKey map[string]int32
	users []rosterUser
}

func (x *rosterIndex) intern(id string) int32 {
	key := strings.ToLower(id)
	if i, ok := x.byKey[key]; ok {
		return i
	}
	i := int32(len(x.users))
	x.byKey[key] = i
	x.users = append(x.users, x.finish(rosterUser{}))
	return i
}

func (x *rosterIndex) set(id string, u rosterUser) int32 {
	i := x.intern(id)
	x.users[i] = x.finish(u)
	return i
}

func (x *rosterIndex) finish(u rosterUser) rosterUser {
	u.email = EmailOf(u.mail, u.upn)
	u.emailFold = strings.ToLower(deref(u.email))
	u.kept = x.keep(u.userType, u.upn, u.mail)
	return u
}

// BuildRoster applies the SSO Application Roster rules to data:
//   - an application's roster is its directly assigned users plus the users
//     who are direct members of its assigned groups; group members that are
//     groups are nested groups (reported, not expanded: Entra ID does not
//     cascade assignments); service principals, devices and contacts are
//     left out, as are assignments to service principals;
//   - an open-access application (assignment not required) also gives every
//     user in data.Users, unless assignedOnly;
//   - the filter's domain and guest rules apply to every user; disabled users
//     stay;
//   - one entry per (application, user): source direct over group over
//     open_access, group_id the lowest granting group id (for group entries),
//     active_date the earliest createdDateTime of the granting direct and
//     group assignments, or the user's own active date when open access is
//     the only path.
//
// Entries are sorted by application display name and email
// (case-insensitive), then user id and application instance id.
//
// Rosters of hundreds of applications have millions of entries, so users
// and groups are interned once, grants are kept in a dense per-application
// table, and entries are sorted per application display name instead of
// all together.
func BuildRoster(data RosterData, filter UserFilter, assignedOnly bool) AppRoster {
	x := &rosterIndex{keep: filter.keeper(), byKey: map[string]int32{}}
	groups := make(map[string]*rosterGroup, len(data.GroupMembers))
	for key, members := range data.GroupMembers {
		g := &rosterGroup{}
		for _, m := range members {
			switch m.Type {
			case graph.TypeUser:
				i := x.set(m.ID, rosterUser{upn: m.UserPrincipalName, mail: m.Mail, firstName: m.GivenName, lastName: m.Surname, userType: m.UserType})
				g.users = append(g.users, rosterMember{i, m.ID})
			case graph.TypeGroup:
				g.nested = append(g.nested, m.ID)
			}
		}
		groups[key] = g
	}
	everyone := make([]rosterMember, len(data.Users))
	for k, u := range data.Users { // the user list is the fuller source
		everyone[k] = rosterMember{x.set(u.ID, rosterUser{upn: u.UserPrincipalName, mail: u.Mail, firstName: u.GivenName, lastName: u.Surname,
			userType: u.UserType, activeDate: firstTime(u.EmployeeHireDate, u.CreatedDateTime)}), u.ID}
	}

	// The applications, once each, in entry order: by display name
	// (case-insensitive, then exact); apps sharing a name are sorted together.
	type appKey struct {
		fold, name string
		app        graph.AppInstance
	}
	var apps []appKey
	seenApps := map[string]bool{}
	for _, app := range data.Apps {
		if k := strings.ToLower(app.ID); !seenApps[k] {
			seenApps[k] = true
			name := deref(app.DisplayName)
			apps = append(apps, appKey{strings.ToLower(name), name, app})
		}
	}
	nested := map[string]string{}
	// Nested groups are reported in the order the rules meet them (data.Apps
	// order), as the last spelling seen wins.
	for _, app := range data.Apps {
		for _, a := range data.Assignments[strings.ToLower(app.ID)] {
			if deref(a.PrincipalType) == "Group" {
				if g := groups[strings.ToLower(a.PrincipalID)]; g != nil {
					for _, id := range g.nested {
						nested[strings.ToLower(id)] = id
					}
				}
			}
		}
	}
	// Applications whose names differ only in case are one run: their
	// entries are sorted together, by email, user id, then instance id.
	sort.SliceStable(apps, func(i, j int) bool { return apps[i].fold < apps[j].fold })

	roster := AppRoster{Entries: []RosterEntry{}, NestedGroupIDs: []string{}}
	var (
		stamp  []int32 // stamp[u] == generation: u has a grant for the current app
		slot   []int32 // its index in grants
		gen    int32
		grants []grant
		folds  []string // the lower-case email of each entry of the current run
	)
	for start := 0; start < len(apps); {
		end := start + 1
		for end < len(apps) && apps[end].fold == apps[start].fold {
			end++
		}
		first := len(roster.Entries)
		folds = folds[:0]
		for _, ak := range apps[start:end] {
			app := ak.app
			gen++
			grants = grants[:0]
			grantOf := func(user int32, id string) *grant {
				if int(user) >= len(stamp) {
					stamp = append(stamp, make([]int32, len(x.users)-len(stamp))...)
					slot = append(slot, make([]int32, len(x.users)-len(slot))...)
				}
				if stamp[user] != gen {
					stamp[user], slot[user] = gen, int32(len(grants))
					grants = append(grants, grant{user: user, id: id})
				}
				return &grants[slot[user]]
			}
			for _, a := range data.Assignments[strings.ToLower(app.ID)] {
				switch deref(a.PrincipalType) {
				case "User":
					g := grantOf(x.intern(a.PrincipalID), a.PrincipalID)
					g.direct = true
					g.date = earlier(g.date, a.CreatedDateTime)
				case "Group":
					members := groups[strings.ToLower(a.PrincipalID)]
					if members == nil {
						continue
					}
					groupID, groupFold := a.PrincipalID, strings.ToLower(a.PrincipalID)
					for _, m := range members.users {
						g := grantOf(m.user, m.id)
						if !g.inGroup || groupFold < g.groupFold {
							g.inGroup, g.group, g.groupFold = true, &groupID, groupFold
						}
						g.date = earlier(g.date, a.CreatedDateTime)
					}
				}
			}
			if !app.AppRoleAssignmentRequired && !assignedOnly {
				for _, m := range everyone {
					grantOf(m.user, m.id).open = true
				}
			}
			for k := range grants {
				g := &grants[k]
				u := &x.users[g.user]
				if !u.kept {
					continue
				}
				e := RosterEntry{
					AppID: app.AppID, AppDisplayName: app.DisplayName, AppInstanceID: app.ID, UserID: g.id,
					Email: u.email, FirstName: u.firstName, LastName: u.lastName,
				}
				switch {
				case g.direct:
					e.Source, e.ActiveDate = SourceDirect, g.date
				case g.inGroup:
					e.Source, e.GroupID, e.ActiveDate = SourceGroup, g.group, g.date
				default:
					e.Source, e.ActiveDate = SourceOpenAccess, u.activeDate
				}
				roster.Entries = append(roster.Entries, e)
				folds = append(folds, u.emailFold)
			}
		}
		sortSameApp(roster.Entries[first:], folds)
		start = end
	}
	for _, id := range nested {
		roster.NestedGroupIDs = append(roster.NestedGroupIDs, id)
	}
	sort.Slice(roster.NestedGroupIDs, func(i, j int) bool {
		return strings.ToLower(roster.NestedGroupIDs[i]) < strings.ToLower(roster.NestedGroupIDs[j])
	})
	return roster
}

// earlier is the earlier of two times, ignoring nil; a tie keeps t.
func earlier(t, u *time.Time) *time.Time {
	if u != nil && (t == nil || u.Before(*t)) {
		return u
	}
	return t
}

// sortSameApp sorts the entries of applications that share a display name
// the way SortRosterEntries does; folds[i] is entries[i]'s lower-case email.
func sortSameApp(entries []RosterEntry, folds []string) {
	if len(entries) < 2 {
		return
	}
	type key struct {
		emailFold string
		i         int32
	}
	keys := make([]key, len(entries))
	for i := range entries {
		keys[i] = key{folds[i], int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.emailFold, b.emailFold); c != 0 {
			return c
		}
		ea, eb := &entries[a.i], &entries[b.i]
		if c := strings.Compare(ea.UserID, eb.UserID); c != 0 {
			return c
		}
		return strings.Compare(ea.AppInstanceID, eb.AppInstanceID)
	})
	sorted := make([]RosterEntry, len(entries))
	for i, k := range keys {
		sorted[i] = entries[k.i]
	}
	copy(entries, sorted)
}

func earliest(times []*time.Time) *time.Time {
	var first *time.Time
	for _, t := range times {
		if t != nil && (first == nil || t.Before(*first)) {
			first = t
		}
	}
	return first
}

// SortRosterEntries sorts by application display name, then email (both
// case-insensitively: spellings that differ only in case tie), then user
// id, then application instance id. Keys are folded once per entry, not per comparison: a roster
// of many applications has millions of entries.
func SortRosterEntries(entries []RosterEntry) {
	type key struct {
		appFold, emailFold string
		entry              RosterEntry
	}
	keys := make([]key, len(entries))
	for i, e := range entries {
		keys[i] = key{strings.ToLower(deref(e.AppDisplayName)), strings.ToLower(deref(e.Email)), e}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := &keys[i], &keys[j]
		switch {
		case a.appFold != b.appFold:
			return a.appFold < b.appFold
		case a.emailFold != b.emailFold:
			return a.emailFold < b.emailFold
		case a.entry.UserID != b.entry.UserID:
			return a.entry.UserID < b.entry.UserID
		}
		return a.entry.AppInstanceID < b.entry.AppInstanceID
	})
	for i := range keys {
		entries[i] = keys[i].entry
	}
}
