package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Config configures a Client. Only the credentials and the two endpoints are
// required; the rest have defaults suited to Terraform runs.
type Config struct {
	TenantID      string // GUID or domain
	ClientID      string
	ClientSecret  string
	AuthorityHost string // e.g. "https://login.microsoftonline.com"; a trailing slash is tolerated
	GraphEndpoint string // e.g. "https://graph.microsoft.com": scheme and host[:port], no /v1.0

	// ClientAssertion, instead of ClientSecret, authenticates with a client
	// assertion (a certificate's or a federated token); it is called on
	// every token fetch. Exactly one of the two is set.
	ClientAssertion AssertionSource
	// ClientCertificateThumbprint is the certificate's thumbprint when
	// ClientAssertion signs with one: it tells which of the app
	// registration's keys is in use (GetApplicationByAppID).
	ClientCertificateThumbprint string

	// HTTPClient's Transport is the base transport for Graph and token
	// requests alike. Nil means a client with connection and header timeouts.
	// Its Timeout bounds each Graph attempt (default 5 minutes) from the
	// moment it is sent, not the wait for the sign-in logs budget before it;
	// it bounds token requests whole.
	HTTPClient *http.Client
	UserAgent  string // optional

	// MaxRetries is how many times one page (or object) is sent again after
	// a throttled or transient failure, counting every kind of failure
	// together (default DefaultMaxRetries; negative disables retries). The
	// context's deadline bounds the total time as well.
	MaxRetries int
	// RetryBaseDelay is the exponential backoff base used when Graph sends no
	// Retry-After (default 500ms), and RetryMaxDelay its cap (default 30s).
	// Tests set both small so that retries cost no real time; Retry-After is
	// honoured as sent whatever they are.
	RetryBaseDelay time.Duration
	RetryMaxDelay  time.Duration
	// ReportsBudget paces requests to /auditLogs (sign-in logs); the zero
	// value is Graph's limit, DefaultReportsBudget. Clients of the same
	// endpoint, tenant (the access token's tid, so a GUID and a domain of one
	// tenant are one), client and budget share one budget in the process.
	ReportsBudget ReportsBudget
}

// Client reads Microsoft Graph v1.0 with an app-only token. It is safe for
// concurrent use; concurrent requests share one cached token.
type Client struct {
	endpoint   *url.URL // scheme and host of Graph; nextLinks must match it
	http       *http.Client
	userAgent  string
	maxRetries int
	baseDelay  time.Duration
	maxDelay   time.Duration

	tokens      *tokenCache
	tokenConfig tokenConfig
	tokenHTTP   *http.Client
	download    *http.Client // the usage reports' download leg: no token, no jar, no redirects
	tokenURL    string       // for error messages
	tokenPath   string       // for logs
	redact      []string     // credential material to scrub from token error text
	credential  configuredCredential

	testLimits readLimits // zero: MaxPageBytes and MaxObjectsPerList (limits.go)
}

// DefaultMaxRetries is how many times one page is sent again, at most,
// after it failed in a way that may pass (retry.go): nine attempts in all.
// With the default backoff that is at most a minute and a half of waiting
// when Graph gives no Retry-After (45 s on average), well inside a read's
// timeout.
const DefaultMaxRetries = 8

const (
	defaultUserAgent      = "terraform-provider-azuresaas"
	defaultRetryBaseDelay = 500 * time.Millisecond
)

// NewClient validates cfg and returns a Client. It does no network I/O: the
// first token is requested by the first Graph call.
func NewClient(cfg Config) (*Client, error) {
	graphURL, err := parseBaseURL("GraphEndpoint", cfg.GraphEndpoint)
	if err != nil {
		return nil, err
	}
	if p := strings.TrimRight(graphURL.Path, "/"); p != "" {
		return nil, fmt.Errorf("graph: GraphEndpoint %q must be a scheme and host only, without the path %q (the client adds /v1.0 itself)", cfg.GraphEndpoint, p)
	}
	authority, err := parseBaseURL("AuthorityHost", cfg.AuthorityHost)
	if err != nil {
		return nil, err
	}
	tenant := strings.TrimSpace(cfg.TenantID)
	switch {
	case tenant == "":
		return nil, errors.New("graph: TenantID is empty")
	case strings.ContainsAny(tenant, "/?#% "):
		return nil, fmt.Errorf("graph: TenantID %q is not a GUID or a domain name", cfg.TenantID)
	case strings.TrimSpace(cfg.ClientID) == "":
		return nil, errors.New("graph: ClientID is empty")
	case cfg.ClientSecret == "" && cfg.ClientAssertion == nil:
		return nil, errors.New("graph: ClientSecret is empty and there is no ClientAssertion")
	case cfg.ClientSecret != "" && cfg.ClientAssertion != nil:
		return nil, errors.New("graph: set ClientSecret or ClientAssertion, not both")
	}

	base := cfg.HTTPClient
	if base == nil {
		base = defaultHTTPClient()
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}

	// Graph requests never follow redirects: a redirect could carry the
	// bearer token to a host that is not the configured endpoint.
	graphHTTP := *base
	graphHTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	// The client's Timeout becomes each attempt's bound, below the pacer
	// (attemptLimiter); on the client it would also bound the wait for the
	// reports budget, which only the read's deadline should.
	attemptTimeout := base.Timeout
	if attemptTimeout <= 0 {
		attemptTimeout = defaultAttemptTimeout
	}
	graphHTTP.Timeout = 0
	tokenHTTP := *base
	tokenHTTP.Transport = &tokenTransport{base: base.Transport, userAgent: userAgent}
	// Nor do token requests: Go would resend the form, client_secret or
	// client_assertion included, to whatever host the Location names.
	tokenHTTP.CheckRedirect = refuseTokenRedirect

	// The scope is the resource URI: "https://graph.microsoft.com", never
	// with an explicit default port, or Entra would not recognise it.
	endpoint := &url.URL{Scheme: graphURL.Scheme, Host: withoutDefaultPort(graphURL)}
	graphHTTP.Transport = &reportsPacer{base: &attemptLimiter{base: base.Transport, limit: attemptTimeout},
		window:   sharedReportsWindow(endpoint.String(), tenant, strings.TrimSpace(cfg.ClientID), cfg.ReportsBudget),
		endpoint: endpoint.String(), clientID: strings.TrimSpace(cfg.ClientID), budget: cfg.ReportsBudget}
	tokenPath := strings.TrimRight(authority.Path, "/") + "/" + url.PathEscape(tenant) + "/oauth2/v2.0/token"
	tokenURL := (&url.URL{Scheme: authority.Scheme, Host: authority.Host, Path: tokenPath}).String()

	c := &Client{
		endpoint:    endpoint,
		http:        &graphHTTP,
		userAgent:   userAgent,
		maxRetries:  retriesOrDefault(cfg.MaxRetries),
		baseDelay:   cfg.RetryBaseDelay,
		maxDelay:    cfg.RetryMaxDelay,
		tokenConfig: clientSecretConfig(tokenURL, strings.TrimSpace(cfg.ClientID), cfg.ClientSecret, endpoint.String()+"/.default"),
		tokenHTTP:   &tokenHTTP,
		download:    newDownloadClient(base),
		tokenURL:    tokenURL,
		tokenPath:   tokenPath,
		redact:      []string{cfg.ClientSecret},
		credential:  newConfiguredCredential(cfg),
	}
	if c.baseDelay <= 0 {
		c.baseDelay = defaultRetryBaseDelay
	}
	if c.maxDelay <= 0 {
		c.maxDelay = defaultMaxBackoff
	}
	c.baseDelay = min(c.baseDelay, c.maxDelay)
	if cfg.ClientAssertion != nil {
		c.tokenConfig = assertionConfig(tokenURL, strings.TrimSpace(cfg.ClientID), endpoint.String()+"/.default", cfg.ClientAssertion, base)
		c.redact = nil
	}
	c.tokens = newTokenCache(c.fetchToken)
	return c, nil
}

func retriesOrDefault(n int) int {
	switch {
	case n == 0:
		return DefaultMaxRetries
	case n < 0:
		return 0
	}
	return n
}

// parseBaseURL accepts an absolute http(s) URL without query or fragment.
func parseBaseURL(name, raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, fmt.Errorf("graph: %s is empty", name)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("graph: %s %q is not a valid URL: %w", name, raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("graph: %s %q must start with https:// (or http:// for a local emulator)", name, raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("graph: %s %q has no host", name, raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("graph: %s %q must not contain credentials, a query or a fragment", name, raw)
	}
	return u, nil
}

func withoutDefaultPort(u *url.URL) string {
	if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		return strings.TrimSuffix(u.Host, ":"+p)
	}
	return u.Host
}

// defaultHTTPClient bounds connecting and waiting for headers; the context
// (and the timeout of one attempt, generous for 999-item pages) bounds the
// rest.
func defaultHTTPClient() *http.Client {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok { // replaced by someone else: keep theirs
		return &http.Client{Timeout: defaultAttemptTimeout}
	}
	t = t.Clone()
	t.ResponseHeaderTimeout = 90 * time.Second
	t.MaxIdleConnsPerHost = 16 // fan-out reads reuse connections
	return &http.Client{Transport: t, Timeout: defaultAttemptTimeout}
}

// tokenTransport labels token requests like Graph requests, so the identity
// platform's logs can be matched with ours.
type tokenTransport struct {
	base      http.RoundTripper
	userAgent string
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.userAgent)
	req.Header.Set("client-request-id", newGUID())
	return base.RoundTrip(req)
}

// tokenConfig returns the client-credentials request for one token fetch. A
// client secret gives the same Config every time; certificate and OIDC
// credentials (assertionConfig) make a fresh client_assertion per call and
// put it in EndpointParams, which is why this is a function and not a value.
type tokenConfig func(ctx context.Context) (*clientcredentials.Config, error)

func clientSecretConfig(tokenURL, clientID, secret, scope string) tokenConfig {
	conf := &clientcredentials.Config{
		ClientID:     clientID,
		ClientSecret: secret,
		TokenURL:     tokenURL,
		Scopes:       []string{scope},
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	return func(context.Context) (*clientcredentials.Config, error) { return conf, nil }
}

// endpointURL is the first page's URL: the configured endpoint, a path and an
// already encoded query.
func (c *Client) endpointURL(path, query string) string {
	u := c.endpoint.String() + path
	if query != "" {
		u += "?" + query
	}
	return u
}
