package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

func TestEmailDomainFunction(t *testing.T) {
	for _, address := range []string{"Ann@MÜNCHEN.de", "mo_outlook.example#EXT#@Northwind.onmicrosoft.com", "no-at", "Vendor.Kim@Northwind.Example"} {
		got, err := runFunction(t, emailDomainFunction{}, types.StringUnknown(), types.StringValue(address))
		// The function is the filters' code, so it must agree with it.
		if want := types.StringValue(inventory.EmailDomain(address)); err != nil || !got.Equal(want) {
			t.Errorf("email_domain(%q) = %v, %v; want %v", address, got, err, want)
		}
	}
	if got, err := runFunction(t, emailDomainFunction{}, types.StringUnknown(), types.StringNull()); err != nil || !got.Equal(types.StringNull()) {
		t.Errorf("email_domain(null) = %v, %v; want null", got, err)
	}
}

func TestEmailDomainInTerraform(t *testing.T) {
	functionTest(t, resource.TestStep{
		Config: `
output "idna" {
  value = provider::azuresaas::email_domain("Ann@MÜNCHEN.de")
}
output "guest_upn" {
  value = provider::azuresaas::email_domain("mo_outlook.example#EXT#@Northwind.onmicrosoft.com")
}
output "none" {
  value = provider::azuresaas::email_domain("no-at")
}
output "null" {
  value = provider::azuresaas::email_domain(null) == null
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("idna", knownvalue.StringExact("xn--mnchen-3ya.de")),
			statecheck.ExpectKnownOutputValue("guest_upn", knownvalue.StringExact("northwind.onmicrosoft.com")),
			statecheck.ExpectKnownOutputValue("none", knownvalue.StringExact("")),
			statecheck.ExpectKnownOutputValue("null", knownvalue.Bool(true)), // null outputs are not kept
		},
	})
}
