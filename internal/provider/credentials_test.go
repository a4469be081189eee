package provider

import (
	"crypto/x509"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

// Apps of the federation tenant: one with only a certificate, one with only
// federated credentials (neither has a secret, so a success proves the
// assertion was verified).
const (
	certAppID  = "4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c61"
	oidcAppID  = "4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c62"
	ghSubject  = "repo:northwind/infra:environment:production"
	k8sIssuer  = "https://oidc.prod-aks.azure.com/00000000-1111-2222-3333-444444444444/"
	k8sSubject = "system:serviceaccount:inventory:terraform"
	pfxPass    = "pfx-Pa55word-not-logged"
)

type federation struct {
	server   *fakegraph.Server
	cert     *testcert.Cert
	github   *fakegraph.OIDCIssuer
	k8s      *fakegraph.OIDCIssuer
	actions  *fakegraph.GitHubActions
	fileDir  string
	pemPath  string
	pfxPath  string
	pfxValue string
}

func startFederation(t *testing.T) *federation {
	t.Helper()
	f := &federation{
		cert:   testcert.Valid(t, "azuresaas-provider-test"),
		github: fakegraph.NewOIDCIssuer(fakegraph.GitHubActionsIssuer),
		k8s:    fakegraph.NewOIDCIssuer(k8sIssuer),
	}
	tenant := rosterTenant()
	tenant.OIDCIssuers = []*fakegraph.OIDCIssuer{f.github, f.k8s}
	tenant.Apps = append(tenant.Apps,
		fakegraph.App{ClientID: certAppID, DisplayName: "Inventory (certificate)", Certificates: []*x509.Certificate{f.cert.Cert},
			Permissions: []string{"Organization.Read.All", "User.Read.All"}},
		fakegraph.App{ClientID: oidcAppID, DisplayName: "Inventory (federated)", Permissions: []string{"Organization.Read.All", "User.Read.All"},
			FederatedCredentials: []fakegraph.FederatedCredential{
				{Name: "github-production", Issuer: fakegraph.GitHubActionsIssuer, Subject: ghSubject},
				{Name: "aks", Issuer: k8sIssuer, Subject: k8sSubject},
			}})
	f.server = startGraph(t, tenant)
	f.actions = fakegraph.StartGitHubActions(f.github, ghSubject)
	t.Cleanup(f.actions.Close)
	f.fileDir = t.TempDir()
	f.pemPath = testcert.WriteFile(t, "app.pem", f.cert.PEM(t))
	f.pfxPath = testcert.WriteFile(t, "app.pfx", f.cert.PFX(t, pfxPass))
	f.pfxValue = f.cert.PFXBase64(t, pfxPass)
	return f
}

// config is a provider block for clientID against the fake, plus extra
// arguments, and a read of the organization.
func (f *federation) config(clientID string, extra ...string) string {
	return `
provider "azuresaas" {
  tenant_id      = "` + fakegraph.DemoTenantID + `"
  client_id      = "` + clientID + `"
  graph_endpoint = "` + f.server.URL() + `"
  authority_host = "` + f.server.URL() + `"
  ` + strings.Join(extra, "\n  ") + `
}
data "azuresaas_organization" "test" {}
output "name" { value = data.azuresaas_organization.test.display_name }
`
}

func (f *federation) tokenFile(t *testing.T, token string) string {
	t.Helper()
	p := filepath.Join(f.fileDir, "token")
	if err := os.WriteFile(p, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readsOrganization(t *testing.T, config string, env map[string]string) {
	t.Helper()
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
}

// TestCertificateCredentials reads through fakegraph with a certificate
// made by the test, given each way the provider takes one.
func TestCertificateCredentials(t *testing.T) {
	f := startFederation(t)
	cases := map[string]struct {
		extra []string
		env   map[string]string
	}{
		"PEM path": {extra: []string{`client_certificate_path = "` + f.pemPath + `"`}},
		"PFX path and password": {extra: []string{`client_certificate_path = "` + f.pfxPath + `"`,
			`client_certificate_password = "` + pfxPass + `"`}},
		"base64 PFX value":                         {extra: []string{`client_certificate = "` + f.pfxValue + `"`, `client_certificate_password = "` + pfxPass + `"`}},
		"ARM_CLIENT_CERTIFICATE_PATH and password": {env: map[string]string{"ARM_CLIENT_CERTIFICATE_PATH": f.pfxPath, "ARM_CLIENT_CERTIFICATE_PASSWORD": pfxPass}},
		"ARM_CLIENT_CERTIFICATE":                   {env: map[string]string{"ARM_CLIENT_CERTIFICATE": f.pfxValue, "ARM_CLIENT_CERTIFICATE_PASSWORD": pfxPass}},
		"AZURE_CLIENT_CERTIFICATE_PATH":            {env: map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": f.pemPath}},
		"block wins over a secret in the environment": {extra: []string{`client_certificate_path = "` + f.pemPath + `"`},
			env: map[string]string{"ARM_CLIENT_SECRET": "a-secret-the-certificate-app-does-not-have"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { readsOrganization(t, f.config(certAppID, c.extra...), c.env) })
	}
}

// TestOIDCCredentials reads through fakegraph with a federated token from
// each source.
func TestOIDCCredentials(t *testing.T) {
	f := startFederation(t)
	ghToken := f.github.Token(ghSubject, fakegraph.FederatedAudience, 10*time.Minute)
	k8sToken := f.k8s.Token(k8sSubject, fakegraph.FederatedAudience, time.Hour)
	cases := map[string]struct {
		extra []string
		env   func(t *testing.T) map[string]string
	}{
		"oidc_token value": {extra: []string{`use_oidc = true`, `oidc_token = "` + ghToken + `"`}},
		"ARM_OIDC_TOKEN": {env: func(*testing.T) map[string]string {
			return map[string]string{"ARM_USE_OIDC": "true", "ARM_OIDC_TOKEN": ghToken}
		}},
		"oidc_token_file_path": {extra: []string{`use_oidc = true`}, env: func(t *testing.T) map[string]string {
			return map[string]string{"ARM_OIDC_TOKEN_FILE_PATH": f.tokenFile(t, k8sToken)}
		}},
		"AZURE_FEDERATED_TOKEN_FILE (Kubernetes workload identity)": {env: func(t *testing.T) map[string]string {
			return map[string]string{"ARM_USE_OIDC": "true", "AZURE_FEDERATED_TOKEN_FILE": f.tokenFile(t, k8sToken+"\n")}
		}},
		"GitHub Actions ID-token endpoint": {extra: []string{`use_oidc = true`}, env: func(*testing.T) map[string]string {
			return map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": f.actions.RequestURL, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": f.actions.RequestToken}
		}},
		"oidc_token wins over GitHub Actions": {extra: []string{`use_oidc = true`, `oidc_token = "` + ghToken + `"`},
			env: func(*testing.T) map[string]string {
				return map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": f.actions.RequestURL, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "wrong"}
			}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var env map[string]string
			if c.env != nil {
				env = c.env(t)
			}
			readsOrganization(t, f.config(oidcAppID, c.extra...), env)
		})
	}
	if f.actions.Hits() == 0 {
		t.Error("the GitHub Actions endpoint was never asked for a token")
	}
}

// TestCredentialErrors asserts the message of each misconfiguration: at
// plan time for what the provider can check itself, from the token endpoint
// for what only Entra knows.
func TestCredentialErrors(t *testing.T) {
	f := startFederation(t)
	expired := testcert.New(t, "expired", time.Now().AddDate(-1, 0, 0), time.Now().Add(-time.Hour))
	stranger := testcert.Valid(t, "not registered")
	expiredPath := testcert.WriteFile(t, "expired.pem", expired.PEM(t))
	strangerPath := testcert.WriteFile(t, "stranger.pem", stranger.PEM(t))
	certOnlyPath := testcert.WriteFile(t, "cert.pem", f.cert.CertPEM())
	noKeyPFX := testcert.WriteFile(t, "nokey.pfx", f.cert.PFXWithoutKey(t, pfxPass))
	ghToken := f.github.Token(ghSubject, fakegraph.FederatedAudience, 10*time.Minute)
	cases := []struct {
		name   string
		client string
		extra  []string
		env    map[string]string
		want   string
	}{
		{"two kinds in the block", certAppID, []string{`client_certificate_path = "` + f.pemPath + `"`, `client_secret = "s"`}, nil,
			`(?s)Conflicting Credentials.*provider block configures more than one credential: a client certificate \(client_certificate_path\) and a client secret \(client_secret\)`},
		{"two kinds in the environment", certAppID, nil, map[string]string{"ARM_CLIENT_CERTIFICATE_PATH": f.pemPath, "ARM_CLIENT_SECRET": "s"},
			`(?s)Conflicting Credentials.*environment configures more than one credential.*ARM_CLIENT_CERTIFICATE_PATH.*ARM_CLIENT_SECRET`},
		{"secret and OIDC in the environment", oidcAppID, nil, map[string]string{"ARM_USE_OIDC": "true", "ARM_CLIENT_SECRET": "s", "ARM_OIDC_TOKEN": ghToken},
			`(?s)Conflicting Credentials.*a client secret.*an OIDC token \(the environment variable ARM_USE_OIDC=true\)`},
		{"path and value together", certAppID, []string{`client_certificate_path = "` + f.pemPath + `"`, `client_certificate = "` + f.pfxValue + `"`}, nil,
			`(?s)Conflicting Client Certificates.*Set only one`},
		{"use_oidc without a token", oidcAppID, []string{`use_oidc = true`}, nil,
			`(?s)Missing OIDC Token.*three ways.*oidc_token or ARM_OIDC_TOKEN.*oidc_token_file_path, ARM_OIDC_TOKEN_FILE_PATH or AZURE_FEDERATED_TOKEN_FILE.*id-token: write.*ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN`},
		{"GitHub Actions half configured", oidcAppID, []string{`use_oidc = true`}, map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": f.actions.RequestURL},
			`(?s)Incomplete GitHub Actions OIDC Request.*ACTIONS_ID_TOKEN_REQUEST_TOKEN is not`},
		{"ARM_USE_OIDC not a bool", oidcAppID, nil, map[string]string{"ARM_USE_OIDC": "yes"},
			`(?s)Invalid ARM_USE_OIDC.*"yes"; it must be true or false`},
		{"unreadable certificate", certAppID, []string{`client_certificate_path = "/nonexistent/app.pfx"`}, nil,
			`(?s)Unreadable Client Certificate.*"/nonexistent/app.pfx", which cannot be read: no such file or directory`},
		{"wrong password", certAppID, []string{`client_certificate_path = "` + f.pfxPath + `"`, `client_certificate_password = "wrong"`}, nil,
			`(?s)Wrong Client Certificate Password.*password does not open the PKCS#12`},
		{"missing password", certAppID, nil, map[string]string{"ARM_CLIENT_CERTIFICATE": f.pfxValue},
			`(?s)Wrong Client Certificate Password.*no password is set.*ARM_CLIENT_CERTIFICATE_PASSWORD`},
		{"PEM without a private key", certAppID, []string{`client_certificate_path = "` + certOnlyPath + `"`}, nil,
			`(?s)Client Certificate Without Private Key.*holds no private key`},
		{"PFX without a private key", certAppID, []string{`client_certificate_path = "` + noKeyPFX + `"`, `client_certificate_password = "` + pfxPass + `"`}, nil,
			`(?s)Client Certificate Without Private Key.*export it with the private key`},
		{"expired certificate", certAppID, []string{`client_certificate_path = "` + expiredPath + `"`}, nil,
			`(?s)Expired Client Certificate.*certificate has expired: thumbprint [0-9A-F]{40} was valid until`},
		{"client_certificate not base64", certAppID, []string{`client_certificate = "not base64!"`}, nil,
			`(?s)Invalid Client Certificate.*client_certificate is not base64`},
		{"empty token file path", oidcAppID, []string{`use_oidc = true`, `oidc_token_file_path = ""`}, nil,
			`(?s)Empty oidc_token_file_path`},
		{"missing token file", oidcAppID, []string{`use_oidc = true`, `oidc_token_file_path = "/nonexistent/token"`}, nil,
			`(?s)Unreadable OIDC Token File.*/nonexistent/token: no such file or directory`},
		{"oidc_token not a JWT", oidcAppID, []string{`use_oidc = true`, `oidc_token = "not-a-jwt"`}, nil,
			`(?s)Invalid OIDC Token.*oidc_token is not a JWT`},
		{"expired oidc_token", oidcAppID, []string{`use_oidc = true`, `oidc_token = "` + f.github.Token(ghSubject, fakegraph.FederatedAudience, -time.Hour) + `"`}, nil,
			`(?s)Invalid OIDC Token.*expired at`},
		{"certificate not registered on the app", certAppID, []string{`client_certificate_path = "` + strangerPath + `"`}, nil,
			`(?s)AADSTS700027.*Certificates & secrets.*Thumbprint of key used by client: '[0-9A-F]{40}'`},
		{"subject without a federated credential", oidcAppID, []string{`use_oidc = true`,
			`oidc_token = "` + f.github.Token("repo:northwind/infra:ref:refs/heads/main", fakegraph.FederatedAudience, 10*time.Minute) + `"`}, nil,
			`(?s)AADSTS700213.*case-sensitive.*repo:northwind/infra:ref:refs/heads/main`},
		{"token of an issuer the app does not trust", oidcAppID, []string{`use_oidc = true`,
			`oidc_token = "` + fakegraph.NewOIDCIssuer("https://issuer.example").Token(ghSubject, fakegraph.FederatedAudience, 10*time.Minute) + `"`}, nil,
			`(?s)AADSTS700211.*issuer 'https://issuer.example'`},
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
					Config:      f.config(c.client, c.extra...),
					ExpectError: messagePattern(c.want),
				}},
			})
		})
	}
}

// cloudTransport sends every request for a non-loopback host to the fake
// instead, keeping the Host the provider asked for (and saying https, as a
// TLS-terminating proxy would), so that the fake sees each cloud's hosts.
type cloudTransport struct {
	fake *fakegraph.Server
	mu   sync.Mutex
	seen []string // scheme://host of each request
}

func (c *cloudTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.seen = append(c.seen, req.URL.Scheme+"://"+req.URL.Host)
	c.mu.Unlock()
	req = req.Clone(req.Context())
	req.Host = req.URL.Host
	req.Header.Set("X-Forwarded-Proto", req.URL.Scheme)
	req.URL.Scheme, req.URL.Host = "http", strings.TrimPrefix(c.fake.URL(), "http://")
	return http.DefaultTransport.RoundTrip(req)
}

func providersWithHTTPClient(client *http.Client) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"azuresaas": serveForTests(func() provider.Provider { return &azuresaasProvider{version: "test", httpClient: client} }),
	}
}

// TestNationalCloudHosts reads with a certificate in each cloud and checks
// the hosts the provider used: the token endpoint (also the assertion's aud,
// which the fake verifies) and Graph. Explicit endpoints win over the cloud's.
func TestNationalCloudHosts(t *testing.T) {
	f := startFederation(t)
	cases := []struct {
		name, args       string
		login, graphHost string
	}{
		{"public by default", ``, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"usgovernment", `environment = "usgovernment"`, "https://login.microsoftonline.us", "https://graph.microsoft.us"},
		{"dod", `environment = "dod"`, "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
		{"china", `environment = "china"`, "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
		{"explicit authority_host wins", "environment = \"china\"\n  authority_host = \"https://login.partner.microsoftonline.cn\"",
			"https://login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn"},
		{"explicit graph_endpoint wins", "environment = \"usgovernment\"\n  graph_endpoint = \"https://dod-graph.microsoft.us\"",
			"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearCredentialEnv(t)
			transport := &cloudTransport{fake: f.server}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: providersWithHTTPClient(&http.Client{Transport: transport}),
				Steps: []resource.TestStep{{
					Config: `
provider "azuresaas" {
  tenant_id               = "` + fakegraph.DemoTenantID + `"
  client_id               = "` + certAppID + `"
  client_certificate_path = "` + f.pemPath + `"
  ` + c.args + `
}
data "azuresaas_organization" "test" {}
output "name" { value = data.azuresaas_organization.test.display_name }
`,
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("name", knownvalue.StringExact("Contoso Test"))},
				}},
			})
			transport.mu.Lock()
			defer transport.mu.Unlock()
			want := map[string]bool{c.login: true, c.graphHost: true}
			for _, h := range transport.seen {
				if !want[h] {
					t.Errorf("request to %s; want only %s and %s", h, c.login, c.graphHost)
				}
			}
			if len(transport.seen) < 2 || transport.seen[0] != c.login {
				t.Errorf("requests went to %v; want the token from %s first", transport.seen, c.login)
			}
		})
	}
}

// TestDebugLogsHoldNoCertificateOrOIDCMaterial reads at TRACE level with a
// certificate and with OIDC tokens and checks that no key, password,
// certificate bundle, client assertion or federated token is logged.
func TestDebugLogsHoldNoCertificateOrOIDCMaterial(t *testing.T) {
	f := startFederation(t)
	ghToken := f.github.Token(ghSubject, fakegraph.FederatedAudience, 10*time.Minute)
	for name, c := range map[string]struct {
		client string
		env    map[string]string
	}{
		"certificate": {certAppID, map[string]string{"ARM_CLIENT_CERTIFICATE": f.pfxValue, "ARM_CLIENT_CERTIFICATE_PASSWORD": pfxPass}},
		"OIDC token":  {oidcAppID, map[string]string{"ARM_USE_OIDC": "true", "ARM_OIDC_TOKEN": ghToken}},
		"GitHub Actions": {oidcAppID, map[string]string{"ARM_USE_OIDC": "true",
			"ACTIONS_ID_TOKEN_REQUEST_URL": f.actions.RequestURL, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": f.actions.RequestToken}},
	} {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			logFile := filepath.Join(t.TempDir(), "provider.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logFile)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			f.server.ExpireTokens() // no token cached by an earlier case
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            f.config(c.client) + `data "azuresaas_users" "test" {}`,
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("name", knownvalue.StringExact("Contoso Test"))},
				}},
			})
			raw, err := os.ReadFile(logFile)
			if err != nil {
				t.Fatal(err)
			}
			logs := string(raw)
			if !strings.Contains(logs, "/oauth2/v2.0/token") || !strings.Contains(logs, "Provider credential chosen") {
				t.Fatalf("the log does not show the token request and the credential; is logging wired? %d bytes", len(logs))
			}
			for what, secret := range map[string]string{
				"the PFX bundle": f.pfxValue[:40], "the PFX password": pfxPass, "the OIDC token": ghToken,
				"the GitHub request token": f.actions.RequestToken, "a private key": "PRIVATE KEY",
			} {
				if strings.Contains(logs, secret) {
					t.Errorf("%s appears in the logs", what)
				}
			}
			// Assertions, federated tokens and access tokens are JWTs.
			if token := regexp.MustCompile(`eyJ[A-Za-z0-9_-]{10,}`).FindString(logs); token != "" {
				t.Errorf("a JWT appears in the logs: %.20s...", token)
			}
		})
	}
}
