package policyexamples

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// TestPolicyPlanSize measures the plan JSON of examples/policies on a
// generated tenant; it runs only when AZURESAAS_POLICY_PLAN_USERS is set:
//
//	AZURESAAS_POLICY_PLAN_USERS=100000 go test -run TestPolicyPlanSize -v -timeout 30m ./internal/policyexamples
//
// The tenant has that many users, the demo tenant's service principals,
// eight groups of 5% of the users assigned to six apps, and 20,000 sign-ins
// over 29 days (20 pages of the reports API, paced to its budget).
func TestPolicyPlanSize(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("AZURESAAS_POLICY_PLAN_USERS"))
	if n <= 0 {
		t.Skip("set AZURESAAS_POLICY_PLAN_USERS to measure")
	}
	tfrun.RequireCLI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	examples := filepath.Join(root, "examples", "policies")
	work := t.TempDir()
	tf, err := tfrun.New(ctx, root, work)
	if err != nil {
		t.Fatal(err)
	}

	tenant := fakegraph.GenerateTenant(1, n)
	tenant.ID = fakegraph.DemoTenantID // the credentials tenantEnv gives
	tenant.ServicePrincipals = fakegraph.DemoTenant().ServicePrincipals
	size := max(n/20, 1)
	for g := range 8 {
		members := make([]string, 0, size)
		for _, u := range tenant.Users[(g*size)%n : min((g*size)%n+size, n)] {
			members = append(members, u.ID)
		}
		tenant.Groups = append(tenant.Groups, fakegraph.Group{ID: fmt.Sprintf("6c200000-0000-4000-8000-%012d", g),
			DisplayName: fakegraph.Ptr(fmt.Sprintf("Group %d", g)), Members: members})
	}
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, app := range []string{fakegraph.DemoSalesforceID, fakegraph.DemoSlackID, fakegraph.DemoWorkdayID,
		fakegraph.DemoDropboxID, fakegraph.DemoExpensesID, fakegraph.DemoIntranetID} {
		groups := []int{i}
		if app == fakegraph.DemoSlackID {
			groups = []int{1, 6, 7}
		}
		for _, g := range groups {
			tenant.AppRoleAssignments = append(tenant.AppRoleAssignments, fakegraph.AppRoleAssignment{
				ResourceID: app, PrincipalID: tenant.Groups[g].ID, CreatedDateTime: &created})
		}
	}
	tenant.SignIns = fakegraph.GenerateSignIns(tenant, 1, 20000, 29*24*time.Hour, time.Now().UTC())
	server := fakegraph.Start(tenant)
	defer server.Close()

	dir := configuration(t, ctx, tf, examples, filepath.Join(work, "large"), nil)
	started := time.Now()
	exceptions := fmt.Sprintf(`TF_VAR_open_access_exceptions={%q = "", %q = "", %q = ""}`, serviceNow, zoom, twitter)
	diags, err := plan(ctx, tf, dir, append(tenantEnv(server), exceptions), "-out=plan.tfplan")
	planned := time.Since(started)
	if err != nil {
		t.Fatalf("plan: %v\n%v", err, diags["error"])
	}
	started = time.Now()
	planJSON := show(t, ctx, tf, dir)
	shown := time.Since(started)
	policies := preparePolicies(t, ctx, examples)
	started = time.Now()
	result := policies.eval(t, ctx, planJSON)
	t.Logf("%d users: plan %s, terraform show -json %s: %d bytes; OPA %s: %d findings",
		n, planned.Round(time.Millisecond), shown.Round(time.Millisecond), len(planJSON), time.Since(started).Round(time.Millisecond), len(result.Findings))
}
