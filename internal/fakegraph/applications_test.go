package fakegraph

import (
	"crypto/sha1" //nolint:gosec // thumbprints
	"crypto/x509"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

type applicationBody struct {
	ID                  string `json:"id"`
	AppID               string `json:"appId"`
	DisplayName         string `json:"displayName"`
	PasswordCredentials []struct {
		KeyID, DisplayName, Hint   string
		StartDateTime, EndDateTime time.Time
		SecretText                 *string `json:"secretText"`
	} `json:"passwordCredentials"`
	KeyCredentials []struct {
		KeyID, DisplayName, Type, Usage string
		CustomKeyIdentifier             []byte
		Key                             []byte
		EndDateTime                     time.Time
	} `json:"keyCredentials"`
}

func TestApplicationByAppIDShowsSecretsWithHintOnly(t *testing.T) {
	demo := startDemo(t)
	u := demo.URL() + "/v1.0/applications(appId='" + ExpiringClientID + "')?$select=id,appId,passwordCredentials,keyCredentials"
	resp, body := get(t, u, demoToken(t, demo))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if strings.Contains(string(body), ExpiringClientSecret) {
		t.Fatal("the response carries the secret")
	}
	var app applicationBody
	if err := json.Unmarshal(body, &app); err != nil {
		t.Fatal(err)
	}
	if app.ID != ApplicationObjectID(demo.Tenant(), ExpiringClientID) || app.AppID != ExpiringClientID || app.DisplayName != "" {
		t.Errorf("app = %+v (displayName was not selected)", app)
	}
	if len(app.PasswordCredentials) != 1 || len(app.KeyCredentials) != 0 {
		t.Fatalf("credentials = %+v", app)
	}
	p := app.PasswordCredentials[0]
	days := time.Until(p.EndDateTime).Hours() / 24
	if p.Hint != ExpiringClientSecret[:3] || p.SecretText != nil || days < ExpiringSecretDays-1 || days > ExpiringSecretDays {
		t.Errorf("password credential = %+v (%.1f days left)", p, days)
	}
	if !strings.Contains(string(body), `"secretText":null`) {
		t.Errorf("secretText should be sent as null: %s", body)
	}
}

func TestApplicationByAppIDCertificates(t *testing.T) {
	cert := testcert.Valid(t, "status-test")
	tenant := DemoTenant()
	tenant.Apps = append(tenant.Apps, App{ClientID: "4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c99", DisplayName: "cert",
		Certificates: []*x509.Certificate{cert.Cert}})
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	sum := sha1.Sum(cert.Cert.Raw) //nolint:gosec // thumbprint
	for _, selected := range []bool{true, false} {
		u := s.URL() + "/v1.0/applications(appId='4A1B2C3D-5E6F-4A7B-8C9D-0E1F2A3B4C99')"
		if selected {
			u += "?$select=keyCredentials"
		}
		resp, body := get(t, u, tok)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var app applicationBody
		_ = json.Unmarshal(body, &app)
		if len(app.KeyCredentials) != 1 {
			t.Fatalf("keyCredentials %s", body)
		}
		k := app.KeyCredentials[0]
		if string(k.CustomKeyIdentifier) != string(sum[:]) || k.Usage != "Verify" || !k.EndDateTime.Equal(cert.Cert.NotAfter.Truncate(time.Second)) {
			t.Errorf("key credential = %+v", k)
		}
		if (len(k.Key) > 0) != selected {
			t.Errorf("key sent = %v with $select = %v; Graph sends it only when selected", len(k.Key) > 0, selected)
		}
	}
}

func TestApplicationByAppIDErrors(t *testing.T) {
	demo := startDemo(t)
	tok := demoToken(t, demo)
	resp, body := get(t, demo.URL()+"/v1.0/applications(appId='00000000-0000-4000-8000-0000000000ff')", tok)
	if e := expectGraphError(t, resp, body, http.StatusNotFound, "Request_ResourceNotFound"); !strings.Contains(e.Error.Message, "00000000-0000-4000-8000-0000000000ff") {
		t.Errorf("404 message %q", e.Error.Message)
	}
	// secretText is a passwordCredential's, not an application's: the
	// metadata check answers as Graph's OData layer does.
	resp, body = get(t, demo.URL()+"/v1.0/applications(appId='"+DemoClientID+"')?$select=secretText", tok)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
	noRoles := token(t, demo, NoRolesClientID, NoRolesClientSecret)
	resp, body = get(t, demo.URL()+"/v1.0/applications(appId='"+NoRolesClientID+"')", noRoles)
	expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")
}

func TestReportSettings(t *testing.T) {
	concealed := DemoTenant()
	concealed.DisplayConcealedNames = true
	for _, tc := range []struct {
		tenant *Tenant
		want   bool
	}{{concealed, true}, {DemoTenant(), false}, {NonPremiumTenant(), false}} {
		s := startTenant(t, tc.tenant)
		// Directory.Read.All does not read report settings.
		resp, body := get(t, s.URL()+"/v1.0/admin/reportSettings", token(t, s, NoAuditLogClientID, NoAuditLogClientSecret))
		expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")

		resp, body = get(t, s.URL()+"/v1.0/admin/reportSettings?$select=displayConcealedNames", demoToken(t, s))
		var got map[string]any
		if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		context, _ := got["@odata.context"].(string)
		if got["displayConcealedNames"] != tc.want || !strings.HasSuffix(context, "admin/reportSettings/$entity") || got["id"] != nil {
			t.Errorf("reportSettings = %v, want displayConcealedNames %v as a plain entity", got, tc.want)
		}
	}
}

func TestSecretPastEndDateIsExpired(t *testing.T) {
	tenant := DemoTenant()
	tenant.Apps = append(tenant.Apps, App{ClientID: "4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c97",
		Secrets: []Secret{{Value: "ended-secret", EndDateTime: time.Now().Add(-time.Minute)}}})
	s := startTenant(t, tenant)
	_, body := postToken(t, s, tenant.ID, clientCredentials("4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c97", "ended-secret", s.URL()+"/.default"))
	if len(body.ErrorCodes) != 1 || body.ErrorCodes[0] != 7000222 {
		t.Errorf("error codes %v, want 7000222", body.ErrorCodes)
	}
}

func TestIntegrationStatusDemoTokens(t *testing.T) {
	demo := startDemo(t)
	if roles := claims(t, token(t, demo, NoAuditLogClientID, NoAuditLogClientSecret))["roles"]; strings.Contains(toJSON(roles), "AuditLog") {
		t.Errorf("no-audit-log app roles %v", roles)
	}
	if _, ok := claims(t, token(t, demo, NoRolesClientID, NoRolesClientSecret))["roles"]; ok {
		t.Error("the unconsented app's token carries a roles claim")
	}
	free := startTenant(t, NonPremiumTenant())
	resp, body := get(t, free.URL()+"/v1.0/auditLogs/signIns", demoToken(t, free))
	expectGraphError(t, resp, body, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant")
	if c := claims(t, demoToken(t, free)); c["tid"] != NonPremiumTenantID {
		t.Errorf("tid %v", c["tid"])
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
