package provider

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

const integrationStatus = "azuresaas_integration_status"

func readyTask(name string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name": knownvalue.StringExact(name), "ready": knownvalue.Bool(true),
		"missing_permissions": knownvalue.ListExact([]knownvalue.Check{}), "blockers": knownvalue.ListExact([]knownvalue.Check{}),
	})
}

// TestIntegrationStatusThroughTerraform reads the demo tenant with the demo
// app (everything granted) and the Free tenant, through real Terraform.
func TestIntegrationStatusThroughTerraform(t *testing.T) {
	clearCredentialEnv(t)
	// The demo tenant with concealment on (Microsoft's default), for the note.
	concealed := fakegraph.DemoTenant()
	concealed.DisplayConcealedNames = true
	demo := startGraph(t, concealed)
	free := startGraph(t, fakegraph.NonPremiumTenant())
	config := func(server *fakegraph.Server, tenantID string) string {
		return `
provider "azuresaas" {
  tenant_id      = "` + tenantID + `"
  client_id      = "` + fakegraph.DemoClientID + `"
  client_secret  = "` + fakegraph.DemoClientSecret + `"
  graph_endpoint = "` + server.URL() + `"
  authority_host = "` + server.URL() + `"
}
data "azuresaas_integration_status" "test" {}
`
	}
	ds := "data.azuresaas_integration_status.test"
	at := func(name string) tfjsonpath.Path { return tfjsonpath.New(name) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config(demo, fakegraph.DemoTenantID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, at("tenant_id"), knownvalue.StringExact(fakegraph.DemoTenantID)),
					statecheck.ExpectKnownValue(ds, at("client_id"), knownvalue.StringExact(fakegraph.DemoClientID)),
					statecheck.ExpectKnownValue(ds, at("granted_permissions"), stringList("Application.Read.All", "AuditLog.Read.All",
						"Directory.Read.All", "GroupMember.Read.All", "Organization.Read.All", "Policy.Read.All", "ReportSettings.Read.All", "Reports.Read.All", "RoleManagement.Read.Directory", "User.Read.All")),
					statecheck.ExpectKnownValue(ds, at("tasks"), knownvalue.ListExact([]knownvalue.Check{
						readyTask("HR Roster"), readyTask("Application Discovery"), readyTask("SSO Application Roster"), readyTask("SSO Application Access"),
					})),
					statecheck.ExpectKnownValue(ds, at("premium"), knownvalue.StringExact("P1")), // SPE_E3 carries AAD_PREMIUM
					statecheck.ExpectKnownValue(ds, at("concealed_names"), knownvalue.Bool(true)),
					// The rotated secret ended two months ago, so it comes first; the
					// configured one is in use.
					statecheck.ExpectKnownValue(ds, at("credentials"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("secret"), "key_id": knownvalue.StringExact(fakegraph.SecretKeyID(demo.Tenant(), fakegraph.DemoClientID, 1)),
							"display_name": knownvalue.StringExact("terraform-pipeline (rotated)"), "in_use": knownvalue.Bool(false)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("secret"), "key_id": knownvalue.StringExact(fakegraph.SecretKeyID(demo.Tenant(), fakegraph.DemoClientID, 0)),
							"display_name": knownvalue.StringExact("terraform-pipeline"), "in_use": knownvalue.Bool(true),
							"end_date_time": knownvalue.StringExact(demo.Tenant().Apps[0].Secrets[0].EndDateTime.Format(time.RFC3339))}),
					})),
					statecheck.ExpectKnownValue(ds, at("notes"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringRegexp(regexp.MustCompile(`^Microsoft 365 usage reports conceal user, group and site names`))})),
				},
			},
			{
				Config: config(free, fakegraph.NonPremiumTenantID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, at("tenant_id"), knownvalue.StringExact(fakegraph.NonPremiumTenantID)),
					statecheck.ExpectKnownValue(ds, at("premium"), knownvalue.StringExact("none")),
					statecheck.ExpectKnownValue(ds, at("concealed_names"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, at("tasks").AtSliceIndex(2), readyTask("SSO Application Roster")),
					statecheck.ExpectKnownValue(ds, at("tasks").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("SSO Application Access"), "ready": knownvalue.Bool(false),
						"missing_permissions": knownvalue.ListExact([]knownvalue.Check{}),
						"blockers":            knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(`no Microsoft Entra ID P1 or P2 licence`))}),
					})),
					statecheck.ExpectKnownValue(ds, at("notes"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

// statusState is the data source's state, decoded.
type statusState struct {
	TenantID           *string  `json:"tenant_id"`
	GrantedPermissions []string `json:"granted_permissions"`
	Tasks              []struct {
		Name               string   `json:"name"`
		Ready              *bool    `json:"ready"`
		MissingPermissions []string `json:"missing_permissions"`
		Blockers           []string `json:"blockers"`
	} `json:"tasks"`
	Premium        *string `json:"premium"`
	ConcealedNames *bool   `json:"concealed_names"`
	Credentials    []struct {
		Type, KeyID string
		InUse       bool    `json:"in_use"`
		EndDateTime *string `json:"end_date_time"`
	} `json:"credentials"`
	Notes []string `json:"notes"`
}

// plain turns a state value into Go values that encoding/json can write.
func plain(t *testing.T, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		n, _ := f.Float64()
		return n
	case v.Type().Is(tftypes.List{}) || v.Type().Is(tftypes.Set{}):
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			t.Fatal(err)
		}
		out := []any{}
		for _, e := range elems {
			out = append(out, plain(t, e))
		}
		return out
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for k, e := range attrs {
		out[k] = plain(t, e)
	}
	return out
}

func decodeStatus(t *testing.T, state tftypes.Value) (statusState, string) {
	t.Helper()
	raw, err := json.Marshal(plain(t, state))
	if err != nil {
		t.Fatal(err)
	}
	var s statusState
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s, string(raw)
}

func warningsOf(diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning {
			out = append(out, d)
		}
	}
	return out
}

// TestIntegrationStatusWarnings reads each demo case through the protocol
// server, where warnings can be seen (terraform-plugin-testing cannot
// assert them).
func TestIntegrationStatusWarnings(t *testing.T) {
	clearCredentialEnv(t)
	demo := startGraph(t, fakegraph.DemoTenant())
	free := startGraph(t, fakegraph.NonPremiumTenant())
	read := func(t *testing.T, server *fakegraph.Server, clientID, secret string) (statusState, string, []*tfprotov6.Diagnostic) {
		t.Helper()
		h := newProtocolHarness(t, nil)
		h.configure(t, map[string]any{"tenant_id": server.Tenant().ID, "client_id": clientID, "client_secret": secret,
			"graph_endpoint": server.URL(), "authority_host": server.URL()})
		state, diags := h.read(context.Background(), t, integrationStatus, nil)
		if hasError(diags) {
			return statusState{}, "", diags
		}
		s, raw := decodeStatus(t, state)
		return s, raw, diags
	}

	t.Run("all granted: no warning", func(t *testing.T) {
		_, _, diags := read(t, demo, fakegraph.DemoClientID, fakegraph.DemoClientSecret)
		if len(diags) != 0 {
			t.Errorf("diagnostics:\n%s", diagnosticsText(diags))
		}
	})
	t.Run("no AuditLog.Read.All", func(t *testing.T) {
		s, _, diags := read(t, demo, fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret)
		w := warningsOf(diags)
		if len(diags) != 1 || len(w) != 1 || w[0].Summary != "Integration Task Not Ready: SSO Application Access" ||
			!strings.Contains(w[0].Detail, "grant the Microsoft Graph application permission(s) AuditLog.Read.All to the app registration "+fakegraph.NoAuditLogClientID) {
			t.Errorf("diagnostics:\n%s", diagnosticsText(diags))
		}
		if *s.Tasks[3].Ready || strings.Join(s.Tasks[3].MissingPermissions, ",") != "AuditLog.Read.All" || !*s.Tasks[0].Ready {
			t.Errorf("tasks %+v", s.Tasks)
		}
		if s.ConcealedNames != nil || !strings.Contains(strings.Join(s.Notes, "\n"), "needs ReportSettings.Read.All") {
			t.Errorf("concealed_names %v, notes %q", s.ConcealedNames, s.Notes)
		}
	})
	t.Run("no consent at all", func(t *testing.T) {
		demo.ResetRequests()
		s, _, diags := read(t, demo, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret)
		w := warningsOf(diags)
		if len(w) != 4 || hasError(diags) {
			t.Fatalf("want a warning per task:\n%s", diagnosticsText(diags))
		}
		if s.GrantedPermissions == nil || len(s.GrantedPermissions) != 0 || s.Premium != nil || s.ConcealedNames != nil || s.Credentials == nil || len(s.Credentials) != 0 {
			t.Errorf("state %+v", s)
		}
		if got := demo.Requests(); strings.Contains(requestPaths(got), "/v1.0/") {
			t.Errorf("requests sent that the token's roles refuse: %s", requestPaths(got))
		}
		notes := strings.Join(s.Notes, "\n")
		for _, want := range []string{"no roles claim", "LicenseAssignment.Read.All", "ReportSettings.Read.All", "Application.Read.All"} {
			if !strings.Contains(notes, want) {
				t.Errorf("notes do not mention %s: %q", want, s.Notes)
			}
		}
	})
	t.Run("secret expiring in 12 days", func(t *testing.T) {
		s, _, diags := read(t, demo, fakegraph.ExpiringClientID, fakegraph.ExpiringClientSecret)
		w := warningsOf(diags)
		if len(diags) != 1 || len(w) != 1 || w[0].Summary != "Credential in Use Expires Soon" ||
			!regexp.MustCompile(`^The secret the provider authenticates with \(key ID [0-9a-f-]{36}\) expires on \S+Z, in 1[12] days\.`).MatchString(w[0].Detail) {
			t.Errorf("diagnostics:\n%s", diagnosticsText(diags))
		}
		if len(s.Credentials) != 1 || !s.Credentials[0].InUse {
			t.Errorf("credentials %+v", s.Credentials)
		}
	})
	t.Run("Free tenant", func(t *testing.T) {
		s, _, diags := read(t, free, fakegraph.DemoClientID, fakegraph.DemoClientSecret)
		w := warningsOf(diags)
		if len(diags) != 1 || len(w) != 1 || !strings.Contains(w[0].Detail, "no Microsoft Entra ID P1 or P2 licence") {
			t.Errorf("diagnostics:\n%s", diagnosticsText(diags))
		}
		if *s.Premium != "none" {
			t.Errorf("premium %v", *s.Premium)
		}
	})
	t.Run("no token: the AADSTS error", func(t *testing.T) {
		_, _, diags := read(t, demo, fakegraph.DemoClientID, "wrong-secret-value")
		if !hasError(diags) || !strings.Contains(diagnosticsText(diags), "AADSTS7000215") ||
			!strings.Contains(diagnosticsText(diags), "Cannot Read the Integration Status From Microsoft Graph") {
			t.Errorf("diagnostics:\n%s", diagnosticsText(diags))
		}
	})
	t.Run("the hint is never shown", func(t *testing.T) {
		_, raw, _ := read(t, demo, fakegraph.ExpiringClientID, fakegraph.ExpiringClientSecret)
		if strings.Contains(raw, `"`+fakegraph.ExpiringClientSecret[:3]+`"`) || strings.Contains(strings.ToLower(raw), "hint") {
			t.Errorf("the secret's hint appears in the state: %s", raw)
		}
	})
}

func requestPaths(reqs []fakegraph.Request) string {
	var paths []string
	for _, r := range reqs {
		paths = append(paths, r.Path)
	}
	return strings.Join(paths, " ")
}

// TestIntegrationStatusCredentialKinds: a certificate is in use when its
// thumbprint is the configured one; with an OIDC token nothing is.
func TestIntegrationStatusCredentialKinds(t *testing.T) {
	clearCredentialEnv(t)
	inUse, other := testcert.Valid(t, "in-use"), testcert.Valid(t, "spare")
	issuer := fakegraph.NewOIDCIssuer(k8sIssuer)
	tenant := fakegraph.DemoTenant()
	readers := []string{"Application.Read.All", "Organization.Read.All"}
	tenant.OIDCIssuers = []*fakegraph.OIDCIssuer{issuer}
	tenant.Apps = append(tenant.Apps,
		fakegraph.App{ClientID: certAppID, Certificates: []*x509.Certificate{other.Cert, inUse.Cert}, Permissions: readers},
		fakegraph.App{ClientID: oidcAppID, Permissions: readers, Secrets: []fakegraph.Secret{{Value: "unused-secret"}},
			FederatedCredentials: []fakegraph.FederatedCredential{{Name: "aks", Issuer: k8sIssuer, Subject: k8sSubject}}})
	server := startGraph(t, tenant)
	pemPath := testcert.WriteFile(t, "in-use.pem", inUse.PEM(t))
	read := func(clientID string, extra map[string]any) statusState {
		h := newProtocolHarness(t, nil)
		values := map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": clientID,
			"graph_endpoint": server.URL(), "authority_host": server.URL()}
		for k, v := range extra {
			values[k] = v
		}
		h.configure(t, values)
		state, diags := h.read(context.Background(), t, integrationStatus, nil)
		if hasError(diags) {
			t.Fatalf("%s", diagnosticsText(diags))
		}
		s, _ := decodeStatus(t, state)
		return s
	}

	s := read(certAppID, map[string]any{"client_certificate_path": pemPath})
	var marks []bool
	for _, c := range s.Credentials {
		if c.Type != "certificate" {
			t.Errorf("credential %+v", c)
		}
		marks = append(marks, c.InUse)
	}
	// Both certificates end within seconds of each other; the one in use
	// is found by thumbprint, wherever it sorts.
	if len(marks) != 2 || marks[0] == marks[1] {
		t.Errorf("in_use %v, want exactly one of two certificates", marks)
	}

	s = read(oidcAppID, map[string]any{"use_oidc": true, "oidc_token": issuer.Token(k8sSubject, fakegraph.FederatedAudience, time.Hour)})
	if len(s.Credentials) != 1 || s.Credentials[0].InUse || !strings.Contains(strings.Join(s.Notes, "\n"), "federated (OIDC) token") {
		t.Errorf("credentials %+v, notes %q", s.Credentials, s.Notes)
	}
}

// TestIntegrationStatusGateExample runs the documented pipeline gate
// (examples/data-sources/azuresaas_integration_status) against each demo
// case: it passes with everything set up and stops the plan otherwise.
func TestIntegrationStatusGateExample(t *testing.T) {
	clearCredentialEnv(t)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", integrationStatus, "data-source.tf"))
	if err != nil {
		t.Fatal(err)
	}
	demo := startGraph(t, fakegraph.DemoTenant())
	free := startGraph(t, fakegraph.NonPremiumTenant())
	config := func(server *fakegraph.Server, clientID, secret string) string {
		return `
provider "azuresaas" {
  tenant_id      = "` + server.Tenant().ID + `"
  client_id      = "` + clientID + `"
  client_secret  = "` + secret + `"
  graph_endpoint = "` + server.URL() + `"
  authority_host = "` + server.URL() + `"
}
` + string(example)
	}
	cases := []struct {
		name             string
		server           *fakegraph.Server
		clientID, secret string
		wantError        string
	}{
		{"all granted", demo, fakegraph.DemoClientID, fakegraph.DemoClientSecret, ""},
		{"no AuditLog.Read.All", demo, fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret,
			`SSO Application Access is not ready: Grant AuditLog.Read.All with admin consent\.`},
		{"no consent", demo, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret,
			`HR Roster is not ready: Grant User.Read.All with admin consent\. SSO Application Access is not ready: Grant AuditLog.Read.All with admin consent\. Grant Directory.Read.All`},
		{"Free tenant", free, fakegraph.DemoClientID, fakegraph.DemoClientSecret, `SSO Application Access is not ready: The tenant has no Microsoft Entra ID P1 or P2 licence`},
		{"secret expiring in 12 days", demo, fakegraph.ExpiringClientID, fakegraph.ExpiringClientSecret,
			`The secret in use \(key ID [0-9a-f-]{36}\) expires on \S+: add a new one and switch to it\.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			step := resource.TestStep{Config: config(c.server, c.clientID, c.secret)}
			if c.wantError != "" {
				// Terraform wraps the message: any space may be a line break.
				step.ExpectError = regexp.MustCompile(strings.ReplaceAll(c.wantError, " ", `\s+`))
			}
			resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviders, Steps: []resource.TestStep{step}})
		})
	}
}
