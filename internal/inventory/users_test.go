package inventory

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func str(s string) *string { return &s }

type fakeUsers []graph.User

func (f fakeUsers) ListUsers(_ context.Context, each func(graph.User) error) error {
	for _, u := range f {
		if err := each(u); err != nil {
			return err
		}
	}
	return nil
}

func TestEmailFallsBackToUserPrincipalName(t *testing.T) {
	cases := []struct {
		name      string
		mail, upn *string
		want      *string
	}{
		{"mail wins", str("a@x.example"), str("b@y.example"), str("a@x.example")},
		{"null mail", nil, str("b@y.example"), str("b@y.example")},
		{"empty mail", str(""), str("b@y.example"), str("b@y.example")},
		{"nothing", nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := EmailOf(c.mail, c.upn)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("EmailOf = %v, want %v", deref(got), deref(c.want))
			}
		})
	}
}

func TestEmailAliases(t *testing.T) {
	got := emailAliases(str("Dana@Northwind.example"),
		[]string{"SMTP:dana@northwind.example", "smtp:d.rivera@northwind.example", "x500:/o=Org/cn=dana", "sip:dana@northwind.example", "smtp:", "SmTp:Zed@northwind.example"},
		[]string{"D.Rivera@Northwind.example", "dana.personal@mail.example", " "})
	want := []string{"d.rivera@northwind.example", "dana.personal@mail.example", "Zed@northwind.example"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("aliases = %q, want %q", got, want)
	}
	if got := emailAliases(nil, nil, nil); got == nil || len(got) != 0 {
		t.Fatalf("no aliases must be an empty, non-nil list, got %#v", got)
	}
}

func TestLocation(t *testing.T) {
	cases := []struct {
		name                         string
		office, city, state, country *string
		want                         *string
	}{
		{"office wins", str("Building 4"), str("Seattle"), nil, str("US"), str("Building 4")},
		{"empty office falls back", str(""), str("Seattle"), str("WA"), str("US"), str("Seattle, WA, US")},
		{"parts skipped", nil, str("Lyon"), str(" "), str("France"), str("Lyon, France")},
		{"nothing is null", nil, nil, str(""), nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := location(c.office, c.city, c.state, c.country); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("location = %v, want %v", deref(got), deref(c.want))
			}
		})
	}
}

func TestActiveDatePrefersHireDate(t *testing.T) {
	hired := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
	created := time.Date(2019, 5, 2, 10, 0, 0, 0, time.UTC)
	if got := PersonFrom(graph.User{ID: "1", EmployeeHireDate: &hired, CreatedDateTime: &created}).ActiveDate; !got.Equal(hired) {
		t.Fatalf("active date = %v, want hire date", got)
	}
	if got := PersonFrom(graph.User{ID: "1", CreatedDateTime: &created}).ActiveDate; !got.Equal(created) {
		t.Fatalf("active date = %v, want created date", got)
	}
	if got := PersonFrom(graph.User{ID: "1"}).ActiveDate; got != nil {
		t.Fatalf("active date = %v, want null", got)
	}
}

func TestHRRosterFilters(t *testing.T) {
	users := fakeUsers{
		{ID: "m1", UserPrincipalName: str("ann@Contoso.example"), Mail: str("ann@contoso.example"), UserType: str("Member")},
		{ID: "m2", UserPrincipalName: str("bob@tenant.onmicrosoft.example"), Mail: str("Bob@CONTOSO.example"), UserType: str("Member")},
		{ID: "m3", UserPrincipalName: str("cy@fabrikam.example"), Mail: nil, UserType: nil},
		{ID: "g1", UserPrincipalName: str("dee_partner.example#EXT#@tenant.onmicrosoft.example"), Mail: str("dee@partner.example"), UserType: str("Guest")},
		{ID: "m4", UserPrincipalName: str("eve@other.example"), Mail: str("eve@contoso.example.evil"), UserType: str("Member")},
	}
	cases := []struct {
		name   string
		filter UserFilter
		want   []string
	}{
		{"defaults: members and null userType", UserFilter{}, []string{"m1", "m2", "m3", "m4"}},
		{"guests included", UserFilter{IncludeGuests: true}, []string{"m1", "m2", "m3", "g1", "m4"}},
		{"domain via UPN or mail, any case", UserFilter{DomainNames: []string{"CONTOSO.EXAMPLE"}}, []string{"m1", "m2"}},
		{"domain via UPN only, null userType", UserFilter{DomainNames: []string{"fabrikam.example"}}, []string{"m3"}},
		{"guest domain needs include_guests", UserFilter{DomainNames: []string{"partner.example"}}, nil},
		{"guest by mail domain", UserFilter{DomainNames: []string{"partner.example"}, IncludeGuests: true}, []string{"g1"}},
		{"several domains", UserFilter{DomainNames: []string{"fabrikam.example", " Contoso.Example "}}, []string{"m1", "m2", "m3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			roster, err := HRRoster(context.Background(), users, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range roster {
				got = append(got, p.ID)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("roster = %v, want %v", got, c.want)
			}
		})
	}
}

func TestHRRosterSortsCaseInsensitivelyThenByID(t *testing.T) {
	users := fakeUsers{
		{ID: "3", UserPrincipalName: str("b@x.example")},
		{ID: "2", UserPrincipalName: str("A@x.example")},
		{ID: "1", UserPrincipalName: str("a@x.example")},
		{ID: "0", UserPrincipalName: str("a@x.example")},
	}
	roster, err := HRRoster(context.Background(), users, UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range roster {
		got = append(got, p.ID)
	}
	// "A@x" and "a@x" tie on the name: the ids decide, not the spelling.
	if want := []string{"0", "1", "2", "3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}
}

func TestHRRosterReturnsNothingOnError(t *testing.T) {
	boom := errors.New("page 3 failed")
	lister := listerFunc(func(_ context.Context, each func(graph.User) error) error {
		_ = each(graph.User{ID: "1", UserPrincipalName: str("a@x.example")})
		return boom
	})
	roster, err := HRRoster(context.Background(), lister, UserFilter{})
	if !errors.Is(err, boom) || roster != nil {
		t.Fatalf("got %v, %v; want no roster and the error", roster, err)
	}
}

type listerFunc func(context.Context, func(graph.User) error) error

func (f listerFunc) ListUsers(ctx context.Context, each func(graph.User) error) error {
	return f(ctx, each)
}

// narrowingUsers records the query it was asked and, like a lister that
// ignores it, returns every user anyway.
type narrowingUsers struct {
	fakeUsers
	asked *graph.UserQuery
}

func (n narrowingUsers) ListUsersWhere(_ context.Context, q graph.UserQuery, each func(graph.User) error) error {
	*n.asked = q
	return n.ListUsers(context.Background(), each)
}

func TestHRRosterAsksGraphToNarrowAndStillFilters(t *testing.T) {
	yes, no := true, false
	users := fakeUsers{
		{ID: "m-on", UserPrincipalName: str("a@x.example"), UserType: str("Member"), AccountEnabled: &yes},
		{ID: "m-off", UserPrincipalName: str("b@x.example"), UserType: str("Member"), AccountEnabled: &no},
		{ID: "g-on", UserPrincipalName: str("c@x.example"), UserType: str("Guest"), AccountEnabled: &yes},
		{ID: "g-off", UserPrincipalName: str("d@x.example"), UserType: str("Guest"), AccountEnabled: &no},
		{ID: "null", UserPrincipalName: str("e@x.example")},
	}
	cases := []struct {
		name   string
		filter UserFilter
		query  graph.UserQuery
		want   []string
	}{
		{"guests only, whatever include_guests says", UserFilter{GuestsOnly: true}, graph.UserQuery{GuestsOnly: true}, []string{"g-on", "g-off"}},
		{"disabled accounts, members only", UserFilter{AccountEnabled: &no}, graph.UserQuery{AccountEnabled: &no}, []string{"m-off"}},
		{"disabled accounts, guests too", UserFilter{AccountEnabled: &no, IncludeGuests: true}, graph.UserQuery{AccountEnabled: &no}, []string{"m-off", "g-off"}},
		{"disabled guests", UserFilter{AccountEnabled: &no, GuestsOnly: true}, graph.UserQuery{GuestsOnly: true, AccountEnabled: &no}, []string{"g-off"}},
		{"no narrowing: the plain listing", UserFilter{}, graph.UserQuery{}, []string{"m-on", "m-off", "null"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var asked graph.UserQuery
			roster, err := HRRoster(context.Background(), narrowingUsers{users, &asked}, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range roster {
				got = append(got, p.ID)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("roster = %v, want %v", got, c.want)
			}
			if asked.GuestsOnly != c.query.GuestsOnly || !reflect.DeepEqual(asked.AccountEnabled, c.query.AccountEnabled) {
				t.Errorf("Graph was asked %+v, want %+v", asked, c.query)
			}
		})
	}
}
