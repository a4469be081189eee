package inventory

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// SignInLister streams the sign-in logs; *graph.Client is one.
type SignInLister interface {
	ListSignIns(ctx context.Context, q graph.SignInQuery, each func(graph.SignIn) error) error
}

// SignIns reads every sign-in q selects and returns them newest first, then
// by id. With maxResults > 0 it keeps the newest maxResults and says how
// many it left out; memory stays bounded by about twice maxResults however
// many sign-ins match.
func SignIns(ctx context.Context, logs SignInLister, q graph.SignInQuery, maxResults int) (list []graph.SignIn, omitted int, err error) {
	total := 0
	err = logs.ListSignIns(ctx, q, func(s graph.SignIn) error {
		total++
		list = append(list, s)
		if maxResults > 0 && len(list) >= 2*maxResults {
			SortSignIns(list)
			list = list[:maxResults:maxResults]
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	SortSignIns(list)
	if maxResults > 0 && len(list) > maxResults {
		list = list[:maxResults]
	}
	return list, total - len(list), nil
}

// SortSignIns sorts newest first, then by id.
func SortSignIns(list []graph.SignIn) {
	slices.SortStableFunc(list, func(a, b graph.SignIn) int {
		if c := timeOf(b.CreatedDateTime).Compare(timeOf(a.CreatedDateTime)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// AccessQuery selects the sign-ins an application access list is made of,
// and the users it keeps.
type AccessQuery struct {
	Since, Until time.Time
	AppIDs       []string
	Users        UserFilter
}

// Access is one user's use of one application: their successful sign-ins.
type Access struct {
	UserID            string
	UserPrincipalName *string // of the newest successful sign-in
	AppID             string
	AppDisplayName    *string // of the newest successful sign-in
	LastLogin         time.Time
	LoginLocation     *string // "city, state, country" of that sign-in; nil when all are empty
	SignInCount       int
}

// ApplicationAccess aggregates the successful sign-ins q selects into one
// entry per (user, app) while the pages stream by, so memory grows with
// users × apps, not with sign-ins. The users' guest status and addresses
// come from the directory (read once, and only when the filter needs it);
// a sign-in whose user is no longer in the directory is kept only when
// guests are included and no domain is named. Sorted by app display name,
// user principal name (both case-insensitively), app id, user id.
func ApplicationAccess(ctx context.Context, logs SignInLister, users UserLister, q AccessQuery) ([]Access, error) {
	type key struct{ user, app string }
	entries := map[key]*accessEntry{}
	query := graph.SignInQuery{Since: q.Since, Until: q.Until, AppIDs: q.AppIDs, SuccessfulOnly: true}
	err := logs.ListSignIns(ctx, query, func(s graph.SignIn) error {
		if !s.Successful() || s.CreatedDateTime == nil {
			return nil
		}
		k := key{deref(s.UserID), strings.ToLower(deref(s.AppID))}
		e, ok := entries[k]
		if !ok {
			e = &accessEntry{Access: Access{UserID: k.user, AppID: deref(s.AppID)}}
			entries[k] = e
		}
		e.SignInCount++
		if ok && !newer(s, e) {
			return nil
		}
		e.LastLogin = *s.CreatedDateTime
		e.UserPrincipalName, e.AppDisplayName = s.UserPrincipalName, s.AppDisplayName
		e.LoginLocation = location(nil, s.City, s.State, s.CountryOrRegion)
		e.lastID = s.ID
		return nil
	})
	if err != nil {
		return nil, err
	}

	keep := func(string) bool { return true }
	if len(entries) > 0 && (!q.Users.IncludeGuests || len(q.Users.DomainNames) > 0) {
		kept, err := keptUserIDs(ctx, users, q.Users)
		if err != nil {
			return nil, err
		}
		keep = func(id string) bool { return kept[strings.ToLower(id)] }
	}
	out := make([]Access, 0, len(entries))
	for _, e := range entries {
		if keep(e.UserID) {
			out = append(out, e.Access)
		}
	}
	SortAccess(out)
	return out, nil
}

// accessEntry is an Access being aggregated, with the id of the sign-in
// its fields come from.
type accessEntry struct {
	Access
	lastID string
}

// newer reports whether s is newer than the sign-in e took its fields from;
// equal times go to the lower id, so the result does not depend on order.
func newer(s graph.SignIn, e *accessEntry) bool {
	if c := s.CreatedDateTime.Compare(e.LastLogin); c != 0 {
		return c > 0
	}
	return s.ID < e.lastID
}

// keptUserIDs reads the directory once and returns the lower-case ids of
// the users the filter keeps.
func keptUserIDs(ctx context.Context, users UserLister, f UserFilter) (map[string]bool, error) {
	keep := f.keeper()
	kept := map[string]bool{}
	err := users.ListUsers(ctx, func(u graph.User) error {
		if keep(u.UserType, u.UserPrincipalName, u.Mail) {
			kept[strings.ToLower(u.ID)] = true
		}
		return nil
	})
	return kept, err
}

// SortAccess sorts by app display name and user principal name (each
// case-insensitively: names that differ only in case tie), then app id,
// then user id.
func SortAccess(list []Access) {
	slices.SortStableFunc(list, func(a, b Access) int {
		if c := compareFold(deref(a.AppDisplayName), deref(b.AppDisplayName)); c != 0 {
			return c
		}
		if c := compareFold(deref(a.UserPrincipalName), deref(b.UserPrincipalName)); c != 0 {
			return c
		}
		if c := strings.Compare(a.AppID, b.AppID); c != 0 {
			return c
		}
		return strings.Compare(a.UserID, b.UserID)
	})
}

// compareFold orders case-insensitively; spellings that differ only in case
// are equal, so that the ids after them decide.
func compareFold(a, b string) int {
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}
