package inventory

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// ApplicationLister streams the tenant's app registrations and reads an
// object's owners; *graph.Client is one.
type ApplicationLister interface {
	ListApplications(ctx context.Context, q graph.ApplicationsQuery, each func(graph.AppRegistration) error) error
	OwnersReader
}

// ApplicationFilter selects app registrations.
type ApplicationFilter struct {
	// ExpiringWithinDays, when set, keeps the registrations with a
	// credential ending at or after Now and at most that many days after
	// it. Graph cannot filter credential expiry (graph-reference-3 §2.2),
	// so it is applied here.
	ExpiringWithinDays *int64
	// IncludeOwners reads each registration's owners: with the list where
	// Graph expands them, from the registration's /owners where the
	// expanded set may be truncated, MaxConcurrency at a time.
	IncludeOwners  bool
	MaxConcurrency int
	// Now is the read's start: what "expiring" and the next expiry are
	// measured from.
	Now time.Time
}

// AppRegistration is one app registration as the data source shows it.
type AppRegistration struct {
	ID                string
	AppID             *string
	DisplayName       *string
	SignInAudience    *string
	PublisherDomain   *string
	CreatedDateTime   *time.Time
	VerifiedPublisher *string
	// Credentials are sorted by end date (none last), then key id.
	Credentials []AppCredential
	// NextCredentialExpiry is the earliest credential end at or after the
	// read's start; nil when none ends after it.
	NextCredentialExpiry *time.Time
	// Owners are sorted by display name then id; empty when the
	// registration has none, nil when owners were not read.
	Owners []AppOwner
}

// AppCredential is one secret or certificate of an app registration.
type AppCredential struct {
	Type          string // "secret" or "certificate"
	KeyID         string
	DisplayName   *string
	StartDateTime *time.Time
	EndDateTime   *time.Time
}

// Applications reads every app registration and returns those f keeps,
// sorted by display name (case-insensitive) then application id (then
// object id, should Graph send two without an application id).
func Applications(ctx context.Context, lister ApplicationLister, f ApplicationFilter) ([]AppRegistration, error) {
	var until time.Time
	if f.ExpiringWithinDays != nil {
		until = f.Now.Add(time.Duration(*f.ExpiringWithinDays) * 24 * time.Hour)
	}
	var rows []AppRegistration
	sets := map[string]graph.OwnerSet{}
	err := lister.ListApplications(ctx, graph.ApplicationsQuery{IncludeOwners: f.IncludeOwners}, func(a graph.AppRegistration) error {
		row := appRegistrationRow(a, f.Now)
		if f.ExpiringWithinDays != nil && (row.NextCredentialExpiry == nil || row.NextCredentialExpiry.After(until)) {
			return nil
		}
		rows = append(rows, row)
		if f.IncludeOwners {
			sets[a.ID] = a.Owners
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f.IncludeOwners {
		// Only the kept registrations' sets: a filtered read re-reads no
		// owners of registrations it drops.
		owners, err := ResolveOwners(ctx, lister, graph.ApplicationOwners, sets, f.MaxConcurrency)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i].Owners = owners[rows[i].ID]
		}
	}
	sortFold(rows, func(a *AppRegistration) string { return deref(a.DisplayName) },
		func(a *AppRegistration) string { return deref(a.AppID) + "\x00" + a.ID })
	return rows, nil
}

func appRegistrationRow(a graph.AppRegistration, now time.Time) AppRegistration {
	row := AppRegistration{
		ID: a.ID, AppID: a.AppID, DisplayName: a.DisplayName, SignInAudience: a.SignInAudience,
		PublisherDomain: a.PublisherDomain, CreatedDateTime: a.CreatedDateTime, VerifiedPublisher: a.VerifiedPublisher,
		Credentials: make([]AppCredential, len(a.Credentials)),
	}
	for i, c := range a.Credentials {
		row.Credentials[i] = AppCredential{Type: c.Type, KeyID: c.KeyID, DisplayName: c.DisplayName,
			StartDateTime: c.StartDateTime, EndDateTime: c.EndDateTime}
		if end := c.EndDateTime; end != nil && !end.Before(now) &&
			(row.NextCredentialExpiry == nil || end.Before(*row.NextCredentialExpiry)) {
			row.NextCredentialExpiry = end
		}
	}
	slices.SortStableFunc(row.Credentials, compareCredentials)
	return row
}

// compareCredentials orders by end date, a credential without one last
// (it does not expire as far as Graph says), then by key id.
func compareCredentials(a, b AppCredential) int {
	switch {
	case a.EndDateTime == nil && b.EndDateTime != nil:
		return 1
	case a.EndDateTime != nil && b.EndDateTime == nil:
		return -1
	case a.EndDateTime != nil:
		if c := a.EndDateTime.Compare(*b.EndDateTime); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.KeyID, b.KeyID) // byte order, as ids are everywhere
}
