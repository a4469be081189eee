package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// testProviders runs the provider in-process for terraform-plugin-testing.
var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"azuresaas": serveForTests(New("test")),
}

// serveForTests makes protocol servers as main.go serves them (NewServer),
// each with a provider of its own from newProvider, as each plugin process
// has.
func serveForTests(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p, ok := newProvider().(*azuresaasProvider)
		if !ok {
			return nil, fmt.Errorf("unexpected provider type %T", p)
		}
		return newProtocolServer(p), nil
	}
}

// clearCredentialEnv makes a test independent of the machine's ARM_* and
// AZURE_* variables.
func clearCredentialEnv(t *testing.T) {
	t.Helper()
	for _, name := range []string{
		"ARM_TENANT_ID", "AZURE_TENANT_ID", "ARM_CLIENT_ID", "AZURE_CLIENT_ID",
		"ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET", "ARM_ENVIRONMENT",
	} {
		t.Setenv(name, "")
	}
	// The certificate, OIDC and GitHub Actions variables (credentials.go).
	for _, name := range credentialEnvVars() {
		t.Setenv(name, "")
	}
}

// startGraph serves a tenant for one test. The test fails if the provider
// sent a request Graph's metadata refuses, even one whose 400 it tolerated
// (integration status reports a refused probe as blocked, for instance).
func startGraph(t *testing.T, tenant *fakegraph.Tenant) *fakegraph.Server {
	t.Helper()
	server := fakegraph.Start(tenant)
	t.Cleanup(func() {
		server.Close()
		for _, r := range server.Requests() {
			if r.Refused != "" {
				t.Errorf("the provider sent %s %s?%s, which Graph's metadata refuses: %s", r.Method, r.Path, r.RawQuery, r.Refused)
			}
		}
	})
	return server
}

// providerBlock configures the provider against a fake Graph with the demo
// application's credentials, plus extra arguments.
func providerBlock(server *fakegraph.Server, extra ...string) string {
	return fmt.Sprintf(`
provider "azuresaas" {
  tenant_id      = %q
  client_id      = %q
  client_secret  = %q
  graph_endpoint = %q
  authority_host = %q
  %s
}
`, fakegraph.DemoTenantID, fakegraph.DemoClientID, fakegraph.DemoClientSecret, server.URL(), server.URL(),
		strings.Join(extra, "\n  "))
}
