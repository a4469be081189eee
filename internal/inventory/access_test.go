package inventory

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// signInLog serves sign-ins in the order given, checking what it was asked.
type signInLog struct {
	signIns []graph.SignIn
	queries []graph.SignInQuery
}

func (l *signInLog) ListSignIns(_ context.Context, q graph.SignInQuery, each func(graph.SignIn) error) error {
	l.queries = append(l.queries, q)
	for _, s := range l.signIns {
		if err := each(s); err != nil {
			return err
		}
	}
	return nil
}

// directory serves users and counts the reads.
type directory struct {
	users []graph.User
	reads int
}

func (d *directory) ListUsers(_ context.Context, each func(graph.User) error) error {
	d.reads++
	for _, u := range d.users {
		if err := each(u); err != nil {
			return err
		}
	}
	return nil
}

var t0 = time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)

func signIn(id, user, upn, app, appName string, hour int, code int64, city string) graph.SignIn {
	at := t0.Add(time.Duration(hour) * time.Hour)
	s := graph.SignIn{ID: id, CreatedDateTime: &at, UserID: str(user), UserPrincipalName: str(upn),
		AppID: str(app), AppDisplayName: str(appName), ErrorCode: &code}
	if city != "" {
		s.City, s.CountryOrRegion = str(city), str("US")
	}
	return s
}

func TestApplicationAccessAggregates(t *testing.T) {
	log := &signInLog{signIns: []graph.SignIn{
		// not in time order: the newest successful one wins wherever it is
		signIn("s1", "u1", "ann@contoso.example", "a1", "zeta", 1, 0, "Austin"),
		signIn("s3", "u1", "ann@contoso.example", "a1", "Zeta (renamed)", 3, 0, "Boston"),
		signIn("s2", "u1", "ann@contoso.example", "a1", "zeta", 2, 0, ""),
		signIn("s4", "u1", "ann@contoso.example", "a1", "zeta", 4, 50126, "Chicago"), // failed: ignored
		signIn("s5", "u2", "Ben@contoso.example", "a2", "alpha", 1, 0, ""),
		signIn("s6", "u3", "eve@partner.example", "a2", "alpha", 2, 0, "Denver"),
		signIn("s7", "gone", "gone@contoso.example", "a2", "alpha", 3, 0, ""),
		signIn("s8", "u2", "ben@contoso.example", "a3", "Alpha", 5, 50074, ""), // only a failure: no entry
	}}
	dir := &directory{users: []graph.User{
		{ID: "u1", UserPrincipalName: str("ann@contoso.example"), UserType: str("Member")},
		{ID: "U2", UserPrincipalName: str("ben@contoso.example"), UserType: nil},
		{ID: "u3", UserPrincipalName: str("eve_partner.example#EXT#@contoso.example"), Mail: str("eve@partner.example"), UserType: str("Guest")},
	}}
	row := func(a Access) string {
		loc := "(null)"
		if a.LoginLocation != nil {
			loc = *a.LoginLocation
		}
		return fmt.Sprintf("%s/%s/%s/%d/%s", *a.AppDisplayName, *a.UserPrincipalName, a.LastLogin.Format("15"), a.SignInCount, loc)
	}
	cases := []struct {
		name  string
		users UserFilter
		want  []string
		reads int
	}{
		{"members", UserFilter{}, []string{"alpha/Ben@contoso.example/13/1/(null)", "Zeta (renamed)/ann@contoso.example/15/3/Boston, US"}, 1},
		{"everyone: no user list read, deleted user kept", UserFilter{IncludeGuests: true},
			[]string{"alpha/Ben@contoso.example/13/1/(null)", "alpha/eve@partner.example/14/1/Denver, US", "alpha/gone@contoso.example/15/1/(null)",
				"Zeta (renamed)/ann@contoso.example/15/3/Boston, US"}, 0},
		{"a guest's mail domain", UserFilter{IncludeGuests: true, DomainNames: []string{"PARTNER.example"}},
			[]string{"alpha/eve@partner.example/14/1/Denver, US"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir.reads = 0
			got, err := ApplicationAccess(t.Context(), log, dir, AccessQuery{Since: t0, Users: c.users})
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, a := range got {
				rows = append(rows, row(a))
			}
			if !reflect.DeepEqual(rows, c.want) {
				t.Errorf("rows\n got %q\nwant %q", rows, c.want)
			}
			if dir.reads != c.reads {
				t.Errorf("read the user list %d times, want %d", dir.reads, c.reads)
			}
		})
	}
	if q := log.queries[0]; !q.SuccessfulOnly || !q.Since.Equal(t0) {
		t.Errorf("the sign-ins query %+v should ask for successful sign-ins since %s", q, t0)
	}
}

func TestSignInsMaxResultsKeepsTheNewest(t *testing.T) {
	log := &signInLog{}
	for i := range 25 {
		// oldest first, with ties broken by id
		log.signIns = append(log.signIns, signIn(fmt.Sprintf("s%02d", 24-i), "u", "u@x.example", "a", "app", i/2, 0, ""))
	}
	got, omitted, err := SignIns(t.Context(), log, graph.SignInQuery{}, 4)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if want := []string{"s00", "s01", "s02", "s03"}; !reflect.DeepEqual(ids, want) || omitted != 21 {
		t.Errorf("got %v, %d left out; want %v, 21", ids, omitted, want)
	}
	all, omitted, _ := SignIns(t.Context(), log, graph.SignInQuery{}, 0)
	if len(all) != 25 || omitted != 0 {
		t.Errorf("without max_results: %d sign-ins, %d left out", len(all), omitted)
	}
}
