package inventory

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

type applicationList struct {
	apps    []graph.AppRegistration
	q       graph.ApplicationsQuery
	err     error
	owners  map[string][]graph.Owner // what /applications/{id}/owners answers
	reReads []string
}

func (l *applicationList) ListOwners(_ context.Context, c graph.OwnerCollection, id string, each func(graph.Owner) error) error {
	if c != graph.ApplicationOwners {
		return errors.New("not the applications collection")
	}
	l.reReads = append(l.reReads, id)
	for _, o := range l.owners[id] {
		if err := each(o); err != nil {
			return err
		}
	}
	return nil
}

func (l *applicationList) ListApplications(_ context.Context, q graph.ApplicationsQuery, each func(graph.AppRegistration) error) error {
	l.q = q
	for _, a := range l.apps {
		if err := each(a); err != nil {
			return err
		}
	}
	return l.err
}

func TestApplicationsExpiryWindowAndOrder(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	day := 24 * time.Hour
	cred := func(typ, key string, end *time.Time) graph.AppCredential {
		return graph.AppCredential{Type: typ, KeyID: key, EndDateTime: end}
	}
	s := func(v string) *string { return &v }
	list := &applicationList{apps: []graph.AppRegistration{
		{ID: "o1", AppID: s("b"), DisplayName: s("zeta"), Credentials: []graph.AppCredential{
			cred("secret", "k3", nil), cred("certificate", "k2", at(30*day)), cred("secret", "k1", at(30*day)), cred("secret", "k0", at(-day)),
		}},
		{ID: "o2", AppID: s("c"), DisplayName: s("Alpha"), Credentials: []graph.AppCredential{cred("secret", "k", at(30*day+time.Second))}},
		{ID: "o3", AppID: s("a"), DisplayName: s("alpha"), Credentials: []graph.AppCredential{cred("secret", "k", at(0))}},
		{ID: "o4", AppID: s("d"), DisplayName: nil, Credentials: []graph.AppCredential{cred("secret", "k", at(-time.Second))}},
		{ID: "o5", AppID: s("e"), DisplayName: s("none")},
	}}
	all, err := Applications(context.Background(), list, ApplicationFilter{Now: now, IncludeOwners: true})
	if err != nil {
		t.Fatal(err)
	}
	if !list.q.IncludeOwners {
		t.Error("IncludeOwners did not reach Graph")
	}
	var order []string
	for _, a := range all {
		order = append(order, *a.AppID)
	}
	// Names compare case-insensitively, ties by app id; a null name sorts as "".
	if got, want := order, []string{"d", "a", "c", "e", "b"}; !equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	zeta := all[4]
	var keys []string
	for _, c := range zeta.Credentials {
		keys = append(keys, c.KeyID)
	}
	if !equal(keys, []string{"k0", "k1", "k2", "k3"}) {
		t.Errorf("credentials %v: by end date (none last), then key id", keys)
	}
	if !zeta.NextCredentialExpiry.Equal(*at(30 * day)) {
		t.Errorf("next expiry %v: the expired secret does not count", zeta.NextCredentialExpiry)
	}
	if all[0].NextCredentialExpiry != nil || all[3].NextCredentialExpiry != nil {
		t.Error("an app whose credentials all ended, or that has none, has no next expiry")
	}
	if !all[1].NextCredentialExpiry.Equal(now) {
		t.Error("a credential ending at the read's start is still to expire")
	}

	for days, want := range map[int64][]string{0: {"a"}, 30: {"a", "b"}, 31: {"a", "c", "b"}} {
		got, err := Applications(context.Background(), list, ApplicationFilter{Now: now, ExpiringWithinDays: &days})
		if err != nil {
			t.Fatal(err)
		}
		order = order[:0]
		for _, a := range got {
			order = append(order, *a.AppID)
		}
		if !equal(order, want) {
			t.Errorf("within %d days: %v, want %v", days, order, want)
		}
	}
	list.err = errors.New("page 2 failed")
	if got, err := Applications(context.Background(), list, ApplicationFilter{Now: now}); err == nil || got != nil {
		t.Errorf("a failed read returned %d rows, %v", len(got), err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestApplicationsOwnersFromTheListAndRereads(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	soon := now.Add(24 * time.Hour)
	s := func(v string) *string { return &v }
	user := func(id, name string) graph.Owner {
		return graph.Owner{ID: id, Type: graph.TypeUser, DisplayName: s(name), UserPrincipalName: s(name + "@contoso.example")}
	}
	var twenty []graph.Owner
	for i := range graph.MaxExpandedOwners {
		twenty = append(twenty, user("u"+string(rune('a'+i)), "user"))
	}
	list := &applicationList{
		apps: []graph.AppRegistration{
			{ID: "whole", AppID: s("1"), DisplayName: s("a"), Credentials: []graph.AppCredential{{KeyID: "k", EndDateTime: &soon}},
				Owners: graph.OwnerSet{Expanded: true, Owners: []graph.Owner{user("u2", "zed"), {ID: "sp", Type: graph.TypeServicePrincipal, DisplayName: s("Bot")}}}},
			{ID: "capped", AppID: s("2"), DisplayName: s("b"), Credentials: []graph.AppCredential{{KeyID: "k", EndDateTime: &soon}},
				Owners: graph.OwnerSet{Expanded: true, Owners: twenty}},
			{ID: "none", AppID: s("3"), DisplayName: s("c"), Credentials: []graph.AppCredential{{KeyID: "k", EndDateTime: &soon}},
				Owners: graph.OwnerSet{Expanded: true, Owners: []graph.Owner{}}},
			{ID: "dropped", AppID: s("4"), DisplayName: s("d"), Owners: graph.OwnerSet{Expanded: true, Owners: twenty}},
		},
		owners: map[string][]graph.Owner{"capped": append(twenty, user("u-21", "last"))},
	}
	days := int64(7)
	rows, err := Applications(context.Background(), list, ApplicationFilter{Now: now, IncludeOwners: true, MaxConcurrency: 2, ExpiringWithinDays: &days})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if !equal(list.reReads, []string{"capped"}) {
		t.Errorf("re-read %v: only the set that may be truncated, and not the registration the filter dropped", list.reReads)
	}
	if got := rows[0].Owners; len(got) != 2 || got[0].ID != "sp" || got[1].UserPrincipalName == nil {
		t.Errorf("whole set %+v: sorted by name, UPN for users", got)
	}
	if len(rows[1].Owners) != 21 {
		t.Errorf("capped set has %d owners, want the re-read's 21", len(rows[1].Owners))
	}
	if rows[2].Owners == nil || len(rows[2].Owners) != 0 {
		t.Errorf("no owner is an empty list, got %#v", rows[2].Owners)
	}
	without, err := Applications(context.Background(), list, ApplicationFilter{Now: now})
	if err != nil || without[0].Owners != nil || list.q.IncludeOwners {
		t.Errorf("without include_owners: owners %v, query %+v, %v", without[0].Owners, list.q, err)
	}
}
