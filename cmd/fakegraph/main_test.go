package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-users", "25", "-seed", "3"}, &stdout, &stderr)
	}()

	base := ""
	urlPattern := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(5 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := urlPattern.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("no base URL printed; stdout %q stderr %q", stdout.String(), stderr.String())
	}
	out := stdout.String()
	tenant := fakegraph.GenerateTenant(3, 25)
	for _, want := range []string{
		"ARM_TENANT_ID=" + tenant.ID, "ARM_CLIENT_ID=" + fakegraph.DemoClientID, "ARM_CLIENT_SECRET=" + fakegraph.DemoClientSecret,
		`graph_endpoint = "` + base + `"`, `authority_host = "` + base + `"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	resp, err := http.Get(base + "/" + tenant.ID + "/v2.0/.well-known/openid-configuration")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("serving: %v %v", err, resp)
	}
	resp.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	var out bytes.Buffer
	for _, args := range [][]string{{"-users", "-1"}, {"-nope"}, {"extra"}} {
		if err := run(context.Background(), args, &out, &out); err == nil {
			t.Errorf("run(%v) = nil, want an error", args)
		}
	}
}
