package inventory

import (
	"context"
	"fmt"
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
				members = append(members, m)
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

// rosterUser is what an entry and the filters need of a user.
type rosterUser struct {
	id, upn, mail, firstName, lastName, userType *string
	activeDate                                   *time.Time
}

// grant collects the paths that give one user one application.
type grant struct {
	direct, open bool
	groups       []string
	dates        []*time.Time // createdDateTime of the direct and group assignments
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
func BuildRoster(data RosterData, filter UserFilter, assignedOnly bool) AppRoster {
	keep := filter.keeper()
	users := map[string]rosterUser{}
	for _, members := range data.GroupMembers {
		for _, m := range members {
			if m.Type == graph.TypeUser {
				users[strings.ToLower(m.ID)] = rosterUser{upn: m.UserPrincipalName, mail: m.Mail, firstName: m.GivenName, lastName: m.Surname, userType: m.UserType}
			}
		}
	}
	for _, u := range data.Users { // the user list is the fuller source
		users[strings.ToLower(u.ID)] = rosterUser{upn: u.UserPrincipalName, mail: u.Mail, firstName: u.GivenName, lastName: u.Surname,
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
		grants := map[string]*grant{}
		userIDs := map[string]string{} // lower-case -> as Graph sent it
		grantOf := func(userID string) *grant {
			key := strings.ToLower(userID)
			g, ok := grants[key]
			if !ok {
				g = &grant{}
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
// case-insensitive, then byte order), then user id, then application
// instance id. Keys are folded once per entry, not per comparison: a roster
// of many applications has millions of entries.
func SortRosterEntries(entries []RosterEntry) {
	type key struct {
		appFold, app, emailFold, email string
		entry                          RosterEntry
	}
	keys := make([]key, len(entries))
	for i, e := range entries {
		app, email := deref(e.AppDisplayName), deref(e.Email)
		keys[i] = key{strings.ToLower(app), app, strings.ToLower(email), email, e}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := &keys[i], &keys[j]
		switch {
		case a.appFold != b.appFold:
			return a.appFold < b.appFold
		case a.app != b.app:
			return a.app < b.app
		case a.emailFold != b.emailFold:
			return a.emailFold < b.emailFold
		case a.email != b.email:
			return a.email < b.email
		case a.entry.UserID != b.entry.UserID:
			return a.entry.UserID < b.entry.UserID
		}
		return a.entry.AppInstanceID < b.entry.AppInstanceID
	})
	for i := range keys {
		entries[i] = keys[i].entry
	}
}
