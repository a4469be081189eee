package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestApplicationAccessDataSource names every entry it expects, each as
// "app|upn|count|last login|location". Whether the user list is read only
// when needed is checked in internal/inventory.
func TestApplicationAccessDataSource(t *testing.T) {
	clearCredentialEnv(t)
	base := time.Now().UTC().Truncate(time.Second).Add(-72 * time.Hour)
	server := startSignInGraph(t, signInTenant(base))
	at := func(h int) string { return rfc3339(base.Add(time.Duration(h) * time.Hour)) }
	// The rows the tenant gives, by who and what.
	var (
		annAlpha  = "Alpha CRM|ann@contoso.example|2|" + at(2) + "|Lyon, FR" // sign-in 3 failed: not counted, not last
		benAlpha  = "Alpha CRM|ben@fabrikam.example|1|" + at(5) + "|Toronto, ON, CA"
		goneAlpha = "Alpha CRM|gone@contoso.example|1|" + at(8) + "|US"
		annBeta   = "Beta Chat|ann@contoso.example|1|" + at(4) + "|(null)"
		eveBeta   = "Beta Chat|eve@partner.example|1|" + at(7) + "|London, GB"
		// ben's only Beta Chat sign-in failed: no entry.
	)

	cases := []struct {
		name     string
		provider string // "defaults": a provider block with defaults; "": none
		args     string
		want     []string
	}{
		{"default_members_only", "", ``, []string{annAlpha, benAlpha, annBeta}},
		{"guests_no_domain_keeps_deleted_user", "", `include_guests = true`,
			[]string{annAlpha, benAlpha, goneAlpha, annBeta, eveBeta}},
		{"domain_through_mail_with_guests", "", "include_guests = true\ndomain_names = [\"Partner.Example\"]", []string{eveBeta}},
		{"domain_through_upn", "", `domain_names = ["fabrikam.example"]`, []string{benAlpha}},
		{"one_application", "", fmt.Sprintf("include_guests = true\napp_ids = [%q]", appBeta), []string{annBeta, eveBeta}},
		{"until_cuts_newest", "", fmt.Sprintf("since = %q\nuntil = %q", at(0), at(1)),
			[]string{"Alpha CRM|ann@contoso.example|1|" + at(1) + "|Seattle, WA, US"}},
		{"provider_defaults_apply", "defaults", ``, []string{annAlpha, annBeta}},
		{"arguments_override_defaults", "defaults", "domain_names = []\ninclude_guests = true",
			[]string{annAlpha, benAlpha, goneAlpha, annBeta, eveBeta}},
	}
	// One configuration per provider block, one data source per case: two
	// Terraform runs. (Aliases would share one provider server in-process.)
	configs := map[string]*strings.Builder{"": {}, "defaults": {}}
	configs[""].WriteString(providerBlock(server))
	configs["defaults"].WriteString(providerBlock(server, `include_guests = true`, `domain_names = ["contoso.example"]`))
	checks := map[string][]statecheck.StateCheck{}
	for _, c := range cases {
		args := c.args
		if !strings.Contains(args, "since") {
			args = "since = \"100h\"\n" + args
		}
		config := configs[c.provider]
		fmt.Fprintf(config, "data \"azuresaas_application_access\" %q {\n%s\n}\n", c.name, args)
		fmt.Fprintf(config, `output %q {
  value = [for a in data.azuresaas_application_access.%s.access :
    join("|", [a.app_display_name, a.user_principal_name, tostring(a.sign_in_count), a.last_login, coalesce(a.login_location, "(null)")])]
}
`, c.name, c.name)
		values := make([]knownvalue.Check, 0, len(c.want))
		for _, row := range c.want {
			values = append(values, knownvalue.StringExact(row))
		}
		checks[c.provider] = append(checks[c.provider], statecheck.ExpectKnownOutputValue(c.name, knownvalue.ListExact(values)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: signInTestProviders,
		Steps: []resource.TestStep{
			{Config: configs[""].String(), ConfigStateChecks: checks[""]},
			{Config: configs["defaults"].String(), ConfigStateChecks: checks["defaults"]},
		},
	})
}
