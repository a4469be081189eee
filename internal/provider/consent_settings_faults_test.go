package provider

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// consentState is the part of azuresaas_consent_settings' state the fault
// test compares.
type consentState struct {
	UserConsent         *string  `json:"user_consent"`
	GuestAccess         *string  `json:"guest_access"`
	RequestsEnabled     *bool    `json:"admin_consent_requests_enabled"`
	RequestDurationDays *float64 `json:"admin_consent_request_duration_days"`
	Notes               []string `json:"notes"`
}

func decodeConsent(t *testing.T, state tftypes.Value) (consentState, string) {
	t.Helper()
	raw, err := json.Marshal(plain(t, state))
	if err != nil {
		t.Fatal(err)
	}
	var s consentState
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s, string(raw)
}

// TestConsentSettingsFaults: a fault the client rides out on either policy
// gives the fault-free result without warnings; one it cannot leaves that
// policy's attributes null, with a note and a warning naming the cause and
// request-id, and the other policy's attributes as before.
func TestConsentSettingsFaults(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	h := newProtocolHarness(t, nil)
	h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
		"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": server.URL(), "authority_host": server.URL()})
	const ds = "azuresaas_consent_settings"
	read := func(t *testing.T, timeout time.Duration) (consentState, string, []string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		state, diags := h.read(ctx, t, ds, nil)
		if hasError(diags) {
			t.Fatalf("want a result, got:\n%s", diagnosticsText(diags))
		}
		var warnings []string
		for _, w := range warningsOf(diags) {
			warnings = append(warnings, w.Summary+": "+w.Detail)
		}
		s, raw := decodeConsent(t, state)
		return s, raw, warnings
	}
	_, baseline, warnings := read(t, 30*time.Second)
	// The demo tenant: legacy user consent, limited guests, workflow off.
	if !strings.Contains(baseline, `"user_consent":"all_apps"`) || !strings.Contains(baseline, `"admin_consent_requests_enabled":false`) || len(warnings) != 0 {
		t.Fatalf("baseline %s, warnings %q", baseline, warnings)
	}

	parts := []struct {
		path string
		lost func(consentState) bool
		name string
	}{
		{"/v1.0/policies/authorizationPolicy", func(s consentState) bool { return s.UserConsent == nil && s.GuestAccess == nil }, "authorization policy"},
		{"/v1.0/policies/adminConsentRequestPolicy", func(s consentState) bool { return s.RequestsEnabled == nil && s.RequestDurationDays == nil }, "admin consent request policy"},
	}
	ridden := map[string]fakegraph.Fault{
		"503 twice":              {Status: 503, Times: 2},
		"429 with Retry-After 1": {Status: 429, RetryAfter: "1"},
		"connection dropped":     {Drop: true},
		"truncated body":         {Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}},
	}
	lost := map[string]fakegraph.Fault{
		"persistent 500": {Status: 500, Times: -1},
		"always HTML":    {Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}, Times: -1},
	}
	cause := regexp.MustCompile(`(HTTP 500 generalException|not a valid Graph page).*` + requestIDPattern)
	for _, p := range parts {
		for name, f := range ridden {
			t.Run(p.name+"/"+name, func(t *testing.T) {
				f.PathPrefix = p.path
				server.ClearFaults()
				server.InjectFault(f)
				defer server.ClearFaults()
				if _, got, warnings := read(t, 30*time.Second); got != baseline || len(warnings) != 0 {
					t.Errorf("under the fault:\n%s (warnings %q)\nwant the baseline:\n%s", got, warnings, baseline)
				}
			})
		}
		for name, f := range lost {
			t.Run(p.name+"/"+name, func(t *testing.T) {
				f.PathPrefix = p.path
				server.ClearFaults()
				server.InjectFault(f)
				defer server.ClearFaults()
				s, raw, warnings := read(t, 30*time.Second)
				for _, other := range parts {
					if lost := other.lost(s); lost != (other.name == p.name) {
						t.Errorf("%s lost = %t under a fault on %s: %s", other.name, lost, p.path, raw)
					}
				}
				if len(s.Notes) != 1 || !cause.MatchString(s.Notes[0]) {
					t.Errorf("notes %q, want one matching %s", s.Notes, cause)
				}
				if len(warnings) != 1 || !cause.MatchString(warnings[0]) || !strings.Contains(warnings[0], p.path) {
					t.Errorf("warnings %q, want one naming %s and the cause", warnings, p.path)
				}
			})
		}
	}
}

// TestConsentSettingsWarnsWithoutPolicyReadAll: an app without
// Policy.Read.All reads no part, and the plan warns once per policy,
// naming the permission.
func TestConsentSettingsWarnsWithoutPolicyReadAll(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	h := newProtocolHarness(t, nil)
	h.configure(t, map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.NoOrganizationClientID,
		"client_secret": fakegraph.NoOrganizationClientSecret, "graph_endpoint": server.URL(), "authority_host": server.URL()})
	state, diags := h.read(context.Background(), t, "azuresaas_consent_settings", nil)
	if hasError(diags) {
		t.Fatalf("want a result, got:\n%s", diagnosticsText(diags))
	}
	warnings := warningsOf(diags)
	if len(warnings) != 2 {
		t.Fatalf("want 2 warnings, got:\n%s", diagnosticsText(diags))
	}
	for i, path := range []string{"/v1.0/policies/authorizationPolicy", "/v1.0/policies/adminConsentRequestPolicy"} {
		w := warnings[i]
		if w.Summary != "Consent Settings Need Policy.Read.All" || !strings.Contains(w.Detail, path) ||
			!strings.Contains(w.Detail, "Grant the application permission Policy.Read.All") {
			t.Errorf("warning %d: %s: %s", i, w.Summary, w.Detail)
		}
	}
	if s, raw := decodeConsent(t, state); s.UserConsent != nil || s.RequestsEnabled != nil || len(s.Notes) != 2 {
		t.Errorf("state %s", raw)
	}
}
