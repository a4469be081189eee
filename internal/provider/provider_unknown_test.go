package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A domain_names set that is known as a whole but holds an element known
// only at apply gets the provider's own error on domain_names, as a wholly
// unknown set does, not the framework's Value Conversion Error.
func TestPartlyUnknownDomainNamesIsAnAttributeError(t *testing.T) {
	for name, domains := range map[string]string{
		"unknown last":   `["a.com", terraform_data.x.id]`,
		"unknown first":  `[terraform_data.x.id, "a.com"]`,
		"only unknown":   `toset([terraform_data.x.id])`,
		"wholly unknown": `toset(split(",", terraform_data.x.id))`,
	} {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: `resource "terraform_data" "x" {}
provider "azuresaas" {
  tenant_id     = "` + validTenant + `"
  client_id     = "` + validClient + `"
  client_secret = "s"
  domain_names  = ` + domains + `
}
data "azuresaas_organization" "t" {}
`,
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ExpectError:        regexp.MustCompile(`(?s)Unknown Provider Configuration Value.*domain_names depends on a value that\s+is\s+not\s+known\s+until\s+apply`),
				}},
			})
		})
	}
}
