package graph

import (
	"context"
	"crypto/sha1" //nolint:gosec // thumbprints in the test data
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func jwtWith(payload string) string {
	return "eyJhbGciOiJub25lIn0." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln"
}

func TestDecodeTokenClaims(t *testing.T) {
	cases := []struct {
		name  string
		token string
		want  TokenClaims
	}{
		{"roles sorted and deduplicated", jwtWith(`{"tid":"t-1","roles":["User.Read.All","AuditLog.Read.All","User.Read.All"," "]}`),
			TokenClaims{Readable: true, TenantID: "t-1", Roles: []string{"AuditLog.Read.All", "User.Read.All"}}},
		{"no roles claim is no permission", jwtWith(`{"tid":"t-2"}`), TokenClaims{Readable: true, TenantID: "t-2", Roles: []string{}}},
		{"opaque token", "not-a-jwt", TokenClaims{}},
		{"payload not base64", "a.%%%.c", TokenClaims{}},
		{"payload not JSON", "a." + base64.RawURLEncoding.EncodeToString([]byte("token1")) + ".c", TokenClaims{}},
		{"roles of the wrong type", jwtWith(`{"tid":"t","roles":"User.Read.All"}`), TokenClaims{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeTokenClaims(tc.token)
			if got.Readable != tc.want.Readable || got.TenantID != tc.want.TenantID || !slices.Equal(got.Roles, tc.want.Roles) {
				t.Errorf("decodeTokenClaims = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCurrentTokenClaimsFailsOnlyWithoutToken(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) { t.Error("no Graph request expected") })
	c := g.client(t)
	claims, err := c.CurrentTokenClaims(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if claims.Readable { // the helper's tokens are not JWTs
		t.Errorf("claims of an opaque token = %+v, want unreadable", claims)
	}
	bad := g.client(t, func(c *Config) { c.ClientSecret = "wrong" })
	_, err = bad.CurrentTokenClaims(context.Background())
	if err == nil || !strings.Contains(err.Error(), "7000215") {
		t.Errorf("err = %v, want the AADSTS7000215 explanation", err)
	}
}

func TestGetReportSettings(t *testing.T) {
	cases := []struct {
		name, body string
		want       bool
		wantErr    string
	}{
		{"plain entity", `{"@odata.context":"x/$metadata#admin/reportSettings/$entity","displayConcealedNames":true}`, true, ""},
		{"value-wrapped", `{"@odata.context":"x","value":{"displayConcealedNames":false}}`, false, ""},
		{"wrapped true", `{"value":{"displayConcealedNames":true}}`, true, ""},
		{"missing property", `{"@odata.context":"x"}`, false, "without displayConcealedNames"},
		{"value is a list", `{"value":[]}`, false, "without displayConcealedNames"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v1.0/admin/reportSettings" || r.URL.Query().Get("$select") != "displayConcealedNames" {
					t.Errorf("request %s?%s", r.URL.Path, r.URL.RawQuery)
				}
				writeJSON(w, http.StatusOK, tc.body)
			})
			got, err := g.client(t).GetReportSettings(context.Background())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got.DisplayConcealedNames != tc.want {
				t.Errorf("got %+v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestGetReportSettings403NamesPermission(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
		graphError(w, http.StatusForbidden, "Authorization_RequestDenied", "req-rs")
	})
	_, err := g.client(t).GetReportSettings(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ReportSettings.Read.All") || !strings.Contains(err.Error(), "req-rs") {
		t.Errorf("err = %v", err)
	}
}

func TestGetApplicationByAppIDMarksCredentialInUse(t *testing.T) {
	der := []byte("certificate bytes")
	sum := sha1.Sum(der) //nolint:gosec // test data
	thumb := strings.ToUpper(hex.EncodeToString(sum[:]))
	other := sha1.Sum([]byte("other")) //nolint:gosec // test data
	body := `{"id":"obj","appId":"` + testClientID + `","displayName":"reader",
	 "passwordCredentials":[
	  {"keyId":"k1","displayName":"old","startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2026-01-01T00:00:00Z","hint":"abc","secretText":null},
	  {"keyId":"k2","displayName":null,"startDateTime":"2025-06-01T00:00:00Z","endDateTime":"2027-01-01T00:00:00Z","hint":"` + testSecret[:3] + `","secretText":null}],
	 "keyCredentials":[
	  {"keyId":"c1","type":"AsymmetricX509Cert","usage":"Verify","displayName":"CN=a","endDateTime":"2027-02-01T00:00:00Z","key":"` + base64.StdEncoding.EncodeToString(der) + `"},
	  {"keyId":"c2","type":"AsymmetricX509Cert","usage":"Verify","displayName":"CN=b","endDateTime":"2027-03-01T00:00:00Z","customKeyIdentifier":"` + base64.StdEncoding.EncodeToString(other[:]) + `"},
	  {"keyId":"c3","type":"AsymmetricX509Cert","usage":"Sign","displayName":"CN=a","key":"` + base64.StdEncoding.EncodeToString(der) + `"}]}`
	var paths []string
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path+"?"+r.URL.Query().Get("$select"))
		writeJSON(w, http.StatusOK, body)
	})
	inUse := func(app Application) []string {
		var ids []string
		for _, c := range app.Credentials {
			if c.InUse {
				ids = append(ids, c.KeyID)
			}
		}
		return ids
	}

	app, err := g.client(t).GetApplicationByAppID(context.Background(), strings.ToUpper(testClientID))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/v1.0/applications(appId='" + testClientID + "')?id,appId,displayName,passwordCredentials,keyCredentials"; paths[0] != want {
		t.Errorf("request %s, want %s", paths[0], want)
	}
	if len(app.Credentials) != 4 { // the Sign half is not a client credential
		t.Errorf("credentials = %+v, want 2 secrets and 2 certificates", app.Credentials)
	}
	if got := inUse(app); !slices.Equal(got, []string{"k2"}) {
		t.Errorf("secret client: in use %v, want [k2]", got)
	}
	if e := app.Credentials[1].EndDateTime; e == nil || e.Year() != 2027 {
		t.Errorf("end date %v", e)
	}

	g.mu.Lock() // the assertion clients below send no secret
	g.token = func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, `{"token_type":"Bearer","expires_in":3599,"access_token":"`+g.issue()+`"}`)
	}
	g.mu.Unlock()
	certClient := g.client(t, func(c *Config) {
		c.ClientSecret = ""
		c.ClientAssertion = func(context.Context, AssertionRequest) (string, error) { return "x", nil }
		c.ClientCertificateThumbprint = strings.ToLower(thumb)
	})
	app, err = certClient.GetApplicationByAppID(context.Background(), testClientID)
	if err != nil {
		t.Fatal(err)
	}
	if got := inUse(app); !slices.Equal(got, []string{"c1"}) {
		t.Errorf("certificate client: in use %v, want [c1]", got)
	}
	if certClient.CredentialKind() != CredentialCertificate {
		t.Errorf("kind %s", certClient.CredentialKind())
	}
	byIdentifier := g.client(t, func(c *Config) {
		c.ClientSecret = ""
		c.ClientAssertion = func(context.Context, AssertionRequest) (string, error) { return "x", nil }
		c.ClientCertificateThumbprint = hex.EncodeToString(other[:])
	})
	app, _ = byIdentifier.GetApplicationByAppID(context.Background(), testClientID)
	if got := inUse(app); !slices.Equal(got, []string{"c2"}) {
		t.Errorf("customKeyIdentifier: in use %v, want [c2]", got)
	}

	federated := g.client(t, func(c *Config) {
		c.ClientSecret = ""
		c.ClientAssertion = func(context.Context, AssertionRequest) (string, error) { return "x", nil }
	})
	app, _ = federated.GetApplicationByAppID(context.Background(), testClientID)
	if got := inUse(app); len(got) != 0 || federated.CredentialKind() != CredentialFederated {
		t.Errorf("federated client: in use %v, kind %s", got, federated.CredentialKind())
	}
}

func TestGetApplicationByAppIDRefusesNonGUIDAndReports404(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
		graphError(w, http.StatusNotFound, "Request_ResourceNotFound", "req-404")
	})
	c := g.client(t)
	if _, err := c.GetApplicationByAppID(context.Background(), "x') or ('1"); err == nil || g.graphHits.Load() != 0 {
		t.Errorf("non-GUID: err %v, %d requests", err, g.graphHits.Load())
	}
	_, err := c.GetApplicationByAppID(context.Background(), testClientID)
	if !IsNotFound(err) {
		t.Errorf("err = %v, want 404", err)
	}
}

func TestSecretHintIsThreeCharacters(t *testing.T) {
	for in, want := range map[string]string{"abcdef": "abc", "ab": "ab", "ÄÖÜß": "ÄÖÜ"} {
		if got := secretHint(in); got != want {
			t.Errorf("secretHint(%q) = %q, want %q", in, got, want)
		}
	}
}
