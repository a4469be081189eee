package inventory

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func TestUserConsentLevel(t *testing.T) {
	for _, c := range []struct {
		assigned []string
		want     string
		policies []string
	}{
		{nil, UserConsentNone, []string{}},
		{[]string{"ManagePermissionGrantsForOwnedResource.DeveloperConsent"}, UserConsentNone, []string{}},
		{[]string{"ManagePermissionGrantsForSelf.microsoft-user-default-low"}, UserConsentLowImpact, []string{"microsoft-user-default-low"}},
		{[]string{"managePermissionGrantsForSelf.microsoft-user-default-legacy"}, UserConsentAllApps, []string{"microsoft-user-default-legacy"}},
		// the widest wins
		{[]string{"ManagePermissionGrantsForSelf.microsoft-user-default-low", "ManagePermissionGrantsForSelf.microsoft-user-default-legacy"},
			UserConsentAllApps, []string{"microsoft-user-default-legacy", "microsoft-user-default-low"}},
		{[]string{"ManagePermissionGrantsForSelf.microsoft-user-default-low", "ManagePermissionGrantsForSelf.vetted"},
			UserConsentCustom, []string{"microsoft-user-default-low", "vetted"}},
		// not in Microsoft's built-in table read: custom
		{[]string{"ManagePermissionGrantsForSelf.microsoft-user-default-recommended"}, UserConsentCustom, []string{"microsoft-user-default-recommended"}},
		// a bare prefix names no policy
		{[]string{"ManagePermissionGrantsForSelf."}, UserConsentNone, []string{}},
	} {
		policies := selfConsentPolicies(c.assigned)
		if got := UserConsentLevel(policies); got != c.want || !slices.Equal(policies, c.policies) {
			t.Errorf("%q: level %q, policies %q; want %q, %q", c.assigned, got, policies, c.want, c.policies)
		}
	}
}

func TestGuestAccess(t *testing.T) {
	for in, want := range map[string]string{
		"A0B1B346-4D3E-4E8B-98F8-753987BE4970": "same_as_members",
		"10dae51f-b6af-4016-8d66-8c2a99b929b3": "limited",
		"2af84b1e-32c8-42b7-82bc-daa82404023b": "restricted",
		"00000000-0000-0000-0000-000000000001": "00000000-0000-0000-0000-000000000001",
	} {
		if got := guestAccess(&in); got == nil || *got != want {
			t.Errorf("guestAccess(%q) = %v, want %q", in, got, want)
		}
	}
	if guestAccess(nil) != nil {
		t.Error("a null guestUserRoleId is null")
	}
}

type fakePolicies struct {
	authz    graph.AuthorizationPolicy
	requests graph.AdminConsentRequestPolicy
	authzErr error
	reqErr   error
}

func (f fakePolicies) GetAuthorizationPolicy(context.Context) (graph.AuthorizationPolicy, error) {
	return f.authz, f.authzErr
}

func (f fakePolicies) GetAdminConsentRequestPolicy(context.Context) (graph.AdminConsentRequestPolicy, error) {
	return f.requests, f.reqErr
}

func TestReadConsentSettingsKeepsWhatItCanRead(t *testing.T) {
	denied := &graph.Error{StatusCode: http.StatusForbidden, Code: "Authorization_RequestDenied", Method: "GET", Path: "/v1.0/policies/adminConsentRequestPolicy"}
	on := true
	s, err := ReadConsentSettings(t.Context(), fakePolicies{
		authz:  graph.AuthorizationPolicy{AllowedToCreateApps: &on, PermissionGrantPoliciesAssigned: []string{"ManagePermissionGrantsForSelf.microsoft-user-default-low"}},
		reqErr: denied,
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.UserConsent == nil || *s.UserConsent != UserConsentLowImpact || s.UsersCanRegisterApps == nil || !*s.UsersCanRegisterApps {
		t.Errorf("the authorization policy's part: %+v", s)
	}
	if s.AdminConsentRequestsEnabled != nil || s.AdminConsentReviewers != nil || s.AdminConsentRequestDurationDays != nil {
		t.Errorf("the refused part is not null: %+v", s)
	}
	if len(s.Unreadable) != 1 || !s.Unreadable[0].Denied || len(s.Notes) != 1 {
		t.Errorf("unreadable %+v, notes %q", s.Unreadable, s.Notes)
	}

	// No token at all is the one error.
	_, err = ReadConsentSettings(t.Context(), fakePolicies{authzErr: &graph.TokenError{}, reqErr: errors.New("x")})
	var te *graph.TokenError
	if !errors.As(err, &te) {
		t.Errorf("err = %v, want the token error", err)
	}
}

type fakeReport []graph.UserRegistrationDetails

func (f fakeReport) ListUserRegistrationDetails(_ context.Context, _ graph.RegistrationDetailsQuery, each func(graph.UserRegistrationDetails) error) error {
	for _, d := range f {
		if err := each(d); err != nil {
			return err
		}
	}
	return nil
}

// A report source that ignores the query still gives the right rows: the
// filters are applied again here.
func TestUserRegistrationsFilters(t *testing.T) {
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	report := fakeReport{
		{ID: "1", UserPrincipalName: s("root@Contoso.example"), UserType: s("member"), IsAdmin: b(true), IsMfaRegistered: b(false), MethodsRegistered: []string{"sms", "email"}},
		{ID: "2", UserPrincipalName: s("ann@contoso.example"), UserType: s("member"), IsAdmin: b(false), IsMfaRegistered: b(true)},
		{ID: "3", UserPrincipalName: s("g_x#EXT#@contoso.example"), UserType: s("guest"), IsAdmin: b(true), IsMfaRegistered: b(false)},
		{ID: "4", UserPrincipalName: s("bo@fabrikam.example"), UserType: s("member"), IsAdmin: nil, IsMfaRegistered: b(false)},
	}
	ids := func(f RegistrationFilter) []string {
		rows, err := UserRegistrations(t.Context(), report, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	no := false
	for _, c := range []struct {
		name string
		f    RegistrationFilter
		want []string
	}{
		{"members, sorted by UPN", RegistrationFilter{}, []string{"2", "4", "1"}},
		{"guests too", RegistrationFilter{IncludeGuests: true}, []string{"2", "4", "3", "1"}},
		{"without MFA", RegistrationFilter{MfaRegistered: &no}, []string{"4", "1"}},
		{"admins without MFA (null isAdmin is not one)", RegistrationFilter{MfaRegistered: &no, AdminsOnly: true}, []string{"1"}},
		{"one domain", RegistrationFilter{DomainNames: []string{"FABRIKAM.example"}}, []string{"4"}},
	} {
		if got := ids(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	rows, _ := UserRegistrations(t.Context(), report, RegistrationFilter{AdminsOnly: true})
	if !slices.Equal(rows[0].MethodsRegistered, []string{"email", "sms"}) {
		t.Errorf("methods not sorted: %v", rows[0].MethodsRegistered)
	}
}
