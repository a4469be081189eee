package policyexamples

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// wantMockRuns are the runs of examples/policies/tests, in file order:
// credentials.tftest.hcl (expiring app credentials: the check, then its
// module), groups.tftest.hcl (group-based licensing: the root check and the
// rule's logic), owners.tftest.hcl (apps without an owner: the check, then
// its module), policies.tftest.hcl (the root configuration, one finding per
// run), roles.tftest.hcl (the role rules: root configuration, then module
// logic) and rules.tftest.hcl (the rule modules' logic).
var wantMockRuns = []string{
	"expiring_credential",
	"expiring_credentials",
	"group_license_errors",
	"group_license_errors_rule",
	"app_without_an_owner",
	"unowned_apps",
	"empty_tenant_passes",
	"guest_outside_allowed_domains",
	"open_access_on_a_third_party_app",
	"open_access_exception_is_reported",
	"unused_seat",
	"idle_app",
	"disabled_account_holding_assignments",
	"admin_without_mfa",
	"guest_invitation_pending",
	"user_consent_to_all_apps",
	"no_admin_consent_workflow",
	"idle_m365_seat",
	"m365_names_concealed",
	"too_many_global_admins",
	"guest_in_privileged_role",
	"roles_logic",
	"guest_domains",
	"open_access",
	"posture",
	"posture_consent_unreadable",
	"idle_m365_seats",
	"idle_m365_seats_concealed",
}

// TestPolicyMockTests runs `terraform test` on examples/policies, as a
// policy author would: the provider is the one built from this repository
// (mock_provider still loads its schema), through dev_overrides, so it runs
// offline. It then breaks one check and makes sure a run catches it.
func TestPolicyMockTests(t *testing.T) {
	tfrun.RequireCLI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	examples := filepath.Join(root, "examples", "policies")
	work := t.TempDir()
	tf, err := tfrun.New(ctx, root, work)
	if err != nil {
		t.Fatal(err)
	}

	dir := configuration(t, ctx, tf, examples, filepath.Join(work, "policies"), nil)
	started := time.Now()
	stdout, stderr, err := tf.Run(ctx, dir, nil, "test", "-no-color")
	t.Logf("terraform test took %s", time.Since(started).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("terraform test: %v\n%s\n%s", err, stdout, stderr)
	}
	out := string(stdout)
	for _, run := range wantMockRuns {
		if !strings.Contains(out, `run "`+run+`"... pass`) {
			t.Errorf("run %q did not pass:\n%s", run, out)
		}
	}
	if want := fmt.Sprintf("Success! %d passed, 0 failed.", len(wantMockRuns)); !strings.Contains(out, want) {
		t.Errorf("terraform test output lacks %q:\n%s", want, out)
	}

	// A check that can no longer fail must fail the run that expects it to,
	// and a rule that forgets the exceptions must fail its logic test.
	broken := configuration(t, ctx, tf, examples, filepath.Join(work, "broken"), nil)
	breakFile(t, filepath.Join(broken, "seat_usage.tf"),
		`condition\s+= length\(module\.seat_usage\.idle_apps\) == 0`, "condition = length(module.seat_usage.idle_apps) >= 0")
	breakFile(t, filepath.Join(broken, "modules", "open_access", "main.tf"),
		`\n\s*&& !contains\(keys\(var\.exceptions\), sp\.id\)`, "")
	breakFile(t, filepath.Join(broken, "modules", "unowned_apps", "main.tf"),
		`try\(length\(sp\.owners\), -1\) == 0`, "try(length(sp.owners), -1) >= 0")
	stdout, stderr, err = tf.Run(ctx, broken, nil, "test", "-no-color")
	if err == nil {
		t.Fatalf("terraform test passed with three rules broken:\n%s", stdout)
	}
	for _, run := range []string{"idle_app", "open_access", "unowned_apps"} {
		if !strings.Contains(string(stdout), `run "`+run+`"... fail`) {
			t.Errorf("with its rule broken, terraform test should fail the run %s:\n%s\n%s", run, stdout, stderr)
		}
	}
}

// breakFile replaces what pattern matches in file, which it must match.
func breakFile(t *testing.T, file, pattern, replacement string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(pattern)
	if !re.Match(src) {
		t.Fatalf("%s no longer has %s, which this test breaks", file, pattern)
	}
	if err := os.WriteFile(file, re.ReplaceAll(src, []byte(replacement)), 0o644); err != nil {
		t.Fatal(err)
	}
}
