package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

const validTenant = "11111111-2222-3333-4444-555555555555"
const validClient = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

// TestProviderConfigErrorsAtPlanTime runs terraform plan with each bad
// provider argument and asserts the message a user sees.
func TestProviderConfigErrorsAtPlanTime(t *testing.T) {
	cases := []struct {
		name   string
		env    map[string]string
		config string
		want   string
	}{
		{"tenant neither GUID nor domain", nil,
			`tenant_id = "not a tenant!"` + "\nclient_id = \"" + validClient + "\"\nclient_secret = \"s\"",
			`must be the directory \(tenant\) ID, a GUID`},
		{"client id not a GUID", nil,
			`tenant_id = "` + validTenant + `"` + "\nclient_id = \"my-app\"\nclient_secret = \"s\"",
			`"my-app" is not valid here: it must be a GUID`},
		{"missing secret names the variable", nil,
			`tenant_id = "` + validTenant + `"` + "\nclient_id = \"" + validClient + "\"",
			`(?s)Missing Credentials.*client_secret, or ARM_CLIENT_SECRET.*client_certificate_path.*use_oidc`},
		{"explicitly empty secret wins over the environment", map[string]string{"ARM_CLIENT_SECRET": "from-env"},
			`tenant_id = "` + validTenant + `"` + "\nclient_id = \"" + validClient + "\"\nclient_secret = \"\"",
			`(?s)Empty Client Secret.*explicit value always wins`},
		{"http endpoint that is not loopback", nil,
			`graph_endpoint = "http://graph.example.com"`,
			`http:// is allowed only for loopback hosts`},
		{"endpoint with a path", nil,
			`authority_host = "https://login.microsoftonline.com/common"`,
			`without a path`},
		{"unknown environment", nil,
			`environment = "mars"`,
			`value must be one of`},
		{"unknown environment from ARM_ENVIRONMENT", map[string]string{"ARM_ENVIRONMENT": "mars"},
			`tenant_id = "` + validTenant + `"` + "\nclient_id = \"" + validClient + "\"\nclient_secret = \"s\"",
			`(?s)ARM_ENVIRONMENT.*"mars".*china, dod, public, usgovernment`},
		{"invalid tenant from ARM_TENANT_ID", map[string]string{"ARM_TENANT_ID": "{tenantid}"},
			"client_id = \"" + validClient + "\"\nclient_secret = \"s\"",
			`(?s)ARM_TENANT_ID.*"\{tenantid\}".*not valid`},
		{"missing tenant", nil,
			"client_id = \"" + validClient + "\"\nclient_secret = \"s\"",
			`(?s)Missing Tenant ID.*ARM_TENANT_ID \(or AZURE_TENANT_ID\)`},
		{"domain with a leading @", nil,
			`domain_names = ["@contoso.com"]`,
			`starts with "@": write "contoso.com"`},
		{"max_concurrency out of range", nil,
			`max_concurrency = 0`,
			`must be between 1 and 64`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "provider \"azuresaas\" {\n" + c.config + "\n}\ndata \"azuresaas_organization\" \"t\" {}\n",
					PlanOnly:    true,
					ExpectError: messagePattern(c.want),
				}},
			})
		})
	}
}

func TestDataSourceArgumentErrorsAtPlanTime(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, rosterTenant())
	for name, c := range map[string]struct{ args, want string }{
		"trailing dot": {`domain_names = ["contoso.com."]`, `ends with ".": write "contoso.com"`},
		"white space":  {`domain_names = [" contoso.com"]`, `leading or trailing white space`},
		"not a domain": {`domain_names = ["contoso"]`, `has no dot`},
		"wrong type":   {`include_guests = "maybe"`, `a bool is required`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      providerBlock(server) + "data \"azuresaas_users\" \"test\" {\n" + c.args + "\n}\n",
					PlanOnly:    true,
					ExpectError: messagePattern(c.want),
				}},
			})
		})
	}
}

// TestProviderCredentialsFromEnvironment: ARM_* win over AZURE_*, which are
// used when ARM_* are unset.
func TestProviderCredentialsFromEnvironment(t *testing.T) {
	server := startGraph(t, rosterTenant())
	config := `
provider "azuresaas" {
  graph_endpoint = "` + server.URL() + `"
  authority_host = "` + server.URL() + `"
}
data "azuresaas_organization" "test" {}
output "name" { value = data.azuresaas_organization.test.display_name }
`
	for name, env := range map[string]map[string]string{
		"ARM only": {"ARM_TENANT_ID": fakegraph.DemoTenantID, "ARM_CLIENT_ID": fakegraph.DemoClientID, "ARM_CLIENT_SECRET": fakegraph.DemoClientSecret},
		"AZURE only": {"AZURE_TENANT_ID": fakegraph.DemoTenantID, "AZURE_CLIENT_ID": fakegraph.DemoClientID,
			"AZURE_CLIENT_SECRET": fakegraph.DemoClientSecret},
		"ARM wins over AZURE": {"ARM_TENANT_ID": fakegraph.DemoTenantID, "ARM_CLIENT_ID": fakegraph.DemoClientID,
			"ARM_CLIENT_SECRET": fakegraph.DemoClientSecret, "AZURE_CLIENT_SECRET": "wrong-secret", "AZURE_TENANT_ID": "not a tenant!"},
	} {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range env {
				t.Setenv(k, v)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            config,
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("name", knownvalue.StringExact("Contoso Test"))},
				}},
			})
		})
	}
}

func TestEnvironmentSelectsCloudHosts(t *testing.T) {
	for name, c := range map[string]struct {
		environment, authority, graph string
	}{
		"default":      {"", "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		"usgovernment": {"usgovernment", "https://login.microsoftonline.us", "https://graph.microsoft.us"},
		"dod":          {"dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
		"china":        {"CHINA", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"ARM_TENANT_ID": validTenant, "ARM_CLIENT_ID": validClient, "ARM_CLIENT_SECRET": "s", "ARM_ENVIRONMENT": c.environment}
			s, diags := resolveSettings(t.Context(), emptyProviderModel(), func(n string) (string, bool) { v, ok := env[n]; return v, ok })
			if diags.HasError() {
				t.Fatal(diags)
			}
			if s.authorityHost != c.authority || s.graphEndpoint != c.graph {
				t.Fatalf("hosts = %s, %s; want %s, %s", s.authorityHost, s.graphEndpoint, c.authority, c.graph)
			}
		})
	}
}

func emptyProviderModel() providerModel {
	return providerModel{}
}

// messagePattern matches a regular expression against Terraform's output,
// where long messages are wrapped: every space may be any white space.
func messagePattern(expr string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(expr, " ", `\s+`))
}
