package tfrun

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fakeCLI writes an executable that prints version's first line as
// `version` does, and returns its path.
func fakeCLI(t *testing.T, name, firstLine string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' %q 'on linux_amd64'\n", firstLine)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil { //nolint:gosec // an executable on purpose
		t.Fatal(err)
	}
	return path
}

func TestBinary(t *testing.T) {
	tofu := fakeCLI(t, "tofu", "OpenTofu v1.12.6")

	t.Setenv(PathEnv, tofu)
	if got, err := Binary(); err != nil || got != tofu {
		t.Errorf("with %s=%s: Binary() = %q, %v", PathEnv, tofu, got, err)
	}

	// A path that names nothing is an error of its own, not "no terraform".
	missing := filepath.Join(t.TempDir(), "tofu")
	t.Setenv(PathEnv, missing)
	if _, err := Binary(); err == nil || errors.Is(err, ErrNoTerraform) {
		t.Errorf("with %s naming nothing: error %v; want one that is not ErrNoTerraform", PathEnv, err)
	}

	// Unset, terraform comes from PATH...
	terraform := fakeCLI(t, "terraform", "Terraform v1.11.4")
	t.Setenv(PathEnv, "")
	t.Setenv("PATH", filepath.Dir(terraform))
	if got, err := Binary(); err != nil || got != terraform {
		t.Errorf("from PATH: Binary() = %q, %v; want %q", got, err, terraform)
	}
	// ...and without one there, the error is ErrNoTerraform.
	t.Setenv("PATH", t.TempDir())
	if _, err := Binary(); !errors.Is(err, ErrNoTerraform) {
		t.Errorf("nothing on PATH: error %v; want ErrNoTerraform", err)
	}
}

func TestIsOpenTofu(t *testing.T) {
	for _, tc := range []struct {
		firstLine string
		want      bool
	}{
		{"OpenTofu v1.12.6", true},
		{"OpenTofu v1.7.0", true},
		{"Terraform v1.11.4", false},
	} {
		got, err := IsOpenTofu(fakeCLI(t, "cli", tc.firstLine))
		if err != nil || got != tc.want {
			t.Errorf("IsOpenTofu(%q) = %v, %v; want %v", tc.firstLine, got, err, tc.want)
		}
	}
	if _, err := IsOpenTofu(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("IsOpenTofu of a missing file: no error")
	}
}

func TestConfigurePluginTesting(t *testing.T) {
	for _, tc := range []struct {
		name, firstLine, presetHost, wantHost string
	}{
		{"OpenTofu", "OpenTofu v1.12.6", "", "registry.opentofu.org"},
		{"OpenTofu with a host set", "OpenTofu v1.12.6", "registry.example", "registry.example"},
		{"Terraform", "Terraform v1.11.4", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(PathEnv, fakeCLI(t, "cli", tc.firstLine))
			t.Setenv("TF_ACC_PROVIDER_HOST", tc.presetHost)
			if err := ConfigurePluginTesting(); err != nil {
				t.Fatal(err)
			}
			if got := os.Getenv("TF_ACC_PROVIDER_HOST"); got != tc.wantHost {
				t.Errorf("TF_ACC_PROVIDER_HOST = %q, want %q", got, tc.wantHost)
			}
		})
	}
}

// recordingT records what RequireCLI did to a test.
type recordingT struct{ skipped, failed bool }

func (*recordingT) Helper()        {}
func (r *recordingT) Skip(...any)  { r.skipped = true }
func (r *recordingT) Fatal(...any) { r.failed = true }

func TestRequireCLI(t *testing.T) {
	t.Setenv(PathEnv, "")
	t.Setenv("PATH", t.TempDir())
	var none recordingT
	RequireCLI(&none)
	if !none.skipped || none.failed {
		t.Errorf("no CLI: %+v; want a skip", none)
	}

	t.Setenv(PathEnv, filepath.Join(t.TempDir(), "tofu"))
	var mistyped recordingT
	RequireCLI(&mistyped)
	if mistyped.skipped || !mistyped.failed {
		t.Errorf("%s naming nothing: %+v; want a failure, not a skip", PathEnv, mistyped)
	}

	tofu := fakeCLI(t, "tofu", "OpenTofu v1.12.6")
	t.Setenv(PathEnv, tofu)
	var found recordingT
	if got := RequireCLI(&found); got != tofu || found.skipped || found.failed {
		t.Errorf("RequireCLI = %q, %+v; want %q", got, found, tofu)
	}
}
