package graph

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

// decodeJWT splits a compact JWS into its decoded header and claims, with
// the standard library only, so that the test does not trust the signing
// library it checks.
func decodeJWT(t *testing.T, token string) (header, claims map[string]any, signingInput string, sig []byte) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("assertion has %d parts", len(parts))
	}
	for i, dst := range []*map[string]any{&header, &claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatalf("part %d is not base64url: %v", i, err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatalf("part %d is not JSON: %v", i, err)
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	return header, claims, parts[0] + "." + parts[1], sig
}

// TestCertificateAssertionSentToTheTokenEndpoint decodes the client
// assertion the Client sends and checks every header field and claim, the
// signature, and the rest of the form.
func TestCertificateAssertionSentToTheTokenEndpoint(t *testing.T) {
	c := testcert.Valid(t, "assertion-test")
	cert, err := LoadCertificate(c.PEM(t), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, page("", true, "u1")) })
	g.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"token_type":"Bearer","expires_in":3599,"access_token":%q}`, g.issue()))
	}
	client := g.client(t, func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", CertificateAssertion(cert) })
	before := time.Now().Add(-time.Second)
	if _, err := listIDs(t.Context(), client); err != nil {
		t.Fatal(err)
	}
	client.tokens.invalidate(client.tokens.current.copy())
	if _, err := listIDs(t.Context(), client); err != nil { // a second token: a second assertion
		t.Fatal(err)
	}
	after := time.Now().Add(time.Second)

	g.mu.Lock()
	forms := slices.Clone(g.forms)
	g.mu.Unlock()
	if len(forms) != 2 {
		t.Fatalf("token requests = %d, want 2", len(forms))
	}
	tokenURL := g.URL + "/" + testTenant + "/oauth2/v2.0/token"
	var jtis []string
	for _, form := range forms {
		for k, want := range map[string]string{
			"grant_type": "client_credentials", "client_id": testClientID, "scope": g.URL + "/.default",
			"client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_secret": "",
		} {
			if got := form.Get(k); got != want {
				t.Errorf("form %s = %q, want %q", k, got, want)
			}
		}
		header, claims, input, sig := decodeJWT(t, form.Get("client_assertion"))

		sha1Sum := sha1.Sum(c.Cert.Raw) //nolint:gosec // x5t
		wantHeader := map[string]any{"alg": "RS256", "typ": "JWT", "x5t": base64.RawURLEncoding.EncodeToString(sha1Sum[:])}
		if fmt.Sprint(header) != fmt.Sprint(wantHeader) {
			t.Errorf("header = %v, want exactly %v", header, wantHeader)
		}
		digest := sha256.Sum256([]byte(input))
		if err := rsa.VerifyPKCS1v15(&c.Key.PublicKey, crypto.SHA256, digest[:], sig); err != nil {
			t.Errorf("signature does not verify with the certificate's key: %v", err)
		}

		for k, want := range map[string]any{"aud": tokenURL, "iss": testClientID, "sub": testClientID} {
			if claims[k] != want {
				t.Errorf("claim %s = %v, want %v", k, claims[k], want)
			}
		}
		jti, _ := claims["jti"].(string)
		if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(jti) {
			t.Errorf("jti = %q, want a GUID", jti)
		}
		jtis = append(jtis, jti)
		nbf, iat, exp := claimTime(claims, "nbf"), claimTime(claims, "iat"), claimTime(claims, "exp")
		if nbf.Before(before.Truncate(time.Second)) || nbf.After(after) || !iat.Equal(nbf) {
			t.Errorf("nbf = %v, iat = %v; want both now (%v..%v)", nbf, iat, before, after)
		}
		if exp.Sub(nbf) != 5*time.Minute {
			t.Errorf("exp - nbf = %v, want 5m", exp.Sub(nbf))
		}
		if len(claims) != 7 {
			t.Errorf("claims = %v, want exactly aud, iss, sub, jti, nbf, iat, exp", claims)
		}
	}
	if jtis[0] == jtis[1] {
		t.Error("both assertions have the same jti")
	}
}

func claimTime(claims map[string]any, name string) time.Time {
	f, _ := claims[name].(float64)
	return time.Unix(int64(f), 0)
}

func (t *accessToken) copy() accessToken { return *t }

// TestRotatedTokenFileIsReadOnRefresh: the token file is read for every
// token request, so a token the platform rotated is the one sent.
func TestRotatedTokenFileIsReadOnRefresh(t *testing.T) {
	file := filepath.Join(t.TempDir(), "token")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmaXJzdCJ9.first")
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if g.hasFirstToken(r) { // the first access token expires mid-run
			graphError(w, http.StatusUnauthorized, codeInvalidToken, "rid-401")
			return
		}
		writeJSON(w, 200, page("", true, "u1"))
	})
	g.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"token_type":"Bearer","expires_in":3599,"access_token":%q}`, g.issue()))
		write("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNvbmQifQ.second") // the kubelet rotates the file
	}
	client := g.client(t, func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", FederatedTokenFile(file) })
	if _, err := listIDs(t.Context(), client); err != nil {
		t.Fatal(err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.forms) != 2 {
		t.Fatalf("token requests = %d, want 2", len(g.forms))
	}
	for i, want := range []string{"first", "second"} {
		if got := g.forms[i].Get("client_assertion"); !strings.HasSuffix(got, "."+want) {
			t.Errorf("token request %d sent %q, want the %s token", i+1, got, want)
		}
	}
}

func TestGitHubActionsToken(t *testing.T) {
	const requestToken = "ghs_request-token-not-logged"
	var gotAuth, gotAudience, gotVersion string
	status := http.StatusOK
	gh := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth, gotAudience, gotVersion = r.Header.Get("Authorization"), r.URL.Query().Get("audience"), r.URL.Query().Get("api-version")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"count":42,"value":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.gh"}`))
	}))
	defer gh.Close()
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, page("", true, "u1")) })
	g.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"token_type":"Bearer","expires_in":3599,"access_token":%q}`, g.issue()))
	}
	source := GitHubActionsToken(gh.URL+"/_apis/idtoken?api-version=2.0", requestToken)
	client := g.client(t, func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", source })
	if _, err := listIDs(t.Context(), client); err != nil {
		t.Fatal(err)
	}
	if gotAuth != "Bearer "+requestToken || gotAudience != "api://AzureADTokenExchange" || gotVersion != "2.0" {
		t.Errorf("GitHub request: Authorization %q, audience %q, api-version %q", gotAuth, gotAudience, gotVersion)
	}
	g.mu.Lock()
	sent := g.forms[0].Get("client_assertion")
	g.mu.Unlock()
	if !strings.HasSuffix(sent, ".gh") {
		t.Errorf("client_assertion = %q, want GitHub's token", sent)
	}

	status = http.StatusForbidden
	client = g.client(t, func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", source })
	_, err := listIDs(t.Context(), client)
	var ae *AssertionError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), "id-token: write") ||
		strings.Contains(err.Error(), requestToken) || strings.Contains(err.Error(), "_apis") {
		t.Errorf("err = %v, want an AssertionError naming the status and the permission, not the URL's path or the token", err)
	}
}

func TestNewClientTakesOneCredential(t *testing.T) {
	g := newFakeGraph(t, func(http.ResponseWriter, *http.Request) {})
	cfg := g.config()
	cfg.ClientAssertion = FederatedToken("a.b.c")
	if _, err := NewClient(cfg); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("secret and assertion: err = %v", err)
	}
	cfg.ClientSecret, cfg.ClientAssertion = "", nil
	if _, err := NewClient(cfg); err == nil {
		t.Error("no credential: no error")
	}
}

func TestAssertionTokenErrors(t *testing.T) {
	tests := []struct {
		code     int
		wantText []string
	}{
		{700027, []string{"signature was not accepted", "Certificates & secrets", "thumbprint"}},
		{700024, []string{"outside its valid time range", "clock", "expired"}},
		{700023, []string{"aud", "authority_host"}},
		{700211, []string{"issuer", "federated credential"}},
		{700212, []string{"audience", "api://AzureADTokenExchange"}},
		{700213, []string{"subject", "case-sensitive", "repo:OWNER/REPO"}},
		{70021, []string{"issuer, subject and audience together"}},
		{7000218, []string{"neither a client secret nor a client assertion"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { t.Error("Graph called without a token") })
			g.token = func(w http.ResponseWriter, r *http.Request) { tokenFailure(w, 401, "invalid_client", tt.code) }
			_, err := listIDs(t.Context(), g.client(t, func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", FederatedToken("x.y.z") }))
			var te *TokenError
			if !errors.As(err, &te) || te.AADSTS != tt.code {
				t.Fatalf("err = %v, want *TokenError %d", err, tt.code)
			}
			want := append(tt.wantText, fmt.Sprintf("AADSTS%d", tt.code))
			if tt.code != 7000218 { // Entra's text names the thumbprint, issuer, subject...
				want = append(want, "Entra said: something went wrong")
			}
			for _, s := range want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}
