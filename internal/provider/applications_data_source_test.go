package provider

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// applicationsTenant has app registrations (application ids starting
// a0b) for each rule of azuresaas_applications, dated around now: one with
// a secret and a certificate ending together within 30 days beside an
// expired secret, one without dates or a name case that sorts first, and
// an agentIdentityBlueprint expiring in 40 days. The roster tenant's client
// apps are registrations too.
func applicationsTenant(now time.Time) *fakegraph.Tenant {
	tenant := rosterTenant()
	tenant.Apps[0].Permissions = append(tenant.Apps[0].Permissions, "Application.Read.All")
	now = now.UTC().Truncate(time.Second)
	soon, expired, later := now.Add(10*24*time.Hour), now.Add(-5*24*time.Hour), now.Add(40*24*time.Hour)
	created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	tenant.Applications = []fakegraph.Application{
		{ID: "c0b00000-0000-4000-8000-000000000001", AppID: "a0b00000-0000-4000-8000-000000000001", DisplayName: ptr("Zeta api"),
			CreatedDateTime: &created, SignInAudience: ptr("AzureADMyOrg"), PublisherDomain: ptr("contoso.example"),
			PasswordCredentials: []fakegraph.PasswordCredential{
				{KeyID: "00000000-0000-4000-8000-0000000000k3", DisplayName: ptr("rotation"), Hint: ptr("Zz1"), StartDateTime: &created, EndDateTime: &soon},
				{KeyID: "00000000-0000-4000-8000-0000000000k1", DisplayName: ptr("old"), Hint: ptr("Zz0"), StartDateTime: &created, EndDateTime: &expired},
			},
			KeyCredentials: []fakegraph.KeyCredential{{KeyID: "00000000-0000-4000-8000-0000000000k2", Type: "AsymmetricX509Cert", Usage: "Verify",
				DisplayName: ptr("CN=zeta"), StartDateTime: &created, EndDateTime: &soon}}},
		{ID: "c0b00000-0000-4000-8000-000000000002", AppID: "a0b00000-0000-4000-8000-000000000002", DisplayName: ptr("alpha web"),
			VerifiedPublisher:   fakegraph.VerifiedPublisher{DisplayName: ptr("Contoso"), VerifiedPublisherID: ptr("1")},
			PasswordCredentials: []fakegraph.PasswordCredential{{KeyID: "00000000-0000-4000-8000-0000000000a1"}}},
		{ID: "c0b00000-0000-4000-8000-000000000003", AppID: "a0b00000-0000-4000-8000-000000000003", DisplayName: ptr("Beta agent"),
			ODataType:           "#microsoft.graph.agentIdentityBlueprint",
			PasswordCredentials: []fakegraph.PasswordCredential{{KeyID: "00000000-0000-4000-8000-0000000000b1", EndDateTime: &later}}},
	}
	// Owners: two users on Zeta (one without a display name), none on
	// alpha, 21 on Beta (more than Graph expands: read again).
	tenant.Applications[0].Owners = []string{"00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000d"}
	tenant.Applications[1].Owners = []string{}
	for i := range 21 {
		id := fmt.Sprintf("00000000-0000-4000-8000-0000000a%04d", i)
		tenant.Users = append(tenant.Users, fakegraph.User{ID: id, UserPrincipalName: fmt.Sprintf("owner%02d@contoso.example", i),
			DisplayName: ptr(fmt.Sprintf("Owner %02d", i)), AccountEnabled: ptr(true)})
		tenant.Applications[2].Owners = append(tenant.Applications[2].Owners, id)
	}
	return tenant
}

const applicationsOutputs = `
output "names" {
  value = [for a in data.azuresaas_applications.test.applications : a.display_name if startswith(a.app_id, "a0b")]
}
`

func TestApplicationsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	now := time.Now()
	tenant := applicationsTenant(now)
	server := startGraph(t, tenant)
	soon := now.UTC().Truncate(time.Second).Add(10 * 24 * time.Hour).Format(time.RFC3339)
	const ds = "data.azuresaas_applications.test"
	app := func(i int) tfjsonpath.Path { return tfjsonpath.New("applications").AtSliceIndex(i) }
	cred := func(typ, key, name, start, end string) knownvalue.Check {
		str := func(s string) knownvalue.Check {
			if s == "" {
				return knownvalue.Null()
			}
			return knownvalue.StringExact(s)
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"type": knownvalue.StringExact(typ), "key_id": knownvalue.StringExact(key),
			"display_name": str(name), "start_date_time": str(start), "end_date_time": str(end)})
	}
	expired := now.UTC().Truncate(time.Second).Add(-5 * 24 * time.Hour).Format(time.RFC3339)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			// every registration, sorted case-insensitively by name
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {
  include_owners = false
}` + applicationsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", stringList("alpha web", "Beta agent", "Zeta api")),
			},
		}, {
			// expiring within 30 days: Zeta only (its expired secret does not count, Beta's is 40 days out)
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {
  include_owners                   = false
  credentials_expiring_within_days = 30
}` + applicationsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", stringList("Zeta api")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("applications"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(ds, app(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                 knownvalue.StringExact("c0b00000-0000-4000-8000-000000000001"),
					"app_id":             knownvalue.StringExact("a0b00000-0000-4000-8000-000000000001"),
					"display_name":       knownvalue.StringExact("Zeta api"),
					"sign_in_audience":   knownvalue.StringExact("AzureADMyOrg"),
					"publisher_domain":   knownvalue.StringExact("contoso.example"),
					"created_date_time":  knownvalue.StringExact("2024-05-06T07:08:09Z"),
					"verified_publisher": knownvalue.Null(),
					// by end date, then key id: the expired secret first, then the two ending together
					"credentials": knownvalue.ListExact([]knownvalue.Check{
						cred("secret", "00000000-0000-4000-8000-0000000000k1", "old", "2024-05-06T07:08:09Z", expired),
						cred("certificate", "00000000-0000-4000-8000-0000000000k2", "CN=zeta", "2024-05-06T07:08:09Z", soon),
						cred("secret", "00000000-0000-4000-8000-0000000000k3", "rotation", "2024-05-06T07:08:09Z", soon),
					}),
					"next_credential_expiry": knownvalue.StringExact(soon),
					"owners":                 knownvalue.Null(), // include_owners = false
				})),
			},
		}, {
			// 0 days keeps nothing here (no credential ends exactly at the read's start)
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {
  include_owners                   = false
  credentials_expiring_within_days = 0
}` + applicationsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("applications"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
	for _, r := range server.Requests() {
		if r.Path != "/v1.0/applications" {
			continue
		}
		q := strings.ToLower(r.RawQuery)
		if strings.Contains(q, "filter") || !strings.Contains(q, "%24top=999") && !strings.Contains(q, "$top=999") {
			t.Errorf("query %q: expiry is filtered after the read, 999 a page", r.RawQuery)
		}
	}
}

func TestApplicationsDataSourceNullsAndDerivedTypes(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, applicationsTenant(time.Now()))
	const ds = "data.azuresaas_applications.test"
	app := func(i int) tfjsonpath.Path { return tfjsonpath.New("applications").AtSliceIndex(i) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {
  include_owners = false
}
locals {
  ours = [for a in data.azuresaas_applications.test.applications : a if startswith(a.app_id, "a0b")]
}
output "alpha" { value = local.ours[0] }
output "beta_next" { value = local.ours[1].next_credential_expiry }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValueAtPath("alpha", tfjsonpath.New("verified_publisher"), knownvalue.StringExact("Contoso")),
				statecheck.ExpectKnownOutputValueAtPath("alpha", tfjsonpath.New("created_date_time"), knownvalue.Null()),
				statecheck.ExpectKnownOutputValueAtPath("alpha", tfjsonpath.New("next_credential_expiry"), knownvalue.Null()),
				statecheck.ExpectKnownOutputValueAtPath("alpha", tfjsonpath.New("credentials").AtSliceIndex(0).AtMapKey("end_date_time"), knownvalue.Null()),
				statecheck.ExpectKnownOutputValue("beta_next", knownvalue.NotNull()),
				statecheck.ExpectKnownValue(ds, app(0).AtMapKey("id"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestApplicationsDataSourceRefusesNegativeDays(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, applicationsTenant(time.Now()))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {
  credentials_expiring_within_days = -1
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)credentials_expiring_within_days.*at least 0`),
		}},
	})
	if n := len(server.Requests()); n != 0 {
		t.Errorf("a refused configuration sent %d requests", n)
	}
}

func TestApplicationsDataSourceNamesThePermission(t *testing.T) {
	clearCredentialEnv(t)
	tenant := applicationsTenant(time.Now())
	tenant.Apps[0].Permissions = []string{"User.Read.All"}
	server := startGraph(t, tenant)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerBlock(server) + `data "azuresaas_applications" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)Cannot Read App Registrations.*Authorization_RequestDenied.*Application\.Read\.All`),
		}},
	})
}

func TestApplicationsDataSourceOwners(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, applicationsTenant(time.Now()))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_applications" "test" {}
locals {
  ours = { for a in data.azuresaas_applications.test.applications : a.display_name => a.owners if startswith(a.app_id, "a0b") }
}
output "zeta" { value = local.ours["Zeta api"] }
output "alpha" { value = local.ours["alpha web"] }
output "beta" { value = length(local.ours["Beta agent"]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// sorted by display name, a null name first
				statecheck.ExpectKnownOutputValue("zeta", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("00000000-0000-0000-0000-00000000000d"),
						"type": knownvalue.StringExact("user"), "display_name": knownvalue.Null(),
						"user_principal_name": knownvalue.StringExact("dan@fabrikam.example")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("00000000-0000-0000-0000-00000000000a"),
						"type": knownvalue.StringExact("user"), "display_name": knownvalue.StringExact("Ann Archer"),
						"user_principal_name": knownvalue.StringExact("ann@contoso.example")}),
				})),
				statecheck.ExpectKnownOutputValue("alpha", knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownOutputValue("beta", knownvalue.Int64Exact(21)),
			},
		}},
	})
	var rereads []string
	for _, r := range server.Requests() {
		switch {
		case r.Path == "/v1.0/applications" && !strings.Contains(r.RawQuery, "expand=owners"):
			t.Errorf("list without $expand=owners: %s", r.RawQuery)
		case strings.HasSuffix(r.Path, "/owners"):
			rereads = append(rereads, r.Path)
		}
	}
	// Each plan and apply reads once: only Beta's 21 owners are read again.
	for _, p := range rereads {
		if p != "/v1.0/applications/c0b00000-0000-4000-8000-000000000003/owners" {
			t.Errorf("re-read %s: its expanded set was whole", p)
		}
	}
	if len(rereads) == 0 {
		t.Error("Beta's truncated owners were never read again")
	}
}

// TestApplicationsExample reads the documented example against the demo
// tenant: the registrations expiring within 30 days with their owners, and
// those with a credential that already ended.
func TestApplicationsExample(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	raw, err := os.ReadFile("../../examples/data-sources/azuresaas_applications/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	expiring := func(app string, owners ...string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"app": knownvalue.StringExact(app), "owners": stringList(owners...)})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + string(raw),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("expiring_credentials", knownvalue.ListExact([]knownvalue.Check{
					expiring("Northwind HR Sync", "alex.wilber@northwind.example"),
					expiring("Northwind Inventory (secret expiring)"),
					expiring("Northwind Payroll Connector", "adele.vance@northwind.example", "Dana.Rivera@NorthWind.Example"),
				})),
				statecheck.ExpectKnownOutputValue("with_expired_credentials",
					stringList("Legacy Fax Gateway", "Northwind Expired Secret", "Northwind Inventory (demo)")),
			},
		}},
	})
}
