package provider

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

const groupsOutputs = `
output "names" {
  value = [for g in data.azuresaas_groups.test.groups : g.display_name]
}
`

// TestGroupsDataSource reads the demo tenant's groups through terraform:
// every attribute of a licensing group with licence errors, the
// role-assignable group's Hidden visibility, and each filter, with what
// went to Graph and what the provider applied.
func TestGroupsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	row := func(i int) tfjsonpath.Path { return tfjsonpath.New("groups").AtSliceIndex(i) }
	const ds = "data.azuresaas_groups.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_groups" "test" {}` + groupsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", stringList("All Company", "Dyn-Engineering", "Finance",
					"Helpdesk Admins", "Research Lab", "Sales", "Sales Interns", "Tier0 Admins", "Visio Users")),
				statecheck.ExpectKnownValue(ds, row(8), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                              knownvalue.StringExact(fakegraph.DemoVisioUsersGroupID),
					"display_name":                    knownvalue.StringExact("Visio Users"),
					"mail":                            knownvalue.Null(),
					"mail_enabled":                    knownvalue.Bool(false),
					"security_enabled":                knownvalue.Bool(true),
					"group_types":                     knownvalue.ListExact([]knownvalue.Check{}),
					"membership_rule":                 knownvalue.Null(),
					"visibility":                      knownvalue.Null(),
					"created_date_time":               knownvalue.StringExact("2023-09-18T10:02:44Z"),
					"is_assignable_to_role":           knownvalue.Null(),
					"on_premises_sync_enabled":        knownvalue.Null(),
					"assigned_license_sku_ids":        stringList(fakegraph.SkuVisioClient),
					"has_members_with_license_errors": knownvalue.Bool(true),
				})),
				statecheck.ExpectKnownValue(ds, row(3).AtMapKey("visibility"), knownvalue.StringExact("Hidden")),
				statecheck.ExpectKnownValue(ds, row(3).AtMapKey("is_assignable_to_role"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, row(7).AtMapKey("visibility"), knownvalue.StringExact("Private")),
				statecheck.ExpectKnownValue(ds, row(7).AtMapKey("is_assignable_to_role"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, row(1).AtMapKey("membership_rule"), knownvalue.StringExact(`(user.department -eq "Engineering")`)),
				statecheck.ExpectKnownValue(ds, row(1).AtMapKey("created_date_time"), knownvalue.StringExact("2025-01-07T16:40:10.1234567Z")),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("group_types"), stringList("Unified")),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("has_members_with_license_errors"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, row(4).AtMapKey("on_premises_sync_enabled"), knownvalue.Bool(true)),
			},
		}, {
			// security groups with assigned membership that are not Microsoft 365 groups
			Config: providerBlock(server) + `data "azuresaas_groups" "test" {
  security_enabled = true
  unified          = false
  dynamic          = false
}` + groupsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("names",
				stringList("Finance", "Helpdesk Admins", "Research Lab", "Sales", "Sales Interns", "Tier0 Admins", "Visio Users"))},
		}, {
			Config: providerBlock(server) + `data "azuresaas_groups" "test" {
  license_errors_only = true
}` + groupsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", stringList("Visio Users")),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("has_members_with_license_errors"), knownvalue.Bool(true)),
			},
		}, {
			Config: providerBlock(server) + `data "azuresaas_groups" "test" {
  display_name_prefix = "sales"
  mail_enabled        = false
}` + groupsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("names", stringList("Sales", "Sales Interns"))},
		}, {
			Config: providerBlock(server) + `data "azuresaas_groups" "test" {
  unified = true
  dynamic = true
}` + groupsOutputs,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("names", knownvalue.ListExact([]knownvalue.Check{}))},
		}},
	})
	var queries []string
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/groups" {
			queries = append(queries, r.RawQuery)
		}
	}
	all := strings.Join(queries, "\n")
	for _, want := range []string{"securityEnabled%20eq%20true", "mailEnabled%20eq%20false", "startswith%28displayName%2C%27sales%27%29",
		"groupTypes%2Fany%28c%3Ac%20eq%20%27Unified%27%29%20and%20groupTypes%2Fany%28c%3Ac%20eq%20%27DynamicMembership%27%29",
		"$select=id&$top=999&$filter=hasMembersWithLicenseErrors%20eq%20true"} {
		if !strings.Contains(all, want) {
			t.Errorf("no request pushed down %q; queries:\n%s", want, all)
		}
	}
	if strings.Contains(all, "not%28") || strings.Contains(all, "$count") {
		t.Errorf("an advanced query was sent:\n%s", all)
	}
}

// An application with GroupMember.Read.All alone, on a Graph that withholds
// assignedLicenses and membershipRule from it (UNKNOWN 9): the groups are
// listed with those null, not empty, and a warning names Group.Read.All.
func TestGroupsWithheldPropertiesWarn(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	tenant.GroupPropertiesNeedGroupReadAll = true
	const clientID, secret = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f98", "group-member-reader-secret-not-a-real-credential"
	tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: clientID, DisplayName: "Group member reader",
		Secrets: []fakegraph.Secret{{Value: secret}}, Permissions: []string{"GroupMember.Read.All"}})
	server := startGraph(t, tenant)
	h := newProtocolHarness(t, http.DefaultClient)
	h.configure(t, map[string]any{"tenant_id": tenant.ID, "client_id": clientID, "client_secret": secret,
		"graph_endpoint": server.URL(), "authority_host": server.URL()})
	state, diags := h.read(context.Background(), t, "azuresaas_groups", nil)
	if hasError(diags) || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
		!strings.Contains(diags[0].Detail, "Group.Read.All") || !strings.Contains(diags[0].Detail, "null for 9 group(s)") ||
		!strings.Contains(diags[0].Detail, "null for 1 dynamic") {
		t.Fatalf("diagnostics: %s", diagnosticsText(diags))
	}
	var attrs map[string]tftypes.Value
	_ = state.As(&attrs)
	var groups []tftypes.Value
	_ = attrs["groups"].As(&groups)
	if len(groups) != 9 {
		t.Fatalf("%d groups, want 9", len(groups))
	}
	for _, g := range groups {
		var fields map[string]tftypes.Value
		_ = g.As(&fields)
		if !fields["assigned_license_sku_ids"].IsNull() || !fields["membership_rule"].IsNull() {
			t.Errorf("withheld properties not null: %v", fields)
		}
	}
}

// Without any group permission Graph answers 403; the error names the
// permission to grant.
func TestGroupsWithoutPermission(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerBlockAs(server, fakegraph.NoUsersClientID, fakegraph.NoUsersClientSecret) + `data "azuresaas_groups" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)Authorization_RequestDenied.*GroupMember\.Read\.All`),
		}},
	})
}

// TestGroupsExample applies the documentation's example to the demo tenant.
func TestGroupsExample(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	raw, err := os.ReadFile("../../examples/data-sources/azuresaas_groups/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + string(raw),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("groups_with_license_errors", stringList("Visio Users")),
				statecheck.ExpectKnownOutputValue("assigned_security_group_count", knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownOutputValue("licensing_groups", knownvalue.MapExact(map[string]knownvalue.Check{
					"Research Lab": stringList(fakegraph.SkuM365E3), "Visio Users": stringList(fakegraph.SkuVisioClient),
				})),
				statecheck.ExpectKnownOutputValue("role_assignable_groups", stringList("Helpdesk Admins", "Tier0 Admins")),
			},
		}},
	})
}
