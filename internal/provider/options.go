package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// Option changes how the provider talks to Graph. Options are for the Go
// API (tests, benchmarks, embedding); they are not provider arguments.
type Option func(*azuresaasProvider)

// WithReportsBudget sets the pace of requests to the sign-in logs. The
// default, graph.DefaultReportsBudget, is Graph's documented limit of 5
// requests in any 10 seconds per application per tenant; tests shrink the
// window against a fake Graph throttled the same way.
func WithReportsBudget(b graph.ReportsBudget) Option {
	return func(p *azuresaasProvider) { p.reportsBudget = b }
}

// WithRetryDelays sets the backoff between retries when Graph sends no
// Retry-After: the first wait is at most base, each next one at most twice
// the last, never more than ceiling (defaults 500ms and 30s, see
// graph.Config). Tests and soaks set them to milliseconds so that retries
// cost no real time; a Retry-After Graph sends is honoured whatever they are.
func WithRetryDelays(base, ceiling time.Duration) Option {
	return func(p *azuresaasProvider) { p.retryBaseDelay, p.retryMaxDelay = base, ceiling }
}

// NewWithOptions is New with options.
func NewWithOptions(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &azuresaasProvider{version: version}
		for _, opt := range opts {
			opt(p)
		}
		return p
	}
}
