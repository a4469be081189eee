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
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo failed:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	terraform, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("terraform is not on PATH: install Terraform 1.x first")
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

	fmt.Println("==> building the provider")
	pluginDir := filepath.Join(work, "plugins")
	if err := runCommand(ctx, root, nil, io.Discard, "go", "build", "-o",
		filepath.Join(pluginDir, "terraform-provider-azuresaas"), "."); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	fmt.Println("==> fake Microsoft Graph serving the demo tenant at", server.URL())

	config := filepath.Join(work, "dev.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"azuresaas/azuresaas\" = %q\n  }\n  direct {}\n}\n", pluginDir)
	if err := os.WriteFile(config, []byte(overrides), 0o600); err != nil {
		return err
	}
	module := filepath.Join(work, "demo")
	if err := copyFile(filepath.Join(root, "examples", "demo", "main.tf"), filepath.Join(module, "main.tf")); err != nil {
		return err
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
	}

	fmt.Println("==> terraform apply (data sources only: nothing is created)")
	var log bytes.Buffer
	started := time.Now()
	if err := runCommand(ctx, module, env, &log, terraform, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		os.Stderr.Write(log.Bytes())
		return fmt.Errorf("terraform apply: %w", err)
	}
	elapsed := time.Since(started)
	var outputs bytes.Buffer
	if err := runCommand(ctx, module, env, &outputs, terraform, "output", "-json"); err != nil {
		return fmt.Errorf("terraform output: %w", err)
	}
	if err := printSummary(outputs.Bytes(), server, elapsed); err != nil {
		return err
	}
	return nil
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

type demoOutputs struct {
	Organization struct {
		Name    string   `json:"name"`
		Domains []string `json:"domains"`
	} `json:"organization"`
	MembersByDomain map[string]int `json:"members_by_domain"`
	MemberCount     int            `json:"member_count"`
	GuestsLeftOut   []string       `json:"guests_left_out"`
	DisabledMembers []string       `json:"disabled_members"`
	Sample          []struct {
		Email      string  `json:"email"`
		Name       *string `json:"name"`
		Location   *string `json:"location"`
		ActiveDate *string `json:"active_date"`
		Aliases    int     `json:"aliases"`
	} `json:"sample"`
}

func printSummary(raw []byte, server *fakegraph.Server, elapsed time.Duration) error {
	var wrapped map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return fmt.Errorf("reading terraform outputs: %w", err)
	}
	values := map[string]json.RawMessage{}
	for name, o := range wrapped {
		values[name] = o.Value
	}
	flat, _ := json.Marshal(values)
	var out demoOutputs
	if err := json.Unmarshal(flat, &out); err != nil {
		return fmt.Errorf("reading terraform outputs: %w", err)
	}

	fmt.Printf("\nHR Roster of %s (verified domains: %s)\n", out.Organization.Name, strings.Join(out.Organization.Domains, ", "))
	fmt.Printf("  %d members (members and users with a null userType; guests need include_guests = true)\n", out.MemberCount)
	domains := make([]string, 0, len(out.MembersByDomain))
	for d := range out.MembersByDomain {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	for _, d := range domains {
		fmt.Printf("    %-36s %3d\n", d, out.MembersByDomain[d])
	}
	fmt.Printf("  %d guests left out by the default filter: %s\n", len(out.GuestsLeftOut), strings.Join(out.GuestsLeftOut, ", "))
	fmt.Printf("  %d disabled accounts stay on the roster: %s\n", len(out.DisabledMembers), strings.Join(out.DisabledMembers, ", "))
	fmt.Println("\n  first rows (sorted by user principal name):")
	fmt.Printf("    %-40s %-22s %-28s %-20s %s\n", "EMAIL", "NAME", "LOCATION", "ACTIVE SINCE", "ALIASES")
	for _, u := range out.Sample {
		fmt.Printf("    %-40s %-22s %-28s %-20s %d\n", u.Email, orNull(u.Name), orNull(u.Location), orNull(u.ActiveDate), u.Aliases)
	}
	graphRequests := 0
	for _, r := range server.Requests() {
		if strings.HasPrefix(r.Path, "/v1.0/") {
			graphRequests++
		}
	}
	fmt.Printf("\n  terraform apply took %s and made %d Microsoft Graph requests.\n", elapsed.Round(time.Millisecond), graphRequests)
	return nil
}

func orNull(s *string) string {
	if s == nil {
		return "(null)"
	}
	return *s
}
