package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// ClientAssertionType is the client_assertion_type of certificate and
// federated (OIDC) credentials.
const ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// FederatedAudience is the audience Microsoft Entra ID expects in federated
// tokens unless a federated credential says otherwise; GitHub Actions is
// asked for a token with it.
const FederatedAudience = "api://AzureADTokenExchange"

// assertionLifetime is the exp of a certificate assertion: short, it is used
// once, right away.
const assertionLifetime = 5 * time.Minute

// AssertionRequest is what an AssertionSource is told about the token request
// it signs for.
type AssertionRequest struct {
	ClientID string
	TokenURL string // the aud of a certificate assertion
	// HTTPClient is the Client's base HTTP client, for sources that fetch
	// their token (GitHub Actions).
	HTTPClient *http.Client
}

// AssertionSource returns the client_assertion of one token request. The
// Client calls it on every token fetch, so a source may sign a fresh
// assertion, re-read a rotated token file or ask a CI system again.
type AssertionSource func(ctx context.Context, req AssertionRequest) (string, error)

// CertificateAssertion signs assertions with cert: RS256, the SHA-1
// thumbprint in x5t, aud = the token endpoint, iss = sub = the client ID, a
// fresh jti, and an exp five minutes away.
func CertificateAssertion(cert *Certificate) AssertionSource {
	return func(_ context.Context, req AssertionRequest) (string, error) {
		return cert.sign(req.ClientID, req.TokenURL, time.Now())
	}
}

func (c *Certificate) sign(clientID, tokenURL string, now time.Time) (string, error) {
	// MapClaims, not RegisteredClaims: those would send aud as an array.
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"aud": tokenURL,
		"iss": clientID,
		"sub": clientID,
		"jti": newGUID(),
		"nbf": now.Unix(),
		"iat": now.Unix(),
		"exp": now.Add(assertionLifetime).Unix(),
	})
	tok.Header["x5t"] = base64.RawURLEncoding.EncodeToString(c.x5t())
	signed, err := tok.SignedString(c.key)
	if err != nil {
		return "", fmt.Errorf("graph: signing the client assertion with certificate %s: %w", c.Thumbprint(), err)
	}
	return signed, nil
}

// FederatedToken sends a fixed token from another identity provider (an
// OIDC token handed to the pipeline).
func FederatedToken(token string) AssertionSource {
	token = strings.TrimSpace(token)
	return func(context.Context, AssertionRequest) (string, error) { return token, nil }
}

// FederatedTokenFile reads the token from path on every call: Kubernetes
// (workload identity) and other platforms rotate the file, and a refreshed
// access token must be asked for with the current one.
func FederatedTokenFile(path string) AssertionSource {
	return func(context.Context, AssertionRequest) (string, error) {
		return ReadFederatedTokenFile(path)
	}
}

// ReadFederatedTokenFile returns the trimmed content of a token file; its
// errors name the file, never its content.
func ReadFederatedTokenFile(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", fmt.Errorf("graph: reading the OIDC token file %s: %w", path, err)
	}
	token := strings.TrimSpace(string(raw))
	if token == "" {
		return "", fmt.Errorf("graph: the OIDC token file %s is empty", path)
	}
	return token, nil
}

// GitHubActionsToken asks GitHub Actions for an ID token with the audience
// api://AzureADTokenExchange on every call: requestURL and requestToken are
// ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, present
// in a job with the permission id-token: write.
func GitHubActionsToken(requestURL, requestToken string) AssertionSource {
	return func(ctx context.Context, req AssertionRequest) (string, error) {
		return fetchGitHubToken(ctx, req.HTTPClient, requestURL, requestToken)
	}
}

func fetchGitHubToken(ctx context.Context, client *http.Client, requestURL, requestToken string) (string, error) {
	u, err := url.Parse(requestURL)
	if err != nil || u.Host == "" {
		return "", errors.New("graph: ACTIONS_ID_TOKEN_REQUEST_URL is not a URL")
	}
	q := u.Query()
	q.Set("audience", FederatedAudience)
	u.RawQuery = q.Encode()
	// Errors name the host only: the rest of the URL identifies the job.
	where := u.Scheme + "://" + u.Host
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", fmt.Errorf("graph: requesting an ID token from GitHub Actions (%s): %w", where, err)
	}
	req.Header.Set("Authorization", "Bearer "+requestToken)
	req.Header.Set("Accept", "application/json; api-version=2.0")
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("graph: requesting an ID token from GitHub Actions (%s): %w", where, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return "", fmt.Errorf("graph: GitHub Actions (%s) answered HTTP %d to the ID token request: check that the job has "+
			"\"permissions: id-token: write\" and that ACTIONS_ID_TOKEN_REQUEST_TOKEN belongs to this run", where, resp.StatusCode)
	}
	var body struct {
		Value string `json:"value"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil || body.Value == "" {
		return "", fmt.Errorf("graph: GitHub Actions (%s) answered the ID token request without a token in \"value\"", where)
	}
	return body.Value, nil
}

// assertionConfig is the tokenConfig of certificate and federated
// credentials: a fresh client_assertion per token request.
func assertionConfig(tokenURL, clientID, scope string, source AssertionSource, httpClient *http.Client) tokenConfig {
	return func(ctx context.Context) (*clientcredentials.Config, error) {
		assertion, err := source(ctx, AssertionRequest{ClientID: clientID, TokenURL: tokenURL, HTTPClient: httpClient})
		if err != nil {
			return nil, &AssertionError{Err: err}
		}
		return &clientcredentials.Config{
			ClientID:  clientID,
			TokenURL:  tokenURL,
			Scopes:    []string{scope},
			AuthStyle: oauth2.AuthStyleInParams,
			EndpointParams: url.Values{
				"client_assertion_type": {ClientAssertionType},
				"client_assertion":      {assertion},
			},
		}, nil
	}
}

// AssertionError is a client assertion that could not be made: a token
// file gone, GitHub Actions refusing, a signing failure.
type AssertionError struct{ Err error }

func (e *AssertionError) Error() string {
	return "cannot make the client assertion for the token request: " + strings.TrimPrefix(e.Err.Error(), "graph: ")
}

func (e *AssertionError) Unwrap() error { return e.Err }

// assertionErrorSentence says what to fix for the AADSTS codes of
// certificate and federated credentials. Entra's own text (summary) names
// the thumbprint or the issuer, subject and audience it was shown, which is
// what the reader compares with the app registration.
func assertionErrorSentence(code int, summary string) string {
	switch code {
	case 7000218:
		return "the token request carried neither a client secret nor a client assertion (AADSTS7000218): configure client_secret, " +
			"a client certificate (client_certificate_path or client_certificate), or use_oidc with an OIDC token"
	case 700027:
		return "the client assertion's signature was not accepted (AADSTS700027): upload the certificate's public part (.cer, .pem or .crt) " +
			"under Certificates & secrets of the app registration, and check that the thumbprint Entra reports is listed there and not expired. " +
			"Entra said: " + summary
	case 700024:
		return "the client assertion is outside its valid time range (AADSTS700024): check this machine's clock; an OIDC token " +
			"(oidc_token, the token file, GitHub Actions) may have expired, so give the pipeline a fresh one. Entra said: " + summary
	case 700023:
		return "the client assertion's aud is not the token endpoint Entra expected (AADSTS700023): check that environment " +
			"(or authority_host) is the tenant's cloud. Entra said: " + summary
	case 700211:
		return "no federated credential on the app registration has the OIDC token's issuer (AADSTS700211): add a federated credential " +
			"under Certificates & secrets whose issuer is exactly the token's iss. Entra said: " + summary
	case 700212:
		return "no federated credential on the app registration accepts the OIDC token's audience (AADSTS700212): the audience is normally " +
			FederatedAudience + "; ask the identity provider for it, or add it to the federated credential. Entra said: " + summary
	case 700213:
		return "no federated credential on the app registration has the OIDC token's subject (AADSTS700213): the subject must match exactly " +
			"(case-sensitive), e.g. repo:OWNER/REPO:environment:NAME or repo:OWNER/REPO:ref:refs/heads/BRANCH for GitHub Actions, " +
			"system:serviceaccount:NAMESPACE:NAME for Kubernetes. Entra said: " + summary
	}
	return "no federated credential on the app registration matches the OIDC token's issuer, subject and audience together (AADSTS70021): " +
		"add one federated credential with all three values the token has. Entra said: " + summary
}
