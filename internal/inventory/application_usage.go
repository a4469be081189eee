package inventory

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// UsageReader is what an application usage read needs; *graph.Client is one.
type UsageReader interface {
	RosterReader
	ServicePrincipalLister
	SignInLister
}

// UsageOptions are the arguments of an application usage read.
type UsageOptions struct {
	Filter UserFilter
	// Discovery selects the applications when no ids are given: the
	// service principals Application Discovery keeps with this filter.
	Discovery DiscoveryFilter
	// Activity, when set, also reads the successful sign-ins in its window.
	Activity *UsageWindow
	// MaxConcurrency bounds how many Graph listings run at once (default 1).
	MaxConcurrency int
}

// UsageWindow is the sign-in window of an application usage read: Since
// to Until, both inclusive (a zero Until is open-ended).
type UsageWindow struct {
	Since, Until time.Time
}

// AppUsage is one application's usage: the counts of its roster (direct
// and group entries) and, with a sign-in window, of its access list.
type AppUsage struct {
	AppInstanceID      string
	AppID              string
	DisplayName        *string
	AssignmentRequired bool
	AssignedUsers      int // distinct users with a direct or group entry
	DirectUsers        int // of those, with a direct assignment
	GroupUsers         int // of those, with at least one group path
	AssignedGroups     int // distinct groups assigned
	NestedGroups       int // distinct groups that are direct members of an assigned group
	Activity           *AppActivity
}

// AppActivity is what an application's successful sign-ins in the window
// say, after the user filter.
type AppActivity struct {
	ActiveUsers           int
	ActiveAssignedUsers   int
	InactiveAssignedUsers int
	SignInCount           int
	LastSignIn            *time.Time
}

// usageUser is what a usage read remembers of a user: whether the filter
// keeps them, by the rules of the roster and of the access list.
type usageUser struct {
	memberSeen, memberKept bool // from a group's member list (the last copy read)
	listed, listKept       bool // from the user list, the fuller source
}

// usageGroup is an assigned group's direct members as user and group
// numbers: read once, however many applications share the group.
type usageGroup struct {
	users  []uint32
	nested []uint32
}

// usageApp is what a usage read keeps of one application.
type usageApp struct {
	app         graph.AppInstance
	directUsers []uint32
	groups      []uint32
	active      map[uint32]*usagePair // by user number, with a window
}

// usagePair is one user's successful sign-ins to one application.
type usagePair struct {
	count int
	last  time.Time
}

// usageState is a usage read in progress. Users and groups are interned
// once, by lower-case id, to numbers: per application only numbers are
// kept, so memory grows with distinct users and group memberships, never
// with (application, user) pairs.
type usageState struct {
	mu         sync.Mutex
	keep       func(userType, upn, mail *string) bool
	userIndex  map[string]uint32
	users      []usageUser
	groupIndex map[string]uint32
	groups     []*usageGroup
	apps       map[string]*usageApp // by lower-case service principal id
	byAppID    map[string][]*usageApp
}

func (s *usageState) user(id string) uint32 { // mu held
	key := strings.ToLower(id)
	if i, ok := s.userIndex[key]; ok {
		return i
	}
	i := uint32(len(s.users))
	s.userIndex[key] = i
	s.users = append(s.users, usageUser{})
	return i
}

func (s *usageState) group(id string) uint32 { // mu held
	key := strings.ToLower(id)
	if i, ok := s.groupIndex[key]; ok {
		return i
	}
	i := uint32(len(s.groups))
	s.groupIndex[key] = i
	s.groups = append(s.groups, nil)
	return i
}

// ApplicationUsage reads the usage of the applications ids (or, when ids is
// nil, of those Application Discovery keeps with opts.Discovery) and returns
// one AppUsage per application, sorted by display name (case-insensitive)
// then instance id.
//
// It makes the requests ApplicationRoster makes with AssignedOnly (the
// applications 15 to a request, each one's assignments, each assigned
// group's direct members once, the user list when a directly assigned user
// is in none of those groups) and, with a window, those ApplicationAccess
// makes for the applications' ids: the successful sign-ins, and the user
// list when the filter needs it. The user list is read at most once. With
// nil ids, the service principal list replaces the batches of
// applications. Any failure fails the whole read.
func ApplicationUsage(ctx context.Context, g UsageReader, ids []string, opts UsageOptions) ([]AppUsage, error) {
	s := &usageState{
		keep: opts.Filter.keeper(), userIndex: map[string]uint32{}, groupIndex: map[string]uint32{},
		apps: map[string]*usageApp{}, byAppID: map[string][]*usageApp{},
	}
	var discovered []graph.AppInstance
	if ids == nil {
		err := g.ListServicePrincipals(ctx, func(sp graph.ServicePrincipal) error {
			if opts.Discovery.keeps(ApplicationFrom(sp, Owner{})) {
				discovered = append(discovered, graph.AppInstance{ID: sp.ID, AppID: sp.AppID, DisplayName: sp.DisplayName,
					AppRoleAssignmentRequired: sp.AppRoleAssignmentRequired})
				ids = append(ids, sp.ID)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		ids = uniqueIDs(ids)
		if len(ids) == 0 {
			return []AppUsage{}, nil
		}
	} else {
		ids = uniqueIDs(ids)
	}

	limit := max(opts.MaxConcurrency, 1)
	sem := make(chan struct{}, limit)
	eg, gctx := errgroup.WithContext(ctx)
	run := func(f func() error) { // as in ApplicationRoster
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
	addApp := func(app graph.AppInstance) { // mu held
		key := strings.ToLower(app.ID)
		a := s.apps[key]
		if a == nil {
			a = &usageApp{}
			s.apps[key] = a
		}
		a.app = app
	}

	// The sign-ins name the applications by app id, known once every batch
	// of applications is in.
	batches := (len(ids) + graph.MaxIDsPerFilter - 1) / graph.MaxIDsPerFilter
	appsIn := make(chan struct{})
	var pending atomic.Int64
	if discovered != nil {
		for _, app := range discovered {
			addApp(app)
		}
		close(appsIn)
	} else {
		pending.Store(int64(batches))
		for start := 0; start < len(ids); start += graph.MaxIDsPerFilter {
			batch := ids[start:min(start+graph.MaxIDsPerFilter, len(ids))]
			run(func() error {
				err := g.ListAppInstances(gctx, batch, func(app graph.AppInstance) error {
					s.mu.Lock()
					defer s.mu.Unlock()
					addApp(app)
					return nil
				})
				if err == nil && pending.Add(-1) == 0 {
					close(appsIn)
				}
				return err
			})
		}
	}

	startedGroups := map[string]bool{}
	startGroup := func(groupID, appID string) { // mu held
		key := strings.ToLower(groupID)
		if startedGroups[key] {
			return
		}
		startedGroups[key] = true
		number := s.group(groupID)
		run(func() error {
			grp := &usageGroup{}
			err := g.ListDirectMemberUsers(gctx, groupID, func(m graph.DirectoryObject) error {
				s.mu.Lock()
				defer s.mu.Unlock()
				switch m.Type {
				case graph.TypeUser:
					u := s.user(m.ID)
					s.users[u].memberSeen, s.users[u].memberKept = true, s.keep(m.UserType, m.UserPrincipalName, m.Mail)
					grp.users = append(grp.users, u)
				case graph.TypeGroup:
					grp.nested = append(grp.nested, s.group(m.ID))
				}
				return nil
			})
			if graph.IsNotFound(err) {
				return &NotFoundError{Kind: "group", ID: groupID, Why: "it is assigned to the service principal " + appID, Err: err}
			}
			if err != nil {
				return err
			}
			s.mu.Lock()
			s.groups[number] = grp
			s.mu.Unlock()
			return nil
		})
	}
	for _, id := range ids {
		run(func() error {
			var direct, groups []uint32
			err := g.ListAppRoleAssignedTo(gctx, id, func(a graph.AppRoleAssignment) error {
				s.mu.Lock()
				defer s.mu.Unlock()
				switch deref(a.PrincipalType) {
				case "Group":
					startGroup(a.PrincipalID, id)
					groups = append(groups, s.group(a.PrincipalID))
				case "User":
					direct = append(direct, s.user(a.PrincipalID))
				}
				return nil
			})
			if graph.IsNotFound(err) {
				return &NotFoundError{Kind: "service principal", ID: id, Why: "listed in service_principal_ids", Err: err}
			}
			if err != nil {
				return err
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			key := strings.ToLower(id)
			a := s.apps[key]
			if a == nil {
				a = &usageApp{}
				s.apps[key] = a
			}
			a.directUsers, a.groups = direct, groups
			return nil
		})
	}

	var signIns int
	if w := opts.Activity; w != nil {
		eg.Go(func() error {
			select {
			case <-appsIn:
			case <-gctx.Done():
				return gctx.Err()
			}
			appIDs := make([]string, 0, len(s.apps))
			s.mu.Lock()
			for _, a := range s.apps {
				if a.app.ID == "" {
					continue // not found: the read fails below
				}
				key := strings.ToLower(a.app.AppID)
				if len(s.byAppID[key]) == 0 {
					appIDs = append(appIDs, a.app.AppID)
				}
				s.byAppID[key] = append(s.byAppID[key], a)
				a.active = map[uint32]*usagePair{}
			}
			s.mu.Unlock()
			appIDs = uniqueIDs(appIDs)
			if len(appIDs) == 0 {
				return nil
			}
			run(func() error {
				q := graph.SignInQuery{Since: w.Since, Until: w.Until, AppIDs: appIDs, SuccessfulOnly: true}
				return g.ListSignIns(gctx, q, func(si graph.SignIn) error {
					if !si.Successful() || si.CreatedDateTime == nil {
						return nil
					}
					s.mu.Lock()
					defer s.mu.Unlock()
					u := s.user(deref(si.UserID))
					for _, a := range s.byAppID[strings.ToLower(deref(si.AppID))] {
						p := a.active[u]
						if p == nil {
							p = &usagePair{}
							a.active[u] = p
						}
						p.count++
						if si.CreatedDateTime.After(p.last) {
							p.last = *si.CreatedDateTime
						}
					}
					signIns++
					return nil
				})
			})
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if a := s.apps[strings.ToLower(id)]; a == nil || a.app.ID == "" {
			return nil, &NotFoundError{Kind: "service principal", ID: id, Why: "listed in service_principal_ids"}
		}
	}

	// The user list, once, when the roster rule needs it (a directly
	// assigned user in none of the groups read) or the access rule does (a
	// user filter is set and there are sign-ins).
	filtered := !opts.Filter.IncludeGuests || len(opts.Filter.DomainNames) > 0
	needUsers := signIns > 0 && filtered
	for _, a := range s.apps {
		for _, u := range a.directUsers {
			needUsers = needUsers || !s.users[u].memberSeen
		}
	}
	if needUsers {
		err := g.ListUserBriefs(ctx, func(u graph.User) error {
			i := s.user(u.ID)
			s.users[i].listed, s.users[i].listKept = true, s.keep(u.UserType, u.UserPrincipalName, u.Mail)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return s.count(ids, filtered), nil
}

// rosterKept: the roster's rule (the user list's copy over a group's; a user
// known from neither is judged on no properties at all).
func (s *usageState) rosterKept(u uint32) bool {
	switch x := s.users[u]; {
	case x.listed:
		return x.listKept
	case x.memberSeen:
		return x.memberKept
	default:
		return s.keep(nil, nil, nil)
	}
}

// accessKept: the access list's rule (with a filter, only users the user
// list has and the filter keeps).
func (s *usageState) accessKept(u uint32, filtered bool) bool {
	return !filtered || (s.users[u].listed && s.users[u].listKept)
}

// count turns the read into one AppUsage per application. Per application
// a generation stamp per user number marks its paths, so the work is the
// size of its assignments and groups, and the memory one word per user.
func (s *usageState) count(ids []string, filtered bool) []AppUsage {
	const (
		viaDirect = 1 << iota
		viaGroup
	)
	stamp := make([]uint32, len(s.users))
	paths := make([]uint8, len(s.users))
	var gen uint32
	mark := func(u uint32, via uint8) {
		if stamp[u] != gen {
			stamp[u], paths[u] = gen, 0
		}
		paths[u] |= via
	}
	groupStamp := make([]uint32, len(s.groups))  // gen: assigned to the current application
	nestedStamp := make([]uint32, len(s.groups)) // gen: a member of one of its assigned groups
	out := make([]AppUsage, 0, len(ids))
	var assigned []uint32 // the current application's users, reused
	for _, id := range ids {
		a := s.apps[strings.ToLower(id)]
		gen++
		usage := AppUsage{AppInstanceID: a.app.ID, AppID: a.app.AppID, DisplayName: a.app.DisplayName,
			AssignmentRequired: a.app.AppRoleAssignmentRequired}
		assigned = assigned[:0]
		note := func(u uint32, via uint8) {
			if stamp[u] != gen {
				assigned = append(assigned, u)
			}
			mark(u, via)
		}
		for _, u := range a.directUsers {
			note(u, viaDirect)
		}
		for _, gi := range a.groups {
			if groupStamp[gi] == gen {
				continue // assigned twice (two roles)
			}
			groupStamp[gi] = gen
			usage.AssignedGroups++
			for _, u := range s.groups[gi].users {
				note(u, viaGroup)
			}
		}
		for _, gi := range a.groups {
			for _, n := range s.groups[gi].nested {
				if nestedStamp[n] != gen {
					nestedStamp[n] = gen
					usage.NestedGroups++
				}
			}
		}
		for _, u := range assigned {
			if !s.rosterKept(u) {
				continue
			}
			usage.AssignedUsers++
			if paths[u]&viaDirect != 0 {
				usage.DirectUsers++
			}
			if paths[u]&viaGroup != 0 {
				usage.GroupUsers++
			}
		}
		if a.active != nil {
			act := &AppActivity{}
			for u, p := range a.active {
				if !s.accessKept(u, filtered) {
					continue
				}
				act.ActiveUsers++
				act.SignInCount += p.count
				if act.LastSignIn == nil || p.last.After(*act.LastSignIn) {
					last := p.last
					act.LastSignIn = &last
				}
				if stamp[u] == gen && s.rosterKept(u) {
					act.ActiveAssignedUsers++
				}
			}
			act.InactiveAssignedUsers = usage.AssignedUsers - act.ActiveAssignedUsers
			usage.Activity = act
		}
		out = append(out, usage)
	}
	sortFold(out, func(u *AppUsage) string { return deref(u.DisplayName) }, func(u *AppUsage) string { return u.AppInstanceID })
	return out
}
