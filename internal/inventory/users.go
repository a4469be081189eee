package inventory

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// UserLister streams a tenant's users; *graph.Client is one.
type UserLister interface {
	ListUsers(ctx context.Context, each func(graph.User) error) error
}

// NarrowingUserLister can ask Graph for only some users; *graph.Client is
// one. The filter is applied again here, so a lister that ignores the query
// still gives the right roster.
type NarrowingUserLister interface {
	ListUsersWhere(ctx context.Context, q graph.UserQuery, each func(graph.User) error) error
}

// UserOptionLister reads users with extra properties; *graph.Client is one.
type UserOptionLister interface {
	ListUsersWith(ctx context.Context, opts graph.UserListOptions, each func(graph.User) error) error
}

// enabledMatches reports whether accountEnabled is want; nil want matches
// everything, and a null accountEnabled matches no wanted value.
func enabledMatches(want, accountEnabled *bool) bool {
	return want == nil || (accountEnabled != nil && *accountEnabled == *want)
}

// Person is one entry of the HR Roster. Pointers are null in Terraform.
type Person struct {
	ID                string
	UserPrincipalName *string
	Email             *string
	EmailAliases      []string
	FirstName         *string
	LastName          *string
	DisplayName       *string
	ActiveDate        *time.Time
	CreatedDateTime   *time.Time
	Department        *string
	JobTitle          *string
	EmployeeID        *string
	Location          *string
	UserType          *string
	AccountEnabled    *bool

	// ExternalUserState is PendingAcceptance or Accepted for an invited
	// user (a guest who never accepted is a finding of its own), nil for
	// everyone else.
	ExternalUserState               *string
	ExternalUserStateChangeDateTime *time.Time

	// Only when the filter asks for SignInActivity; nil when Graph has none.
	LastSignIn               *time.Time
	LastNonInteractiveSignIn *time.Time
	LastSuccessfulSignIn     *time.Time
}

// HRRoster reads every user of the tenant and returns those the filter keeps,
// sorted by user principal name (case-insensitive) then id.
func HRRoster(ctx context.Context, users UserLister, filter UserFilter) ([]Person, error) {
	keep := filter.keeper()
	var roster []Person
	shared := sharedStrings{}
	visit := func(u graph.User) error {
		if keep(u.UserType, u.UserPrincipalName, u.Mail) && enabledMatches(filter.AccountEnabled, u.AccountEnabled) &&
			filter.inactivityKeeps(u.SignInActivity) {
			p := PersonFrom(u)
			shared.share(&p.UserType, &p.Department, &p.JobTitle, &p.Location)
			roster = append(roster, p)
		}
		return nil
	}
	var err error
	if !filter.InactiveBefore.IsZero() {
		filter.SignInActivity = true
	}
	if filter.SignInActivity {
		withOptions, ok := users.(UserOptionLister)
		if !ok {
			return nil, errors.New("this user source cannot read sign-in activity")
		}
		opts := graph.UserListOptions{SignInActivity: true}
		if filter.narrows() {
			opts.Query = filter.graphQuery()
		}
		err = withOptions.ListUsersWith(ctx, opts, visit)
	} else if narrowing, ok := users.(NarrowingUserLister); ok && filter.narrows() {
		err = narrowing.ListUsersWhere(ctx, filter.graphQuery(), visit)
	} else {
		err = users.ListUsers(ctx, visit)
	}
	if err != nil {
		return nil, err
	}
	SortPeople(roster)
	return roster, nil
}

// PersonFrom applies the HR Roster derivation rules to one Graph user.
func PersonFrom(u graph.User) Person {
	email := EmailOf(u.Mail, u.UserPrincipalName)
	p := Person{
		ID:                u.ID,
		UserPrincipalName: u.UserPrincipalName,
		Email:             email,
		EmailAliases:      emailAliases(email, u.ProxyAddresses, u.OtherMails),
		FirstName:         u.GivenName,
		LastName:          u.Surname,
		DisplayName:       u.DisplayName,
		ActiveDate:        firstTime(u.EmployeeHireDate, u.CreatedDateTime),
		CreatedDateTime:   u.CreatedDateTime,
		Department:        u.Department,
		JobTitle:          u.JobTitle,
		EmployeeID:        u.EmployeeID,
		Location:          location(u.OfficeLocation, u.City, u.State, u.Country),
		UserType:          u.UserType,
		AccountEnabled:    u.AccountEnabled,

		ExternalUserState:               u.ExternalUserState,
		ExternalUserStateChangeDateTime: u.ExternalUserStateChangeDateTime,
	}
	if a := u.SignInActivity; a != nil {
		p.LastSignIn, p.LastNonInteractiveSignIn, p.LastSuccessfulSignIn = a.LastSignIn, a.LastNonInteractiveSignIn, a.LastSuccessfulSignIn
	}
	return p
}

// EmailOf is a user's email: mail, or the user principal name when mail is
// null or empty.
func EmailOf(mail, userPrincipalName *string) *string {
	if mail != nil && *mail != "" {
		return mail
	}
	return userPrincipalName
}

// emailAliases collects the SMTP proxy addresses (without their smtp:
// prefix) and the other mails, drops the primary email and duplicates
// (case-insensitively, keeping the first spelling) and sorts them. Other
// proxy address kinds (x500:, sip:, ...) are not email addresses.
func emailAliases(email *string, proxyAddresses, otherMails []string) []string {
	seen := map[string]bool{}
	if email != nil {
		seen[strings.ToLower(*email)] = true
	}
	aliases := []string{}
	add := func(address string) {
		address = strings.TrimSpace(address)
		key := strings.ToLower(address)
		if address == "" || seen[key] {
			return
		}
		seen[key] = true
		aliases = append(aliases, address)
	}
	for _, proxy := range proxyAddresses {
		if len(proxy) > len("smtp:") && strings.EqualFold(proxy[:len("smtp:")], "smtp:") {
			add(proxy[len("smtp:"):])
		}
	}
	for _, other := range otherMails {
		add(other)
	}
	sort.Slice(aliases, func(i, j int) bool { return lessFold(aliases[i], aliases[j], "", "") })
	return aliases
}

// location is the office location, or else the non-empty parts of city,
// state and country joined by ", "; null when there is nothing to join.
func location(office, city, state, country *string) *string {
	if office != nil && *office != "" {
		return office
	}
	var parts []string
	for _, part := range []*string{city, state, country} {
		if part != nil && strings.TrimSpace(*part) != "" {
			parts = append(parts, strings.TrimSpace(*part))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	joined := strings.Join(parts, ", ")
	return &joined
}

func firstTime(times ...*time.Time) *time.Time {
	for _, t := range times {
		if t != nil {
			return t
		}
	}
	return nil
}

// SortPeople sorts by user principal name, case-insensitively, then by id.
func SortPeople(people []Person) {
	sortFold(people, func(p *Person) string { return deref(p.UserPrincipalName) }, func(p *Person) string { return p.ID })
}
