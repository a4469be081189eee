package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// rosterOutput lists the entries as "app|email|source|group|active_date".
const rosterOutput = `
output "entries" {
  value = [for e in data.azuresaas_application_roster.test.entries :
    join("|", [e.app_display_name, e.email, e.source, coalesce(e.group_id, "-"), coalesce(e.active_date, "-")])]
}
`

func expectEntries(entries ...string) statecheck.StateCheck {
	values := make([]knownvalue.Check, 0, len(entries))
	for _, e := range entries {
		values = append(values, knownvalue.StringExact(e))
	}
	return statecheck.ExpectKnownOutputValue("entries", knownvalue.ListExact(values))
}

func rosterConfig(ids []string, args ...string) string {
	return fmt.Sprintf("data \"azuresaas_application_roster\" \"test\" {\n  service_principal_ids = [\"%s\"]\n  %s\n}\n",
		strings.Join(ids, `", "`), strings.Join(args, "\n  ")) + rosterOutput
}

func TestApplicationRosterEntries(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ssoRosterTenant())
	cases := []struct {
		name     string
		provider []string
		ids      []string
		args     []string
		want     []string
	}{
		{"direct only", nil, []string{appDirect}, nil,
			[]string{"Direct App|ann@contoso.example|direct|-|2023-01-01T10:00:00Z"}},
		{"via a group: direct members, nested group not expanded, device and service principal left out", nil, []string{appGroup}, nil,
			[]string{"Group App|bob@contoso.example|group|" + groupA + "|2023-02-01T10:00:00Z",
				"Group App|cat@fabrikam.example|group|" + groupA + "|2023-02-01T10:00:00Z"}},
		{"direct and two groups: one entry, direct, earliest date", nil, []string{appMulti}, nil,
			[]string{"Multi App|bob@contoso.example|direct|-|2023-03-01T10:00:00Z",
				"Multi App|cat@fabrikam.example|group|" + groupA + "|2023-03-02T10:00:00Z"}},
		{"guests with include_guests, lowest group id", nil, []string{appMulti}, []string{"include_guests = true"},
			[]string{"Multi App|bob@contoso.example|direct|-|2023-03-01T10:00:00Z",
				"Multi App|cat@fabrikam.example|group|" + groupA + "|2023-03-02T10:00:00Z",
				"Multi App|eve_partner.example#EXT#@contoso.example|group|" + groupB + "|2023-03-01T10:00:00Z"}},
		{"open access: every user but guests, group over open access", nil, []string{appOpen}, nil,
			[]string{"Open App|ann@contoso.example|open_access|-|2020-01-01T00:00:00Z",
				"Open App|bob@contoso.example|group|" + groupB + "|2023-04-01T10:00:00Z",
				"Open App|cat@fabrikam.example|open_access|-|2020-01-03T00:00:00Z",
				"Open App|dan@contoso.example|open_access|-|2020-01-05T00:00:00Z",
				"Open App|fay@fabrikam.example|open_access|-|2020-01-06T00:00:00Z"}},
		{"open access with assigned_only", nil, []string{appOpen}, []string{"assigned_only = true"},
			[]string{"Open App|bob@contoso.example|group|" + groupB + "|2023-04-01T10:00:00Z"}},
		{"domain filter from the provider", []string{`domain_names = ["FABRIKAM.example"]`}, []string{appOpen, appMulti}, nil,
			[]string{"Multi App|cat@fabrikam.example|group|" + groupA + "|2023-03-02T10:00:00Z",
				"Open App|cat@fabrikam.example|open_access|-|2020-01-03T00:00:00Z",
				"Open App|fay@fabrikam.example|open_access|-|2020-01-06T00:00:00Z"}},
		{"data source filters override the provider's", []string{`domain_names = ["fabrikam.example"]`},
			[]string{appMulti}, []string{"domain_names = [\"contoso.example\"]", "include_guests = true"},
			[]string{"Multi App|bob@contoso.example|direct|-|2023-03-01T10:00:00Z",
				"Multi App|eve_partner.example#EXT#@contoso.example|group|" + groupB + "|2023-03-01T10:00:00Z"}},
		{"several apps sorted by app name then email", nil, []string{appGroup, appDirect}, nil,
			[]string{"Direct App|ann@contoso.example|direct|-|2023-01-01T10:00:00Z",
				"Group App|bob@contoso.example|group|" + groupA + "|2023-02-01T10:00:00Z",
				"Group App|cat@fabrikam.example|group|" + groupA + "|2023-02-01T10:00:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerBlock(server, c.provider...) + rosterConfig(c.ids, c.args...),
					ConfigStateChecks: []statecheck.StateCheck{expectEntries(c.want...)},
				}},
			})
		})
	}
}

func TestApplicationRosterAttributes(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ssoRosterTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + rosterConfig([]string{appGroup}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.azuresaas_application_roster.test", tfjsonpath.New("entries").AtSliceIndex(0),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"app_id":           knownvalue.StringExact("b0000000-0000-4000-8000-000000000002"),
						"app_display_name": knownvalue.StringExact("Group App"),
						"app_instance_id":  knownvalue.StringExact(appGroup),
						"user_id":          knownvalue.StringExact(ssoBob),
						"email":            knownvalue.StringExact("bob@contoso.example"),
						"first_name":       knownvalue.StringExact("bob"),
						"last_name":        knownvalue.StringExact("Test"),
						"active_date":      knownvalue.StringExact("2023-02-01T10:00:00Z"),
						"source":           knownvalue.StringExact("group"),
						"group_id":         knownvalue.StringExact(groupA),
					})),
				statecheck.ExpectKnownValue("data.azuresaas_application_roster.test", tfjsonpath.New("nested_group_ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(groupNested)})),
			},
		}},
	})
}

func TestApplicationRosterPastOnePage(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, bigRosterTenant())
	count := func(name string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownOutputValue(name, knownvalue.Int64Exact(int64(n)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `
data "azuresaas_application_roster" "test" {
  service_principal_ids = ["` + appBig + `", "` + appBigGroup + `"]
}
output "direct" {
  value = length([for e in data.azuresaas_application_roster.test.entries : e if e.app_display_name == "Big App" && e.source == "direct"])
}
output "group" {
  value = length([for e in data.azuresaas_application_roster.test.entries : e if e.app_display_name == "Big Group App" && e.source == "group"])
}
output "users" {
  value = length(distinct([for e in data.azuresaas_application_roster.test.entries : e.user_id]))
}
output "first_and_last" {
  value = [data.azuresaas_application_roster.test.entries[0].email, data.azuresaas_application_roster.test.entries[2399].email]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				count("direct", 1200), count("group", 1200), count("users", 1200),
				statecheck.ExpectKnownOutputValue("first_and_last", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("user0000@contoso.example"), knownvalue.StringExact("user1199@contoso.example")})),
			},
		}},
	})
}

func TestApplicationRosterErrors(t *testing.T) {
	clearCredentialEnv(t)
	tenant := ssoRosterTenant()
	// an assignment to a group deleted a moment ago
	tenant.AppRoleAssignments = append(tenant.AppRoleAssignments, fakegraph.AppRoleAssignment{
		ResourceID: appGroup, PrincipalID: groupGone, PrincipalType: "Group", CreatedDateTime: at("2024-01-01T00:00:00Z")})
	server := startGraph(t, tenant)
	cases := []struct {
		name, config, want string
	}{
		{"unknown service principal", providerBlock(server) + rosterConfig([]string{appDirect, "30000000-0000-4000-8000-0000000000ee"}),
			`(?s)Unknown Service Principal.*service principal 30000000-0000-4000-8000-0000000000ee does not exist in the tenant`},
		{"unknown group names it", providerBlock(server) + rosterConfig([]string{appGroup}),
			`(?s)Cannot Read the SSO Application Roster.*group ` + groupGone + ` does not exist in the tenant.*` + appGroup + `.*Request_ResourceNotFound`},
		{"403 names GroupMember.Read.All", rosterProviderAs(server, fakegraph.NoUsersClientID, fakegraph.NoUsersClientSecret) + rosterConfig([]string{appMulti}),
			`(?s)Authorization_RequestDenied.*request-id [0-9a-f-]{36}.*GroupMember\.Read\.All.*admin consent`},
		{"403 names Application.Read.All", rosterProviderAs(server, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret) + rosterConfig([]string{appDirect}),
			`(?s)Authorization_RequestDenied.*Application\.Read\.All.*admin consent`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: c.config, ExpectError: messagePattern(c.want)}},
			})
		})
	}
}
