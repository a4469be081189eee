package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTokenSuccess(t *testing.T) {
	s := startDemo(t)
	resp, body := postToken(t, s, DemoTenantID, clientCredentials(DemoClientID, DemoClientSecret, s.URL()+"/.default"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body.ErrorDescription)
	}
	if body.TokenType != "Bearer" || body.ExpiresIn != 3599 || body.ExtExpiresIn != 3599 {
		t.Errorf("token_type/expires_in/ext_expires_in = %q/%d/%d, want Bearer/3599/3599", body.TokenType, body.ExpiresIn, body.ExtExpiresIn)
	}
	c := claims(t, body.AccessToken)
	var typed struct {
		Roles    []string
		Exp, Iat int64
	}
	raw, _ := json.Marshal(c)
	if err := json.Unmarshal(raw, &typed); err != nil {
		t.Fatalf("claims: %v", err)
	}
	spID := ServicePrincipalID(s.Tenant(), DemoClientID)
	want := map[string]any{
		"aud": s.URL(), "tid": DemoTenantID, "appid": DemoClientID, "appidacr": "1", "idtyp": "app", "ver": "1.0",
		"iss": "https://sts.windows.net/" + DemoTenantID + "/", "idp": "https://sts.windows.net/" + DemoTenantID + "/",
		"oid": spID, "sub": spID, "app_displayname": "Northwind Inventory (demo)",
	}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("claim %s = %v, want %v", k, c[k], v)
		}
	}
	roles := typed.Roles
	wantRoles := []string{"Application.Read.All", "AuditLog.Read.All", "Directory.Read.All", "GroupMember.Read.All", "Organization.Read.All", "Policy.Read.All", "ReportSettings.Read.All", "Reports.Read.All", "RoleManagement.Read.Directory", "User.Read.All"}
	if !slices.Equal(roles, wantRoles) {
		t.Errorf("roles = %v, want %v", roles, wantRoles)
	}
	if typed.Exp-typed.Iat != 3599 {
		t.Errorf("exp - iat = %d, want 3599", typed.Exp-typed.Iat)
	}
}

func TestTokenVariants(t *testing.T) {
	s := startDemo(t)
	cases := []struct {
		name, tenant, scope string
		basicAuth           bool
		wantAud             string
	}{
		{"tenant by initial domain", DemoInitialDomain, s.URL() + "/.default", false, s.URL()},
		{"tenant by domain in other case", "NorthWind.Example", s.URL() + "/.default", false, s.URL()},
		{"tenant GUID in upper case", strings.ToUpper(DemoTenantID), s.URL() + "/.default", false, s.URL()},
		{"global Graph resource", DemoTenantID, "https://graph.microsoft.com/.default", false, PublicGraphResource},
		{"Graph app ID resource", DemoTenantID, GraphAppID + "/.default", false, GraphAppID},
		{"resource with trailing slash", DemoTenantID, s.URL() + "//.default", false, s.URL()},
		{"secret in HTTP Basic", DemoTenantID, s.URL() + "/.default", true, s.URL()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := clientCredentials(DemoClientID, DemoClientSecret, tc.scope)
			if tc.basicAuth {
				form.Del("client_id")
				form.Del("client_secret")
			}
			req, _ := http.NewRequest(http.MethodPost, s.URL()+"/"+tc.tenant+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.basicAuth {
				// RFC 6749 §2.3.1: form-urlencode both parts, as x/oauth2 does.
				req.SetBasicAuth(url.QueryEscape(DemoClientID), url.QueryEscape(DemoClientSecret))
			}
			resp, raw := do(t, req)
			var body tokenResponse
			_ = json.Unmarshal(raw, &body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, raw)
			}
			if aud := claims(t, body.AccessToken)["aud"]; aud != tc.wantAud {
				t.Errorf("aud = %v, want %v", aud, tc.wantAud)
			}
			// Every accepted audience works against this Server's Graph.
			r, b := get(t, s.URL()+"/v1.0/organization", body.AccessToken)
			if r.StatusCode != http.StatusOK {
				t.Errorf("Graph with this token: %d %s", r.StatusCode, b)
			}
		})
	}
}

func TestTokenWithoutPermissionsHasNoRolesClaim(t *testing.T) {
	s := startDemo(t)
	c := claims(t, token(t, s, NoRolesClientID, NoRolesClientSecret))
	if _, ok := c["roles"]; ok {
		t.Errorf("roles claim present for an app without permissions: %v", c["roles"])
	}
}

var (
	aadTimestamp   = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$`)
	guidPattern    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	graphErrorDate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)
)

func TestTokenErrors(t *testing.T) {
	s := startDemo(t)
	own := s.URL() + "/.default"
	ok := clientCredentials(DemoClientID, DemoClientSecret, own)
	with := func(change func(url.Values)) url.Values {
		f := url.Values{}
		for k, v := range ok {
			f[k] = slices.Clone(v)
		}
		change(f)
		return f
	}
	cases := []struct {
		name   string
		tenant string
		form   url.Values
		status int
		err    string
		code   int
	}{
		{"tenant neither GUID nor DNS name", "asdf", ok, 400, "invalid_request", 900023},
		{"GUID with a missing digit", "8f3d2c1-6a5e-4d7c-9b8a-0e1f2a3b4c5d", ok, 400, "invalid_request", 900023},
		{"tenant with underscore", "north_wind.example", ok, 400, "invalid_request", 900023},
		{"common endpoint", "common", ok, 400, "invalid_request", 9001023},
		{"unknown tenant GUID", "00000000-1111-4222-8333-444444444444", ok, 400, "invalid_request", 90002},
		{"unknown tenant domain", "contoso.example", ok, 400, "invalid_request", 90002},
		{"grant_type missing", DemoTenantID, with(func(f url.Values) { f.Del("grant_type") }), 400, "invalid_request", 900144},
		{"grant_type unsupported", DemoTenantID, with(func(f url.Values) { f.Set("grant_type", "password") }), 400, "unsupported_grant_type", 70003},
		{"client_id missing", DemoTenantID, with(func(f url.Values) { f.Del("client_id") }), 400, "invalid_request", 900144},
		{"unknown client", DemoTenantID, with(func(f url.Values) { f.Set("client_id", "99999999-0000-4000-8000-000000000000") }), 400, "unauthorized_client", 700016},
		{"no credential", DemoTenantID, with(func(f url.Values) { f.Del("client_secret") }), 401, "invalid_client", 7000218},
		{"client assertion", DemoTenantID, with(func(f url.Values) {
			f.Del("client_secret")
			f.Set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			f.Set("client_assertion", "a.b.c")
		}), 401, "invalid_client", 700027},
		{"wrong secret", DemoTenantID, with(func(f url.Values) { f.Set("client_secret", "not-the-secret") }), 401, "invalid_client", 7000215},
		{"secret of another app", DemoTenantID, with(func(f url.Values) { f.Set("client_secret", NoUsersClientSecret) }), 401, "invalid_client", 7000215},
		{"only secret expired", DemoTenantID, clientCredentials(ExpiredClientID, ExpiredClientSecret, own), 401, "invalid_client", 7000222},
		{"rotated secret expired", DemoTenantID, with(func(f url.Values) { f.Set("client_secret", DemoRotatedClientSecret) }), 401, "invalid_client", 7000222},
		{"scope missing", DemoTenantID, with(func(f url.Values) { f.Del("scope") }), 400, "invalid_request", 900144},
		{"scope not .default", DemoTenantID, with(func(f url.Values) { f.Set("scope", "https://graph.microsoft.com/User.Read.All") }), 400, "invalid_scope", 1002012},
		{"scope plus offline_access", DemoTenantID, with(func(f url.Values) { f.Set("scope", own+" offline_access") }), 400, "invalid_scope", 1002012},
		{"scope of another cloud", DemoTenantID, with(func(f url.Values) { f.Set("scope", "https://graph.microsoft.us/.default") }), 400, "invalid_scope", 70011},
		{"scope of another host", DemoTenantID, with(func(f url.Values) { f.Set("scope", "http://127.0.0.2:1/.default") }), 400, "invalid_scope", 70011},
		{"two resources", DemoTenantID, with(func(f url.Values) { f.Set("scope", own+" https://graph.microsoft.com/.default") }), 400, "invalid_scope", 700022},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := postToken(t, s, tc.tenant, tc.form)
			if resp.StatusCode != tc.status || body.Error != tc.err || len(body.ErrorCodes) == 0 || body.ErrorCodes[0] != tc.code {
				t.Fatalf("got %d %s %v, want %d %s [%d]: %s", resp.StatusCode, body.Error, body.ErrorCodes, tc.status, tc.err, tc.code, body.ErrorDescription)
			}
			checkAADErrorBody(t, body, tc.code)
		})
	}
}

// checkAADErrorBody checks the §1.5 shape beyond error and error_codes.
func checkAADErrorBody(t *testing.T, body tokenResponse, code int) {
	t.Helper()
	if !strings.HasPrefix(body.ErrorDescription, fmt.Sprintf("AADSTS%d: ", code)) {
		t.Errorf("error_description %q does not start with AADSTS%d", body.ErrorDescription, code)
	}
	tail := fmt.Sprintf(" Trace ID: %s Correlation ID: %s Timestamp: %s", body.TraceID, body.CorrelationID, body.Timestamp)
	if !strings.HasSuffix(body.ErrorDescription, tail) {
		t.Errorf("error_description %q does not end with %q", body.ErrorDescription, tail)
	}
	if !aadTimestamp.MatchString(body.Timestamp) {
		t.Errorf("timestamp %q is not yyyy-mm-dd hh:mm:ssZ", body.Timestamp)
	}
	if !guidPattern.MatchString(body.TraceID) || !guidPattern.MatchString(body.CorrelationID) {
		t.Errorf("trace_id %q / correlation_id %q are not GUIDs", body.TraceID, body.CorrelationID)
	}
	if want := fmt.Sprintf("https://login.microsoftonline.com/error?code=%d", code); body.ErrorURI != want {
		t.Errorf("error_uri = %q, want %q", body.ErrorURI, want)
	}
}

func TestTokenEndpointRefusesGET(t *testing.T) {
	s := startDemo(t)
	resp, raw := get(t, s.URL()+"/"+DemoTenantID+"/oauth2/v2.0/token", "")
	var body tokenResponse
	_ = json.Unmarshal(raw, &body)
	if resp.StatusCode != 400 || body.Error != "invalid_request" || body.ErrorCodes[0] != 900561 {
		t.Errorf("GET token endpoint: %d %s", resp.StatusCode, raw)
	}
}

func TestTokenErrorEchoesClientRequestIDAsCorrelationID(t *testing.T) {
	s := startDemo(t)
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/"+DemoTenantID+"/oauth2/v2.0/token",
		strings.NewReader(clientCredentials(DemoClientID, "wrong", s.URL()+"/.default").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("client-request-id", "0a1b2c3d-0000-4000-8000-000000000002")
	_, raw := do(t, req)
	var body tokenResponse
	_ = json.Unmarshal(raw, &body)
	if body.CorrelationID != "0a1b2c3d-0000-4000-8000-000000000002" {
		t.Errorf("correlation_id = %q, want the client-request-id", body.CorrelationID)
	}
}

func TestOpenIDConfiguration(t *testing.T) {
	s := startDemo(t)
	resp, raw := get(t, s.URL()+"/"+DemoDefaultDomain+"/v2.0/.well-known/openid-configuration", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	if want := s.URL() + "/" + DemoTenantID + "/oauth2/v2.0/token"; cfg["token_endpoint"] != want {
		t.Errorf("token_endpoint = %v, want %v", cfg["token_endpoint"], want)
	}
	if want := s.URL() + "/" + DemoTenantID + "/v2.0"; cfg["issuer"] != want {
		t.Errorf("issuer = %v, want %v", cfg["issuer"], want)
	}

	resp, raw = get(t, s.URL()+"/contoso.example/v2.0/.well-known/openid-configuration", "")
	var body tokenResponse
	_ = json.Unmarshal(raw, &body)
	if resp.StatusCode != 400 || body.Error != "invalid_tenant" || body.ErrorCodes[0] != 90002 {
		t.Errorf("unknown tenant: %d %s", resp.StatusCode, raw)
	}
	checkAADErrorBody(t, body, 90002)
}

func TestInstanceDiscovery(t *testing.T) {
	s := startDemo(t)
	resp, raw := get(t, s.URL()+"/common/discovery/instance?api-version=1.1&authorization_endpoint="+
		url.QueryEscape(s.URL()+"/"+DemoTenantID+"/oauth2/v2.0/authorize"), "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	if want := s.URL() + "/" + DemoTenantID + "/v2.0/.well-known/openid-configuration"; body["tenant_discovery_endpoint"] != want {
		t.Errorf("tenant_discovery_endpoint = %v, want %v", body["tenant_discovery_endpoint"], want)
	}
}

func TestTokenLifetimeIsEnforced(t *testing.T) {
	s := startDemo(t)
	s.SetTokenLifetime(300 * time.Millisecond)
	resp, body := postToken(t, s, DemoTenantID, clientCredentials(DemoClientID, DemoClientSecret, s.URL()+"/.default"))
	if resp.StatusCode != 200 || body.ExpiresIn != 1 {
		t.Fatalf("expires_in = %d (status %d), want 1 (300ms rounded up)", body.ExpiresIn, resp.StatusCode)
	}
	if r, b := get(t, s.URL()+"/v1.0/organization", body.AccessToken); r.StatusCode != 200 {
		t.Fatalf("fresh token refused: %d %s", r.StatusCode, b)
	}
	time.Sleep(350 * time.Millisecond)
	r, b := get(t, s.URL()+"/v1.0/organization", body.AccessToken)
	e := expectGraphError(t, r, b, 401, "InvalidAuthenticationToken")
	if e.Error.Message != "Access token has expired or is not yet valid." {
		t.Errorf("message = %q", e.Error.Message)
	}
}
