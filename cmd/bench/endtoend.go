package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// endToEnd runs terraform with the provider built from this checkout.
type endToEnd struct {
	binary string // terraform
	work   string
	// provider and benchProvider are the released provider and
	// cmd/bench/benchprovider (which takes the reports budget from the
	// environment), each in the directory its CLI configuration's
	// dev_overrides points at.
	provider, benchProvider plugin
}

type plugin struct {
	binary    string
	cliConfig string
}

func newEndToEnd(ctx context.Context) (*endToEnd, error) {
	terraform, err := exec.LookPath("terraform")
	if err != nil {
		return nil, fmt.Errorf("terraform is not on PATH (use -no-terraform to skip the end-to-end runs)")
	}
	work, err := os.MkdirTemp("", "azuresaas-bench-")
	if err != nil {
		return nil, err
	}
	e := &endToEnd{binary: terraform, work: work}
	if e.provider, err = buildPlugin(ctx, work, "provider", "."); err == nil {
		e.benchProvider, err = buildPlugin(ctx, work, "benchprovider", "./cmd/bench/benchprovider")
	}
	if err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

// buildPlugin builds pkg as work/name/terraform-provider-azuresaas and
// writes a CLI configuration whose dev_overrides use it.
func buildPlugin(ctx context.Context, work, name, pkg string) (plugin, error) {
	p := plugin{binary: filepath.Join(work, name, "terraform-provider-azuresaas"), cliConfig: filepath.Join(work, name+".tfrc")}
	build := exec.CommandContext(ctx, "go", "build", "-o", p.binary, pkg)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return plugin{}, fmt.Errorf("building %s: %w", pkg, err)
	}
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"azuresaas/azuresaas\" = %q\n  }\n  direct {}\n}\n", filepath.Dir(p.binary))
	return p, os.WriteFile(p.cliConfig, []byte(overrides), 0o600)
}

func (e *endToEnd) close() { os.RemoveAll(e.work) }

// run plans and applies c's configuration against server and returns the
// plan's wall time, the provider's peak RSS in KB during the plan, and the
// state size.
func (e *endToEnd) run(ctx context.Context, server *fakegraph.Server, tenantID string, c benchCase) (time.Duration, int64, int64, error) {
	dir, err := os.MkdirTemp(e.work, "case-")
	if err != nil {
		return 0, 0, 0, err
	}
	defer os.RemoveAll(dir)
	module := fmt.Sprintf(`terraform {
  required_providers {
    azuresaas = { source = "azuresaas/azuresaas" }
  }
}
provider "azuresaas" {
  graph_endpoint = %q
  authority_host = %q
%s}
%s
`, server.URL(), server.URL(), c.providerArgs, c.config)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(module), 0o644); err != nil {
		return 0, 0, 0, err
	}
	if c.files != nil {
		for name, content := range c.files() {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				return 0, 0, 0, err
			}
		}
	}
	p := e.provider
	env := append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"ARM_TENANT_ID="+tenantID, "ARM_CLIENT_ID="+fakegraph.DemoClientID, "ARM_CLIENT_SECRET="+fakegraph.DemoClientSecret)
	if b := c.budget; b != nil {
		p = e.benchProvider
		env = append(env, fmt.Sprintf("AZURESAAS_BENCH_REPORTS_BUDGET=%d/%s/%s", b.Requests, b.Window, b.Margin))
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+p.cliConfig)

	watch := watchPeakRSS(p.binary)
	start := time.Now()
	err = e.terraform(ctx, dir, env, "plan", "-input=false", "-no-color", "-out=tfplan")
	plan := time.Since(start)
	peak := watch()
	if err != nil {
		return 0, 0, 0, err
	}
	if err := e.terraform(ctx, dir, env, "apply", "-input=false", "-no-color", "tfplan"); err != nil {
		return 0, 0, 0, err
	}
	info, err := os.Stat(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return 0, 0, 0, err
	}
	return plan, peak, info.Size() / 1024, nil
}

func (e *endToEnd) terraform(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, e.binary, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("terraform %s: %w\n%s", args[0], err, out.String())
	}
	return nil
}

// watchPeakRSS polls /proc for processes running binary and keeps the
// largest VmHWM (the kernel's peak resident set) seen; the returned func
// stops polling and returns it in KB, or -1 where /proc is not available.
func watchPeakRSS(binary string) func() int64 {
	if runtime.GOOS != "linux" {
		return func() int64 { return -1 }
	}
	var (
		mu   sync.Mutex
		peak int64
	)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if hwm := scanHWM(binary); hwm > 0 {
				mu.Lock()
				peak = max(peak, hwm)
				mu.Unlock()
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func scanHWM(binary string) int64 {
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var peak int64
	for _, p := range paths {
		cmdline, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(cmdline, []byte(binary)) {
			continue
		}
		status, err := os.ReadFile(filepath.Join(filepath.Dir(p), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				peak = max(peak, kb)
			}
		}
	}
	return peak
}

// machine describes where the benchmark ran.
func machine() string {
	cpu := "unknown CPU"
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	tf := "terraform not found"
	if out, err := exec.Command("terraform", "version").Output(); err == nil {
		tf = strings.SplitN(string(out), "\n", 2)[0]
	}
	return fmt.Sprintf("Machine: %d cores (%s), %s, %s/%s, %s.\n", runtime.NumCPU(), cpu, runtime.Version(), runtime.GOOS, runtime.GOARCH, tf)
}
