package tfrun

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
)

// PathEnv names the Terraform CLI that the repository's Terraform-running
// tests and the demo use instead of terraform from PATH: the variable
// terraform-plugin-testing reads, so that one variable moves all of them,
// to OpenTofu for one (`make test-opentofu` sets it to a tofu it builds).
const PathEnv = "TF_ACC_TERRAFORM_PATH"

// ErrNoTerraform is Binary's error when PathEnv is unset and terraform is
// not on PATH: the tests that need a CLI skip on it. A PathEnv that names
// nothing runnable is another error, on which they fail.
var ErrNoTerraform = errors.New("terraform is not on PATH (or set " + PathEnv + ")")

// Binary returns the CLI to run: PathEnv's when set, else terraform from PATH.
func Binary() (string, error) {
	if path := os.Getenv(PathEnv); path != "" {
		// LookPath of a name with a slash checks that it is an executable file.
		found, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", PathEnv, path, err)
		}
		return found, nil
	}
	path, err := exec.LookPath("terraform")
	if err != nil {
		return "", ErrNoTerraform
	}
	return path, nil
}

var openTofu sync.Map // CLI path -> bool

// IsOpenTofu says whether the CLI at path is OpenTofu, from the first line
// of its `version` ("OpenTofu v1.12.6" where Terraform prints "Terraform
// v1.11.4"). The answer is kept per path.
func IsOpenTofu(path string) (bool, error) {
	if is, ok := openTofu.Load(path); ok {
		return is.(bool), nil //nolint:forcetypeassert // the map holds bools only
	}
	cmd := exec.Command(path, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return false, fmt.Errorf("%s version: %w", path, err)
	}
	is := bytes.HasPrefix(out, []byte("OpenTofu "))
	openTofu.Store(path, is)
	return is, nil
}

// ConfigurePluginTesting prepares terraform-plugin-testing for the CLI that
// Binary finds, before any test runs (call it from TestMain). Under OpenTofu
// the in-process provider must be reattached under OpenTofu's registry
// host: terraform-plugin-testing names it registry.terraform.io/-/NAME and
// registry.terraform.io/hashicorp/NAME by default, and OpenTofu refuses the
// first ("the legacy provider namespace "-" can be used only with hostname
// registry.opentofu.org") and resolves the implied provider of a test
// configuration to registry.opentofu.org/hashicorp/NAME rather than the
// second. TF_ACC_PROVIDER_HOST, when set, is left as it is.
func ConfigurePluginTesting() error {
	path, err := Binary()
	if errors.Is(err, ErrNoTerraform) {
		return nil // the tests skip or fail on their own
	}
	if err != nil {
		return err
	}
	is, err := IsOpenTofu(path)
	if err != nil || !is || os.Getenv("TF_ACC_PROVIDER_HOST") != "" {
		return err
	}
	return os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
}

// testingT is what RequireCLI needs of a *testing.T.
type testingT interface {
	Helper()
	Skip(args ...any)
	Fatal(args ...any)
}

// RequireCLI returns Binary's CLI for a test: the test skips when there is
// none (no terraform on PATH, PathEnv unset) and fails when PathEnv names
// nothing runnable, so that a mistyped path never passes as a skip.
func RequireCLI(t testingT) string {
	t.Helper()
	path, err := Binary()
	if errors.Is(err, ErrNoTerraform) {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	return path
}
