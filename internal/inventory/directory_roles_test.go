package inventory_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

func rolesClient(t *testing.T, tenant *fakegraph.Tenant) (*fakegraph.Server, *graph.Client) {
	t.Helper()
	server := fakegraph.Start(tenant)
	t.Cleanup(server.Close)
	c, err := graph.NewClient(graph.Config{
		TenantID: tenant.ID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return server, c
}

func TestDirectoryRoleAssignmentsDemo(t *testing.T) {
	server, c := rolesClient(t, fakegraph.DemoTenant())
	rows, err := inventory.DirectoryRoleAssignments(t.Context(), c, inventory.RoleAssignmentFilter{IncludeEligible: true})
	if err != nil {
		t.Fatal(err)
	}
	// 11 active (7 Global Administrator principals, the group once and not
	// its two members again) and 3 eligible.
	active, eligible, ga := 0, 0, 0
	for i, r := range rows {
		switch r.AssignmentType {
		case inventory.AssignmentActive:
			active++
		case inventory.AssignmentEligible:
			eligible++
		}
		if r.RoleTemplateID != nil && *r.RoleTemplateID == fakegraph.RoleGlobalAdministrator && r.AssignmentType == inventory.AssignmentActive {
			ga++
		}
		if i > 0 {
			a, b := strings.ToLower(deref(rows[i-1].RoleDisplayName)), strings.ToLower(deref(r.RoleDisplayName))
			if a > b || (a == b && strings.ToLower(deref(rows[i-1].PrincipalDisplayName)) > strings.ToLower(deref(r.PrincipalDisplayName))) {
				t.Errorf("rows %d and %d out of order: %s/%s then %s/%s", i-1, i, a, deref(rows[i-1].PrincipalDisplayName), b, deref(r.PrincipalDisplayName))
			}
		}
	}
	if active != 11 || eligible != 3 || ga != 7 {
		t.Errorf("active %d, eligible %d, active Global Administrators %d; want 11, 3, 7", active, eligible, ga)
	}
	byPrincipal := map[string]inventory.DirectoryRoleAssignment{}
	for _, r := range rows {
		byPrincipal[r.PrincipalID+"/"+r.AssignmentType] = r
	}
	if g := byPrincipal[fakegraph.DemoTier0GroupID+"/active"]; deref(g.PrincipalType) != "group" || g.PrincipalUserType != nil {
		t.Errorf("group row = %+v", g)
	}
	for _, member := range []string{"6b0e5d2c-7a41-4f3e-9c8d-000000000005", "6b0e5d2c-7a41-4f3e-9c8d-000000000006"} {
		if _, ok := byPrincipal[member+"/active"]; ok {
			t.Errorf("%s holds Global Administrator through the group only, yet has its own row", member)
		}
	}
	if g := byPrincipal["6b0e5d2c-7a41-4f3e-9c8d-000000000031/active"]; deref(g.PrincipalUserType) != "Guest" || deref(g.RoleDisplayName) != "Helpdesk Administrator" {
		t.Errorf("guest admin row = %+v", g)
	}
	if d := byPrincipal[fakegraph.DemoDeletedAdminID+"/active"]; d.PrincipalType != nil || d.PrincipalDisplayName != nil || deref(d.RoleDisplayName) != "Exchange Administrator" {
		t.Errorf("deleted principal row = %+v", d)
	}
	if sp := byPrincipal["5a0e0000-0000-4000-8000-000000000001/active"]; deref(sp.PrincipalType) != "servicePrincipal" ||
		deref(sp.DirectoryScopeID) != "/administrativeUnits/"+fakegraph.DemoAdministrativeUnitID {
		t.Errorf("service principal row = %+v", sp)
	}
	// One request per list and one for the definitions.
	if n := len(server.Requests()); n != 4 { // token + 3
		t.Errorf("requests = %d, want 4 (token, definitions, active, eligible)", n)
	}
}

func TestDirectoryRoleAssignmentsRoleNames(t *testing.T) {
	server, c := rolesClient(t, fakegraph.DemoTenant())
	rows, err := inventory.DirectoryRoleAssignments(t.Context(), c, inventory.RoleAssignmentFilter{RoleNames: []string{"global administrator"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 {
		t.Errorf("rows = %d, want the 7 active Global Administrators", len(rows))
	}
	for _, r := range server.Requests() {
		if strings.Contains(r.Path, "ScheduleInstances") && !strings.Contains(r.RawQuery, fakegraph.RoleGlobalAdministrator) {
			t.Errorf("role filter not pushed down: %s?%s", r.Path, r.RawQuery)
		}
	}
	_, err = inventory.DirectoryRoleAssignments(t.Context(), c, inventory.RoleAssignmentFilter{RoleNames: []string{"Global Admin"}})
	var unknown *inventory.UnknownRoleNamesError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `"Global Admin"`) || !strings.Contains(err.Error(), "Global Administrator, Global Reader") {
		t.Errorf("unknown role name: %v", err)
	}
}

func TestDirectoryRoleAssignmentsWithoutP2(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.WithoutP2 = true
	_, c := rolesClient(t, tenant)
	rows, err := inventory.DirectoryRoleAssignments(t.Context(), c, inventory.RoleAssignmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 11 {
		t.Errorf("rows = %d, want 11", len(rows))
	}
	for _, r := range rows {
		if r.StartDateTime != nil || r.EndDateTime != nil {
			t.Errorf("roleAssignments rows have no times: %+v", r)
		}
	}
	_, err = inventory.DirectoryRoleAssignments(t.Context(), c, inventory.RoleAssignmentFilter{IncludeEligible: true})
	var refused *graph.RoleEligibilityError
	if !errors.As(err, &refused) || !refused.NoLicence {
		t.Errorf("eligible without P2: %v", err)
	}
}
