package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

func consentTenant(authz *fakegraph.AuthorizationPolicy, requests *fakegraph.AdminConsentRequestPolicy, permissions ...string) *fakegraph.Tenant {
	tenant := rosterTenant()
	tenant.Apps[0].Permissions = append(tenant.Apps[0].Permissions, permissions...)
	tenant.AuthorizationPolicy, tenant.AdminConsentRequestPolicy = authz, requests
	return tenant
}

func TestConsentSettingsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	const ds = "data.azuresaas_consent_settings.test"
	at := func(name string) tfjsonpath.Path { return tfjsonpath.New(name) }
	cases := []struct {
		name     string
		authz    *fakegraph.AuthorizationPolicy
		requests *fakegraph.AdminConsentRequestPolicy
		checks   []statecheck.StateCheck
	}{
		{"legacy consent, restricted guests, reviewers sorted",
			&fakegraph.AuthorizationPolicy{AllowInvitesFrom: ptr("adminsAndGuestInviters"), GuestUserRoleID: ptr(strings.ToUpper(fakegraph.GuestRoleRestricted)),
				PermissionGrantPoliciesAssigned: []string{"managePermissionGrantsForSelf.microsoft-user-default-legacy",
					"ManagePermissionGrantsForOwnedResource.DeveloperConsent", "ManagePermissionGrantsForSelf.microsoft-user-default-low"}},
			&fakegraph.AdminConsentRequestPolicy{IsEnabled: true, RequestDurationInDays: 0,
				ReviewerQueries: []string{"/users/b", "/directory/roleAssignments?$filter=roleDefinitionId eq 'x'", "/users/a"}},
			[]statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("user_consent"), knownvalue.StringExact("all_apps")),
				statecheck.ExpectKnownValue(ds, at("user_consent_policies"), stringList("microsoft-user-default-legacy", "microsoft-user-default-low")),
				statecheck.ExpectKnownValue(ds, at("users_can_register_apps"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, at("guest_invites_allowed_from"), knownvalue.StringExact("adminsAndGuestInviters")),
				statecheck.ExpectKnownValue(ds, at("guest_access"), knownvalue.StringExact("restricted")),
				statecheck.ExpectKnownValue(ds, at("admin_consent_requests_enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, at("admin_consent_reviewers"), stringList(
					"/directory/roleAssignments?$filter=roleDefinitionId eq 'x'", "/users/a", "/users/b")),
				statecheck.ExpectKnownValue(ds, at("admin_consent_request_duration_days"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(ds, at("notes"), knownvalue.ListExact([]knownvalue.Check{})),
			}},
		{"user consent off, unknown guest role, workflow off",
			&fakegraph.AuthorizationPolicy{AllowInvitesFrom: ptr("none"), GuestUserRoleID: ptr("00000000-0000-0000-0000-00000000abcd"), AllowedToCreateApps: true,
				PermissionGrantPoliciesAssigned: []string{"ManagePermissionGrantsForOwnedResource.DeveloperConsent"}},
			&fakegraph.AdminConsentRequestPolicy{RequestDurationInDays: 30},
			[]statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("user_consent"), knownvalue.StringExact("none")),
				statecheck.ExpectKnownValue(ds, at("user_consent_policies"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(ds, at("users_can_register_apps"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, at("guest_access"), knownvalue.StringExact("00000000-0000-0000-0000-00000000abcd")),
				statecheck.ExpectKnownValue(ds, at("admin_consent_requests_enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, at("admin_consent_reviewers"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(ds, at("admin_consent_request_duration_days"), knownvalue.Int64Exact(30)),
			}},
		{"low impact only; a custom policy is custom with a note",
			&fakegraph.AuthorizationPolicy{GuestUserRoleID: ptr(fakegraph.GuestRoleSameAsMembers),
				PermissionGrantPoliciesAssigned: []string{"ManagePermissionGrantsForSelf.contoso-vetted-apps"}},
			nil,
			[]statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("user_consent"), knownvalue.StringExact("custom")),
				statecheck.ExpectKnownValue(ds, at("user_consent_policies"), stringList("contoso-vetted-apps")),
				statecheck.ExpectKnownValue(ds, at("guest_access"), knownvalue.StringExact("same_as_members")),
				statecheck.ExpectKnownValue(ds, at("guest_invites_allowed_from"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, at("notes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(regexp.MustCompile(`custom app consent policy \(contoso-vetted-apps\)`)),
				})),
			}},
		{"the defaults: low impact",
			nil, nil,
			[]statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("user_consent"), knownvalue.StringExact("low_impact")),
				statecheck.ExpectKnownValue(ds, at("guest_access"), knownvalue.StringExact("limited")),
				statecheck.ExpectKnownValue(ds, at("guest_invites_allowed_from"), knownvalue.StringExact("everyone")),
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := startGraph(t, consentTenant(c.authz, c.requests, "Policy.Read.All"))
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerBlock(server) + `data "azuresaas_consent_settings" "test" {}`,
					ConfigStateChecks: c.checks,
				}},
			})
		})
	}
}

// Without Policy.Read.All both parts are null with a note each, and the
// read still succeeds (with warnings naming the permission).
func TestConsentSettingsWithoutPolicyReadAll(t *testing.T) {
	clearCredentialEnv(t)
	const ds = "data.azuresaas_consent_settings.test"
	server := startGraph(t, consentTenant(nil, nil))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_consent_settings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("user_consent"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("user_consent_policies"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("guest_access"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("admin_consent_requests_enabled"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("admin_consent_reviewers"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("admin_consent_request_duration_days"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("notes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringRegexp(regexp.MustCompile(`^user_consent, .* are null because Graph refused GET /v1.0/policies/authorizationPolicy: grant the application permission Policy.Read.All.*Authorization_RequestDenied.*request-id`)),
					knownvalue.StringRegexp(regexp.MustCompile(`^admin_consent_requests_enabled, .* are null because Graph refused GET /v1.0/policies/adminConsentRequestPolicy: grant the application permission Policy.Read.All`)),
				})),
			},
		}},
	})
}
