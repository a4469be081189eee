package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestNonPositiveReadTimeoutRefusedAtPlan runs real Terraform: a read limit
// of zero or less could only ever fail the read with "ran out of time", so
// the timeouts block's read refuses it at plan time, naming the attribute,
// before Graph is asked anything.
func TestNonPositiveReadTimeoutRefusedAtPlan(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	for _, limit := range []string{"0s", "0", "-5m", "-1ns"} {
		for _, typeName := range []string{"azuresaas_organization", "azuresaas_users"} {
			t.Run(typeName+" "+limit, func(t *testing.T) {
				server.ResetRequests()
				config := providerBlock(server) + fmt.Sprintf(`
data %q "t" {
  timeouts {
    read = %q
  }
}
`, typeName, limit)
				resource.UnitTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders,
					Steps: []resource.TestStep{{Config: config, ExpectError: regexp.MustCompile(
						fmt.Sprintf(`(?s)Invalid read timeout.*timeouts\.read.*%q is not\s+longer than zero`, limit))}},
				})
				for _, r := range server.Requests() {
					t.Errorf("Graph was asked %s %s; a bad read limit must stop the plan before any read", r.Method, r.Path)
				}
			})
		}
	}
}
