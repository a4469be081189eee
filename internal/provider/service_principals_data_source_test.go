package provider

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

const (
	discoveryOrgName   = "Contoso Test"
	discoveryVendor    = "b0000000-0000-4000-8000-000000000001"
	integratedAppTag   = "WindowsAzureActiveDirectoryIntegratedApp"
	customSSOTag       = "WindowsAzureActiveDirectoryCustomSingleSignOnApplication"
	msServicesTenantID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
	msCorpTenantID     = "72f988bf-86f1-41af-91ab-2d7cd011db47"
)

// discoveryApps are the test tenant's client applications: one that may read
// everything, one without Organization.Read.All, one without
// Application.Read.All.
func discoveryApps() []fakegraph.App {
	return []fakegraph.App{
		{ClientID: fakegraph.DemoClientID, DisplayName: "azuresaas tests",
			Secrets:     []fakegraph.Secret{{Value: fakegraph.DemoClientSecret}},
			Permissions: []string{"Application.Read.All", "Organization.Read.All"}},
		{ClientID: fakegraph.NoOrganizationClientID, DisplayName: "no organization",
			Secrets:     []fakegraph.Secret{{Value: fakegraph.NoOrganizationClientSecret}},
			Permissions: []string{"Application.Read.All"}},
		{ClientID: fakegraph.NoUsersClientID, DisplayName: "organization only",
			Secrets:     []fakegraph.Secret{{Value: fakegraph.NoUsersClientSecret}},
			Permissions: []string{"Organization.Read.All"}},
	}
}

// discoveryTenant has one service principal per rule of Application
// Discovery, named after it. Object ids are in Graph's paging order, not in
// display-name order.
func discoveryTenant() *fakegraph.Tenant {
	s := ptr[string]
	app := s("Application")
	own, vendor := s(fakegraph.DemoTenantID), s(discoveryVendor)
	sp := func(n int, name *string, f func(*fakegraph.ServicePrincipal)) fakegraph.ServicePrincipal {
		p := fakegraph.ServicePrincipal{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), AppID: fmt.Sprintf("a0000000-0000-4000-8000-%012d", n),
			DisplayName: name, AccountEnabled: ptr(true), ServicePrincipalType: app, Tags: []string{}, ReplyURLs: []string{}}
		f(&p)
		return p
	}
	return &fakegraph.Tenant{
		ID:          fakegraph.DemoTenantID,
		DisplayName: discoveryOrgName,
		Domains:     []fakegraph.Domain{{Name: "contoso.example", IsDefault: true, IsInitial: true, Type: "Managed", Capabilities: "Email"}},
		Apps:        discoveryApps(),
		ServicePrincipals: []fakegraph.ServicePrincipal{
			sp(1, s("Zoom OIDC"), func(p *fakegraph.ServicePrincipal) { // vendor, verified publisher, oidc, open access
				p.AppOwnerOrganizationID = vendor
				p.PreferredSingleSignOnMode = s("oidc")
				p.Tags = []string{integratedAppTag}
				p.VerifiedPublisher = fakegraph.VerifiedPublisher{DisplayName: s("Zoom Video Communications, Inc."), VerifiedPublisherID: s("5188012")}
			}),
			sp(2, s("Salesforce SAML"), func(p *fakegraph.ServicePrincipal) { // the tenant's own gallery SAML app
				p.AppOwnerOrganizationID = own
				p.AppRoleAssignmentRequired = true
				p.PreferredSingleSignOnMode = s("saml")
				p.Tags = []string{integratedAppTag, "WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1"}
				p.LoginURL = s("https://contoso.my.salesforce.com")
				p.Homepage = s("https://contoso.my.salesforce.com/home")
				p.ReplyURLs = []string{"https://contoso.my.salesforce.com"}
				p.SignInAudience = s("AzureADMyOrg")
				// Its SAML signing certificate: the Verify key whose
				// identifier is the preferred thumbprint (given in lower
				// case) ends 2027-03-01; the Sign key and an older
				// certificate's Verify key end on other days.
				thumb := []byte{0xda, 0x20, 0xfc, 0xa6, 0x96, 0xc4, 0xf8, 0x3e, 0x8a, 0x9a, 0xed, 0x59, 0xbe, 0x33, 0x36, 0x8e, 0xd4, 0x21, 0xf3, 0xc1}
				old := []byte("an older certificate")
				end := func(v string) *time.Time { t, _ := time.Parse(time.RFC3339, v); return &t }
				p.KeyCredentials = []fakegraph.KeyCredential{
					{KeyID: "k1", Type: "AsymmetricX509Cert", Usage: "Verify", CustomKeyIdentifier: old, EndDateTime: end("2026-01-01T00:00:00Z")},
					{KeyID: "k2", Type: "AsymmetricX509Cert", Usage: "Sign", CustomKeyIdentifier: thumb, EndDateTime: end("2027-03-02T00:00:00Z")},
					{KeyID: "k3", Type: "AsymmetricX509Cert", Usage: "Verify", CustomKeyIdentifier: thumb, EndDateTime: end("2027-03-01T12:00:00Z")},
				}
				p.PreferredTokenSigningKeyThumbprint = s("da20fca696c4f83e8a9aed59be33368ed421f3c1")
			}),
			sp(3, s("microsoft graph"), func(p *fakegraph.ServicePrincipal) { // first party (services tenant), lower case name
				p.AppOwnerOrganizationID = s(msServicesTenantID)
				p.ReplyURLs = []string{"https://graph.microsoft.com/"}
			}),
			sp(4, s("Power BI"), func(p *fakegraph.ServicePrincipal) { // first party (corporate tenant), enterprise app
				p.AppOwnerOrganizationID = s(msCorpTenantID)
				p.Tags = []string{integratedAppTag}
			}),
			sp(5, s("Teams Verified"), func(p *fakegraph.ServicePrincipal) { // first party with a verified publisher
				p.AppOwnerOrganizationID = s(msServicesTenantID)
				p.Tags = []string{integratedAppTag}
				p.VerifiedPublisher = fakegraph.VerifiedPublisher{DisplayName: s("Microsoft Corporation")}
			}),
			sp(6, s("Partner Portal"), func(p *fakegraph.ServicePrincipal) { // verified as the org, but for case and spaces
				p.AppOwnerOrganizationID = vendor
				p.AppRoleAssignmentRequired = true
				p.PreferredSingleSignOnMode = s("password")
				p.Tags = []string{integratedAppTag}
				p.VerifiedPublisher = fakegraph.VerifiedPublisher{DisplayName: s("  contoso TEST ")}
			}),
			sp(7, s("Custom SAML"), func(p *fakegraph.ServicePrincipal) { // null mode + reply URLs + custom SSO tag
				p.AppOwnerOrganizationID = own
				p.AppRoleAssignmentRequired = true
				p.Tags = []string{integratedAppTag, customSSOTag}
				p.ReplyURLs = []string{"https://custom.contoso.example/saml/acs"}
			}),
			sp(8, s("Intranet OAuth"), func(p *fakegraph.ServicePrincipal) { // null mode + reply URLs, no custom tag
				p.AppOwnerOrganizationID = own
				p.AppRoleAssignmentRequired = true
				p.ReplyURLs = []string{"https://intranet.contoso.example/signin-oidc"}
			}),
			sp(9, s("Disabled Vendor"), func(p *fakegraph.ServicePrincipal) { // unverified vendor: publisher null; disabled
				p.AppOwnerOrganizationID = vendor
				p.AccountEnabled = ptr(false)
				p.PreferredSingleSignOnMode = s("notSupported")
				p.Tags = []string{integratedAppTag}
				p.ReplyURLs = []string{"https://vendor.example/callback"}
			}),
			sp(10, s("mi-payroll"), func(p *fakegraph.ServicePrincipal) { // managed identity: no owner
				p.ServicePrincipalType = s("ManagedIdentity")
			}),
			sp(11, nil, func(p *fakegraph.ServicePrincipal) { // every nullable property null
				p.AccountEnabled, p.ServicePrincipalType = nil, nil
			}),
			sp(12, s("SALESFORCE SAML"), func(p *fakegraph.ServicePrincipal) { // ties "Salesforce SAML" on the name and sorts after it by id (against the byte order of the names)
				p.AppOwnerOrganizationID = own
				p.PreferredSingleSignOnMode = s("saml")
				p.Tags = []string{integratedAppTag}
			}),
		},
	}
}

// discoveryOutputs name the apps each flag selects; an app without a
// display name is "<null>".
const discoveryOutputs = `
locals {
  sps = data.azuresaas_service_principals.test.service_principals
}
output "names"           { value = [for sp in local.sps : coalesce(sp.display_name, "<null>")] }
output "first_party"     { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.first_party] }
output "enterprise_app"  { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.enterprise_app] }
output "open_access"     { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.open_access] }
output "sso_integration" { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.sso_integration == true] }
output "oauth2"          { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.oauth2_integration] }
output "disabled"        { value = [for sp in local.sps : coalesce(sp.display_name, "<null>") if sp.account_enabled == false] }
output "publishers"      { value = { for sp in local.sps : coalesce(sp.display_name, "<null>") => sp.publisher } }
output "sso_modes"       { value = { for sp in local.sps : coalesce(sp.display_name, "<null>") => sp.sso_mode } }
`

func stringList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(checks)
}

// nullableMap checks a map whose "" values are null.
func nullableMap(m map[string]string) knownvalue.Check {
	checks := make(map[string]knownvalue.Check, len(m))
	for k, v := range m {
		if v == "" {
			checks[k] = knownvalue.Null()
		} else {
			checks[k] = knownvalue.StringExact(v)
		}
	}
	return knownvalue.MapExact(checks)
}

func providerBlockAs(server *fakegraph.Server, clientID, secret string) string {
	return fmt.Sprintf(`
provider "azuresaas" {
  tenant_id      = %q
  client_id      = %q
  client_secret  = %q
  graph_endpoint = %q
  authority_host = %q
}
`, server.Tenant().ID, clientID, secret, server.URL(), server.URL())
}

func TestServicePrincipalsDataSourceDerivedAttributes(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	output := statecheck.ExpectKnownOutputValue
	ds := "data.azuresaas_service_principals.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_service_principals" "test" {}` + discoveryOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				output("names", stringList("<null>", "Custom SAML", "Disabled Vendor", "Intranet OAuth", "mi-payroll", "microsoft graph",
					"Partner Portal", "Power BI", "Salesforce SAML", "SALESFORCE SAML", "Teams Verified", "Zoom OIDC")),
				output("first_party", stringList("microsoft graph", "Power BI", "Teams Verified")),
				output("enterprise_app", stringList("Custom SAML", "Disabled Vendor", "Partner Portal", "Power BI", "Salesforce SAML",
					"SALESFORCE SAML", "Teams Verified", "Zoom OIDC")),
				output("open_access", stringList("<null>", "Disabled Vendor", "mi-payroll", "microsoft graph", "Power BI", "SALESFORCE SAML",
					"Teams Verified", "Zoom OIDC")),
				output("sso_integration", stringList("Custom SAML", "Intranet OAuth", "Partner Portal", "Salesforce SAML", "SALESFORCE SAML")),
				output("oauth2", stringList("Intranet OAuth", "microsoft graph", "Zoom OIDC")),
				output("disabled", stringList("Disabled Vendor")),
				output("publishers", nullableMap(map[string]string{
					"<null>": "", "Custom SAML": discoveryOrgName, "Disabled Vendor": "", "Intranet OAuth": discoveryOrgName,
					"microsoft graph": "Microsoft", "mi-payroll": "", "Partner Portal": "  contoso TEST ", "Power BI": "Microsoft",
					"SALESFORCE SAML": discoveryOrgName, "Salesforce SAML": discoveryOrgName, "Teams Verified": "Microsoft Corporation",
					"Zoom OIDC": "Zoom Video Communications, Inc.",
				})),
				output("sso_modes", nullableMap(map[string]string{
					"<null>": "", "Custom SAML": "", "Disabled Vendor": "notSupported", "Intranet OAuth": "", "microsoft graph": "",
					"mi-payroll": "", "Partner Portal": "password", "Power BI": "", "SALESFORCE SAML": "saml", "Salesforce SAML": "saml",
					"Teams Verified": "", "Zoom OIDC": "oidc",
				})),
				// The app without a display name sorts first; what Graph
				// sends as null stays null, lists are empty.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principals").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                        knownvalue.StringExact("00000000-0000-4000-8000-000000000011"),
					"app_id":                    knownvalue.StringExact("a0000000-0000-4000-8000-000000000011"),
					"display_name":              knownvalue.Null(),
					"publisher":                 knownvalue.Null(),
					"app_owner_organization_id": knownvalue.Null(),
					"first_party":               knownvalue.Bool(false),
					"enterprise_app":            knownvalue.Bool(false),
					"account_enabled":           knownvalue.Null(),
					"service_principal_type":    knownvalue.Null(),
					"sign_in_audience":          knownvalue.Null(),
					"tags":                      knownvalue.ListExact([]knownvalue.Check{}),
					"homepage":                  knownvalue.Null(),
					"login_url":                 knownvalue.Null(),
					"reply_urls":                knownvalue.ListExact([]knownvalue.Check{}),
					"sso_mode":                  knownvalue.Null(),
					"open_access":               knownvalue.Bool(true),
					"sso_integration":           knownvalue.Bool(false),
					"oauth2_integration":        knownvalue.Bool(false),
					"saml_certificate_expires":  knownvalue.Null(),
					"owners":                    knownvalue.Null(),
				})),
				// Salesforce SAML (before "SALESFORCE SAML": same name but for case, lower id): every pass-through property.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principals").AtSliceIndex(8), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                        knownvalue.StringExact("00000000-0000-4000-8000-000000000002"),
					"app_id":                    knownvalue.StringExact("a0000000-0000-4000-8000-000000000002"),
					"display_name":              knownvalue.StringExact("Salesforce SAML"),
					"publisher":                 knownvalue.StringExact(discoveryOrgName),
					"app_owner_organization_id": knownvalue.StringExact(fakegraph.DemoTenantID),
					"first_party":               knownvalue.Bool(false),
					"enterprise_app":            knownvalue.Bool(true),
					"account_enabled":           knownvalue.Bool(true),
					"service_principal_type":    knownvalue.StringExact("Application"),
					"sign_in_audience":          knownvalue.StringExact("AzureADMyOrg"),
					"tags":                      stringList(integratedAppTag, "WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1"),
					"homepage":                  knownvalue.StringExact("https://contoso.my.salesforce.com/home"),
					"login_url":                 knownvalue.StringExact("https://contoso.my.salesforce.com"),
					"reply_urls":                stringList("https://contoso.my.salesforce.com"),
					"sso_mode":                  knownvalue.StringExact("saml"),
					"open_access":               knownvalue.Bool(false),
					"sso_integration":           knownvalue.Bool(true),
					"oauth2_integration":        knownvalue.Bool(false),
					"saml_certificate_expires":  knownvalue.StringExact("2027-03-01T12:00:00Z"),
					"owners":                    knownvalue.Null(),
				})),
			},
		}},
	})
}

func TestServicePrincipalsDataSourceFilters(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	cases := []struct {
		name string
		args string
		want []string
	}{
		{"exclude_first_party drops both Microsoft tenants", `exclude_first_party = true`,
			[]string{"<null>", "Custom SAML", "Disabled Vendor", "Intranet OAuth", "mi-payroll", "Partner Portal", "Salesforce SAML",
				"SALESFORCE SAML", "Zoom OIDC"}},
		{"enterprise_apps_only keeps the tagged apps", `enterprise_apps_only = true`,
			[]string{"Custom SAML", "Disabled Vendor", "Partner Portal", "Power BI", "Salesforce SAML", "SALESFORCE SAML", "Teams Verified", "Zoom OIDC"}},
		{"both", "exclude_first_party = true\nenterprise_apps_only = true",
			[]string{"Custom SAML", "Disabled Vendor", "Partner Portal", "Salesforce SAML", "SALESFORCE SAML", "Zoom OIDC"}},
		{"explicit false is the default", "exclude_first_party = false\nenterprise_apps_only = false",
			[]string{"<null>", "Custom SAML", "Disabled Vendor", "Intranet OAuth", "mi-payroll", "microsoft graph",
				"Partner Portal", "Power BI", "Salesforce SAML", "SALESFORCE SAML", "Teams Verified", "Zoom OIDC"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerBlock(server) + fmt.Sprintf("data \"azuresaas_service_principals\" \"test\" {\n%s\n}\n", c.args) + discoveryOutputs,
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("names", stringList(c.want...))},
				}},
			})
		})
	}
}

// TestServicePrincipalsDataSourceReadsEveryPage lists 2,100 apps: three
// pages of at most 999, every app once, in display-name order.
func TestServicePrincipalsDataSourceReadsEveryPage(t *testing.T) {
	clearCredentialEnv(t)
	const n = 2100
	tenant := fakegraph.GenerateTenant(7, 0)
	tenant.Apps = discoveryApps()
	tenant.ServicePrincipals = fakegraph.GenerateServicePrincipals(7, n)
	firstParty := 0
	for _, sp := range tenant.ServicePrincipals {
		if o := sp.AppOwnerOrganizationID; o != nil && (*o == msServicesTenantID || *o == msCorpTenantID) {
			firstParty++
		}
	}
	if firstParty == 0 || firstParty == n {
		t.Fatalf("generated tenant has %d first-party apps of %d: no variety", firstParty, n)
	}
	server := startGraph(t, tenant)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlockAs(server, fakegraph.DemoClientID, fakegraph.DemoClientSecret) + `
data "azuresaas_service_principals" "all" {}
locals {
  sps   = data.azuresaas_service_principals.all.service_principals
  names = [for sp in local.sps : lower(sp.display_name)]
}
output "count"       { value = length(local.sps) }
output "unique_ids"  { value = length(distinct([for sp in local.sps : sp.id])) }
output "third_party" { value = length([for sp in local.sps : sp.id if !sp.first_party]) }
output "sorted"      { value = jsonencode(local.names) == jsonencode(sort(local.names)) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(n)),
				statecheck.ExpectKnownOutputValue("unique_ids", knownvalue.Int64Exact(n)),
				statecheck.ExpectKnownOutputValue("third_party", knownvalue.Int64Exact(int64(n-firstParty))),
				statecheck.ExpectKnownOutputValue("sorted", knownvalue.Bool(true)),
			},
		}},
	})

	// Every read asks for 999 a page, without publisherName, and follows two
	// next links (999 + 999 + 102).
	reads, nextPages := 0, 0
	for _, r := range server.Requests() {
		if r.Path != "/v1.0/servicePrincipals" || r.Status != 200 {
			continue
		}
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Has("$skiptoken") {
			nextPages++
			continue
		}
		reads++
		if sel := q.Get("$select"); q.Get("$top") != "999" || strings.Contains(sel, "publisherName") || !strings.Contains(sel, "verifiedPublisher") {
			t.Fatalf("query %q: want $top=999 and $select with verifiedPublisher, never publisherName", r.RawQuery)
		}
	}
	if reads == 0 || nextPages != 2*reads {
		t.Fatalf("%d reads followed %d next links, want 2 each", reads, nextPages)
	}
}

func TestServicePrincipalsDataSourceMissingApplicationPermission(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlockAs(server, fakegraph.NoUsersClientID, fakegraph.NoUsersClientSecret) +
				`data "azuresaas_service_principals" "test" {}`,
			ExpectError: messagePattern(`(?s)Cannot Read Service Principals From Microsoft Graph.*servicePrincipals.*Authorization_RequestDenied.*Application\.Read\.All.*admin consent`),
		}},
	})
}

func TestServicePrincipalsDataSourceOrganizationServerErrorIsAnError(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	server.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/organization", Status: 500, Times: -1})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerBlock(server) + `data "azuresaas_service_principals" "test" {}`,
			ExpectError: messagePattern(`(?s)Cannot Read Service Principals From Microsoft Graph.*organization.*HTTP 500`),
		}},
	})
}

// TestServicePrincipalsDataSourceWithoutOrganizationPermission: Terraform
// gets the apps, with sso_integration null; the publisher of the tenant's
// own apps is unknown, Microsoft's and verified ones are kept.
func TestServicePrincipalsDataSourceWithoutOrganizationPermission(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlockAs(server, fakegraph.NoOrganizationClientID, fakegraph.NoOrganizationClientSecret) +
				`data "azuresaas_service_principals" "test" {}` + discoveryOutputs + `
output "sso_integration_null" { value = distinct([for sp in local.sps : sp.sso_integration == null]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", stringList("<null>", "Custom SAML", "Disabled Vendor", "Intranet OAuth", "mi-payroll",
					"microsoft graph", "Partner Portal", "Power BI", "Salesforce SAML", "SALESFORCE SAML", "Teams Verified", "Zoom OIDC")),
				statecheck.ExpectKnownOutputValue("sso_integration_null", knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true)})),
				statecheck.ExpectKnownOutputValue("oauth2", stringList("Intranet OAuth", "microsoft graph", "Zoom OIDC")),
				statecheck.ExpectKnownOutputValue("publishers", nullableMap(map[string]string{
					"<null>": "", "Custom SAML": "", "Disabled Vendor": "", "Intranet OAuth": "",
					"microsoft graph": "Microsoft", "mi-payroll": "", "Partner Portal": "  contoso TEST ", "Power BI": "Microsoft",
					"SALESFORCE SAML": "", "Salesforce SAML": "", "Teams Verified": "Microsoft Corporation",
					"Zoom OIDC": "Zoom Video Communications, Inc.",
				})),
			},
		}},
	})
}

// TestServicePrincipalsOrganizationWarning reads the data source through
// the provider's protocol server, as Terraform does, and asserts the
// warning diagnostic Terraform shows (terraform-plugin-testing cannot
// assert warnings).
func TestServicePrincipalsOrganizationWarning(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, discoveryTenant())
	cases := []struct {
		name               string
		clientID, secret   string
		wantWarning        bool
		wantSSOIntegration bool // non-null
	}{
		{"without Organization.Read.All: a warning naming it", fakegraph.NoOrganizationClientID, fakegraph.NoOrganizationClientSecret, true, false},
		{"with Organization.Read.All: no warning", fakegraph.DemoClientID, fakegraph.DemoClientSecret, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			diags, apps := readDataSourceThroughProtocol(t, map[string]tftypes.Value{
				"tenant_id":      tftypes.NewValue(tftypes.String, fakegraph.DemoTenantID),
				"client_id":      tftypes.NewValue(tftypes.String, c.clientID),
				"client_secret":  tftypes.NewValue(tftypes.String, c.secret),
				"graph_endpoint": tftypes.NewValue(tftypes.String, server.URL()),
				"authority_host": tftypes.NewValue(tftypes.String, server.URL()),
			}, "azuresaas_service_principals")

			var warnings []*tfprotov6.Diagnostic
			for _, d := range diags {
				switch d.Severity {
				case tfprotov6.DiagnosticSeverityError:
					t.Fatalf("error: %s: %s", d.Summary, d.Detail)
				case tfprotov6.DiagnosticSeverityWarning:
					warnings = append(warnings, d)
				}
			}
			if len(apps) != 12 {
				t.Fatalf("got %d service principals, want 12", len(apps))
			}
			for _, app := range apps {
				if got := !app["sso_integration"].IsNull(); got != c.wantSSOIntegration {
					t.Fatalf("sso_integration known = %v, want %v", got, c.wantSSOIntegration)
				}
			}
			if !c.wantWarning {
				if len(warnings) != 0 {
					t.Fatalf("unexpected warnings: %s", warnings[0].Detail)
				}
				return
			}
			if len(warnings) != 1 {
				t.Fatalf("got %d warnings, want 1", len(warnings))
			}
			w := warnings[0]
			if w.Summary != "Organization Not Readable: sso_integration Is Null" {
				t.Fatalf("summary = %q", w.Summary)
			}
			for _, want := range []string{
				"Microsoft Graph refused GET /v1.0/organization (HTTP 403 Authorization_RequestDenied; request-id ",
				"sso_integration is null for every application",
				"grant the application permission Organization.Read.All to the app registration and grant admin consent",
			} {
				if !strings.Contains(w.Detail, want) {
					t.Fatalf("warning detail %q does not contain %q", w.Detail, want)
				}
			}
		})
	}
}

// readDataSourceThroughProtocol configures the provider and reads a data
// source with no arguments through the protocol 6 server, returning the
// read's diagnostics and the elements of its single list attribute.
func readDataSourceThroughProtocol(t *testing.T, providerConfig map[string]tftypes.Value, typeName string) ([]*tfprotov6.Diagnostic, []map[string]tftypes.Value) {
	t.Helper()
	return readDataSourceWithConfig(t, New("test"), providerConfig, typeName, nil)
}

// readDataSourceWithConfig configures the provider and reads one data source
// through the provider's protocol-6 server, as Terraform does, returning
// every diagnostic (terraform-plugin-testing cannot assert warnings) and
// the elements of the data source's list attribute.
func readDataSourceWithConfig(t *testing.T, newProvider func() provider.Provider, providerConfig map[string]tftypes.Value,
	typeName string, dataSourceConfig map[string]tftypes.Value) ([]*tfprotov6.Diagnostic, []map[string]tftypes.Value) {
	t.Helper()
	ctx := t.Context()
	server, err := serveForTests(newProvider)()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerType, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	dsSchema, ok := schemas.DataSourceSchemas[typeName]
	if !ok {
		t.Fatalf("no data source %s", typeName)
	}
	dsType, ok := dsSchema.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("the schema of %s is not an object", typeName)
	}

	configure, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0",
		Config:           dynamicValue(t, providerType, providerConfig),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range configure.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("configure: %s: %s", d.Summary, d.Detail)
		}
	}

	read, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: dynamicValue(t, dsType, dataSourceConfig)})
	if err != nil {
		t.Fatal(err)
	}
	if read.State == nil {
		return read.Diagnostics, nil
	}
	state, err := read.State.Unmarshal(dsType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var out []map[string]tftypes.Value
	for name, v := range attrs {
		if _, isList := dsType.AttributeTypes[name].(tftypes.List); !isList || v.IsNull() {
			continue
		}
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			t.Fatal(err)
		}
		for _, e := range elems {
			var obj map[string]tftypes.Value
			if err := e.As(&obj); err != nil {
				t.Fatal(err)
			}
			out = append(out, obj)
		}
	}
	return read.Diagnostics, out
}

// dynamicValue is an object of type typ with the given attributes, every
// other attribute null.
func dynamicValue(t *testing.T, typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	attrs := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			attrs[name] = v
		} else {
			attrs[name] = tftypes.NewValue(at, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}
