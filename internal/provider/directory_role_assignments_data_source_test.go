package provider

import (
	"context"
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
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

const roleAssignmentOutputs = `
output "rows" {
  value = [for a in data.azuresaas_directory_role_assignments.test.assignments :
    "${a.role_display_name}|${a.principal_display_name == null ? "-" : a.principal_display_name}|${a.assignment_type}"]
}
`

func TestDirectoryRoleAssignmentsDataSource(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	const ds = "data.azuresaas_directory_role_assignments.test"
	row := func(i int) tfjsonpath.Path { return tfjsonpath.New("assignments").AtSliceIndex(i) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {
  role_names = ["Global Admin"]
}`,
			ExpectError: regexp.MustCompile(`(?s)Unknown Directory Role.*"Global Admin".*Global\s+Administrator,\s+Global\s+Reader`),
		}, {
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {
  role_names = ["Global Administrator", "global administrator"]
}`,
			ExpectError: regexp.MustCompile(`(?s)Duplicate Value.*differ only in case`),
		}, {
			// Every role, active and eligible, in DESIGN.md's order; the
			// Tier0 group once (its two members not again); the deleted
			// principal kept with null principal fields.
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {}` + roleAssignmentOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("rows", stringList(
					"Exchange Administrator|-|active",
					"Global Administrator|Adele Vance|active",
					"Global Administrator|Alex Wilber|active",
					"Global Administrator|Alex Wilber|eligible",
					"Global Administrator|Dan Park|active",
					"Global Administrator|Dana Rivera|active",
					"Global Administrator|Emergency Access|active",
					"Global Administrator|MOD Administrator|active",
					"Global Administrator|Tier0 Admins|active",
					"Global Reader|Lidia Holloway|active",
					"Helpdesk Administrator|Lee Gu|active",
					"Privileged Role Administrator|Nestor Wilke|eligible",
					"Security Administrator|Grady Archie|eligible",
					"User Administrator|nw-func-payroll|active",
				)),
				statecheck.ExpectKnownValue(ds, row(10), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                            knownvalue.NotNull(),
					"role_definition_id":            knownvalue.StringExact(fakegraph.RoleHelpdeskAdministrator),
					"role_display_name":             knownvalue.StringExact("Helpdesk Administrator"),
					"role_template_id":              knownvalue.StringExact(fakegraph.RoleHelpdeskAdministrator),
					"is_built_in":                   knownvalue.Bool(true),
					"principal_id":                  knownvalue.StringExact("6b0e5d2c-7a41-4f3e-9c8d-000000000031"),
					"principal_type":                knownvalue.StringExact("user"),
					"principal_display_name":        knownvalue.StringExact("Lee Gu"),
					"principal_user_principal_name": knownvalue.StringExact("lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com"),
					"principal_user_type":           knownvalue.StringExact("Guest"),
					"directory_scope_id":            knownvalue.StringExact("/"),
					"assignment_type":               knownvalue.StringExact("active"),
					"start_date_time":               knownvalue.Null(),
					"end_date_time":                 knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(ds, row(0).AtMapKey("principal_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, row(1).AtMapKey("end_date_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
				statecheck.ExpectKnownValue(ds, row(8).AtMapKey("principal_type"), knownvalue.StringExact("group")),
				statecheck.ExpectKnownValue(ds, row(8).AtMapKey("principal_user_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, row(13).AtMapKey("principal_type"), knownvalue.StringExact("servicePrincipal")),
				statecheck.ExpectKnownValue(ds, row(13).AtMapKey("directory_scope_id"),
					knownvalue.StringExact("/administrativeUnits/"+fakegraph.DemoAdministrativeUnitID)),
			},
		}, {
			// Names case-insensitively, pushed down; active only.
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {
  role_names       = ["global ADMINISTRATOR", "Privileged Role Administrator"]
  include_eligible = false
}` + roleAssignmentOutputs,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("rows", stringList(
				"Global Administrator|Adele Vance|active",
				"Global Administrator|Alex Wilber|active",
				"Global Administrator|Dan Park|active",
				"Global Administrator|Dana Rivera|active",
				"Global Administrator|Emergency Access|active",
				"Global Administrator|MOD Administrator|active",
				"Global Administrator|Tier0 Admins|active",
			))},
		}},
	})
	filtered := 0
	for _, r := range server.Requests() {
		if strings.HasSuffix(r.Path, "ScheduleInstances") && strings.Contains(r.RawQuery, "roleDefinitionId%20in%20") {
			filtered++
			if !strings.Contains(r.RawQuery, fakegraph.RoleGlobalAdministrator) || !strings.Contains(r.RawQuery, fakegraph.RolePrivilegedRoleAdministrator) {
				t.Errorf("role filter %s", r.RawQuery)
			}
		}
		if r.Refused != "" {
			t.Errorf("the CSDL check refused %s?%s: %s", r.Path, r.RawQuery, r.Refused)
		}
	}
	if filtered == 0 {
		t.Error("role_names was not pushed down as roleDefinitionId in (…)")
	}
}

func TestDirectoryRoleAssignmentsWithoutP2(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	tenant.WithoutP2 = true
	server := startGraph(t, tenant)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)Eligible Role Assignments Need Microsoft Entra ID P2.*AadPremiumLicenseRequired.*` +
				`request-id.*P2\s+or\s+Microsoft\s+Entra\s+ID\s+Governance.*include_eligible\s+=\s+false`),
		}, {
			// Active from roleAssignments: every row without times, the
			// group once.
			Config: providerBlock(server) + `data "azuresaas_directory_role_assignments" "test" {
  include_eligible = false
}
output "timed" {
  value = length([for a in data.azuresaas_directory_role_assignments.test.assignments : a if a.start_date_time != null || a.end_date_time != null])
}` + roleAssignmentOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("timed", knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownOutputValue("rows", stringList(
					"Exchange Administrator|-|active",
					"Global Administrator|Adele Vance|active",
					"Global Administrator|Alex Wilber|active",
					"Global Administrator|Dan Park|active",
					"Global Administrator|Dana Rivera|active",
					"Global Administrator|Emergency Access|active",
					"Global Administrator|MOD Administrator|active",
					"Global Administrator|Tier0 Admins|active",
					"Global Reader|Lidia Holloway|active",
					"Helpdesk Administrator|Lee Gu|active",
					"User Administrator|nw-func-payroll|active",
				)),
			},
		}},
	})
}

func TestDirectoryRoleAssignmentsRefusals(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	// Directory.Read.All reads the definitions and roleAssignments, not the PIM lists.
	as := providerBlockAs(server, fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      as + `data "azuresaas_directory_role_assignments" "test" { include_eligible = false }`,
			ExpectError: regexp.MustCompile(`(?s)Authorization_RequestDenied.*grant\s+the\s+application\s+permission\s+RoleManagement.Read.Directory`),
		}},
	})
}

// TestDirectoryRoleAssignmentsReadsWithoutP2: the endpoint declared in
// Sometimes is read on a tenant without P2 (TestDataSourceReadsMatchTheirRequests
// reads the demo tenant, which has P2), with the permissions the
// declaration asks for, and nothing undeclared is requested.
func TestDirectoryRoleAssignmentsReadsWithoutP2(t *testing.T) {
	clearCredentialEnv(t)
	ds := &directoryRoleAssignmentsDataSource{}
	reads := ds.graphReads()
	tenant := fakegraph.DemoTenant()
	tenant.WithoutP2 = true
	const clientID, secret = "c3000000-0000-4000-8000-000000000001", "roles-reads-secret-not-a-real-credential"
	tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: clientID, Secrets: []fakegraph.Secret{{Value: secret}},
		Permissions: inventory.MissingPermissions(nil, append(slices.Clone(reads.Endpoints), reads.Sometimes...)...)})
	server := startGraph(t, tenant)
	h := newProtocolHarness(t, nil)
	h.configure(t, map[string]any{"tenant_id": tenant.ID, "client_id": clientID, "client_secret": secret,
		"graph_endpoint": server.URL(), "authority_host": server.URL()})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, diags := h.read(ctx, t, "azuresaas_directory_role_assignments", map[string]any{"include_eligible": false}); hasError(diags) {
		t.Fatal(diagnosticsText(diags))
	}
	seen := map[string]bool{}
	for _, r := range server.Requests() {
		if !isGraphRequest(r.Path) {
			continue
		}
		e := inventory.EndpointOf(r.Method, r.Path, r.RawQuery)
		if !slices.Contains(reads.Endpoints, e) && !slices.Contains(reads.Sometimes, e) {
			t.Errorf("undeclared request %s?%s (%q)", r.Path, r.RawQuery, e)
		}
		seen[e] = true
	}
	for _, e := range reads.Sometimes {
		if !seen[e] {
			t.Errorf("%s not requested on a tenant without P2", e)
		}
	}
}

// TestDirectoryRoleAssignmentsExample applies the documentation's example
// to the demo tenant: seven active Global Administrator principals (six
// users and the Tier0 group, counted once) and the one guest admin.
func TestDirectoryRoleAssignmentsExample(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	raw, err := os.ReadFile("../../examples/data-sources/azuresaas_directory_role_assignments/data-source.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + string(raw),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("active_global_admin_count", knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownOutputValue("guest_admins", stringList(
					"Helpdesk Administrator: lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com")),
			},
		}},
	})
}
