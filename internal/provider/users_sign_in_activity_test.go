package provider

import (
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// include_sign_in_activity on users: the dates the tenant holds, 500 a page
// asked first and 120 once Graph refuses 500; without it, the dates are
// null and signInActivity is not selected.
func TestUsersSignInActivity(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	server := startGraph(t, tenant)
	server.SetSignInActivityMaxPageSize(120)
	christie := demoUser(t, tenant, "christie.")
	outputs := `
locals { by_upn = { for u in data.azuresaas_users.test.users : u.user_principal_name => u } }
output "christie" { value = [local.by_upn["christie.cline@tailspin.example"].last_sign_in, local.by_upn["christie.cline@tailspin.example"].last_non_interactive_sign_in, local.by_upn["christie.cline@tailspin.example"].last_successful_sign_in] }
output "boardroom_null" { value = [local.by_upn["boardroom@northwind.example"].last_sign_in == null, local.by_upn["boardroom@northwind.example"].last_successful_sign_in == null] }
`
	withoutOutputs := `
locals { by_upn = { for u in data.azuresaas_users.test.users : u.user_principal_name => u } }
output "christie_dates_null" { value = [for k in ["last_sign_in", "last_non_interactive_sign_in", "last_successful_sign_in"] : local.by_upn["christie.cline@tailspin.example"][k] == null] }
`
	var tops []string
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: server.ResetRequests,
				Config:    providerBlock(server) + `data "azuresaas_users" "test" { include_sign_in_activity = true }` + outputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("christie", knownvalue.ListExact([]knownvalue.Check{
						timeCheck(christie.SignInActivity.LastSignIn), timeCheck(christie.SignInActivity.LastNonInteractiveSignIn),
						timeCheck(christie.SignInActivity.LastSuccessfulSignIn)})),
					statecheck.ExpectKnownOutputValue("boardroom_null", knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true), knownvalue.Bool(true)})),
				},
			},
			{
				PreConfig: func() {
					for _, r := range server.Requests() {
						if r.Path == "/v1.0/users" {
							q, _ := url.ParseQuery(r.RawQuery)
							if q.Get("$skiptoken") == "" {
								tops = append(tops, q.Get("$top"))
							}
						}
					}
					server.ResetRequests()
				},
				Config: providerBlock(server) + `data "azuresaas_users" "test" {}` + withoutOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("christie_dates_null", knownvalue.ListExact([]knownvalue.Check{knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true)})),
				},
			},
		},
	})
	// Each plan and apply reads once: every read asks 500, is refused, and
	// asks 120.
	if len(tops) < 2 || len(tops)%2 != 0 || strings.Count(strings.Join(tops, ","), "500") != len(tops)/2 || tops[0] != "500" || tops[1] != "120" {
		t.Errorf("first-page $top of each read = %v, want 500 then 120, read after read", tops)
	}
	for _, r := range server.Requests() {
		if strings.Contains(r.RawQuery, "signInActivity") {
			t.Errorf("a read without include_sign_in_activity selected it: %s", r.RawQuery)
		}
	}
}
