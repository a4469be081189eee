package policyexamples

import (
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// Demo users whose access the test changes.
const (
	adeleID    = "6b0e5d2c-7a41-4f3e-9c8d-000000000003" // Salesforce, directly only
	adeleEmail = "adele.vance@northwind.example"
	pattiID    = "6b0e5d2c-7a41-4f3e-9c8d-000000000007" // no Dropbox
	pattiEmail = "patti.fernandez@northwind.example"
)

// TestAccessReview applies examples/access-review against the demo tenant,
// plans again unchanged (exit code 0), then against the tenant with Adele's
// Salesforce assignment removed and Patti given Dropbox: the plan exits
// with 2 and its JSON shows who lost and who gained access.
func TestAccessReview(t *testing.T) {
	tfrun.RequireCLI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	tf, err := tfrun.New(ctx, root, work)
	if err != nil {
		t.Fatal(err)
	}
	dir := configuration(t, ctx, tf, filepath.Join(root, "examples", "access-review"), filepath.Join(work, "review"), nil)

	before := fakegraph.Start(fakegraph.DemoTenant())
	defer before.Close()
	if _, stderr, err := tf.Run(ctx, dir, tenantEnv(before), "apply", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("apply: %v\n%s", err, stderr)
	}
	if code := planExitCode(t, ctx, tf, dir, tenantEnv(before)); code != 0 {
		t.Errorf("plan on the unchanged tenant exited with %d, want 0", code)
	}

	changed := fakegraph.DemoTenant()
	changed.AppRoleAssignments = slices.DeleteFunc(changed.AppRoleAssignments, func(a fakegraph.AppRoleAssignment) bool {
		return a.ResourceID == fakegraph.DemoSalesforceID && a.PrincipalID == adeleID
	})
	changed.AppRoleAssignments = append(changed.AppRoleAssignments, fakegraph.AppRoleAssignment{
		ResourceID: fakegraph.DemoDropboxID, PrincipalID: pattiID, CreatedDateTime: fakegraph.Ptr(time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)),
	})
	after := fakegraph.Start(changed)
	defer after.Close()
	if code := planExitCode(t, ctx, tf, dir, tenantEnv(after)); code != 2 {
		t.Fatalf("plan after the change exited with %d, want 2 (changes)", code)
	}

	stdout, stderr, err := tf.Run(ctx, dir, nil, "show", "-json", "plan.tfplan")
	if err != nil {
		t.Fatalf("show: %v\n%s", err, stderr)
	}
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
				Before  struct {
					Input map[string][]string `json:"input"`
				} `json:"before"`
				After struct {
					Input map[string][]string `json:"input"`
				} `json:"after"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(stdout, &plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.ResourceChanges) != 1 || plan.ResourceChanges[0].Address != "terraform_data.sso_access" {
		t.Fatalf("resource_changes = %+v, want terraform_data.sso_access alone", plan.ResourceChanges)
	}
	change := plan.ResourceChanges[0].Change
	if !slices.Equal(change.Actions, []string{"update"}) {
		t.Errorf("actions = %q, want [update]", change.Actions)
	}
	if !slices.Contains(change.Before.Input["Salesforce"], adeleEmail) || slices.Contains(change.After.Input["Salesforce"], adeleEmail) {
		t.Errorf("Salesforce before %q, after %q: want %s removed", change.Before.Input["Salesforce"], change.After.Input["Salesforce"], adeleEmail)
	}
	if slices.Contains(change.Before.Input["Dropbox Business"], pattiEmail) || !slices.Contains(change.After.Input["Dropbox Business"], pattiEmail) {
		t.Errorf("Dropbox before %q, after %q: want %s added", change.Before.Input["Dropbox Business"], change.After.Input["Dropbox Business"], pattiEmail)
	}
	// Nothing else moved: the other apps' lists are the same.
	for app, emails := range change.Before.Input {
		if app != "Salesforce" && app != "Dropbox Business" && !slices.Equal(emails, change.After.Input[app]) {
			t.Errorf("%s changed from %q to %q", app, emails, change.After.Input[app])
		}
	}
}

// planExitCode runs terraform plan -detailed-exitcode, saving the plan, and
// returns its exit code: 0 no changes, 2 changes; 1 fails the test.
func planExitCode(t *testing.T, ctx context.Context, tf *tfrun.Terraform, dir string, env []string) int {
	t.Helper()
	_, stderr, err := tf.Run(ctx, dir, env, "plan", "-detailed-exitcode", "-no-color", "-input=false", "-out=plan.tfplan")
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return 2
	}
	t.Fatalf("plan: %v\n%s", err, stderr)
	return 1
}
