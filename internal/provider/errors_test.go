package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestGraphErrorsBecomeActionableDiagnostics runs reads that the token
// endpoint or Graph refuse and asserts what the user is told.
func TestGraphErrorsBecomeActionableDiagnostics(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	credentials := func(clientID, secret string) string {
		return `
provider "azuresaas" {
  tenant_id      = "` + fakegraph.DemoTenantID + `"
  client_id      = "` + clientID + `"
  client_secret  = "` + secret + `"
  graph_endpoint = "` + server.URL() + `"
  authority_host = "` + server.URL() + `"
}
`
	}
	cases := []struct {
		name   string
		config string
		fault  *fakegraph.Fault
		want   string
	}{
		{"wrong secret", credentials(fakegraph.DemoClientID, "not-the-secret") + `data "azuresaas_users" "t" {}`, nil,
			`(?s)Cannot Read Users From Microsoft Graph.*AADSTS7000215.*secret`},
		{"expired secret", credentials(fakegraph.ExpiredClientID, fakegraph.ExpiredClientSecret) + `data "azuresaas_users" "t" {}`, nil,
			`(?s)the client secret has expired \(AADSTS7000222\)`},
		{"unknown application", credentials("99999999-9999-9999-9999-999999999999", "s") + `data "azuresaas_users" "t" {}`, nil,
			`(?s)AADSTS700016`},
		{"missing permission names it", credentials(fakegraph.NoUsersClientID, fakegraph.NoUsersClientSecret) + `data "azuresaas_users" "t" {}`, nil,
			`(?s)Authorization_RequestDenied.*request-id [0-9a-f-]{36}.*User\.Read\.All.*admin consent`},
		{"grants permission names both", credentials(fakegraph.NoOrganizationClientID, fakegraph.NoOrganizationClientSecret) + `data "azuresaas_oauth2_permission_grants" "t" {}`, nil,
			`(?s)Cannot Read OAuth2 Permission Grants.*Authorization_RequestDenied.*request-id [0-9a-f-]{36}.*Directory\.Read\.All \(or\s+DelegatedPermissionGrant\.Read\.All\).*admin consent`},
		{"organization permission", credentials(fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret) + `data "azuresaas_organization" "t" {}`, nil,
			`(?s)Cannot Read the Organization.*Organization\.Read\.All.*admin consent`},
		{"persistent server error is an error, not a short list", credentials(fakegraph.DemoClientID, fakegraph.DemoClientSecret) + `data "azuresaas_users" "t" {}`,
			&fakegraph.Fault{PathPrefix: "/v1.0/users", Status: 500, Times: -1},
			`(?s)HTTP 500 generalException.*request-id [0-9a-f-]{36}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server.ClearFaults()
			if c.fault != nil {
				server.InjectFault(*c.fault)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      c.config,
					ExpectError: messagePattern(c.want),
				}},
			})
		})
	}
}
