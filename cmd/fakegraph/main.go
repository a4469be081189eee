// Command fakegraph serves an in-memory Microsoft Graph and token endpoint
// (internal/fakegraph) for demos and manual testing of the provider.
//
//	go run ./cmd/fakegraph -listen 127.0.0.1:8080 [-users N -seed S] [-latency 20ms]
//
// It serves the demo tenant, or a generated one when -users is set, prints
// the provider settings to use, and stops on SIGINT or SIGTERM.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakegraph:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends (SIGINT or SIGTERM in main), then shuts down.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("fakegraph", flag.ContinueOnError)
	flags.SetOutput(stderr)
	listen := flags.String("listen", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	users := flags.Int("users", 0, "serve a generated tenant of this many users instead of the demo tenant")
	seed := flags.Int64("seed", 1, "seed of the generated tenant (with -users)")
	latency := flags.Duration("latency", 0, "delay every Graph response by this much, e.g. 20ms")
	tokenLifetime := flags.Duration("token-lifetime", fakegraph.DefaultTokenLifetime, "lifetime of issued tokens")
	logRequests := flags.Bool("log", false, "log every request (method, path, status, duration) to stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", flags.Args())
	}
	if *users < 0 {
		return errors.New("-users must not be negative")
	}

	tenant := fakegraph.DemoTenant()
	if *users > 0 {
		tenant = fakegraph.GenerateTenant(*seed, *users)
	}
	fake := fakegraph.New(tenant)
	defer fake.Close()
	fake.SetLatency(*latency)
	fake.SetTokenLifetime(*tokenLifetime)

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()

	var handler http.Handler = fake
	if *logRequests {
		handler = logging(fake, log.New(stderr, "", log.LstdFlags|log.Lmicroseconds))
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}

	printUsage(stdout, base, tenant, ln.Addr())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "fakegraph: shutting down")
	fake.Close() // cut latency waits short so Shutdown does not wait them out
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func printUsage(w io.Writer, base string, t *fakegraph.Tenant, addr net.Addr) {
	fmt.Fprintf(w, "fakegraph: serving %q (%d users) at %s\n\n", t.DisplayName, len(t.Users), base)
	fmt.Fprintf(w, "Environment:\n\n")
	fmt.Fprintf(w, "  export ARM_TENANT_ID=%s\n", t.ID)
	fmt.Fprintf(w, "  export ARM_CLIENT_ID=%s\n", fakegraph.DemoClientID)
	fmt.Fprintf(w, "  export ARM_CLIENT_SECRET=%s\n\n", fakegraph.DemoClientSecret)
	fmt.Fprintf(w, "Provider configuration:\n\n")
	fmt.Fprintf(w, "  provider \"azuresaas\" {\n")
	fmt.Fprintf(w, "    graph_endpoint = %q\n", base)
	fmt.Fprintf(w, "    authority_host = %q\n", base)
	fmt.Fprintf(w, "  }\n\n")
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(w, "Note: the provider accepts http:// endpoints only on loopback addresses; listen on 127.0.0.1 or ::1.\n\n")
	}
	fmt.Fprintf(w, "Other clients: %s (Organization.Read.All only), %s (expired secret), %s (no permissions).\n",
		fakegraph.NoUsersClientID, fakegraph.ExpiredClientID, fakegraph.NoRolesClientID)
	fmt.Fprintf(w, "Press Ctrl+C to stop.\n")
}

// logging logs method, path, status and duration of each request; never a
// header or a body.
func logging(next http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			logger.Printf("%s %s %d %s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusRecorder remembers the status and keeps Flush and Hijack working
// (fakegraph's dropped-connection fault hijacks the connection).
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) Flush() {
	_ = http.NewResponseController(r.ResponseWriter).Flush()
}

func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(r.ResponseWriter).Hijack()
}
