package policyexamples

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestExpiringCredentialsRuleOnPlanJSON evaluates rule 15 (OPA) on a plan
// JSON written here: the bounds of the window, credentials without an end,
// the owners' three forms, and a read nested in a module.
func TestExpiringCredentialsRuleOnPlanJSON(t *testing.T) {
	ctx := context.Background()
	p := preparePolicies(t, ctx, filepath.Join("..", "..", "examples", "policies"))
	planned := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return planned.Add(d).Format(time.RFC3339) }
	day := 24 * time.Hour
	cred := func(typ, key string, name any, end any) map[string]any {
		return map[string]any{"type": typ, "key_id": key, "display_name": name, "start_date_time": nil, "end_date_time": end}
	}
	app := func(name, appID string, owners any, creds ...map[string]any) map[string]any {
		return map[string]any{"id": "o-" + appID, "app_id": appID, "display_name": name, "credentials": creds, "owners": owners}
	}
	root := []map[string]any{{
		"address": "data.azuresaas_applications.all", "mode": "data", "type": "azuresaas_applications",
		"values": map[string]any{"applications": []any{
			app("Payroll", "a1", []any{
				map[string]any{"id": "u1", "type": "user", "display_name": "Dana", "user_principal_name": "dana@contoso.example"},
				map[string]any{"id": "sp1", "type": "servicePrincipal", "display_name": "deployer", "user_principal_name": nil},
				map[string]any{"id": "u2", "type": "user", "display_name": nil, "user_principal_name": nil},
			},
				cred("certificate", "k1", "CN=payroll", at(30*day)), // the last second of the window
				cred("secret", "k2", nil, at(-time.Second)),         // already ended
				cred("secret", "k3", "forever", nil)),               // no end
			app("Fax", "a2", []any{}, cred("secret", "k4", "fax", at(0))), // ends as the plan is made
			app("Later", "a3", nil, cred("secret", "k5", "later", at(30*day+time.Second))),
		}},
	}}
	nested := []map[string]any{{
		"address": "module.x.data.azuresaas_applications.expiring", "mode": "data", "type": "azuresaas_applications",
		"values": map[string]any{"applications": []any{app("Bot", "a4", nil, cred("secret", "k6", "bot", at(day)))}},
	}}
	plan := map[string]any{
		"format_version": "1.2", "timestamp": planned.Format(time.RFC3339),
		"prior_state": map[string]any{"values": map[string]any{"root_module": map[string]any{
			"resources": root, "child_modules": []any{map[string]any{"address": "module.x", "resources": nested}},
		}}},
	}
	raw, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	result := p.eval(t, ctx, raw)
	want := []string{"expiring_credential | Bot | ", "expiring_credential | Fax | ", "expiring_credential | Payroll | "}
	if got := result.findingKeys(); !slices.Equal(got, want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	wantMsgs := []string{
		"Expiring credential: the certificate \"CN=payroll\" of Payroll (a1) ends " + at(30*day) + ", within 30 days; ask dana@contoso.example, deployer, u2",
		"Expiring credential: the secret \"bot\" of Bot (a4) ends " + at(day) + ", within 30 days; owners not read",
		"Expiring credential: the secret \"fax\" of Fax (a2) ends " + at(0) + ", within 30 days; no owner to ask",
	}
	slices.Sort(wantMsgs)
	if !slices.Equal(result.Deny, wantMsgs) {
		t.Errorf("deny:\n%q\nwant:\n%q", result.Deny, wantMsgs)
	}
}
