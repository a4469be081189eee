// Package tfrun runs the real terraform CLI against a provider built from
// this repository, through dev_overrides in a private CLI configuration, so
// that tests can plan example configurations against fakegraph. The CLI is
// terraform from PATH, or whatever TF_ACC_TERRAFORM_PATH names (Binary),
// such as OpenTofu's tofu.
package tfrun

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// Terraform is a terraform CLI that uses the provider built by New.
type Terraform struct {
	path string
	env  []string
}

// New builds the provider of the repository at root into work/plugins and
// writes a CLI configuration in work that points the CLI (Binary) at it. It
// fails when there is no CLI.
func New(ctx context.Context, root, work string) (*Terraform, error) {
	path, err := Binary()
	if err != nil {
		return nil, err
	}
	plugins := filepath.Join(work, "plugins")
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(plugins, "terraform-provider-azuresaas"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %w\n%s", err, out)
	}
	config := filepath.Join(work, "dev.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"azuresaas/azuresaas\" = %q\n  }\n  direct {}\n}\n", plugins)
	if err := os.WriteFile(config, []byte(overrides), 0o600); err != nil {
		return nil, err
	}
	return &Terraform{path: path, env: []string{
		"TF_CLI_CONFIG_FILE=" + config,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	}}, nil
}

// Run runs terraform with args in dir, with env added to the environment,
// and returns its standard output and standard error. A non-zero exit is
// an *exec.ExitError, returned with both outputs.
func (tf *Terraform) Run(ctx context.Context, dir string, env []string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.CommandContext(ctx, tf.path, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), tf.env...), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// CopyDir copies the regular files of the directory tree from into to
// (a Terraform configuration with its local modules), leaving out
// Terraform's working files (.terraform, state, saved plans).
func CopyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !d.Type().IsRegular() || filepath.Ext(path) == ".tfstate" || d.Name() == ".terraform.lock.hcl" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
}
