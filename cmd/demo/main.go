// Command demo runs the provider on the fake Graph's demo tenant: it builds
// the provider, serves the demo tenant on a loopback port, points Terraform at
// the build with dev_overrides in a temporary CLI configuration, applies
// examples/demo (data sources only) and prints a summary of its outputs.
// Everything it starts stops when it exits.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "demo failed:", err)
		os.Exit(1)
	}
}

// run runs the demo from the repository root and writes its summary to out.
func run(ctx context.Context, out io.Writer) error {
	terraform, err := tfrun.Binary()
	if err != nil {
		return fmt.Errorf("%w: install Terraform 1.8+ or OpenTofu 1.7+ first", err)
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "azuresaas-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	fmt.Fprintln(out, "==> building the provider")
	pluginDir := filepath.Join(work, "plugins")
	if err := runCommand(ctx, root, nil, io.Discard, "go", "build", "-o",
		filepath.Join(pluginDir, "terraform-provider-azuresaas"), "."); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	fmt.Fprintln(out, "==> fake Microsoft Graph serving the demo tenant at", server.URL())
	free := fakegraph.Start(fakegraph.NonPremiumTenant())
	defer free.Close()
	fmt.Fprintln(out, "==> and a tenant without Entra ID P1/P2 at", free.URL())
	statusApps, err := statusAppsVariable(server.URL(), free.URL())
	if err != nil {
		return err
	}

	config := filepath.Join(work, "dev.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"azuresaas/azuresaas\" = %q\n  }\n  direct {}\n}\n", pluginDir)
	if err := os.WriteFile(config, []byte(overrides), 0o600); err != nil {
		return err
	}
	module := filepath.Join(work, "demo")
	configs, err := filepath.Glob(filepath.Join(root, "examples", "demo", "*.tf"))
	if err != nil || len(configs) == 0 {
		return fmt.Errorf("no Terraform files in examples/demo: run make demo from the repository root")
	}
	for _, file := range configs {
		if err := copyFile(file, filepath.Join(module, filepath.Base(file))); err != nil {
			return err
		}
	}
	env := []string{
		"TF_CLI_CONFIG_FILE=" + config,
		"TF_DATA_DIR=" + filepath.Join(work, "tfdata"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"ARM_TENANT_ID=" + fakegraph.DemoTenantID,
		"ARM_CLIENT_ID=" + fakegraph.DemoClientID,
		"ARM_CLIENT_SECRET=" + fakegraph.DemoClientSecret,
		"TF_VAR_graph_endpoint=" + server.URL(),
		"TF_VAR_authority_host=" + server.URL(),
		"TF_VAR_status_apps=" + statusApps,
	}

	fmt.Fprintln(out, "==> terraform apply (data sources only: nothing is created)")
	var log bytes.Buffer
	started := time.Now()
	if err := runCommand(ctx, module, env, &log, terraform, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		_, _ = out.Write(log.Bytes())
		return fmt.Errorf("terraform apply: %w", err)
	}
	elapsed := time.Since(started)
	var outputs bytes.Buffer
	if err := runCommand(ctx, module, env, &outputs, terraform, "output", "-json"); err != nil {
		return fmt.Errorf("terraform output: %w", err)
	}
	if err := printSummary(out, outputs.Bytes(), server, elapsed); err != nil {
		return err
	}
	return nil
}

// statusAppsVariable is var.status_apps of integration_status.tf: the demo
// apps that show the integration status's cases.
func statusAppsVariable(demoURL, freeURL string) (string, error) {
	type app struct {
		TenantID     string `json:"tenant_id"`
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
		Endpoint     string `json:"endpoint"`
	}
	raw, err := json.Marshal(map[string]app{
		"no_audit_log": {fakegraph.DemoTenantID, fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret, demoURL},
		"no_consent":   {fakegraph.DemoTenantID, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret, demoURL},
		"free_tenant":  {fakegraph.NonPremiumTenantID, fakegraph.DemoClientID, fakegraph.DemoClientSecret, freeURL},
		"expiring":     {fakegraph.DemoTenantID, fakegraph.ExpiringClientID, fakegraph.ExpiringClientSecret, demoURL},
	})
	return string(raw), err
}

func runCommand(ctx context.Context, dir string, env []string, out io.Writer, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = out
	cmd.Stderr = out
	if out == io.Discard {
		cmd.Stderr = os.Stderr
	}
	return cmd.Run()
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// printSummary prints each dataset's section, then what the run cost.
func printSummary(out io.Writer, raw []byte, server *fakegraph.Server, elapsed time.Duration) error {
	var wrapped map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return fmt.Errorf("reading terraform outputs: %w", err)
	}
	o := outputs{}
	for name, output := range wrapped {
		o[name] = output.Value
	}
	if err := printSections(o, out); err != nil {
		return err
	}
	graphRequests := 0
	for _, r := range server.Requests() {
		if strings.HasPrefix(r.Path, "/v1.0/") {
			graphRequests++
		}
	}
	fmt.Fprintf(out, "\nterraform apply took %s and made %d Microsoft Graph requests.\n", elapsed.Round(time.Millisecond), graphRequests)
	return nil
}
