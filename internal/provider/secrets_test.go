package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// jwtPattern finds access tokens, client assertions and federated tokens.
var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{10,}`)

// assertNoSecret fails when any secret, a JWT or a private key appears in text.
func assertNoSecret(t *testing.T, where, text string, secrets map[string]string) {
	t.Helper()
	for what, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s appears in %s", what, where)
		}
	}
	if tok := jwtPattern.FindString(text); tok != "" {
		t.Errorf("a JWT appears in %s: %.20s...", where, tok)
	}
	if strings.Contains(text, "PRIVATE KEY") || strings.Contains(strings.ToLower(text), "bearer ey") {
		t.Errorf("a private key or an Authorization header appears in %s", where)
	}
}

// keyMaterial is the base64 body of the PEM's private key: what a leak of
// the key would show even without its armour lines.
func keyMaterial(t *testing.T, pemPath string) string {
	t.Helper()
	raw, err := os.ReadFile(pemPath)
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "PRIVATE KEY-----\n")
	if !ok {
		t.Fatal("no private key in the PEM file")
	}
	return after[:40]
}

// noSecretInPlan checks the plan as `terraform show -json` renders it.
type noSecretInPlan struct{ secrets map[string]string }

func (c noSecretInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	// The credentials come from the environment, as the README advises: a
	// literal written in a .tf file is echoed by the plan's "configuration"
	// section (Terraform's behaviour, sensitive or not).
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	for what, s := range c.secrets {
		if s != "" && strings.Contains(string(raw), s) {
			resp.Error = errorString(what + " appears in the plan JSON")
			return
		}
	}
}

// noSecretInState checks the state as `terraform show -json` renders it.
type noSecretInState struct{ secrets map[string]string }

func (c noSecretInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	for what, s := range c.secrets {
		if s != "" && strings.Contains(string(raw), s) {
			resp.Error = errorString(what + " appears in the state JSON")
			return
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestSecretsStayOutOfLogsDiagnosticsPlanAndState reads with every kind of
// credential at TRACE level and checks the provider's log, the plan and the
// state as `terraform show -json` gives them, and the diagnostics of
// failing reads, for the secret, the certificate key and password, the
// federated token and any access token.
func TestSecretsStayOutOfLogsDiagnosticsPlanAndState(t *testing.T) {
	f := startFederation(t)
	demo := startGraph(t, fakegraph.DemoTenant())
	ghToken := f.github.Token(ghSubject, fakegraph.FederatedAudience, 10*time.Minute)
	k8sToken := f.k8s.Token(k8sSubject, fakegraph.FederatedAudience, 10*time.Minute)
	key := keyMaterial(t, f.pemPath)

	type kind struct {
		server  *fakegraph.Server
		client  string
		env     map[string]string
		secrets map[string]string
	}
	kinds := map[string]kind{
		"client secret": {server: demo, client: fakegraph.DemoClientID,
			env:     map[string]string{"ARM_CLIENT_SECRET": fakegraph.DemoClientSecret},
			secrets: map[string]string{"the client secret": fakegraph.DemoClientSecret}},
		"certificate PEM": {server: f.server, client: certAppID, env: map[string]string{"ARM_CLIENT_CERTIFICATE_PATH": f.pemPath},
			secrets: map[string]string{"the private key": key}},
		"certificate PFX": {server: f.server, client: certAppID,
			env:     map[string]string{"ARM_CLIENT_CERTIFICATE": f.pfxValue, "ARM_CLIENT_CERTIFICATE_PASSWORD": pfxPass},
			secrets: map[string]string{"the PFX bundle": f.pfxValue[:40], "the PFX password": pfxPass, "the private key": key}},
		"OIDC token": {server: f.server, client: oidcAppID, env: map[string]string{"ARM_USE_OIDC": "true", "ARM_OIDC_TOKEN": ghToken},
			secrets: map[string]string{"the federated token": ghToken}},
		"OIDC token file": {server: f.server, client: oidcAppID,
			env:     map[string]string{"ARM_USE_OIDC": "true", "ARM_OIDC_TOKEN_FILE_PATH": f.tokenFile(t, k8sToken)},
			secrets: map[string]string{"the federated token": k8sToken}},
		"GitHub Actions": {server: f.server, client: oidcAppID, env: map[string]string{"ARM_USE_OIDC": "true",
			"ACTIONS_ID_TOKEN_REQUEST_URL": f.actions.RequestURL, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": f.actions.RequestToken},
			secrets: map[string]string{"the GitHub request token": f.actions.RequestToken}},
	}
	for name, k := range kinds {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for n, v := range k.env {
				t.Setenv(n, v)
			}
			logFile := filepath.Join(t.TempDir(), "provider.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logFile)
			k.server.ExpireTokens() // a fresh token fetch in this case

			provider := `
provider "azuresaas" {
  tenant_id      = "` + fakegraph.DemoTenantID + `"
  client_id      = "` + k.client + `"
  graph_endpoint = "` + k.server.URL() + `"
  authority_host = "` + k.server.URL() + `"
}
`
			// The integration status reads the app's own credentials and
			// decides in_use from the configured one: nothing of it may
			// reach the state, the plan or the log either.
			read := provider + `data "azuresaas_organization" "test" {}
data "azuresaas_integration_status" "test" {}
output "name" { value = data.azuresaas_organization.test.display_name }
`
			// A read that Graph refuses (no such group) and one that the
			// token endpoint refuses (the credential belongs to another app).
			refused := provider + `data "azuresaas_group_members" "missing" { group_id = "99999999-9999-4999-8999-999999999999" }`
			wrongApp := strings.Replace(provider, k.client, "99999999-9999-4999-8999-000000000001", 1) + `data "azuresaas_organization" "test" {}`

			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{
					{
						Config:            read,
						ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{noSecretInPlan{k.secrets}}, PreApply: []plancheck.PlanCheck{noSecretInPlan{k.secrets}}},
						ConfigStateChecks: []statecheck.StateCheck{noSecretInState{k.secrets}},
					},
					{Config: refused, ExpectError: regexp.MustCompile(`(?s)Cannot Read|Unknown Group|not found`)},
					{Config: wrongApp, ExpectError: regexp.MustCompile(`AADSTS`)},
				},
			})
			raw, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			logs := string(raw)
			if !strings.Contains(logs, "/oauth2/v2.0/token") || !strings.Contains(logs, "AADSTS") {
				t.Fatalf("the log does not show the token requests and the refusal; is logging wired? %d bytes", len(logs))
			}
			// The TRACE log holds Terraform's own lines too, among them the
			// diagnostics of both failing steps.
			assertNoSecret(t, "the TRACE log", logs, k.secrets)
		})
	}
}
