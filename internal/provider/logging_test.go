package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestDebugLogsHoldNoSecretOrToken reads users at TRACE level, through a
// throttled page and an access token that expires mid-paging (the read only
// succeeds if the provider fetches a new one), with the provider's logs captured, and
// checks that the client secret and the access tokens never appear while the
// request lines do.
func TestDebugLogsHoldNoSecretOrToken(t *testing.T) {
	clearCredentialEnv(t)
	tenant, members := pagedTenant(1200)
	server := startGraph(t, tenant)
	server.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/users", Page: 2, Status: 429, RetryAfter: "1"})
	server.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/users", Page: 2, ExpireTokens: true})

	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("ARM_TENANT_ID", fakegraph.DemoTenantID)
	t.Setenv("ARM_CLIENT_ID", fakegraph.DemoClientID)
	t.Setenv("ARM_CLIENT_SECRET", fakegraph.DemoClientSecret)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
provider "azuresaas" {
  graph_endpoint = "` + server.URL() + `"
  authority_host = "` + server.URL() + `"
}
data "azuresaas_users" "test" {}
output "count" { value = length(data.azuresaas_users.test.users) }
`,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(int64(members)))},
		}},
	})

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	logs := string(raw)
	if !strings.Contains(logs, "/v1.0/users") || !strings.Contains(logs, "429") {
		t.Fatalf("the log does not show the Graph requests (path and a 429 status); is logging wired? %d bytes", len(logs))
	}
	if strings.Contains(logs, fakegraph.DemoClientSecret) {
		t.Error("the client secret appears in the logs")
	}
	// fakegraph's access tokens are JWT-shaped: base64url JSON starts with "eyJ".
	if token := regexp.MustCompile(`eyJ[A-Za-z0-9_-]{10,}`).FindString(logs); token != "" {
		t.Errorf("an access token appears in the logs: %.20s...", token)
	}
	if strings.Contains(strings.ToLower(logs), "bearer ") {
		t.Error("an Authorization header appears in the logs")
	}
}
