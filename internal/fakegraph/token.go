package fakegraph

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// GraphAppID is the application ID of Microsoft Graph, also accepted as the
// resource of a scope ("00000003-0000-0000-c000-000000000000/.default").
const GraphAppID = "00000003-0000-0000-c000-000000000000"

// PublicGraphResource is the global cloud's Graph resource; the token
// endpoint accepts it as well as the Server's own base URL.
const PublicGraphResource = "https://graph.microsoft.com"

// issuedToken is what the Server remembers of an access token it issued.
type issuedToken struct {
	clientID string
	roles    []string
	expires  time.Time
	revoked  bool
}

// serveLogin serves the login host: the token endpoint, OIDC discovery and
// instance discovery.
func (s *Server) serveLogin(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 3 && strings.EqualFold(parts[0], "common") && parts[1] == "discovery" && parts[2] == "instance":
		s.serveInstanceDiscovery(w, r)
	case len(parts) == 4 && parts[1] == "oauth2" && parts[2] == "v2.0" && parts[3] == "token":
		if f := s.chaosFault(r, true); f != nil {
			s.serveTokenFault(w, r, f)
			return
		}
		s.serveToken(w, r, parts[0])
	case len(parts) == 4 && parts[1] == "v2.0" && parts[2] == ".well-known" && parts[3] == "openid-configuration":
		s.serveOpenIDConfiguration(w, r, parts[0])
	default:
		writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
			fmt.Sprintf("Resource not found for the segment '%s'.", firstSegment(r.URL.Path)))
	}
}

// serveTokenFault answers a token request with a chaos fault: the
// identity platform's transient error (graph-reference §1.5), or a reset.
func (s *Server) serveTokenFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	if f.Reset || f.Drop {
		if sw, ok := w.(*statusWriter); ok {
			reset(sw)
			return
		}
		panic(http.ErrAbortHandler)
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	writeAADError(w, r, f.Status, "temporarily_unavailable", 90033,
		"A transient error has occurred. Please try again.")
}

func firstSegment(p string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return first
}

// aadError is the token endpoint's error body (graph-reference §1.5).
type aadError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	ErrorCodes       []int  `json:"error_codes"`
	Timestamp        string `json:"timestamp"`
	TraceID          string `json:"trace_id"`
	CorrelationID    string `json:"correlation_id"`
	ErrorURI         string `json:"error_uri"`
}

func writeAADError(w http.ResponseWriter, r *http.Request, status int, errClass string, code int, message string) {
	now := time.Now().UTC().Format("2006-01-02 15:04:05Z")
	traceID := newGUID()
	correlationID := r.Header.Get("client-request-id")
	if correlationID == "" {
		correlationID = newGUID()
	}
	body := aadError{
		Error: errClass,
		ErrorDescription: fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s",
			code, message, traceID, correlationID, now),
		ErrorCodes:    []int{code},
		Timestamp:     now,
		TraceID:       traceID,
		CorrelationID: correlationID,
		ErrorURI:      fmt.Sprintf("https://login.microsoftonline.com/error?code=%d", code),
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	h.Set("x-ms-request-id", traceID)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func writeLoginJSON(w http.ResponseWriter, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-cache")
	h.Set("Pragma", "no-cache")
	h.Set("x-ms-request-id", newGUID())
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// checkTenant validates the {tenant} path segment: 900023 when it is neither
// a GUID nor a DNS name, 9001023 for /common and /consumers, 90002 when it
// names no tenant this Server serves. It returns the error code and message,
// or 0.
func (s *Server) checkTenant(tenant string) (int, string) {
	switch strings.ToLower(tenant) {
	case "common", "consumers", "organizations":
		return 9001023, "The grant type isn't supported over the /common or /consumers endpoints. Please use the tenant-specific endpoint."
	}
	if !isGUID(tenant) && !isDNSName(tenant) {
		return 900023, fmt.Sprintf("Specified tenant identifier '%s' is neither a valid DNS name, nor a valid external domain.", tenant)
	}
	if !s.tenantNames[strings.ToLower(tenant)] {
		return 90002, fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.", tenant)
	}
	return 0, ""
}

// serveToken is POST /{tenant}/oauth2/v2.0/token for the client-credentials
// grant with a client secret (form field or HTTP Basic), a certificate's
// client assertion or a federated token.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, tenant string) {
	if r.Method != http.MethodPost {
		writeAADError(w, r, http.StatusBadRequest, "invalid_request", 900561,
			fmt.Sprintf("The endpoint only accepts POST, OPTIONS requests. Received a %s request.", r.Method))
		return
	}
	if code, msg := s.checkTenant(tenant); code != 0 {
		writeAADError(w, r, http.StatusBadRequest, "invalid_request", code, msg)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		writeAADError(w, r, http.StatusBadRequest, "invalid_request", 900144,
			"The request body must contain the following parameter: 'grant_type'.")
		return
	}
	form := r.PostForm
	missing := func(name string) {
		writeAADError(w, r, http.StatusBadRequest, "invalid_request", 900144,
			fmt.Sprintf("The request body must contain the following parameter: '%s'.", name))
	}

	switch grant := form.Get("grant_type"); grant {
	case "":
		missing("grant_type")
		return
	case "client_credentials":
	default:
		writeAADError(w, r, http.StatusBadRequest, "unsupported_grant_type", 70003,
			fmt.Sprintf("The app requested an unsupported grant type '%s'.", grant))
		return
	}

	clientID, secret := form.Get("client_id"), form.Get("client_secret")
	if user, pass, ok := r.BasicAuth(); ok {
		// RFC 6749 §2.3.1: both parts are form-urlencoded before Basic.
		if clientID == "" {
			clientID = formUnescape(user)
		}
		if secret == "" {
			secret = formUnescape(pass)
		}
	}
	if clientID == "" {
		missing("client_id")
		return
	}
	app := s.appsByID[strings.ToLower(clientID)]
	if app == nil {
		writeAADError(w, r, http.StatusBadRequest, "unauthorized_client", 700016,
			fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", clientID, s.tenant.DisplayName))
		return
	}
	acr := "1" // appidacr: 1 for a secret, 2 for a certificate or federated assertion
	var refusal *tokenRefusal
	if form.Has("client_assertion") || form.Has("client_assertion_type") {
		refusal, acr = s.checkClientAssertion(r, tenant, app, form, secret), "2"
	} else {
		refusal = checkSecret(app, secret)
	}
	if refusal != nil {
		writeAADError(w, r, refusal.status, refusal.class, refusal.code, refusal.message)
		return
	}

	scope := form.Get("scope")
	if strings.TrimSpace(scope) == "" {
		missing("scope")
		return
	}
	audience, code, msg := s.checkScope(r, scope)
	if code != 0 {
		writeAADError(w, r, http.StatusBadRequest, "invalid_scope", code, msg)
		return
	}

	token, lifetime := s.issueToken(app, audience, acr)
	seconds := int64((lifetime + time.Second - 1) / time.Second)
	writeLoginJSON(w, struct {
		TokenType    string `json:"token_type"`
		ExpiresIn    int64  `json:"expires_in"`
		ExtExpiresIn int64  `json:"ext_expires_in"`
		AccessToken  string `json:"access_token"`
	}{"Bearer", seconds, seconds, token})
}

// checkSecret checks a client secret: 7000218 when none was sent, 7000215
// when it is none of app's, 7000222 when it is one of app's, expired.
func checkSecret(app *App, secret string) *tokenRefusal {
	if secret == "" {
		return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	}
	matched, valid := false, false
	now := time.Now()
	for _, sec := range app.Secrets {
		if hmac.Equal([]byte(sec.Value), []byte(secret)) {
			matched = true
			valid = valid || !sec.expiredAt(now)
		}
	}
	switch {
	case !matched:
		return invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", app.ClientID)
	case !valid:
		return invalidClient(7000222, "The provided client secret keys for app '%s' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", app.ClientID)
	}
	return nil
}

// checkClientAssertion refuses a request with both a secret and an
// assertion, or a type without an assertion, then verifies the assertion.
func (s *Server) checkClientAssertion(r *http.Request, tenant string, app *App, form url.Values, secret string) *tokenRefusal {
	assertion := form.Get("client_assertion")
	switch {
	case secret != "":
		return &tokenRefusal{http.StatusBadRequest, "invalid_request", 90014,
			"The request must contain only one client credential: 'client_assertion' or 'client_secret', not both."}
	case assertion == "":
		return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	}
	return s.checkAssertion(r, tenant, app, form.Get("client_assertion_type"), assertion)
}

func formUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// checkScope accepts exactly one "{resource}/.default" scope whose resource
// is this Server (as reached), a cloud's Graph resource (see graphResources),
// or Graph's app ID.
// It returns the token audience, or an AADSTS code and message.
func (s *Server) checkScope(r *http.Request, scope string) (string, int, string) {
	scopes := strings.Fields(scope)
	if len(scopes) > 1 {
		allDefault := true
		for _, sc := range scopes {
			allDefault = allDefault && strings.HasSuffix(sc, "/.default")
		}
		if allDefault {
			return "", 700022, fmt.Sprintf("The provided value for the input parameter scope is not valid because it contains more than one resource. Scope %s is not valid.", scope)
		}
	}
	for _, sc := range scopes {
		if !strings.HasSuffix(sc, "/.default") {
			return "", 1002012, fmt.Sprintf("The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", sc)
		}
	}
	resource := strings.TrimRight(strings.TrimSuffix(scopes[0], "/.default"), "/")
	for _, known := range s.graphResources(r) {
		if known != "" && strings.EqualFold(resource, known) {
			return known, 0, ""
		}
	}
	return "", 70011, fmt.Sprintf("The provided value for the input parameter 'scope' is not valid. The scope %s is not valid.", scope)
}

// accessTokenClaims are the v1.0 app-only claims observed on Graph tokens
// (graph-reference §1.4), in the order Entra writes them.
type accessTokenClaims struct {
	Aud               string   `json:"aud"`
	Iss               string   `json:"iss"`
	Iat               int64    `json:"iat"`
	Nbf               int64    `json:"nbf"`
	Exp               int64    `json:"exp"`
	Aio               string   `json:"aio"`
	AppDisplayName    string   `json:"app_displayname"`
	AppID             string   `json:"appid"`
	AppIDAcr          string   `json:"appidacr"`
	Idp               string   `json:"idp"`
	Idtyp             string   `json:"idtyp"`
	Oid               string   `json:"oid"`
	Rh                string   `json:"rh"`
	Roles             []string `json:"roles,omitempty"`
	Sub               string   `json:"sub"`
	TenantRegionScope string   `json:"tenant_region_scope"`
	Tid               string   `json:"tid"`
	Uti               string   `json:"uti"`
	Ver               string   `json:"ver"`
	XmsTcdt           int64    `json:"xms_tcdt"`
}

// ServicePrincipalID is the object id of app's service principal in t, as
// carried by the oid and sub claims of its tokens. It is derived, stable.
func ServicePrincipalID(t *Tenant, clientID string) string {
	return nameGUID("servicePrincipal/" + strings.ToLower(t.ID) + "/" + strings.ToLower(clientID))
}

// issueToken mints a JWT-shaped token and remembers it. Its signature is an
// HMAC with a key of this Server, so it cannot be mistaken for a real token;
// validity is decided by the Server's own record, not by parsing.
func (s *Server) issueToken(app *App, audience, acr string) (string, time.Duration) {
	s.mu.Lock()
	lifetime := s.tokenLifetime
	s.mu.Unlock()

	now := time.Now()
	roles := slices.Clone(app.Permissions)
	slices.Sort(roles)
	roles = slices.Compact(roles)
	sts := "https://sts.windows.net/" + s.tenant.ID + "/"
	oid := ServicePrincipalID(s.tenant, app.ClientID)
	claims := accessTokenClaims{
		Aud:               audience,
		Iss:               sts,
		Iat:               now.Unix(),
		Nbf:               now.Unix(),
		Exp:               now.Add(lifetime).Unix(),
		Aio:               b64(randomBytes(24)),
		AppDisplayName:    app.DisplayName,
		AppID:             app.ClientID,
		AppIDAcr:          acr,
		Idp:               sts,
		Idtyp:             "app",
		Oid:               oid,
		Rh:                "0." + b64(randomBytes(24)) + ".",
		Roles:             roles,
		Sub:               oid,
		TenantRegionScope: "NA",
		Tid:               s.tenant.ID,
		Uti:               b64(randomBytes(16)),
		Ver:               "1.0",
		XmsTcdt:           1500000000,
	}
	header, _ := json.Marshal(struct {
		Typ   string `json:"typ"`
		Nonce string `json:"nonce"`
		Alg   string `json:"alg"`
		X5t   string `json:"x5t"`
		Kid   string `json:"kid"`
	}{"JWT", b64(randomBytes(32)), "RS256", "ZmFrZWdyYXBo", "ZmFrZWdyYXBo"})
	payload, _ := json.Marshal(claims)
	signingInput := b64(header) + "." + b64(payload)
	mac := hmac.New(sha256.New, s.signingKey)
	mac.Write([]byte(signingInput))
	token := signingInput + "." + b64(mac.Sum(nil))

	s.mu.Lock()
	s.tokens[token] = &issuedToken{clientID: app.ClientID, roles: roles, expires: now.Add(lifetime)}
	s.mu.Unlock()
	return token, lifetime
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// serveOpenIDConfiguration is GET /{tenant}/v2.0/.well-known/openid-configuration,
// which MSAL-based clients read before the token call; unknown tenants fail
// here with invalid_tenant (graph-reference §1.3).
func (s *Server) serveOpenIDConfiguration(w http.ResponseWriter, r *http.Request, tenant string) {
	tid := s.tenant.ID
	switch strings.ToLower(tenant) {
	case "common", "organizations", "consumers":
		tid = "{tenantid}"
	default:
		if code, msg := s.checkTenant(tenant); code != 0 {
			writeAADError(w, r, http.StatusBadRequest, "invalid_tenant", code, msg)
			return
		}
	}
	base := baseURL(r)
	writeLoginJSON(w, map[string]any{
		"token_endpoint":                        base + "/" + tid + "/oauth2/v2.0/token",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"jwks_uri":                              base + "/" + tid + "/discovery/v2.0/keys",
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"issuer":                                base + "/" + tid + "/v2.0",
		"request_uri_parameter_supported":       false,
		"authorization_endpoint":                base + "/" + tid + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint":         base + "/" + tid + "/oauth2/v2.0/devicecode",
		"end_session_endpoint":                  base + "/" + tid + "/oauth2/v2.0/logout",
		"tenant_region_scope":                   "NA",
		"cloud_instance_name":                   "microsoftonline.com",
		"cloud_graph_host_name":                 "graph.windows.net",
		"msgraph_host":                          r.Host,
	})
}

// serveInstanceDiscovery is GET /common/discovery/instance, which MSAL calls
// first unless instance discovery is disabled.
func (s *Server) serveInstanceDiscovery(w http.ResponseWriter, r *http.Request) {
	tenant := "common"
	if u, err := url.Parse(r.URL.Query().Get("authorization_endpoint")); err == nil {
		if seg := firstSegment(u.Path); seg != "" {
			tenant = seg
		}
	}
	writeLoginJSON(w, map[string]any{
		"tenant_discovery_endpoint": baseURL(r) + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []map[string]any{{
			"preferred_network": r.Host,
			"preferred_cache":   r.Host,
			"aliases":           []string{r.Host},
		}},
	})
}

// tokenState classifies a bearer token presented to Graph.
type tokenState int

const (
	tokenValid tokenState = iota
	tokenMalformed
	tokenUnknown
	tokenExpired
)

// lookupToken returns the record of a token this Server issued and whether it
// may still be used.
func (s *Server) lookupToken(token string) (*issuedToken, tokenState) {
	if strings.Count(token, ".") != 2 {
		return nil, tokenMalformed
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[token]
	if t == nil {
		return nil, tokenUnknown
	}
	if t.revoked || !time.Now().Before(t.expires) {
		return t, tokenExpired
	}
	return t, tokenValid
}
