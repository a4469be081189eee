package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestUsersDataSourceExternalUserState: a guest who never accepted their
// invitation, one who did, and a member (never invited) each carry Graph's
// externalUserState and its change time as sent.
func TestUsersDataSourceExternalUserState(t *testing.T) {
	clearCredentialEnv(t)
	tenant := rosterTenant()
	invited := time.Date(2026, 7, 12, 14, 3, 55, 0, time.UTC)
	accepted := time.Date(2025, 3, 4, 5, 6, 7, 123456700, time.UTC)
	for i := range tenant.Users {
		if tenant.Users[i].UserPrincipalName == "eve_partner.example#EXT#@contoso.onmicrosoft.example" {
			tenant.Users[i].ExternalUserState = ptr("PendingAcceptance")
			tenant.Users[i].ExternalUserStateChangeDateTime = &invited
		}
	}
	tenant.Users = append(tenant.Users, fakegraph.User{
		ID: "00000000-0000-0000-0000-000000000011", UserPrincipalName: "hal_vendor.example#EXT#@contoso.onmicrosoft.example",
		UserType: ptr("Guest"), AccountEnabled: ptr(true), ExternalUserState: ptr("Accepted"), ExternalUserStateChangeDateTime: &accepted,
	})
	server := startGraph(t, tenant)
	user := func(i int, name string) tfjsonpath.Path {
		return tfjsonpath.New("users").AtSliceIndex(i).AtMapKey(name)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `
data "azuresaas_users" "test" {
  guests_only = true
}
data "azuresaas_users" "members" {
  domain_names = ["contoso.example"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(0, "external_user_state"), knownvalue.StringExact("PendingAcceptance")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(0, "external_user_state_change_date_time"), knownvalue.StringExact("2026-07-12T14:03:55Z")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(1, "user_principal_name"), knownvalue.StringExact("hal_vendor.example#EXT#@contoso.onmicrosoft.example")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(1, "external_user_state"), knownvalue.StringExact("Accepted")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(1, "external_user_state_change_date_time"), knownvalue.StringExact("2025-03-04T05:06:07.1234567Z")),
				statecheck.ExpectKnownValue("data.azuresaas_users.members", user(0, "external_user_state"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.azuresaas_users.members", user(0, "external_user_state_change_date_time"), knownvalue.Null()),
			},
		}},
	})
}
