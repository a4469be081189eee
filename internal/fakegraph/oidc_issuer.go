package fakegraph

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Issuer URLs of the identity providers pipelines federate with.
const (
	GitHubActionsIssuer = "https://token.actions.githubusercontent.com"
	// FederatedAudience is the audience Entra expects in federated tokens
	// unless a federated credential lists others.
	FederatedAudience = "api://AzureADTokenExchange"
)

// OIDCIssuer is an external identity provider (GitHub Actions, a Kubernetes
// cluster, Azure DevOps) that mints the tokens a federated credential
// accepts. Put it in Tenant.OIDCIssuers so that the token endpoint trusts its
// key, as Entra trusts the keys it fetches from the issuer's JWKS.
type OIDCIssuer struct {
	URL string // the iss claim
	key *rsa.PrivateKey
	kid string
}

// NewOIDCIssuer makes an issuer with a fresh RSA key.
func NewOIDCIssuer(issuerURL string) *OIDCIssuer {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("fakegraph: generating an issuer key: " + err.Error())
	}
	return &OIDCIssuer{URL: issuerURL, key: key, kid: b64(randomBytes(12))}
}

// Token mints a token for subject with audience that expires after
// lifetime (negative: already expired).
func (i *OIDCIssuer) Token(subject, audience string, lifetime time.Duration) string {
	now := time.Now()
	return i.Sign(map[string]any{
		"iss": i.URL, "sub": subject, "aud": audience, "jti": newGUID(),
		"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(lifetime).Unix(),
	})
}

// Sign signs any claims with the issuer's key (RS256, with its kid), for
// tests that need a token out of the ordinary.
func (i *OIDCIssuer) Sign(claims map[string]any) string {
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": i.kid})
	payload, _ := json.Marshal(claims)
	input := b64(header) + "." + b64(payload)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, i.key, crypto.SHA256, sum[:])
	if err != nil {
		panic("fakegraph: signing: " + err.Error())
	}
	return input + "." + b64(sig)
}

// PublicKey is the key the token endpoint verifies the issuer's tokens with.
func (i *OIDCIssuer) PublicKey() *rsa.PublicKey { return &i.key.PublicKey }

// GitHubActions is a fake of the GitHub Actions ID-token endpoint that a job
// with "permissions: id-token: write" reaches through
// ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN.
type GitHubActions struct {
	// RequestURL and RequestToken are the two variables' values.
	RequestURL   string
	RequestToken string

	issuer  *OIDCIssuer
	ts      *httptest.Server
	mu      sync.Mutex
	subject string
	hits    int
}

// StartGitHubActions serves ID tokens of issuer for subject (e.g.
// "repo:northwind/infra:environment:production") on a loopback port.
func StartGitHubActions(issuer *OIDCIssuer, subject string) *GitHubActions {
	g := &GitHubActions{issuer: issuer, subject: subject, RequestToken: "ghs_" + b64(randomBytes(24))}
	g.ts = httptest.NewServer(http.HandlerFunc(g.serve))
	// The real URL carries the run's identifiers and api-version; clients
	// append &audience=...
	g.RequestURL = g.ts.URL + "/_apis/distributedtask/hubs/Actions/plans/" + newGUID() + "/jobs/" + newGUID() + "/idtoken?api-version=2.0"
	return g
}

// SetSubject changes the subject of tokens minted from now on.
func (g *GitHubActions) SetSubject(subject string) {
	g.mu.Lock()
	g.subject = subject
	g.mu.Unlock()
}

// Hits is how many ID tokens were asked for.
func (g *GitHubActions) Hits() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hits
}

// Close stops the endpoint.
func (g *GitHubActions) Close() { g.ts.Close() }

func (g *GitHubActions) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/idtoken") {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"message":"Not Found"}`))
		return
	}
	if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(token), []byte(g.RequestToken)) != 1 {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"message":"Unauthorized"}`))
		return
	}
	// Without an audience GitHub uses the repository owner's URL, which
	// Entra would refuse (AADSTS700212).
	audience := r.URL.Query().Get("audience")
	if audience == "" {
		audience = "https://github.com/northwind"
	}
	g.mu.Lock()
	g.hits++
	subject := g.subject
	g.mu.Unlock()
	tok := g.issuer.Token(subject, audience, 5*time.Minute)
	_ = json.NewEncoder(w).Encode(map[string]any{"count": len(tok), "value": tok})
}
