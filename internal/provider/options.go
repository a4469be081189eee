package provider

import (
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
