package fakegraph

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t is the SHA-1 thumbprint by definition.
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// jwtBearer is the only client_assertion_type Entra accepts.
const jwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// clockSkew is how far outside nbf/exp an assertion is still accepted.
const clockSkew = 5 * time.Minute

// FederatedCredential is a federated identity credential of an App: tokens
// of Issuer for Subject (exact, case-sensitive) with one of Audiences are
// accepted instead of a secret.
type FederatedCredential struct {
	Name      string
	Issuer    string
	Subject   string
	Audiences []string // empty means [api://AzureADTokenExchange]
}

func (fc FederatedCredential) audiences() []string {
	if len(fc.Audiences) == 0 {
		return []string{FederatedAudience}
	}
	return fc.Audiences
}

// tokenRefusal is an AADSTS error for the token endpoint to send.
type tokenRefusal struct {
	status  int
	class   string
	code    int
	message string
}

func invalidClient(code int, format string, args ...any) *tokenRefusal {
	return &tokenRefusal{http.StatusUnauthorized, "invalid_client", code, fmt.Sprintf(format, args...)}
}

// parsedJWT is a compact JWS split into its parts; nothing is verified.
type parsedJWT struct {
	header       map[string]any
	claims       map[string]any
	signingInput string
	signature    []byte
}

func parseJWT(s string) (*parsedJWT, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, false
	}
	var p parsedJWT
	for i, dst := range []*map[string]any{&p.header, &p.claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil || json.Unmarshal(raw, dst) != nil {
			return nil, false
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, false
	}
	p.signingInput, p.signature = parts[0]+"."+parts[1], sig
	return &p, true
}

func (p *parsedJWT) str(m map[string]any, name string) string {
	s, _ := m[name].(string)
	return s
}

// audiences reads aud as a string or an array of strings.
func (p *parsedJWT) audiences() []string {
	switch v := p.claims["aud"].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, a := range v {
			if s, ok := a.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func (p *parsedJWT) time(name string) (time.Time, bool) {
	f, ok := p.claims[name].(float64)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0), true
}

// verify checks an RS256 (PKCS #1 v1.5) or PS256 (PSS) signature.
func (p *parsedJWT) verify(key *rsa.PublicKey) bool {
	sum := sha256.Sum256([]byte(p.signingInput))
	switch p.str(p.header, "alg") {
	case "RS256":
		return rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], p.signature) == nil
	case "PS256":
		return rsa.VerifyPSS(key, crypto.SHA256, sum[:], p.signature, nil) == nil
	}
	return false
}

// timeRange checks nbf and exp (exp is required) with clockSkew.
func (p *parsedJWT) timeRange(now time.Time) *tokenRefusal {
	exp, hasExp := p.time("exp")
	nbf, hasNbf := p.time("nbf")
	if !hasExp || now.After(exp.Add(clockSkew)) || (hasNbf && now.Add(clockSkew).Before(nbf)) {
		return invalidClient(700024, "Client assertion is not within its valid time range. Current time: %s, assertion valid from %s, expiry time of assertion %s.",
			now.UTC().Format(time.RFC3339), formatClaimTime(nbf, hasNbf), formatClaimTime(exp, hasExp))
	}
	return nil
}

func formatClaimTime(t time.Time, ok bool) string {
	if !ok {
		return "(not set)"
	}
	return t.UTC().Format(time.RFC3339)
}

// checkAssertion verifies a client assertion for app: a certificate
// assertion (iss = the client ID) or a federated token from an external
// issuer (graph-reference §1.2). It returns the appidacr of the token to
// issue ("2": certificate or federated) or the refusal.
func (s *Server) checkAssertion(r *http.Request, tenant string, app *App, assertionType, assertion string) *tokenRefusal {
	if assertionType != jwtBearer {
		return &tokenRefusal{http.StatusBadRequest, "invalid_request", 50027,
			fmt.Sprintf("The client_assertion_type '%s' is not supported; use '%s'.", assertionType, jwtBearer)}
	}
	p, ok := parseJWT(assertion)
	if !ok {
		return invalidClient(700027, "Client assertion failed signature validation. [Reason - The assertion is not a JSON Web Token (three base64url parts).]")
	}
	if p.str(p.claims, "iss") == app.ClientID || strings.EqualFold(p.str(p.claims, "iss"), app.ClientID) {
		return s.checkCertificateAssertion(r, tenant, app, p)
	}
	return s.checkFederatedAssertion(app, p)
}

func (s *Server) checkCertificateAssertion(r *http.Request, tenant string, app *App, p *parsedJWT) *tokenRefusal {
	var cert *x509.Certificate
	var thumbprint string
	switch x5tS256, x5t := p.str(p.header, "x5t#S256"), p.str(p.header, "x5t"); {
	case x5tS256 != "":
		want, _ := base64.RawURLEncoding.DecodeString(x5tS256)
		thumbprint = strings.ToUpper(hex.EncodeToString(want))
		cert = findCertificate(app, want, func(der []byte) []byte { sum := sha256.Sum256(der); return sum[:] })
	case x5t != "":
		want, _ := base64.RawURLEncoding.DecodeString(x5t)
		thumbprint = strings.ToUpper(hex.EncodeToString(want))
		cert = findCertificate(app, want, func(der []byte) []byte { sum := sha1.Sum(der); return sum[:] }) //nolint:gosec // x5t
	default:
		return invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The header has neither x5t nor x5t#S256, so the key cannot be found.]")
	}
	if cert == nil {
		return invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '%s', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '%s'.]",
			thumbprint, app.ClientID)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !p.verify(pub) {
		return invalidClient(700027, "Client assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value (alg %q)., Thumbprint of key used by client: '%s']",
			p.str(p.header, "alg"), thumbprint)
	}
	now := time.Now()
	if now.After(cert.NotAfter) {
		return invalidClient(700027, "Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '%s', Found key 'Start=%s, End=%s']",
			thumbprint, cert.NotBefore.UTC().Format("01/02/2006 15:04:05"), cert.NotAfter.UTC().Format("01/02/2006 15:04:05"))
	}
	if !slices.ContainsFunc(p.audiences(), func(aud string) bool { return s.isTokenEndpoint(r, tenant, aud) }) {
		return invalidClient(700023, "Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .")
	}
	if sub := p.str(p.claims, "sub"); !strings.EqualFold(sub, app.ClientID) {
		return invalidClient(50027, "JWT token is invalid or malformed. [Reason - The sub claim '%s' of a client assertion must be the client ID.]", sub)
	}
	if p.str(p.claims, "jti") == "" {
		return invalidClient(50027, "JWT token is invalid or malformed. [Reason - The jti claim is missing.]")
	}
	return p.timeRange(now)
}

func findCertificate(app *App, thumbprint []byte, hash func([]byte) []byte) *x509.Certificate {
	for _, c := range app.Certificates {
		if len(thumbprint) > 0 && string(hash(c.Raw)) == string(thumbprint) {
			return c
		}
	}
	return nil
}

// isTokenEndpoint reports whether aud is the URL of the token endpoint r
// was sent to, with the tenant as the client wrote it or as the tenant ID.
// A proxy (or a test's transport) in front of the Server says the original
// scheme with X-Forwarded-Proto.
func (s *Server) isTokenEndpoint(r *http.Request, tenant, aud string) bool {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	for _, t := range []string{tenant, s.tenant.ID} {
		if strings.EqualFold(aud, scheme+"://"+r.Host+"/"+t+"/oauth2/v2.0/token") {
			return true
		}
	}
	return false
}

// checkFederatedAssertion matches a token of an external issuer against
// app's federated credentials: issuer (700211), signature by a key of that
// issuer (700027), time range (700024), audience (700212), subject (700213,
// case-sensitive), then all three on one credential (70021).
func (s *Server) checkFederatedAssertion(app *App, p *parsedJWT) *tokenRefusal {
	iss, sub, auds := p.str(p.claims, "iss"), p.str(p.claims, "sub"), p.audiences()
	var byIssuer []FederatedCredential
	for _, fc := range app.FederatedCredentials {
		if fc.Issuer == iss {
			byIssuer = append(byIssuer, fc)
		}
	}
	if len(byIssuer) == 0 {
		return invalidClient(700211, "No matching federated identity record found for presented assertion issuer '%s'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation", iss)
	}
	var issuer *OIDCIssuer
	for _, i := range s.tenant.OIDCIssuers {
		if i.URL == iss {
			issuer = i
		}
	}
	if issuer == nil || !p.verify(issuer.PublicKey()) {
		return invalidClient(700027, "Client assertion failed signature validation. [Reason - The key was not found in the signing keys of issuer '%s'.]", iss)
	}
	if refusal := p.timeRange(time.Now()); refusal != nil {
		return refusal
	}
	audienceOK := func(fc FederatedCredential) bool {
		return slices.ContainsFunc(auds, func(a string) bool { return slices.Contains(fc.audiences(), a) })
	}
	if !slices.ContainsFunc(byIssuer, audienceOK) {
		return invalidClient(700212, "No matching federated identity record found for presented assertion audience '%s'. Please note that the matching is done using a case-sensitive comparison. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation",
			strings.Join(auds, ", "))
	}
	if !slices.ContainsFunc(byIssuer, func(fc FederatedCredential) bool { return fc.Subject == sub }) {
		return invalidClient(700213, "No matching federated identity record found for presented assertion subject '%s'. Please note that the matching is done using a case-sensitive comparison. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation", sub)
	}
	if !slices.ContainsFunc(byIssuer, func(fc FederatedCredential) bool { return fc.Subject == sub && audienceOK(fc) }) {
		return &tokenRefusal{http.StatusBadRequest, "invalid_request", 70021,
			fmt.Sprintf("No matching federated identity record found for presented assertion. Assertion Issuer: '%s'. Assertion Subject: '%s'. Assertion Audience: '%s'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation", iss, sub, strings.Join(auds, ", "))}
	}
	return nil
}
