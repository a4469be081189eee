package policyexamples

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// wantMockRuns are the runs of examples/policies/tests/policies.tftest.hcl.
var wantMockRuns = []string{
	"empty_tenant_passes",
	"open_access_exception_is_reported",
	"unused_seat",
	"idle_app",
	"disabled_account_holding_assignments",
}

// TestPolicyMockTests runs `terraform test` on examples/policies, as a
// policy author would: the provider is the one built from this repository
// (mock_provider still loads its schema), through dev_overrides, so it runs
// offline. It then breaks one check and makes sure a run catches it.
func TestPolicyMockTests(t *testing.T) {
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Skip("terraform is not on PATH")
	}
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
	if want := "Success! 5 passed, 0 failed."; !strings.Contains(out, want) {
		t.Errorf("terraform test output lacks %q:\n%s", want, out)
	}

	// A check that can no longer fail must fail the run that expects it to.
	broken := configuration(t, ctx, tf, examples, filepath.Join(work, "broken"), nil)
	seatUsage := filepath.Join(broken, "seat_usage.tf")
	src, err := os.ReadFile(seatUsage)
	if err != nil {
		t.Fatal(err)
	}
	condition := regexp.MustCompile(`condition\s+= length\(module\.seat_usage\.idle_apps\) == 0`)
	if !condition.Match(src) {
		t.Fatal("seat_usage.tf no longer has the idle-apps condition this test breaks")
	}
	if err := os.WriteFile(seatUsage, condition.ReplaceAll(src, []byte("condition = length(module.seat_usage.idle_apps) >= 0")), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err = tf.Run(ctx, broken, nil, "test", "-no-color")
	if err == nil || !strings.Contains(string(stdout), `run "idle_app"... fail`) {
		t.Errorf("with the idle-apps check broken, terraform test should fail the run idle_app:\n%s\n%s", stdout, stderr)
	}
}
