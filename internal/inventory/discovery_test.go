package inventory

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

const (
	ownTenant     = "11111111-2222-3333-4444-555555555555"
	msServices    = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
	msCorporate   = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	vendorTenant  = "99999999-8888-7777-6666-555555555555"
	northwindName = "Northwind Traders"
)

var northwind = KnownOwner(ownTenant, str(northwindName))

func TestFirstPartyUsesBothMicrosoftTenants(t *testing.T) {
	cases := []struct {
		name  string
		owner *string
		want  bool
	}{
		{"Microsoft services tenant", str(msServices), true},
		{"Microsoft corporate tenant", str(msCorporate), true},
		{"upper case", str("F8CDEF31-A31E-4B4A-93E4-5F571E91255A"), true},
		{"the tenant itself", str(ownTenant), false},
		{"a vendor", str(vendorTenant), false},
		{"null owner (managed identity)", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsFirstParty(c.owner); got != c.want {
				t.Fatalf("IsFirstParty(%v) = %v, want %v", deref(c.owner), got, c.want)
			}
		})
	}
}

func TestPublisher(t *testing.T) {
	cases := []struct {
		name     string
		verified *string
		owner    *string
		org      Owner
		want     *string
	}{
		{"verified publisher wins over own tenant", str("Contoso Ltd"), str(ownTenant), northwind, str("Contoso Ltd")},
		{"verified publisher wins over Microsoft", str("Microsoft Corporation"), str(msServices), northwind, str("Microsoft Corporation")},
		{"verified publisher of a vendor", str("Zoom Video Communications, Inc."), str(vendorTenant), northwind, str("Zoom Video Communications, Inc.")},
		{"verified name kept as sent (spaces)", str("  northwind TRADERS "), str(vendorTenant), northwind, str("  northwind TRADERS ")},
		{"blank verified publisher is not set", str("  "), str(ownTenant), northwind, str(northwindName)},
		{"own tenant gets the organization's name", nil, str(ownTenant), northwind, str(northwindName)},
		{"own tenant, owner id in upper case", nil, str("ABCDEF00-2222-3333-4444-555555555555"), KnownOwner("abcdef00-2222-3333-4444-555555555555", str(northwindName)), str(northwindName)},
		{"own tenant, organization unreadable", nil, str(ownTenant), Owner{}, nil},
		{"own tenant, organization without a name", nil, str(ownTenant), KnownOwner(ownTenant, nil), nil},
		{"first party, services tenant", nil, str(msServices), northwind, str("Microsoft")},
		{"first party, corporate tenant", nil, str(msCorporate), northwind, str("Microsoft")},
		{"first party, organization unreadable", nil, str(msServices), Owner{}, str("Microsoft")},
		{"unverified vendor", nil, str(vendorTenant), northwind, nil},
		{"no owner", nil, nil, northwind, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Publisher(c.verified, c.owner, c.org)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Publisher = %v, want %v", fmtPtr(got), fmtPtr(c.want))
			}
		})
	}
}

func TestSamePublisherNameIsTrimmedAndCaseInsensitive(t *testing.T) {
	cases := []struct {
		name           string
		publisher, org *string
		want           bool
	}{
		{"equal", str("Northwind Traders"), str("Northwind Traders"), true},
		{"case and surrounding spaces only", str("  northwind TRADERS "), str("Northwind Traders"), true},
		{"organization name with spaces", str("Northwind Traders"), str(" NORTHWIND traders\t"), true},
		{"inner spaces differ", str("Northwind  Traders"), str("Northwind Traders"), false},
		{"different name", str("Microsoft"), str("Northwind Traders"), false},
		{"null publisher", nil, str("Northwind Traders"), false},
		{"null organization name", str("Northwind Traders"), nil, false},
		{"both blank", str(" "), str(""), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SamePublisherName(c.publisher, c.org); got != c.want {
				t.Fatalf("SamePublisherName(%q, %q) = %v, want %v", deref(c.publisher), deref(c.org), got, c.want)
			}
		})
	}
}

func TestOAuth2Integration(t *testing.T) {
	reply := []string{"https://app.example/callback"}
	cases := []struct {
		name  string
		mode  *string
		reply []string
		tags  []string
		want  bool
	}{
		{"oidc", str("oidc"), nil, nil, true},
		{"oidc with the custom SSO tag", str("oidc"), reply, []string{TagCustomSSO}, true},
		{"saml with reply URLs", str("saml"), reply, nil, false},
		{"password with reply URLs", str("password"), reply, nil, false},
		{"notSupported with reply URLs", str("notSupported"), reply, nil, false},
		{"null mode with reply URLs", nil, reply, []string{TagIntegratedApp}, true},
		{"null mode, reply URLs, custom SSO tag", nil, reply, []string{TagIntegratedApp, TagCustomSSO}, false},
		{"null mode, reply URLs, custom SSO tag in other case", nil, reply, []string{"windowsazureactivedirectorycustomsinglesignonapplication"}, false},
		{"null mode without reply URLs", nil, []string{}, nil, false},
		{"empty mode counts as null", str(""), reply, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsOAuth2Integration(c.mode, c.reply, c.tags); got != c.want {
				t.Fatalf("IsOAuth2Integration = %v, want %v", got, c.want)
			}
		})
	}
}

func TestApplicationFrom(t *testing.T) {
	yes, no := true, false
	cases := []struct {
		name string
		sp   graph.ServicePrincipal
		org  Owner
		want func(a Application) error
	}{
		{"enterprise app tag and open access",
			graph.ServicePrincipal{ID: "1", Tags: []string{TagIntegratedApp}, AppRoleAssignmentRequired: false}, northwind,
			func(a Application) error {
				return expect(a.EnterpriseApp && a.OpenAccess, "enterprise_app and open_access")
			}},
		{"no tag, assignment required",
			graph.ServicePrincipal{ID: "1", Tags: []string{"HideApp"}, AppRoleAssignmentRequired: true}, northwind,
			func(a Application) error { return expect(!a.EnterpriseApp && !a.OpenAccess, "neither") }},
		{"own tenant: sso_integration true",
			graph.ServicePrincipal{ID: "1", AppOwnerOrganizationID: str(ownTenant)}, northwind,
			func(a Application) error {
				return expect(reflect.DeepEqual(a.SSOIntegration, &yes), "sso_integration true")
			}},
		{"verified publisher named like the organization: sso_integration true",
			graph.ServicePrincipal{ID: "1", AppOwnerOrganizationID: str(vendorTenant),
				VerifiedPublisher: graph.VerifiedPublisher{DisplayName: str(" NORTHWIND traders  ")}}, northwind,
			func(a Application) error {
				return expect(reflect.DeepEqual(a.SSOIntegration, &yes), "sso_integration true")
			}},
		{"first party: sso_integration false",
			graph.ServicePrincipal{ID: "1", AppOwnerOrganizationID: str(msServices)}, northwind,
			func(a Application) error {
				return expect(a.FirstParty && reflect.DeepEqual(a.SSOIntegration, &no), "first party, sso_integration false")
			}},
		{"organization unreadable: sso_integration null",
			graph.ServicePrincipal{ID: "1", AppOwnerOrganizationID: str(ownTenant)}, Owner{},
			func(a Application) error { return expect(a.SSOIntegration == nil && a.Publisher == nil, "null") }},
		{"null properties stay null, lists become empty",
			graph.ServicePrincipal{ID: "1", AppID: "2"}, northwind,
			func(a Application) error {
				return expect(a.DisplayName == nil && a.SSOMode == nil && a.AccountEnabled == nil && a.Homepage == nil &&
					a.LoginURL == nil && a.SignInAudience == nil && a.ServicePrincipalType == nil &&
					a.Tags != nil && len(a.Tags) == 0 && a.ReplyURLs != nil && len(a.ReplyURLs) == 0, "nulls and empty lists")
			}},
		{"pass-through properties",
			graph.ServicePrincipal{ID: "1", AppID: "2", DisplayName: str("App"), AccountEnabled: &no, PreferredSingleSignOnMode: str("saml"),
				ServicePrincipalType: str("Application"), SignInAudience: str("AzureADMyOrg"), Homepage: str("https://h"), LoginURL: str("https://l"),
				ReplyURLs: []string{"https://r"}, Tags: []string{"t"}}, northwind,
			func(a Application) error {
				return expect(a.ID == "1" && a.AppID == "2" && *a.DisplayName == "App" && !*a.AccountEnabled && *a.SSOMode == "saml" &&
					*a.ServicePrincipalType == "Application" && *a.SignInAudience == "AzureADMyOrg" && *a.Homepage == "https://h" &&
					*a.LoginURL == "https://l" && reflect.DeepEqual(a.ReplyURLs, []string{"https://r"}) && reflect.DeepEqual(a.Tags, []string{"t"}) &&
					!a.OAuth2Integration, "every property passed through")
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.want(ApplicationFrom(c.sp, c.org)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func expect(ok bool, what string) error {
	if !ok {
		return fmt.Errorf("expected %s", what)
	}
	return nil
}

func fmtPtr(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", *s)
}

// fakeDiscovery serves service principals and an organization, or errors.
type fakeDiscovery struct {
	sps     []graph.ServicePrincipal
	org     graph.Organization
	orgErr  error
	listErr error
}

func (f fakeDiscovery) ListServicePrincipals(_ context.Context, each func(graph.ServicePrincipal) error) error {
	if f.listErr != nil {
		return f.listErr
	}
	for _, sp := range f.sps {
		if err := each(sp); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeDiscovery) GetOrganization(context.Context) (graph.Organization, error) {
	return f.org, f.orgErr
}

func discoveryApps() []graph.ServicePrincipal {
	integrated := []string{TagIntegratedApp}
	return []graph.ServicePrincipal{
		{ID: "b", DisplayName: str("zoom"), AppOwnerOrganizationID: str(vendorTenant), Tags: integrated},
		{ID: "a", DisplayName: str("Graph"), AppOwnerOrganizationID: str(msServices)},
		{ID: "c", DisplayName: str("Teams"), AppOwnerOrganizationID: str(msCorporate), Tags: integrated},
		{ID: "e", DisplayName: str("Salesforce"), AppOwnerOrganizationID: str(ownTenant), Tags: integrated},
		{ID: "d", DisplayName: str("salesforce"), AppOwnerOrganizationID: str(ownTenant)},
		{ID: "g", DisplayName: str("salesforce"), AppOwnerOrganizationID: str(vendorTenant)},
		{ID: "f", DisplayName: nil, ServicePrincipalType: str("ManagedIdentity")},
	}
}

func ids(apps []Application) []string {
	out := make([]string, 0, len(apps))
	for _, a := range apps {
		out = append(out, a.ID)
	}
	return out
}

func TestDiscoverApplicationsFiltersAndSorts(t *testing.T) {
	org := graph.Organization{ID: ownTenant, DisplayName: str(northwindName)}
	cases := []struct {
		name   string
		filter DiscoveryFilter
		want   []string
	}{
		// null name first, then case-insensitive; names equal but for case
		// by id, as documented (not by spelling: "Salesforce" e after d)
		{"all", DiscoveryFilter{}, []string{"f", "a", "d", "e", "g", "c", "b"}},
		{"exclude first party (both Microsoft tenants)", DiscoveryFilter{ExcludeFirstParty: true}, []string{"f", "d", "e", "g", "b"}},
		{"enterprise apps only", DiscoveryFilter{EnterpriseAppsOnly: true}, []string{"e", "c", "b"}},
		{"both", DiscoveryFilter{ExcludeFirstParty: true, EnterpriseAppsOnly: true}, []string{"e", "b"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DiscoverApplications(t.Context(), fakeDiscovery{sps: discoveryApps(), org: org}, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(d.Applications); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("ids = %v, want %v", got, c.want)
			}
			if d.OrganizationDenied != nil {
				t.Fatalf("OrganizationDenied = %v", d.OrganizationDenied)
			}
		})
	}
}

func TestDiscoverApplicationsOrganizationErrors(t *testing.T) {
	denied := &graph.Error{StatusCode: 403, Code: "Authorization_RequestDenied", Method: "GET", Path: "/v1.0/organization", Permission: "Organization.Read.All"}
	serverError := &graph.Error{StatusCode: 500, Code: "generalException", Method: "GET", Path: "/v1.0/organization"}
	listDenied := &graph.Error{StatusCode: 403, Code: "Authorization_RequestDenied", Method: "GET", Path: "/v1.0/servicePrincipals", Permission: "Application.Read.All"}

	t.Run("403 on the organization: apps without sso_integration", func(t *testing.T) {
		d, err := DiscoverApplications(t.Context(), fakeDiscovery{sps: discoveryApps(), orgErr: fmt.Errorf("wrapped: %w", denied)}, DiscoveryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if d.OrganizationDenied != denied {
			t.Fatalf("OrganizationDenied = %v, want the 403", d.OrganizationDenied)
		}
		if len(d.Applications) != 7 {
			t.Fatalf("got %d apps, want 7", len(d.Applications))
		}
		for _, a := range d.Applications {
			if a.SSOIntegration != nil {
				t.Fatalf("%s: sso_integration = %v, want null", a.ID, *a.SSOIntegration)
			}
		}
	})
	t.Run("any other organization failure is an error", func(t *testing.T) {
		_, err := DiscoverApplications(t.Context(), fakeDiscovery{sps: discoveryApps(), orgErr: serverError}, DiscoveryFilter{})
		if !errors.Is(err, serverError) {
			t.Fatalf("err = %v, want the 500", err)
		}
		_, err = DiscoverApplications(t.Context(), fakeDiscovery{sps: discoveryApps(), orgErr: context.DeadlineExceeded}, DiscoveryFilter{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the deadline", err)
		}
	})
	t.Run("403 on service principals is an error, even with the organization denied", func(t *testing.T) {
		_, err := DiscoverApplications(t.Context(), fakeDiscovery{orgErr: denied, listErr: listDenied}, DiscoveryFilter{})
		if !errors.Is(err, listDenied) {
			t.Fatalf("err = %v, want the list's 403", err)
		}
	})
}
