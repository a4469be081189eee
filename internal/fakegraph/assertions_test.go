package fakegraph

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

const (
	certClientID = "3e7f9a1b-2c4d-4e6f-8a0b-1c2d3e4f5a61"
	ficClientID  = "3e7f9a1b-2c4d-4e6f-8a0b-1c2d3e4f5a62"
	ghSubject    = "repo:northwind/infra:environment:production"
	k8sIssuer    = "https://oidc.prod-aks.azure.com/00000000-1111-2222-3333-444444444444/"
	k8sSubject   = "system:serviceaccount:inventory:terraform"
)

// federationTenant is the demo tenant plus an app with a certificate and
// one with federated credentials for GitHub Actions and Kubernetes.
func federationTenant(t *testing.T, certs ...*x509.Certificate) (*Tenant, *OIDCIssuer, *OIDCIssuer) {
	t.Helper()
	gh, k8s := NewOIDCIssuer(GitHubActionsIssuer), NewOIDCIssuer(k8sIssuer)
	tenant := DemoTenant()
	tenant.OIDCIssuers = []*OIDCIssuer{gh, k8s}
	tenant.Apps = append(tenant.Apps,
		App{ClientID: certClientID, DisplayName: "Cert app", Certificates: certs, Permissions: []string{"Organization.Read.All"}},
		App{ClientID: ficClientID, DisplayName: "Federated app", Permissions: []string{"Organization.Read.All"},
			FederatedCredentials: []FederatedCredential{
				{Name: "gh", Issuer: GitHubActionsIssuer, Subject: ghSubject},
				{Name: "k8s", Issuer: k8sIssuer, Subject: k8sSubject, Audiences: []string{"api://custom"}},
			}})
	return tenant, gh, k8s
}

// signAssertion signs claims with key; alg RS256 puts the SHA-1 thumbprint
// of cert in x5t, PS256 the SHA-256 one in x5t#S256.
func signAssertion(t *testing.T, alg string, cert *x509.Certificate, key *rsa.PrivateKey, claims map[string]any) string {
	t.Helper()
	header := map[string]any{"alg": alg, "typ": "JWT"}
	if alg == "RS256" {
		sum := sha1.Sum(cert.Raw) //nolint:gosec // x5t
		header["x5t"] = b64(sum[:])
	} else {
		sum := sha256.Sum256(cert.Raw)
		header["x5t#S256"] = b64(sum[:])
	}
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	input := b64(h) + "." + b64(c)
	digest := sha256.Sum256([]byte(input))
	var sig []byte
	var err error
	if alg == "RS256" {
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	} else {
		sig, err = rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}

func assertionForm(clientID, scope, assertion string) url.Values {
	return url.Values{
		"grant_type": {"client_credentials"}, "client_id": {clientID}, "scope": {scope},
		"client_assertion_type": {jwtBearer}, "client_assertion": {assertion},
	}
}

func TestCertificateAssertions(t *testing.T) {
	now := time.Now()
	cert := testcert.Valid(t, "registered")
	stranger := testcert.Valid(t, "not registered")
	expired := testcert.New(t, "expired", now.AddDate(-1, 0, 0), now.Add(-time.Hour))
	tenant, _, _ := federationTenant(t, cert.Cert, expired.Cert)
	s := startTenant(t, tenant)
	aud := s.URL() + "/" + DemoTenantID + "/oauth2/v2.0/token"
	assertionClaims := func(mod func(map[string]any)) map[string]any {
		c := map[string]any{"aud": aud, "iss": certClientID, "sub": certClientID, "jti": newGUID(),
			"nbf": now.Unix(), "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	cases := []struct {
		name      string
		assertion string
		wantCode  int
		wantText  string
	}{
		{"RS256 with x5t", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(nil)), 0, ""},
		{"PS256 with x5t#S256", signAssertion(t, "PS256", cert.Cert, cert.Key, assertionClaims(nil)), 0, ""},
		{"aud as an array", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { c["aud"] = []string{aud} })), 0, ""},
		{"aud with the tenant's domain", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) {
			c["aud"] = s.URL() + "/" + DemoDefaultDomain + "/oauth2/v2.0/token"
		})), 700023, "audience claim does not match"},
		{"certificate not registered", signAssertion(t, "RS256", stranger.Cert, stranger.Key, assertionClaims(nil)), 700027, "The key was not found., Thumbprint of key used by client: '" + thumbprint(stranger.Cert) + "'"},
		{"signed with another key", signAssertion(t, "RS256", cert.Cert, stranger.Key, assertionClaims(nil)), 700027, "did not match"},
		{"registered certificate expired", signAssertion(t, "RS256", expired.Cert, expired.Key, assertionClaims(nil)), 700027, "The key used is expired"},
		{"wrong aud", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { c["aud"] = "https://login.microsoftonline.com/x/oauth2/v2.0/token" })), 700023, "Realm issuer"},
		{"expired assertion", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) {
			c["exp"] = now.Add(-time.Hour).Unix()
		})), 700024, "not within its valid time range"},
		{"not yet valid", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { c["nbf"] = now.Add(time.Hour).Unix() })), 700024, "valid time range"},
		{"no exp", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { delete(c, "exp") })), 700024, "(not set)"},
		{"no jti", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { delete(c, "jti") })), 50027, "jti"},
		{"sub is not the client", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(func(c map[string]any) { c["sub"] = "someone" })), 50027, "sub claim"},
		{"not a JWT", "a.b.c", 700027, "not a JSON Web Token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := postToken(t, s, DemoTenantID, assertionForm(certClientID, s.URL()+"/.default", tc.assertion))
			if tc.wantCode == 0 {
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, body.ErrorDescription)
				}
				if c := claims(t, body.AccessToken); c["appidacr"] != "2" || c["appid"] != certClientID {
					t.Errorf("appidacr = %v, appid = %v; want 2 (certificate), %s", c["appidacr"], c["appid"], certClientID)
				}
				return
			}
			checkAADErrorBody(t, body, tc.wantCode)
			if !strings.Contains(body.ErrorDescription, tc.wantText) {
				t.Errorf("description %q does not contain %q", body.ErrorDescription, tc.wantText)
			}
		})
	}

	t.Run("secret and assertion together", func(t *testing.T) {
		form := assertionForm(certClientID, s.URL()+"/.default", signAssertion(t, "RS256", cert.Cert, cert.Key, assertionClaims(nil)))
		form.Set("client_secret", "s")
		resp, body := postToken(t, s, DemoTenantID, form)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d", resp.StatusCode)
		}
		checkAADErrorBody(t, body, 90014)
	})
	t.Run("assertion type without assertion", func(t *testing.T) {
		_, body := postToken(t, s, DemoTenantID, assertionForm(certClientID, s.URL()+"/.default", ""))
		checkAADErrorBody(t, body, 7000218)
	})
}

func thumbprint(c *x509.Certificate) string {
	sum := sha1.Sum(c.Raw) //nolint:gosec // x5t
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func TestFederatedAssertions(t *testing.T) {
	tenant, gh, k8s := federationTenant(t)
	rogue := NewOIDCIssuer(GitHubActionsIssuer) // same name, key not trusted
	s := startTenant(t, tenant)
	cases := []struct {
		name, token string
		wantCode    int
		wantText    string
	}{
		{"GitHub Actions", gh.Token(ghSubject, FederatedAudience, 5*time.Minute), 0, ""},
		{"Kubernetes with its own audience", k8s.Token(k8sSubject, "api://custom", time.Hour), 0, ""},
		{"unknown issuer", NewOIDCIssuer("https://issuer.example").Token(ghSubject, FederatedAudience, time.Minute), 700211, "issuer 'https://issuer.example'"},
		{"key not the issuer's", rogue.Token(ghSubject, FederatedAudience, time.Minute), 700027, "signing keys of issuer"},
		{"expired", gh.Token(ghSubject, FederatedAudience, -time.Hour), 700024, "valid time range"},
		{"wrong audience", gh.Token(ghSubject, "https://github.com/northwind", time.Minute), 700212, "audience 'https://github.com/northwind'"},
		{"subject in another case", gh.Token(strings.ToUpper(ghSubject), FederatedAudience, time.Minute), 700213, "case-sensitive"},
		{"wrong branch", gh.Token("repo:northwind/infra:ref:refs/heads/main", FederatedAudience, time.Minute), 700213, "repo:northwind/infra:ref:refs/heads/main"},
		{"subject and audience of two credentials", k8s.Token(k8sSubject, FederatedAudience, time.Minute), 700212, "audience"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := postToken(t, s, DemoTenantID, assertionForm(ficClientID, s.URL()+"/.default", tc.token))
			if tc.wantCode == 0 {
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, body.ErrorDescription)
				}
				if c := claims(t, body.AccessToken); c["appidacr"] != "2" {
					t.Errorf("appidacr = %v, want 2", c["appidacr"])
				}
				return
			}
			checkAADErrorBody(t, body, tc.wantCode)
			if !strings.Contains(body.ErrorDescription, tc.wantText) {
				t.Errorf("description %q does not contain %q", body.ErrorDescription, tc.wantText)
			}
		})
	}

	t.Run("no single credential matches all three", func(t *testing.T) {
		tenant.Apps[len(tenant.Apps)-1].FederatedCredentials = []FederatedCredential{
			{Issuer: GitHubActionsIssuer, Subject: ghSubject, Audiences: []string{"api://other"}},
			{Issuer: GitHubActionsIssuer, Subject: "repo:northwind/other:ref:refs/heads/main"},
		}
		s := startTenant(t, tenant)
		_, body := postToken(t, s, DemoTenantID, assertionForm(ficClientID, s.URL()+"/.default", gh.Token(ghSubject, FederatedAudience, time.Minute)))
		checkAADErrorBody(t, body, 70021)
	})
}

func TestGitHubActionsEndpoint(t *testing.T) {
	issuer := NewOIDCIssuer(GitHubActionsIssuer)
	gh := StartGitHubActions(issuer, ghSubject)
	defer gh.Close()
	get := func(token, audience string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodGet, gh.RequestURL+"&audience="+url.QueryEscape(audience), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var body struct{ Value string }
		_ = json.Unmarshal(raw, &body)
		if body.Value == "" {
			return resp.StatusCode, nil
		}
		return resp.StatusCode, claims(t, body.Value)
	}
	if status, _ := get("wrong", FederatedAudience); status != http.StatusUnauthorized {
		t.Errorf("wrong request token: status %d, want 401", status)
	}
	status, c := get(gh.RequestToken, FederatedAudience)
	if status != http.StatusOK || c["iss"] != GitHubActionsIssuer || c["sub"] != ghSubject || c["aud"] != FederatedAudience {
		t.Errorf("status %d, claims %v", status, c)
	}
	if gh.Hits() != 1 {
		t.Errorf("hits = %d, want 1", gh.Hits())
	}
}

func TestNationalCloudScopes(t *testing.T) {
	s := startDemo(t)
	for _, tc := range []struct {
		host, resource string
		wantCode       int
	}{
		{"login.microsoftonline.us", "https://graph.microsoft.us", 0},
		{"login.microsoftonline.us", "https://dod-graph.microsoft.us", 0},
		{"login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", 0},
		{"login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn", 0},
		{"login.microsoftonline.com", "https://graph.microsoft.com", 0},
		{"login.microsoftonline.us", "https://graph.microsoft.com", 70011},
		{"login.microsoftonline.com", "https://graph.microsoft.us", 70011},
	} {
		t.Run(tc.host+" "+tc.resource, func(t *testing.T) {
			form := clientCredentials(DemoClientID, DemoClientSecret, tc.resource+"/.default")
			req, _ := http.NewRequest(http.MethodPost, s.URL()+"/"+DemoTenantID+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Host = tc.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body tokenResponse
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if tc.wantCode == 0 {
				if resp.StatusCode != 200 || claims(t, body.AccessToken)["aud"] != tc.resource {
					t.Errorf("status %d %s", resp.StatusCode, body.ErrorDescription)
				}
				return
			}
			checkAADErrorBody(t, body, tc.wantCode)
		})
	}
}
