package graph_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func rolesFake(t *testing.T, tenant *fakegraph.Tenant, clientID, secret string) (*fakegraph.Server, *graph.Client) {
	t.Helper()
	fake := fakegraph.Start(tenant)
	t.Cleanup(fake.Close)
	c, err := graph.NewClient(graph.Config{
		TenantID: tenant.ID, ClientID: clientID, ClientSecret: secret,
		AuthorityHost: fake.URL(), GraphEndpoint: fake.URL(),
		RetryBaseDelay: time.Millisecond, RetryMaxDelay: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return fake, c
}

// graphRequests are the Graph requests the fake received, failing the test
// on any its metadata check refused.
func graphRequests(t *testing.T, fake *fakegraph.Server) []fakegraph.Request {
	t.Helper()
	var out []fakegraph.Request
	for _, r := range fake.Requests() {
		if r.Refused != "" {
			t.Errorf("the CSDL check refused %s?%s: %s", r.Path, r.RawQuery, r.Refused)
		}
		if strings.HasPrefix(r.Path, "/v1.0/") {
			out = append(out, r)
		}
	}
	return out
}

func TestActiveRoleAssignmentsFromInstancesWithTimes(t *testing.T) {
	fake, c := rolesFake(t, fakegraph.DemoTenant(), fakegraph.DemoClientID, fakegraph.DemoClientSecret)
	var got []graph.RoleAssignment
	fromInstances, err := c.ListActiveRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{RoleDefinitionIDs: []string{fakegraph.RoleGlobalAdministrator}},
		func(a graph.RoleAssignment) error { got = append(got, a); return nil })
	if err != nil || !fromInstances {
		t.Fatalf("fromInstances %v, err %v", fromInstances, err)
	}
	timed, activated, viaGroup, groups := 0, 0, 0, 0
	for _, a := range got {
		if a.EndDateTime != nil {
			timed++
		}
		if a.AssignmentType != nil && *a.AssignmentType == "Activated" {
			activated++
		}
		if a.MemberType != nil && *a.MemberType == "Group" {
			viaGroup++
		}
		if a.Principal == nil {
			t.Errorf("%s: principal not expanded", a.ID)
		} else if a.Principal.Type == graph.TypeGroup {
			groups++
		}
	}
	if len(got) != 9 || timed != 2 || activated != 1 || viaGroup != 2 || groups != 1 {
		t.Errorf("got %d rows (%d timed, %d activated, %d via group, %d groups); want 9, 2, 1, 2, 1", len(got), timed, activated, viaGroup, groups)
	}
	reqs := graphRequests(t, fake)
	if len(reqs) != 1 || !strings.Contains(reqs[0].RawQuery, "$expand=principal") || strings.Contains(reqs[0].RawQuery, "$top") ||
		!strings.Contains(reqs[0].RawQuery, "roleDefinitionId%20eq%20%27"+fakegraph.RoleGlobalAdministrator) {
		t.Errorf("requests = %+v", reqs)
	}
}

// A tenant without P2: the instance list answers AadPremiumLicenseRequired,
// and roleAssignments serves, without times, the group once.
func TestActiveRoleAssignmentsFallBackWithoutP2(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.WithoutP2 = true
	fake, c := rolesFake(t, tenant, fakegraph.DemoClientID, fakegraph.DemoClientSecret)
	var got []graph.RoleAssignment
	fromInstances, err := c.ListActiveRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{},
		func(a graph.RoleAssignment) error { got = append(got, a); return nil })
	if err != nil || fromInstances {
		t.Fatalf("fromInstances %v, err %v", fromInstances, err)
	}
	deleted := 0
	for _, a := range got {
		if a.StartDateTime != nil || a.EndDateTime != nil || a.MemberType != nil {
			t.Errorf("%s: roleAssignments has no times or member type: %+v", a.ID, a)
		}
		if a.Principal == nil {
			deleted++
		}
	}
	if len(got) != 11 || deleted != 1 {
		t.Errorf("got %d rows, %d deleted principals; want 11 and 1", len(got), deleted)
	}
	reqs := graphRequests(t, fake)
	if len(reqs) != 2 || !strings.HasSuffix(reqs[0].Path, "/roleAssignmentScheduleInstances") || reqs[0].Status != http.StatusBadRequest ||
		!strings.HasSuffix(reqs[1].Path, "/roleAssignments") {
		t.Errorf("requests = %+v", reqs)
	}

	err = c.ListEligibleRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{}, func(graph.RoleAssignment) error { return nil })
	var refused *graph.RoleEligibilityError
	if !errors.As(err, &refused) || !refused.NoLicence || !strings.Contains(err.Error(), "P2") || !strings.Contains(err.Error(), "include_eligible = false") {
		t.Errorf("eligible on a tenant without P2: %v", err)
	}
}

func TestEligibleRoleAssignmentsNamePermission(t *testing.T) {
	_, c := rolesFake(t, fakegraph.DemoTenant(), fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret)
	err := c.ListEligibleRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{}, func(graph.RoleAssignment) error { return nil })
	var refused *graph.RoleEligibilityError
	if !errors.As(err, &refused) || refused.NoLicence || !strings.Contains(err.Error(), "RoleEligibilitySchedule.Read.Directory") ||
		!strings.Contains(err.Error(), "RoleManagement.Read.Directory") {
		t.Errorf("eligible without the permission: %v", err)
	}
	// The permission refusal on active instances is not a licence signal: no fallback.
	_, err = c.ListActiveRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{}, func(graph.RoleAssignment) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "RoleManagement.Read.Directory") {
		t.Errorf("active without the permission: %v", err)
	}
}

// More roles than an in operator takes are read in parts of 15, each one
// request; definitions are one page.
func TestRoleFilterInParts(t *testing.T) {
	tenant := fakegraph.GenerateTenant(5, 300)
	fakegraph.AddGeneratedRoleAssignments(tenant, 300, time.Now())
	fake, c := rolesFake(t, tenant, fakegraph.DemoClientID, fakegraph.DemoClientSecret)
	var ids []string
	if err := c.ListRoleDefinitions(t.Context(), func(d graph.RoleDefinition) error { ids = append(ids, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 18 {
		t.Fatalf("definitions = %d, want 18", len(ids))
	}
	n := 0
	if err := c.ListEligibleRoleAssignments(t.Context(), graph.RoleAssignmentsQuery{RoleDefinitionIDs: ids}, func(graph.RoleAssignment) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 100 {
		t.Errorf("eligible = %d, want 100", n)
	}
	reqs := graphRequests(t, fake)
	if len(reqs) != 3 || !strings.Contains(reqs[1].RawQuery, "roleDefinitionId%20in%20") || !strings.Contains(reqs[2].RawQuery, "roleDefinitionId%20in%20") {
		t.Errorf("requests = %+v", reqs)
	}
}
