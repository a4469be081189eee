package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

func reportDate(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// m365Tenant has four report rows: an active user, one idle for 90 days, a
// deleted account and one who never used anything.
func m365Tenant(concealed bool) *fakegraph.Tenant {
	t := fakegraph.DemoTenant()
	t.DisplayConcealedNames = concealed
	t.M365ReportRefreshDate = *reportDate("2026-08-29")
	e3 := []string{"MICROSOFT 365 E3", "ENTERPRISE MOBILITY + SECURITY E5"}
	t.M365ActiveUsers = []fakegraph.M365ActiveUser{
		{UserPrincipalName: "zoe@fabrikam.example", DisplayName: "Zoe", HasExchange: true, HasOneDrive: true, HasSharePoint: true, HasTeams: true,
			ExchangeLastActivity: reportDate("2026-08-28"), TeamsLastActivity: reportDate("2026-08-29"), AssignedProducts: e3},
		{UserPrincipalName: "Idle@contoso.example", DisplayName: "Idle Ian", HasExchange: true, HasOneDrive: true, HasSharePoint: true, HasTeams: true,
			ExchangeLastActivity: reportDate("2026-05-31"), SharePointLastActivity: reportDate("2026-05-01"), AssignedProducts: e3},
		{UserPrincipalName: "gone@contoso.example", IsDeleted: true, DeletedDate: reportDate("2026-08-01"), HasExchange: true,
			AssignedProducts: []string{"EXCHANGE ONLINE (PLAN 1)"}},
		{UserPrincipalName: "never@contoso.example", DisplayName: "Never", HasExchange: true, HasYammer: true, AssignedProducts: e3},
	}
	return t
}

const m365Output = `
output "users" {
  value = [for u in data.azuresaas_m365_active_users.test.users : "${u.user_principal_name}:${coalesce(u.last_activity_date, "never")}"]
}
`

func expectM365Users(want ...string) statecheck.StateCheck {
	checks := []knownvalue.Check{}
	for _, w := range want {
		checks = append(checks, knownvalue.StringExact(w))
	}
	return statecheck.ExpectKnownOutputValue("users", knownvalue.ListExact(checks))
}

func TestM365ActiveUsers(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, m365Tenant(false))
	config := func(args string) string {
		return providerBlock(server) + "data \"azuresaas_m365_active_users\" \"test\" {\n  " + args + "\n}\n" + m365Output
	}
	ds := "data.azuresaas_m365_active_users.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      config(`period = "D365"`),
			ExpectError: regexp.MustCompile(`(?s)value must be one of.*D180`),
		}, {
			Config:      config("inactive_days = 0"),
			ExpectError: regexp.MustCompile(`(?s)inactive_days.*at least 1`),
		}, {
			Config: config(""),
			ConfigStateChecks: []statecheck.StateCheck{
				expectM365Users("gone@contoso.example:never", "Idle@contoso.example:2026-05-31",
					"never@contoso.example:never", "zoe@fabrikam.example:2026-08-29"),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("report_refresh_date"), knownvalue.StringExact("2026-08-29")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("names_concealed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("users").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"user_principal_name":           knownvalue.StringExact("Idle@contoso.example"),
					"display_name":                  knownvalue.StringExact("Idle Ian"),
					"is_deleted":                    knownvalue.Bool(false),
					"deleted_date":                  knownvalue.Null(),
					"assigned_products":             knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("ENTERPRISE MOBILITY + SECURITY E5"), knownvalue.StringExact("MICROSOFT 365 E3")}),
					"has_exchange_license":          knownvalue.Bool(true),
					"has_onedrive_license":          knownvalue.Bool(true),
					"has_sharepoint_license":        knownvalue.Bool(true),
					"has_teams_license":             knownvalue.Bool(true),
					"has_yammer_license":            knownvalue.Bool(false),
					"exchange_last_activity_date":   knownvalue.StringExact("2026-05-31"),
					"onedrive_last_activity_date":   knownvalue.Null(),
					"sharepoint_last_activity_date": knownvalue.StringExact("2026-05-01"),
					"teams_last_activity_date":      knownvalue.Null(),
					"yammer_last_activity_date":     knownvalue.Null(),
					"last_activity_date":            knownvalue.StringExact("2026-05-31"),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("deleted_date"), knownvalue.StringExact("2026-08-01")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("display_name"), knownvalue.Null()),
			},
			// What the download host received: no token, no cookie.
			Check: func(*terraform.State) error { return downloadsCarriedNoCredential(server) },
		}, {
			// 2026-05-31 is 90 days before the refresh: "more than 89" keeps it.
			Config:            config(`period = "D90"` + "\n  inactive_days = 89\n  domain_names = [\"CONTOSO.example\"]"),
			ConfigStateChecks: []statecheck.StateCheck{expectM365Users("gone@contoso.example:never", "Idle@contoso.example:2026-05-31", "never@contoso.example:never")},
		}, {
			Config:            config("inactive_days = 90"),
			ConfigStateChecks: []statecheck.StateCheck{expectM365Users("gone@contoso.example:never", "never@contoso.example:never")},
		}},
	})
	if !strings.Contains(fmt.Sprint(server.Requests()), "getOffice365ActiveUserDetail(period='D90')") {
		t.Errorf("no report request for D90 among %d requests", len(server.Requests()))
	}
}

// downloadsCarriedNoCredential checks every request the download host got.
func downloadsCarriedNoCredential(server *fakegraph.Server) error {
	got := server.DownloadRequests()
	if len(got) == 0 {
		return fmt.Errorf("the download host received nothing")
	}
	for _, r := range got {
		if r.Authorization != "" || r.Cookie != "" || r.Status != 200 {
			return fmt.Errorf("download %s: Authorization %q, Cookie %q, status %d", r.Path, r.Authorization, r.Cookie, r.Status)
		}
	}
	return nil
}

func TestM365ActiveUsersConcealedNames(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, m365Tenant(true))
	ds := "data.azuresaas_m365_active_users.test"
	read := func(providerArgs, args string) string {
		return providerBlock(server, providerArgs) + "data \"azuresaas_m365_active_users\" \"test\" {\n  " + args + "\n}\n"
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: read("", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("names_concealed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("user_principal_name"),
					knownvalue.StringRegexp(regexp.MustCompile(`^[0-9A-F]{32}$`))),
			},
		}, {
			Config:      read("", `domain_names = ["contoso.example"]`),
			ExpectError: regexp.MustCompile(`(?s)Names Are Concealed.*Display concealed user, group, and site names in all\s+reports`),
		}, {
			// The provider's domain_names applies too; [] overrides it.
			Config:      read(`domain_names = ["contoso.example"]`, ""),
			ExpectError: regexp.MustCompile(`(?s)Names Are Concealed.*domain_names = \[\]`),
		}, {
			Config: read(`domain_names = ["contoso.example"]`, "domain_names = []"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("names_concealed"), knownvalue.Bool(true)),
			},
		}},
	})
}

// TestM365ActiveUsersWarnsOnConcealedNames reads through the protocol
// server, where the warning can be seen.
func TestM365ActiveUsersWarnsOnConcealedNames(t *testing.T) {
	clearCredentialEnv(t)
	for _, concealed := range []bool{true, false} {
		fake, endpoint, client := startTLSGraph(t, m365Tenant(concealed))
		h := newProtocolHarness(t, client)
		h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
			"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": endpoint, "authority_host": endpoint})
		_, diags := h.read(context.Background(), t, "azuresaas_m365_active_users", nil)
		text := diagnosticsText(diags)
		warned := strings.Contains(text, "Microsoft 365 Usage Report Conceals User Names") &&
			strings.Contains(text, "Display concealed user, group, and site names in all reports")
		if hasError(diags) || warned != concealed || (!concealed && len(diags) != 0) {
			t.Errorf("concealed %v: diagnostics %s", concealed, text)
		}
		if err := downloadsCarriedNoCredential(fake); err != nil {
			t.Error(err)
		}
	}
}

func TestM365ActiveUsersNeedsReportsReadAll(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, m365Tenant(false))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: strings.NewReplacer(fakegraph.DemoClientID, fakegraph.NoAuditLogClientID,
				fakegraph.DemoClientSecret, fakegraph.NoAuditLogClientSecret).Replace(providerBlock(server)) +
				`data "azuresaas_m365_active_users" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)Reports\.Read\.All`),
		}},
	})
}
