package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// The sign-in tests shrink Graph's reports budget (5 per 10 s) to 5 per
// 300 ms, in the provider and in the fake Graph alike, so that pacing is
// exercised without slowing the suite.
var (
	signInTestBudget = graph.ReportsBudget{Requests: 5, Window: 300 * time.Millisecond, Margin: 50 * time.Millisecond}
	// A new server per call: Terraform starts one per provider
	// configuration (aliases included), each with its own settings.
	signInTestProviders = map[string]func() (tfprotov6.ProviderServer, error){
		"azuresaas": serveForTests(NewWithOptions("test", WithReportsBudget(signInTestBudget))),
	}
)

// startSignInGraph serves tenant with the shrunk reports throttle and fails
// the test if any request was throttled: pacing must keep to the budget.
func startSignInGraph(t *testing.T, tenant *fakegraph.Tenant) *fakegraph.Server {
	t.Helper()
	server := startGraph(t, tenant)
	server.SetReportsThrottle(signInTestBudget.Requests, signInTestBudget.Window)
	t.Cleanup(func() {
		if n := server.ReportsThrottled(); n != 0 {
			t.Errorf("the fake Graph throttled %d sign-in requests; pacing should have kept to the budget", n)
		}
	})
	return server
}

const (
	appAlpha = "a0000000-0000-4000-8000-00000000000a" // "Alpha CRM"
	appBeta  = "b0000000-0000-4000-8000-00000000000b" // "Beta Chat"
	userAnn  = "00000000-0000-0000-0000-00000000000a"
	userBen  = "00000000-0000-0000-0000-00000000000b"
	userEve  = "00000000-0000-0000-0000-00000000000e" // a guest
	userGone = "00000000-0000-0000-0000-0000000000ff" // deleted from the directory
)

// signInID is the id of sign-in n of signInTenant.
func signInID(n int) string { return fmt.Sprintf("51000000-0000-4000-8000-%012d", n) }

// signInTenant has eight sign-ins, base+1h ... base+8h, each showing a rule:
//
//	1 ann→Alpha ok  Seattle, WA, US        5 ben→Alpha ok  Toronto, ON, CA
//	2 ann→Alpha ok  Lyon, FR (newest ok)   6 ben→Beta  FAILED (his only one)
//	3 ann→Alpha FAILED, newer than 2       7 eve→Beta  ok  London, GB (guest)
//	4 ann→Beta  ok  no location            8 gone→Alpha ok (user deleted)
func signInTenant(base time.Time) *fakegraph.Tenant {
	tenant := rosterTenant()
	tenant.Users = []fakegraph.User{
		{ID: userAnn, UserPrincipalName: "Ann@contoso.example", Mail: ptr("ann@contoso.example"), UserType: ptr("Member")},
		{ID: userBen, UserPrincipalName: "ben@fabrikam.example", Mail: ptr("ben@fabrikam.example"), UserType: ptr("Member")},
		{ID: userEve, UserPrincipalName: "eve_partner.example#EXT#@contoso.onmicrosoft.example", Mail: ptr("eve@partner.example"), UserType: ptr("Guest")},
	}
	all := []string{"User.Read.All", "Organization.Read.All", "AuditLog.Read.All", "Directory.Read.All"}
	tenant.Apps = []fakegraph.App{
		{ClientID: fakegraph.DemoClientID, Secrets: []fakegraph.Secret{{Value: fakegraph.DemoClientSecret}}, Permissions: all},
		{ClientID: fakegraph.NoUsersClientID, Secrets: []fakegraph.Secret{{Value: fakegraph.NoUsersClientSecret}}, Permissions: []string{"Organization.Read.All"}},
		{ClientID: fakegraph.NoRolesClientID, Secrets: []fakegraph.Secret{{Value: fakegraph.NoRolesClientSecret}}, Permissions: []string{"Directory.Read.All"}},
	}
	type row struct {
		user, upn, app, appName string
		code                    int
		city, state, country    *string
	}
	rows := []row{
		{userAnn, "Ann@contoso.example", appAlpha, "Alpha CRM", 0, ptr("Seattle"), ptr("WA"), ptr("US")},
		{userAnn, "Ann@contoso.example", appAlpha, "Alpha CRM", 0, ptr("Lyon"), nil, ptr("FR")},
		{userAnn, "Ann@contoso.example", appAlpha, "Alpha CRM", 50126, ptr("Berlin"), nil, ptr("DE")},
		{userAnn, "Ann@contoso.example", appBeta, "Beta Chat", 0, nil, nil, nil},
		{userBen, "ben@fabrikam.example", appAlpha, "Alpha CRM", 0, ptr("Toronto"), ptr("ON"), ptr("CA")},
		{userBen, "ben@fabrikam.example", appBeta, "Beta Chat", 50074, ptr("Toronto"), ptr("ON"), ptr("CA")},
		{userEve, "eve@partner.example", appBeta, "Beta Chat", 0, ptr("London"), nil, ptr("GB")},
		{userGone, "gone@contoso.example", appAlpha, "Alpha CRM", 0, nil, nil, ptr("US")},
	}
	for i, r := range rows {
		si := fakegraph.SignIn{
			ID: signInID(i + 1), CreatedDateTime: base.Add(time.Duration(i+1) * time.Hour),
			UserID: r.user, UserPrincipalName: r.upn, UserDisplayName: strings.Split(r.upn, "@")[0],
			AppID: r.app, AppDisplayName: r.appName, IPAddress: "203.0.113.7", ClientAppUsed: "Browser", IsInteractive: true,
			ErrorCode: r.code, City: r.city, State: r.state, CountryOrRegion: r.country,
		}
		if r.code != 0 {
			si.FailureReason = ptr("failed")
		}
		tenant.SignIns = append(tenant.SignIns, si)
	}
	return tenant
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// expectSignInIDs names the sign-ins expected in output "ids", by number,
// in order.
func expectSignInIDs(numbers ...int) statecheck.StateCheck {
	values := make([]knownvalue.Check, 0, len(numbers))
	for _, n := range numbers {
		values = append(values, knownvalue.StringExact(signInID(n)))
	}
	return statecheck.ExpectKnownOutputValue("ids", knownvalue.ListExact(values))
}

const signInIDsOutput = `
output "ids" {
  value = [for s in data.azuresaas_sign_ins.test.sign_ins : s.id]
}
`

func TestSignInsDataSourceFilters(t *testing.T) {
	clearCredentialEnv(t)
	base := time.Now().UTC().Truncate(time.Second).Add(-72 * time.Hour)
	server := startSignInGraph(t, signInTenant(base))
	at := func(h int) string { return rfc3339(base.Add(time.Duration(h) * time.Hour)) }

	cases := []struct {
		name string
		args string
		want []int
	}{
		{"duration_back_from_now_newest_first", `since = "100h"`, []int{8, 7, 6, 5, 4, 3, 2, 1}},
		{"since_inclusive", fmt.Sprintf("since = %q", at(3)), []int{8, 7, 6, 5, 4, 3}},
		{"until_inclusive", fmt.Sprintf("since = %q\nuntil = %q", at(0), at(4)), []int{4, 3, 2, 1}},
		{"offset_is_the_same_instant", fmt.Sprintf("since = %q\nuntil = %q", base.Add(2*time.Hour).In(time.FixedZone("", 2*3600)).Format(time.RFC3339), at(3)), []int{3, 2}},
		{"one_application", fmt.Sprintf("since = \"100h\"\napp_id = %q", appBeta), []int{7, 6, 4}},
		{"one_user_any_case", fmt.Sprintf("since = \"100h\"\nuser_id = %q", strings.ToUpper(userAnn)), []int{4, 3, 2, 1}},
		{"successful_only", "since = \"100h\"\nsuccessful_only = true", []int{8, 7, 5, 4, 2, 1}},
		{"all_filters", fmt.Sprintf("since = %q\nuntil = %q\napp_id = %q\nuser_id = %q\nsuccessful_only = true", at(1), at(8), appAlpha, userAnn), []int{2, 1}},
		{"max_results_keeps_newest", "since = \"100h\"\nmax_results = 3", []int{8, 7, 6}},
	}
	// One configuration, one data source per case: one Terraform run.
	var config strings.Builder
	config.WriteString(providerBlock(server))
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&config, "data \"azuresaas_sign_ins\" %q {\n%s\n}\n", c.name, c.args)
		fmt.Fprintf(&config, "output %q {\n  value = [for s in data.azuresaas_sign_ins.%s.sign_ins : s.id]\n}\n", c.name, c.name)
		values := make([]knownvalue.Check, 0, len(c.want))
		for _, n := range c.want {
			values = append(values, knownvalue.StringExact(signInID(n)))
		}
		checks = append(checks, statecheck.ExpectKnownOutputValue(c.name, knownvalue.ListExact(values)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: signInTestProviders,
		Steps:                    []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
}

func TestSignInsDataSourceAttributes(t *testing.T) {
	clearCredentialEnv(t)
	base := time.Now().UTC().Truncate(time.Second).Add(-72 * time.Hour)
	server := startSignInGraph(t, signInTenant(base))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: signInTestProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + fmt.Sprintf(`data "azuresaas_sign_ins" "test" {
  since   = "100h"
  user_id = %q
}
output "first" { value = data.azuresaas_sign_ins.test.sign_ins[0] }
output "no_location" { value = data.azuresaas_sign_ins.test.sign_ins[0].city }
`, userAnn) + signInIDsOutput,
			ConfigStateChecks: []statecheck.StateCheck{
				expectSignInIDs(4, 3, 2, 1),
				statecheck.ExpectKnownOutputValue("first", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                  knownvalue.StringExact(signInID(4)),
					"created_date_time":   knownvalue.StringExact(rfc3339(base.Add(4 * time.Hour))),
					"user_id":             knownvalue.StringExact(userAnn),
					"user_principal_name": knownvalue.StringExact("ann@contoso.example"), // the logs write UPNs in lower case
					"user_display_name":   knownvalue.StringExact("Ann"),
					"app_id":              knownvalue.StringExact(appBeta),
					"app_display_name":    knownvalue.StringExact("Beta Chat"),
					"ip_address":          knownvalue.StringExact("203.0.113.7"),
					"client_app_used":     knownvalue.StringExact("Browser"),
					"is_interactive":      knownvalue.Bool(true),
					"status_code":         knownvalue.Int64Exact(0),
					"failure_reason":      knownvalue.Null(),
					"city":                knownvalue.Null(),
					"state":               knownvalue.Null(),
					"country_or_region":   knownvalue.Null(),
				})),
			},
		}},
	})
}

// TestSignInsReadEveryPage reads 2,500 sign-ins (three pages of at most
// 1,000, each asked for with $top=1000) through both data sources:
// max_results keeps the newest five of them, and application access
// aggregates every successful one.
func TestSignInsReadEveryPage(t *testing.T) {
	clearCredentialEnv(t)
	tenant := signInTenant(time.Now().UTC().Add(-72 * time.Hour))
	end := time.Now().UTC().Add(-time.Hour)
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 7, 2500, 48*time.Hour, end)
	server := startSignInGraph(t, tenant)

	newest := slices.Clone(tenant.SignIns)
	slices.SortFunc(newest, func(a, b fakegraph.SignIn) int {
		if c := b.CreatedDateTime.Compare(a.CreatedDateTime); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	var newestIDs []knownvalue.Check
	for _, s := range newest[:5] {
		newestIDs = append(newestIDs, knownvalue.StringExact(s.ID))
	}
	successful, pairs := 0, map[[2]string]bool{}
	for _, s := range tenant.SignIns {
		if s.ErrorCode == 0 {
			successful++
			pairs[[2]string{s.UserID, s.AppID}] = true
		}
	}

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: signInTestProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_sign_ins" "test" {
  since       = "72h"
  max_results = 5
}
data "azuresaas_application_access" "test" {
  since          = "72h"
  include_guests = true
}
output "ids" { value = [for s in data.azuresaas_sign_ins.test.sign_ins : s.id] }
output "pairs" { value = length(data.azuresaas_application_access.test.access) }
output "successful" { value = sum([for a in data.azuresaas_application_access.test.access : a.sign_in_count]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("ids", knownvalue.ListExact(newestIDs)),
				statecheck.ExpectKnownOutputValue("pairs", knownvalue.Int64Exact(int64(len(pairs)))),
				statecheck.ExpectKnownOutputValue("successful", knownvalue.Int64Exact(int64(successful))),
			},
		}},
	})
	pages := 0
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/auditLogs/signIns" {
			pages++
			if !strings.Contains(r.RawQuery, "top=1000") {
				t.Errorf("sign-ins request without $top=1000: %s", r.RawQuery)
			}
		}
	}
	if pages == 0 || pages%3 != 0 {
		t.Errorf("expected whole reads of 3 pages each (2,500 sign-ins, 1,000 a page), got %d sign-ins requests", pages)
	}
}

func TestSignInsDataSourceErrors(t *testing.T) {
	clearCredentialEnv(t)
	base := time.Now().UTC().Truncate(time.Second).Add(-72 * time.Hour)
	server := startSignInGraph(t, signInTenant(base))
	free := signInTenant(base)
	free.WithoutPremium = true
	freeServer := startSignInGraph(t, free)
	credentials := func(s *fakegraph.Server, clientID, secret string) string {
		return fmt.Sprintf(`
provider "azuresaas" {
  tenant_id      = %q
  client_id      = %q
  client_secret  = %q
  graph_endpoint = %q
  authority_host = %q
}
`, fakegraph.DemoTenantID, clientID, secret, s.URL(), s.URL())
	}
	future := rfc3339(time.Now().Add(48 * time.Hour))
	cases := []struct {
		name   string
		config string
		want   string
	}{
		{"since neither a time nor a duration", providerBlock(server) + `data "azuresaas_sign_ins" "t" { since = "last week" }`,
			`(?s)Invalid Since.*"last week" is neither an RFC 3339 time.*nor a duration back from now such as 720h`},
		{"negative duration", providerBlock(server) + `data "azuresaas_sign_ins" "t" { since = "-24h" }`,
			`(?s)Invalid Since.*must be positive`},
		{"since in the future", providerBlock(server) + fmt.Sprintf(`data "azuresaas_sign_ins" "t" { since = %q }`, future),
			`(?s)Since Is in the Future`},
		{"since after until", providerBlock(server) + `data "azuresaas_application_access" "t" {
  since = "24h"
  until = "48h"
}`, `(?s)Since Is After Until.*the time range is empty`},
		{"bad until", providerBlock(server) + `data "azuresaas_sign_ins" "t" {
  since = "24h"
  until = "2025-13-01"
}`, `(?s)Invalid Until`},
		{"app_id that is not a GUID cannot reach the filter", providerBlock(server) + `data "azuresaas_sign_ins" "t" {
  since  = "24h"
  app_id = "x' or appId ne 'y"
}`, `(?s)it must be a GUID`},
		{"app_ids that are not GUIDs", providerBlock(server) + `data "azuresaas_application_access" "t" {
  since   = "24h"
  app_ids = ["not-a-guid"]
}`, `(?s)it must be a GUID`},
		{"tenant without P1 or P2", credentials(freeServer, fakegraph.DemoClientID, fakegraph.DemoClientSecret) +
			`data "azuresaas_sign_ins" "t" { since = "24h" }`,
			`(?s)Cannot Read Sign-Ins From Microsoft Graph.*Authentication_RequestFromNonPremiumTenantOrB2CTenant.*request-id [0-9a-f-]{36}.*needs a Microsoft Entra ID P1 or P2 license to read sign-in logs`},
		{"no permission at all names both", credentials(server, fakegraph.NoUsersClientID, fakegraph.NoUsersClientSecret) +
			`data "azuresaas_sign_ins" "t" { since = "24h" }`,
			`(?s)Authorization_RequestDenied.*grant the application permissions AuditLog\.Read\.All and Directory\.Read\.All.*admin consent`},
		{"Directory.Read.All without AuditLog.Read.All", credentials(server, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret) +
			`data "azuresaas_application_access" "t" {
  since          = "24h"
  include_guests = true
}`,
			`(?s)Cannot Read Application Access.*Authentication_MSGraphPermissionMissing.*AuditLog\.Read\.All and Directory\.Read\.All`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: signInTestProviders,
				Steps:                    []resource.TestStep{{Config: c.config, ExpectError: messagePattern(c.want)}},
			})
		})
	}
}
