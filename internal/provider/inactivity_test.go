package provider

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// licenceUsageTenant is a small generated tenant with random licence paths
// and sign-in activity (fakegraph.GenerateLicenceUsageTenant), answering to
// the demo application.
func licenceUsageTenant(seed int64, n int, now time.Time) *fakegraph.Tenant {
	tenant := fakegraph.GenerateLicenceUsageTenant(seed, n, now)
	tenant.ID = fakegraph.DemoTenantID
	return tenant
}

// idleSince reports the inactivity rule on the tenant's own data.
func idleSince(u fakegraph.User, cutoff time.Time) bool {
	a := u.SignInActivity
	return a == nil || a.LastSuccessfulSignIn == nil || a.LastSuccessfulSignIn.Before(cutoff)
}

func stringSet(values []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

// TestInactiveDaysFilters: inactive_days keeps exactly the users (and the
// seats of the holders) the tenant says have not signed in successfully in
// that many days, or never; account_enabled on seats keeps the holders'
// accounts in that state; both together keep both.
func TestInactiveDaysFilters(t *testing.T) {
	clearCredentialEnv(t)
	now := time.Now().UTC()
	tenant := licenceUsageTenant(5, 120, now)
	server := startGraph(t, tenant)
	cutoff := now.Add(-90 * 24 * time.Hour)

	var idleUsers, idleSeats, disabledSeats, idleDisabledSeats []string
	for _, u := range tenant.Users {
		idle := idleSince(u, cutoff)
		if idle {
			idleUsers = append(idleUsers, u.ID)
		}
		held := map[string]bool{}
		for _, l := range u.AssignedLicenses {
			if held[l.SkuID] {
				continue
			}
			held[l.SkuID] = true
			seat := u.ID + "/" + l.SkuID
			if idle {
				idleSeats = append(idleSeats, seat)
			}
			if !*u.AccountEnabled {
				disabledSeats = append(disabledSeats, seat)
				if idle {
					idleDisabledSeats = append(idleDisabledSeats, seat)
				}
			}
		}
	}
	if len(idleUsers) == 0 || len(idleUsers) == len(tenant.Users) || len(idleDisabledSeats) == 0 {
		t.Fatalf("the tenant does not tell the filters apart: %d of %d users idle, %d idle disabled seats", len(idleUsers), len(tenant.Users), len(idleDisabledSeats))
	}
	seatsConfig := func(args string) string {
		return providerBlock(server) + "data \"azuresaas_license_assignments\" \"test\" {\n  include_guests = true\n" + args + "}\n" +
			"output \"seats\" { value = toset([for a in data.azuresaas_license_assignments.test.assignments : \"${a.user_id}/${a.sku_id}\"]) }\n" +
			"output \"any_without_sign_in_dates\" { value = anytrue([for a in data.azuresaas_license_assignments.test.assignments : a.last_sign_in == null && a.last_successful_sign_in == null && a.last_non_interactive_sign_in == null]) }\n"
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(server) + `data "azuresaas_users" "test" {
  include_guests = true
  inactive_days  = 90
}
output "ids" { value = toset([for u in data.azuresaas_users.test.users : u.id]) }
`,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("ids", stringSet(idleUsers))},
			},
			{
				Config:            seatsConfig("  inactive_days = 90\n"),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("seats", stringSet(idleSeats))},
			},
			{
				Config: seatsConfig("  account_enabled = false\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("seats", stringSet(disabledSeats)),
					// Without sign-in activity the dates stay null.
					statecheck.ExpectKnownOutputValue("any_without_sign_in_dates", knownvalue.Bool(true)),
				},
			},
			{
				Config:            seatsConfig("  account_enabled = false\n  inactive_days = 90\n  include_sign_in_activity = true\n"),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("seats", stringSet(idleDisabledSeats))},
			},
		},
	})
	// account_enabled went to Graph; inactive_days read sign-in activity.
	var disabledAsked, activityAsked bool
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/users" {
			disabledAsked = disabledAsked || strings.Contains(r.RawQuery, "accountEnabled+eq+false")
			activityAsked = activityAsked || strings.Contains(r.RawQuery, "signInActivity")
		}
	}
	if !disabledAsked || !activityAsked {
		t.Errorf("account_enabled pushed down: %t, sign-in activity selected: %t", disabledAsked, activityAsked)
	}
}

// TestInactiveDaysBadInput: plan-time errors on inactive_days, before any
// request.
func TestInactiveDaysBadInput(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	var steps []resource.TestStep
	for _, typeName := range []string{"azuresaas_users", "azuresaas_license_assignments"} {
		steps = append(steps,
			resource.TestStep{
				Config:      providerBlock(server) + "data \"" + typeName + "\" \"test\" { inactive_days = 0 }",
				ExpectError: regexp.MustCompile(`(?s)inactive_days.*must be at least 1`),
			},
			resource.TestStep{
				Config:      providerBlock(server) + "data \"" + typeName + "\" \"test\" {\n  inactive_days = 30\n  include_sign_in_activity = false\n}",
				ExpectError: regexp.MustCompile(`(?s)Conflicting Arguments.*inactive_days keeps users by their sign-in.*activity`),
			})
	}
	server.ResetRequests()
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviders, Steps: steps})
	for _, r := range server.Requests() {
		if strings.HasPrefix(r.Path, "/v1.0/") {
			t.Errorf("a refused configuration reached Graph: %s", r.Path)
		}
	}
}
