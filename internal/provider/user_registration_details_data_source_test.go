package provider

import (
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

// registrationTenant has one row of the registration report per rule:
// an admin without MFA, a member with MFA, a guest, a user of another
// domain, a user whose isAdmin is null, and a UPN that sorts by case.
func registrationTenant(permissions ...string) *fakegraph.Tenant {
	tenant := rosterTenant()
	tenant.Apps[0].Permissions = append(tenant.Apps[0].Permissions, permissions...)
	refreshed := time.Date(2026, 8, 30, 4, 12, 9, 123456700, time.UTC)
	row := func(id, upn, userType string) fakegraph.UserRegistrationDetails {
		return fakegraph.UserRegistrationDetails{ID: id, UserPrincipalName: upn, UserDisplayName: strings.Split(upn, "@")[0],
			UserType: userType, IsAdmin: ptr(false), LastUpdatedDateTime: refreshed, MethodsRegistered: []string{},
			SystemPreferredAuthenticationMethods: []string{}}
	}
	admin := row("00000000-0000-0000-0000-0000000000a1", "root@contoso.example", "member")
	admin.IsAdmin = ptr(true)
	admin.IsSsprEnabled = true
	admin.UserPreferredMethodForSecondaryAuthentication = ptr("none")
	mfa := row("00000000-0000-0000-0000-0000000000a2", "Mia@Contoso.Example", "member")
	mfa.IsMfaCapable, mfa.IsMfaRegistered, mfa.IsPasswordlessCapable, mfa.IsSsprRegistered = true, true, true, true
	mfa.MethodsRegistered = []string{"softwareOneTimePasscode", "fido2", "microsoftAuthenticatorPush"}
	mfa.SystemPreferredAuthenticationMethods = []string{"push", "oath"}
	mfa.UserPreferredMethodForSecondaryAuthentication = ptr("push")
	mfaAdmin := row("00000000-0000-0000-0000-0000000000a3", "ada@contoso.example", "member")
	mfaAdmin.IsAdmin, mfaAdmin.IsMfaRegistered = ptr(true), true
	guest := row("00000000-0000-0000-0000-0000000000a4", "eve_partner.example#EXT#@contoso.onmicrosoft.example", "guest")
	guest.UserPreferredMethodForSecondaryAuthentication = ptr("") // as in Microsoft's sample
	other := row("00000000-0000-0000-0000-0000000000a5", "otto@fabrikam.example", "member")
	other.IsAdmin = nil
	tenant.UserRegistrationDetails = []fakegraph.UserRegistrationDetails{admin, mfa, mfaAdmin, guest, other}
	return tenant
}

const registrationOutputs = `
output "upns" {
  value = [for u in data.azuresaas_user_registration_details.test.users : u.user_principal_name]
}
`

func TestUserRegistrationDetailsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, registrationTenant("AuditLog.Read.All"))
	row := func(i int) tfjsonpath.Path { return tfjsonpath.New("users").AtSliceIndex(i) }
	const ds = "data.azuresaas_user_registration_details.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			// members only by default, sorted case-insensitively
			Config: providerBlock(server) + `data "azuresaas_user_registration_details" "test" {}` + registrationOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("upns", stringList("ada@contoso.example", "Mia@Contoso.Example", "otto@fabrikam.example", "root@contoso.example")),
				statecheck.ExpectKnownValue(ds, row(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                         knownvalue.StringExact("00000000-0000-0000-0000-0000000000a2"),
					"user_principal_name":        knownvalue.StringExact("Mia@Contoso.Example"),
					"display_name":               knownvalue.StringExact("Mia"),
					"user_type":                  knownvalue.StringExact("member"),
					"is_admin":                   knownvalue.Bool(false),
					"is_mfa_capable":             knownvalue.Bool(true),
					"is_mfa_registered":          knownvalue.Bool(true),
					"is_passwordless_capable":    knownvalue.Bool(true),
					"is_sspr_registered":         knownvalue.Bool(true),
					"methods_registered":         stringList("fido2", "microsoftAuthenticatorPush", "softwareOneTimePasscode"),
					"preferred_secondary_method": knownvalue.StringExact("push"),
					"system_preferred_methods":   stringList("oath", "push"),
					"last_updated_date_time":     knownvalue.StringExact("2026-08-30T04:12:09.1234567Z"),
				})),
				statecheck.ExpectKnownValue(ds, row(2).AtMapKey("is_admin"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, row(3).AtMapKey("methods_registered"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}, {
			// admins without MFA: the MFA half goes to Graph, the admin half is the provider's
			Config: providerBlock(server) + `data "azuresaas_user_registration_details" "test" {
  mfa_registered = false
  admins_only    = true
}` + registrationOutputs,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("upns", stringList("root@contoso.example"))},
		}, {
			// guests and domains, with an empty preferred method kept as sent
			Config: providerBlock(server, `domain_names = ["contoso.onmicrosoft.example"]`) + `data "azuresaas_user_registration_details" "test" {
  include_guests = true
}` + registrationOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("upns", stringList("eve_partner.example#EXT#@contoso.onmicrosoft.example")),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("user_type"), knownvalue.StringExact("guest")),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("preferred_secondary_method"), knownvalue.StringExact("")),
			},
		}},
	})
	var filters []string
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/reports/authenticationMethods/userRegistrationDetails" {
			filters = append(filters, r.RawQuery)
		}
	}
	pushed := false
	for _, q := range filters {
		if strings.Contains(q, "isMfaRegistered%20eq%20false") {
			pushed = true
		}
		if strings.Contains(strings.ToLower(q), "isadmin") || strings.Contains(strings.ToLower(q), "usertype") {
			t.Errorf("query %q filters on a property Graph documents no filter for", q)
		}
	}
	if !pushed {
		t.Errorf("mfa_registered was not sent to Graph as $filter=isMfaRegistered eq false; queries: %q", filters)
	}
}

func TestUserRegistrationDetailsRefusals(t *testing.T) {
	clearCredentialEnv(t)
	noPremium := registrationTenant("AuditLog.Read.All")
	noPremium.WithoutPremium = true
	cases := []struct {
		name   string
		tenant *fakegraph.Tenant
		want   string
	}{
		{"a tenant without P1 or P2", noPremium,
			`(?s)Registration Details Need Microsoft Entra ID P1 or P2.*Authentication_RequestFromNonPremiumTenantOrB2CTenant.*request-id [0-9a-f-]{36}.*needs a Microsoft Entra ID P1 or P2 licence`},
		{"an app without AuditLog.Read.All", registrationTenant("UserAuthenticationMethod.Read.All"),
			`(?s)Missing Permission For Registration Details.*Authentication_MSGraphPermissionMissing.*grant the application permission AuditLog.Read.All`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := startGraph(t, c.tenant)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(server) + `data "azuresaas_user_registration_details" "test" {}`,
					// terraform wraps the message: any space may be a line break
					ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
				}},
			})
		})
	}
}
