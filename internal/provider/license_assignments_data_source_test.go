package provider

import (
	"net/url"
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

// demoUser finds a demo tenant user by the start of its principal name.
func demoUser(t *testing.T, tenant *fakegraph.Tenant, upnPrefix string) fakegraph.User {
	t.Helper()
	for _, u := range tenant.Users {
		if strings.HasPrefix(strings.ToLower(u.UserPrincipalName), upnPrefix) {
			return u
		}
	}
	t.Fatalf("no demo user %s", upnPrefix)
	return fakegraph.User{}
}

func timeCheck(tm *time.Time) knownvalue.Check {
	if tm == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(tm.UTC().Format(time.RFC3339Nano))
}

func TestSubscribedSkusDataSource(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	sku := func(i int) tfjsonpath.Path { return tfjsonpath.New("skus").AtSliceIndex(i) }
	plan := func(id, name, status string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(id), "name": knownvalue.StringExact(name),
			"provisioning_status": knownvalue.StringExact(status), "applies_to": knownvalue.StringExact("User")})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_subscribed_skus" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Sorted by part number: POWER_BI_PRO, SPE_E3, VISIOCLIENT.
				statecheck.ExpectKnownValue("data.azuresaas_subscribed_skus.test", sku(0).AtMapKey("capability_status"), knownvalue.StringExact("Suspended")),
				statecheck.ExpectKnownValue("data.azuresaas_subscribed_skus.test", sku(0).AtMapKey("available_units"), knownvalue.Int64Exact(-3)),
				statecheck.ExpectKnownValue("data.azuresaas_subscribed_skus.test", sku(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"sku_id":            knownvalue.StringExact(fakegraph.SkuM365E3),
					"sku_part_number":   knownvalue.StringExact("SPE_E3"),
					"applies_to":        knownvalue.StringExact("User"),
					"capability_status": knownvalue.StringExact("Enabled"),
					"enabled_units":     knownvalue.Int64Exact(30),
					"suspended_units":   knownvalue.Int64Exact(0),
					"warning_units":     knownvalue.Int64Exact(0),
					"locked_out_units":  knownvalue.Int64Exact(0),
					"consumed_units":    knownvalue.Int64Exact(28),
					"available_units":   knownvalue.Int64Exact(2),
					"service_plans": knownvalue.ListExact([]knownvalue.Check{
						plan(fakegraph.PlanEntraIDP1, "AAD_PREMIUM", "Success"),
						plan(fakegraph.PlanExchangeEnterprise, "EXCHANGE_S_ENTERPRISE", "Success"),
						plan("8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM", "Success"),
						plan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE", "Success"),
						plan(fakegraph.PlanTeams1, "TEAMS1", "Success"),
					}),
				})),
				statecheck.ExpectKnownValue("data.azuresaas_subscribed_skus.test", sku(2).AtMapKey("available_units"), knownvalue.Int64Exact(-1)),
			},
		}},
	})
}

// seatOutputs picks entries out of the assignments by user and SKU.
const seatOutputs = `
locals {
  seats = { for a in data.azuresaas_license_assignments.test.assignments : "${lower(a.email)}/${a.sku_part_number}" => a }
}
output "count" { value = length(data.azuresaas_license_assignments.test.assignments) }
output "skus" { value = distinct([for a in data.azuresaas_license_assignments.test.assignments : a.sku_part_number]) }
output "lidia_e3" { value = local.seats["lidia.holloway@fabrikam-labs.example/SPE_E3"] }
output "lynne_visio" { value = local.seats["lynne.robbins@northwind.example/VISIOCLIENT"] }
output "alex_e3" { value = local.seats["alex.wilber@northwind.example/SPE_E3"] }
`

func TestLicenseAssignmentsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	server := startGraph(t, tenant)
	lidia := demoUser(t, tenant, "lidia.")
	lynne := demoUser(t, tenant, "lynne.")
	seat := func(u fakegraph.User, skuID, part string, direct bool, groups []string, assignErr string, plans []string, withSignIns bool) knownvalue.Check {
		groupChecks := []knownvalue.Check{}
		for _, g := range groups {
			groupChecks = append(groupChecks, knownvalue.StringExact(g))
		}
		planChecks := []knownvalue.Check{}
		for _, p := range plans {
			planChecks = append(planChecks, knownvalue.StringExact(p))
		}
		var errCheck knownvalue.Check = knownvalue.Null()
		if assignErr != "" {
			errCheck = knownvalue.StringExact(assignErr)
		}
		var last, nonInteractive, successful knownvalue.Check = knownvalue.Null(), knownvalue.Null(), knownvalue.Null()
		if withSignIns {
			last, nonInteractive, successful = timeCheck(u.SignInActivity.LastSignIn), timeCheck(u.SignInActivity.LastNonInteractiveSignIn), timeCheck(u.SignInActivity.LastSuccessfulSignIn)
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"user_id": knownvalue.StringExact(u.ID), "user_principal_name": knownvalue.StringExact(u.UserPrincipalName),
			"email": knownvalue.StringExact(*u.Mail), "display_name": knownvalue.StringExact(*u.DisplayName),
			"user_type": knownvalue.StringExact("Member"), "account_enabled": knownvalue.Bool(*u.AccountEnabled),
			"sku_id": knownvalue.StringExact(skuID), "sku_part_number": knownvalue.StringExact(part),
			"assigned_directly": knownvalue.Bool(direct), "assigned_by_group_ids": knownvalue.ListExact(groupChecks),
			"assignment_error": errCheck, "disabled_plans": knownvalue.ListExact(planChecks),
			"last_sign_in": last, "last_non_interactive_sign_in": nonInteractive, "last_successful_sign_in": successful,
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(server) + `data "azuresaas_license_assignments" "test" {}` + seatOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					// 28 E3 + 3 Visio + 2 Power BI (the third holder is a guest).
					statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(33)),
					statecheck.ExpectKnownOutputValue("skus", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("POWER_BI_PRO"), knownvalue.StringExact("SPE_E3"), knownvalue.StringExact("VISIOCLIENT")})),
					// Directly and through Research Lab: the group turns Teams
					// off, the direct path does not, so nothing is off.
					statecheck.ExpectKnownOutputValue("lidia_e3", seat(lidia, fakegraph.SkuM365E3, "SPE_E3", true,
						[]string{fakegraph.DemoResearchGroupID}, "", nil, false)),
					statecheck.ExpectKnownOutputValue("lynne_visio", seat(lynne, fakegraph.SkuVisioClient, "VISIOCLIENT", true,
						nil, "CountViolation", nil, false)),
					statecheck.ExpectKnownOutputValue("alex_e3", knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"disabled_plans": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("EXCHANGE_S_ENTERPRISE"), knownvalue.StringExact("TEAMS1")}),
					})),
				},
			},
			{
				Config: providerBlock(server) + `data "azuresaas_license_assignments" "test" {
  include_sign_in_activity = true
  include_guests           = true
}` + seatOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(34)),
					statecheck.ExpectKnownOutputValue("lidia_e3", seat(lidia, fakegraph.SkuM365E3, "SPE_E3", true,
						[]string{fakegraph.DemoResearchGroupID}, "", nil, true)),
					statecheck.ExpectKnownOutputValue("lynne_visio", seat(lynne, fakegraph.SkuVisioClient, "VISIOCLIENT", true,
						nil, "CountViolation", nil, true)),
				},
			},
		},
	})
}

// One SKU is pushed down to Graph: only its holders are read.
func TestLicenseAssignmentsOneSkuIsPushedDown(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			PreConfig: server.ResetRequests,
			Config: providerBlock(server) + `data "azuresaas_license_assignments" "test" { sku_part_numbers = ["visioclient"] }
output "who" { value = [for a in data.azuresaas_license_assignments.test.assignments : a.user_principal_name] }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("who", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("dan.park@northwind.example"), knownvalue.StringExact("johanna.lorenz@northwind.example"),
					knownvalue.StringExact("lynne.robbins@northwind.example")})),
			},
		}},
	})
	var usersQueries, skuReads int
	for _, r := range server.Requests() {
		switch r.Path {
		case "/v1.0/users":
			usersQueries++
			q, _ := url.ParseQuery(r.RawQuery)
			if q.Get("$filter") != "assignedLicenses/any(x:x/skuId eq "+fakegraph.SkuVisioClient+")" {
				t.Errorf("users $filter = %q, want the Visio SKU pushed down", q.Get("$filter"))
			}
		case "/v1.0/subscribedSkus":
			skuReads++
			if r.RawQuery != "" {
				t.Errorf("/subscribedSkus with query %q, want none", r.RawQuery)
			}
		}
	}
	if usersQueries == 0 || skuReads == 0 {
		t.Errorf("users requests %d, subscribedSkus requests %d", usersQueries, skuReads)
	}
}

func TestLicenseAssignmentsErrors(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	noPremium := fakegraph.DemoTenant()
	noPremium.WithoutPremium = true
	noPremiumServer := startGraph(t, noPremium)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(server) + `data "azuresaas_license_assignments" "test" { sku_part_numbers = ["SPE_E5"] }`,
				ExpectError: regexp.MustCompile(`(?s)Unknown SKU Part Number.*"SPE_E5".*POWER_BI_PRO, SPE_E3, VISIOCLIENT`),
			},
			{
				Config:      providerBlock(noPremiumServer) + `data "azuresaas_license_assignments" "test" { include_sign_in_activity = true }`,
				ExpectError: regexp.MustCompile(`(?s)Authentication_RequestFromNonPremiumTenantOrB2CTenant.*P1 or P2.*include_sign_in_activity\s+=\s+false`),
			},
		},
	})
}

// The documentation's examples plan against the demo tenant and say what
// the demo tenant makes known.
func TestLicenceExamples(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	read := func(name string) string {
		raw, err := os.ReadFile("../../examples/data-sources/" + name + "/data-source.tf")
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}
	strs := func(ss ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(ss))
		for i, s := range ss {
			checks[i] = knownvalue.StringExact(s)
		}
		return knownvalue.ListExact(checks)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(server) + read("azuresaas_subscribed_skus"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("has_entra_id_p1", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValueAtPath("seats", tfjsonpath.New("VISIOCLIENT").AtMapKey("available"), knownvalue.Int64Exact(-1)),
				},
			},
			{
				Config: providerBlock(server) + read("azuresaas_license_assignments"),
				ConfigStateChecks: []statecheck.StateCheck{
					// The disabled accounts; every enabled holder signed in
					// within the 30 days of logs.
					statecheck.ExpectKnownOutputValue("reclaimable_e3_seats", strs(
						"boardroom@northwind.example", "diego.siciliani@fabrikam-labs.example", "lynne.robbins@northwind.example")),
					statecheck.ExpectKnownOutputValue("assignment_errors", strs("lynne.robbins@northwind.example: VISIOCLIENT CountViolation")),
				},
			},
		},
	})
}
