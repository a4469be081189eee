package provider

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// usageAgainstSeats reads the usage and the seat lists it must agree with,
// for the same arguments, and outputs the SKUs where a count differs from
// the number of seats the seat lists give: Terraform does the counting, on
// the state the user would see.
const usageAgainstSeats = `
data "azuresaas_license_usage" "test" {
  %[1]s
}
data "azuresaas_license_assignments" "all" {
  %[1]s
  include_sign_in_activity = true
}
data "azuresaas_license_assignments" "disabled" {
  %[1]s
  account_enabled = false
}
data "azuresaas_license_assignments" "idle" {
  %[1]s
  inactive_days = 90
}
locals {
  all      = data.azuresaas_license_assignments.all.assignments
  disabled = data.azuresaas_license_assignments.disabled.assignments
  idle     = data.azuresaas_license_assignments.idle.assignments
  from_seats = { for s in data.azuresaas_license_usage.test.skus : s.sku_id => {
    assigned_users        = length([for a in local.all : a if a.sku_id == s.sku_id])
    direct_users          = length([for a in local.all : a if a.sku_id == s.sku_id && a.assigned_directly])
    group_users           = length([for a in local.all : a if a.sku_id == s.sku_id && length(a.assigned_by_group_ids) > 0])
    users_with_errors     = length([for a in local.all : a if a.sku_id == s.sku_id && a.assignment_error != null])
    disabled_users        = length([for a in local.disabled : a if a.sku_id == s.sku_id])
    guest_users           = length([for a in local.all : a if a.sku_id == s.sku_id && a.user_type == "Guest"])
    inactive_users        = length([for a in local.idle : a if a.sku_id == s.sku_id])
    never_signed_in_users = length([for a in local.all : a if a.sku_id == s.sku_id && a.last_successful_sign_in == null])
    reclaimable_users = length(distinct(concat(
      [for a in local.disabled : a.user_id if a.sku_id == s.sku_id],
      [for a in local.idle : a.user_id if a.sku_id == s.sku_id],
    )))
  } }
  from_usage = { for s in data.azuresaas_license_usage.test.skus : s.sku_id => {
    for k, v in s : k => v if contains(keys(local.from_seats[s.sku_id]), k)
  } }
}
output "mismatches" {
  value = { for id, want in local.from_seats : id => { usage = local.from_usage[id], seats = want } if want != local.from_usage[id] }
}
output "seats_counted" { value = length(local.all) }
output "skus" { value = [for s in data.azuresaas_license_usage.test.skus : s.sku_id] }
`

// TestLicenseUsageEqualsSeatLists: on generated tenants (a fixed seed and
// one drawn per run, logged), every count of every SKU equals what
// Terraform counts in the seat lists read with the same arguments; the SKUs
// are the subscribed ones in part-number order, then the retired one.
func TestLicenseUsageEqualsSeatLists(t *testing.T) {
	clearCredentialEnv(t)
	drawn := rand.Int64N(1 << 40)
	t.Logf("drawn seed: %d", drawn)
	for _, seed := range []int64{9, drawn} {
		now := time.Now().UTC()
		tenant := licenceUsageTenant(seed, 150, now)
		server := startGraph(t, tenant)
		skus := []knownvalue.Check{knownvalue.StringExact(fakegraph.GeneratedRetiredSkuID)} // null part number first
		parts := map[string]string{}
		for _, s := range tenant.SubscribedSkus {
			parts[s.SkuPartNumber] = s.SkuID
		}
		names := make([]string, 0, len(parts))
		for name := range parts {
			names = append(names, name)
		}
		slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		for _, name := range names {
			skus = append(skus, knownvalue.StringExact(parts[name]))
		}
		var steps []resource.TestStep
		for _, args := range []string{"include_guests = true", "", `domain_names = ["contoso.example"]`} {
			steps = append(steps, resource.TestStep{
				Config: providerBlock(server) + fmt.Sprintf(usageAgainstSeats, args),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("mismatches", knownvalue.MapExact(map[string]knownvalue.Check{})),
					statecheck.ExpectKnownOutputValue("skus", knownvalue.ListExact(skus)),
				},
			})
		}
		resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviders, Steps: steps})
	}
}

// TestLicenseUsageDataSource: the values of one SKU of the demo tenant, and
// the read without sign-in activity (inactivity counts null, no
// signInActivity selected).
func TestLicenseUsageDataSource(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	server := startGraph(t, tenant)
	// Count the demo tenant's Visio holders from the tenant itself.
	var holders, direct, group, errors, disabled, idle, never int64
	cutoff := time.Now().Add(-30 * 24 * time.Hour)
	for _, u := range tenant.Users {
		if u.UserType != nil && *u.UserType == "Guest" {
			continue
		}
		if !slices.ContainsFunc(u.AssignedLicenses, func(l fakegraph.AssignedLicense) bool { return l.SkuID == fakegraph.SkuVisioClient }) {
			continue
		}
		holders++
		hasDirect, hasGroup, hasError := false, false, false
		paths := 0
		for _, s := range u.LicenseAssignmentStates {
			if s.SkuID != fakegraph.SkuVisioClient {
				continue
			}
			paths++
			hasDirect = hasDirect || s.AssignedByGroup == ""
			hasGroup = hasGroup || s.AssignedByGroup != ""
			hasError = hasError || (s.Error != "" && s.Error != "None")
		}
		direct += countOf(hasDirect || paths == 0)
		group += countOf(hasGroup)
		errors += countOf(hasError)
		disabled += countOf(!*u.AccountEnabled)
		idle += countOf(idleSince(u, cutoff))
		never += countOf(u.SignInActivity == nil || u.SignInActivity.LastSuccessfulSignIn == nil)
	}
	if errors == 0 || holders < 2 {
		t.Fatalf("the demo tenant's Visio seats no longer exercise the counts: %d holders, %d errors", holders, errors)
	}
	visio := tfjsonpath.New("skus").AtSliceIndex(2)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(server) + "data \"azuresaas_license_usage\" \"test\" {\n  include_sign_in_activity = false\n  inactive_days = 30\n}",
				ExpectError: regexp.MustCompile(`Conflicting Arguments`),
			},
			{
				Config: providerBlock(server) + `data "azuresaas_license_usage" "test" { inactive_days = 30 }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.azuresaas_license_usage.test", visio, knownvalue.ObjectExact(map[string]knownvalue.Check{
						"sku_id": knownvalue.StringExact(fakegraph.SkuVisioClient), "sku_part_number": knownvalue.StringExact("VISIOCLIENT"),
						"enabled_units": knownvalue.Int64Exact(2), "consumed_units": knownvalue.Int64Exact(3), "available_units": knownvalue.Int64Exact(-1),
						"assigned_users": knownvalue.Int64Exact(holders), "direct_users": knownvalue.Int64Exact(direct),
						"group_users": knownvalue.Int64Exact(group), "users_with_errors": knownvalue.Int64Exact(errors),
						"disabled_users": knownvalue.Int64Exact(disabled), "guest_users": knownvalue.Int64Exact(0),
						"inactive_users": knownvalue.Int64Exact(idle), "never_signed_in_users": knownvalue.Int64Exact(never),
						"reclaimable_users": knownvalue.NotNull(),
					})),
				},
			},
			{
				PreConfig: server.ResetRequests,
				Config: providerBlock(server) + `data "azuresaas_license_usage" "test" { include_sign_in_activity = false }
output "inactivity" {
  value = alltrue([for s in data.azuresaas_license_usage.test.skus : s.inactive_users == null && s.never_signed_in_users == null && s.reclaimable_users == null])
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("inactivity", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.azuresaas_license_usage.test", visio.AtMapKey("assigned_users"), knownvalue.Int64Exact(holders)),
				},
			},
		},
	})
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/users" && strings.Contains(r.RawQuery, "signInActivity") {
			t.Errorf("include_sign_in_activity = false selected signInActivity: %s", r.RawQuery)
		}
	}
}

func countOf(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// TestLicenseUsageExample plans the documentation's example against the
// demo tenant: its E3 findings are the seat list example's
// (TestLicenceExamples), from one row per SKU.
func TestLicenseUsageExample(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	raw, err := os.ReadFile("../../examples/data-sources/azuresaas_license_usage/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + string(raw),
			ConfigStateChecks: []statecheck.StateCheck{
				// The three E3 seats the seat list example finds: all
				// three held by disabled accounts.
				statecheck.ExpectKnownOutputValueAtPath("reclaimable_seats", tfjsonpath.New("SPE_E3"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownOutputValue("unassigned_units", knownvalue.MapExact(map[string]knownvalue.Check{
					"SPE_E3": knownvalue.Int64Exact(2), "VISIOCLIENT": knownvalue.Int64Exact(-1), "POWER_BI_PRO": knownvalue.Int64Exact(-3),
				})),
			},
		}},
	})
}
