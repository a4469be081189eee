package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const assignmentsOutput = `
output "principals" {
  value = [for a in data.azuresaas_app_role_assignments.test.assignments : "${a.principal_type}:${a.principal_display_name}"]
}
`

func TestAppRoleAssignments(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ssoRosterTenant())
	ds := "data.azuresaas_app_role_assignments.test"
	principals := func(want ...string) statecheck.StateCheck {
		checks := []knownvalue.Check{}
		for _, w := range want {
			checks = append(checks, knownvalue.StringExact(w))
		}
		return statecheck.ExpectKnownOutputValue("principals", knownvalue.ListExact(checks))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			// by service principal id: users, groups and service principals, sorted by name
			Config: providerBlock(server) + `data "azuresaas_app_role_assignments" "test" { service_principal_id = "` + appOpen + `" }` + assignmentsOutput,
			ConfigStateChecks: []statecheck.StateCheck{
				principals("ServicePrincipal:Group App", "Group:Group B"),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("assignments").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                     knownvalue.StringRegexp(regexpMust(`^[A-Za-z0-9_-]{43}$`)), // not a GUID
					"principal_id":           knownvalue.StringExact(groupB),
					"principal_type":         knownvalue.StringExact("Group"),
					"principal_display_name": knownvalue.StringExact("Group B"),
					"app_role_id":            knownvalue.StringExact("00000000-0000-0000-0000-000000000000"),
					"created_date_time":      knownvalue.StringExact("2023-04-01T10:00:00Z"),
					"resource_id":            knownvalue.StringExact(appOpen),
					"resource_display_name":  knownvalue.StringExact("Open App"),
				})),
			},
		}, {
			// by application id: resolved to the service principal
			Config: providerBlock(server) + `data "azuresaas_app_role_assignments" "test" { app_id = "` + appMultiAppl + `" }` + assignmentsOutput,
			ConfigStateChecks: []statecheck.StateCheck{
				principals("User:bob@contoso.example", "Group:Group A", "Group:Group B"),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principal_id"), knownvalue.StringExact(appMulti)),
			},
		}},
	})
}

func TestAppRoleAssignmentsPastOnePage(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, bigRosterTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_app_role_assignments" "test" { service_principal_id = "` + appBig + `" }
output "count" { value = length(data.azuresaas_app_role_assignments.test.assignments) }
output "distinct" { value = length(distinct([for a in data.azuresaas_app_role_assignments.test.assignments : a.id])) }
output "users" { value = length([for a in data.azuresaas_app_role_assignments.test.assignments : a if a.principal_type == "User"]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(1200)),
				statecheck.ExpectKnownOutputValue("distinct", knownvalue.Int64Exact(1200)),
				statecheck.ExpectKnownOutputValue("users", knownvalue.Int64Exact(1200)),
			},
		}},
	})
}

func TestAppRoleAssignmentsErrors(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ssoRosterTenant())
	for name, c := range map[string]struct{ config, want string }{
		"unknown app_id says so": {providerBlock(server) + `data "azuresaas_app_role_assignments" "t" { app_id = "b0000000-0000-4000-8000-0000000000ee" }`,
			`(?s)Unknown Application ID.*no service principal for the application ID b0000000-0000-4000-8000-0000000000ee`},
		"unknown service principal": {providerBlock(server) + `data "azuresaas_app_role_assignments" "t" { service_principal_id = "30000000-0000-4000-8000-0000000000ee" }`,
			`(?s)Unknown Service Principal.*30000000-0000-4000-8000-0000000000ee does not exist in the tenant.*Request_ResourceNotFound`},
		"403 names Application.Read.All": {rosterProviderAs(server, "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f54", "no-roles-secret-not-a-real-credential") +
			`data "azuresaas_app_role_assignments" "t" { service_principal_id = "` + appDirect + `" }`,
			`(?s)Authorization_RequestDenied.*Application\.Read\.All.*admin consent`},
		"both arguments": {providerBlock(server) + `data "azuresaas_app_role_assignments" "t" {
  service_principal_id = "` + appDirect + `"
  app_id               = "` + appMultiAppl + `"
}`, `(?s)Invalid Attribute Combination.*service_principal_id.*app_id`},
		"neither argument": {providerBlock(server) + `data "azuresaas_app_role_assignments" "t" {}`, `(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured`},
		"not a GUID":       {providerBlock(server) + `data "azuresaas_app_role_assignments" "t" { app_id = "salesforce" }`, `"salesforce" is not valid here: it must be a GUID`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: c.config, ExpectError: messagePattern(c.want)}},
			})
		})
	}
}
