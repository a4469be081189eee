package inventory

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

type applicationList struct {
	apps []graph.AppRegistration
	q    graph.ApplicationsQuery
	err  error
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
		{ID: "o1", AppID: "b", DisplayName: s("zeta"), Credentials: []graph.AppCredential{
			cred("secret", "k3", nil), cred("certificate", "k2", at(30*day)), cred("secret", "k1", at(30*day)), cred("secret", "k0", at(-day)),
		}},
		{ID: "o2", AppID: "c", DisplayName: s("Alpha"), Credentials: []graph.AppCredential{cred("secret", "k", at(30*day+time.Second))}},
		{ID: "o3", AppID: "a", DisplayName: s("alpha"), Credentials: []graph.AppCredential{cred("secret", "k", at(0))}},
		{ID: "o4", AppID: "d", DisplayName: nil, Credentials: []graph.AppCredential{cred("secret", "k", at(-time.Second))}},
		{ID: "o5", AppID: "e", DisplayName: s("none")},
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
		order = append(order, a.AppID)
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
			order = append(order, a.AppID)
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
