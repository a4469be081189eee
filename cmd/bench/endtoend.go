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
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
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
	terraform, err := tfrun.Binary()
	if err != nil {
		return nil, fmt.Errorf("%w (use -no-terraform to skip the end-to-end runs)", err)
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

// planFigures is what one end-to-end run measured.
type planFigures struct {
	wall time.Duration // of terraform plan
	// providerRSS is the provider processes' largest peak resident set
	// (KB) during the plan; providerCPU their CPU time, user and system.
	providerRSS int64
	providerCPU time.Duration
	// terraformCPU is terraform's own CPU time during the plan: its
	// rusage, which counts the provider processes it waited for, less
	// providerCPU.
	terraformCPU time.Duration
	stateKB      int64 // the state file after apply
}

// run plans and applies c's configuration against server and measures the
// plan (planFigures).
func (e *endToEnd) run(ctx context.Context, server *fakegraph.Server, tenantID string, c benchCase) (planFigures, error) {
	var f planFigures
	dir, err := os.MkdirTemp(e.work, "case-")
	if err != nil {
		return f, err
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
		return f, err
	}
	if c.files != nil {
		for name, content := range c.files() {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				return f, err
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

	watch := watchPlugin(p.binary)
	start := time.Now()
	total, err := e.terraform(ctx, dir, env, "plan", "-input=false", "-no-color", "-out=tfplan")
	f.wall = time.Since(start)
	f.providerRSS, f.providerCPU = watch()
	f.terraformCPU = total - f.providerCPU
	if err != nil {
		return f, err
	}
	if _, err := e.terraform(ctx, dir, env, "apply", "-input=false", "-no-color", "tfplan"); err != nil {
		return f, err
	}
	info, err := os.Stat(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return f, err
	}
	f.stateKB = info.Size() / 1024
	return f, nil
}

// terraform runs terraform and returns the CPU time of the process and of
// the children it waited for (the provider processes).
func (e *endToEnd) terraform(ctx context.Context, dir string, env []string, args ...string) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, e.binary, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("terraform %s: %w\n%s", args[0], err, out.String())
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// watchPlugin polls /proc every 10 ms for the processes running binary
// (terraform starts the provider more than once in a plan) and keeps, per
// process, the largest VmHWM (the kernel's peak resident set) and the last
// utime+stime seen. The returned func stops polling and returns the largest
// peak in KB and the sum of the CPU times, or -1 and 0 where /proc is not
// available. A process's CPU time after its last sample (at most 10 ms
// before it exits, while it idles) is not counted.
func watchPlugin(binary string) func() (int64, time.Duration) {
	if runtime.GOOS != "linux" {
		return func() (int64, time.Duration) { return -1, 0 }
	}
	var (
		mu   sync.Mutex
		peak int64
		cpu  = map[string]time.Duration{} // by pid
	)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			for pid, p := range scanPlugins(binary) {
				mu.Lock()
				peak = max(peak, p.hwm)
				cpu[pid] = max(cpu[pid], p.cpu)
				mu.Unlock()
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() (int64, time.Duration) {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		var total time.Duration
		for _, d := range cpu {
			total += d
		}
		return peak, total
	}
}

type pluginSample struct {
	hwm int64 // KB
	cpu time.Duration
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat:
// 100 on every Linux architecture Go supports.
const clockTicks = 100

func scanPlugins(binary string) map[string]pluginSample {
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	out := map[string]pluginSample{}
	for _, p := range paths {
		cmdline, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(cmdline, []byte(binary)) {
			continue
		}
		dir := filepath.Dir(p)
		var sample pluginSample
		if status, err := os.ReadFile(filepath.Join(dir, "status")); err == nil {
			for _, line := range strings.Split(string(status), "\n") {
				if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					sample.hwm, _ = strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				}
			}
		}
		if stat, err := os.ReadFile(filepath.Join(dir, "stat")); err == nil {
			// The fields after the command name, which is in parentheses
			// and may hold spaces: utime and stime are the 12th and 13th.
			if i := bytes.LastIndexByte(stat, ')'); i > 0 {
				fields := strings.Fields(string(stat[i+1:]))
				if len(fields) > 12 {
					utime, _ := strconv.ParseInt(fields[11], 10, 64)
					stime, _ := strconv.ParseInt(fields[12], 10, 64)
					sample.cpu = time.Duration(utime+stime) * time.Second / clockTicks
				}
			}
		}
		out[filepath.Base(dir)] = sample
	}
	return out
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
	if path, err := tfrun.Binary(); err == nil {
		if out, err := exec.Command(path, "version").Output(); err == nil {
			tf = strings.SplitN(string(out), "\n", 2)[0]
		}
	}
	return fmt.Sprintf("Machine: %d cores (%s), %s, %s/%s, %s.\n", runtime.NumCPU(), cpu, runtime.Version(), runtime.GOOS, runtime.GOARCH, tf)
}
