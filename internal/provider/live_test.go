package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// skipUnlessLive skips tests that need a real tenant: they run only with
// AZURESAAS_LIVE=1 and the ARM_* credentials of an app registration.
func skipUnlessLive(t *testing.T) {
	t.Helper()
	if os.Getenv("AZURESAAS_LIVE") != "1" {
		t.Skip("live test: set AZURESAAS_LIVE=1 and ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_SECRET to run it against a real tenant")
	}
	for _, name := range []string{"ARM_TENANT_ID", "ARM_CLIENT_ID", "ARM_CLIENT_SECRET"} {
		if os.Getenv(name) == "" {
			t.Skipf("live test: %s is not set", name)
		}
	}
}

// TestLiveHRRoster reads a real tenant: the organization must be the tenant
// configured, and the roster must list users whose ids and emails are set.
func TestLiveHRRoster(t *testing.T) {
	skipUnlessLive(t)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownOutputValue("has_users", knownvalue.Bool(true)),
		statecheck.ExpectKnownOutputValue("every_user_has_id_and_email", knownvalue.Bool(true)),
	}
	if tenant := os.Getenv("ARM_TENANT_ID"); isGUID(tenant) {
		checks = append(checks, statecheck.ExpectKnownValue("data.azuresaas_organization.live",
			tfjsonpath.New("tenant_id"), knownvalue.StringExact(tenant)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
provider "azuresaas" {}
data "azuresaas_organization" "live" {}
data "azuresaas_users" "live" {
  include_guests = true
}
output "has_users" {
  value = length(data.azuresaas_users.live.users) > 0
}
output "every_user_has_id_and_email" {
  value = alltrue([for u in data.azuresaas_users.live.users : u.id != "" && u.email != null])
}
`,
			ConfigStateChecks: checks,
		}},
	})
}
