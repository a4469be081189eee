package policyexamples

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// The demo tenant's open-access apps with single sign-on (the gate).
const (
	serviceNow = "5a000000-0000-4000-8000-000000000004"
	zoom       = "5a000000-0000-4000-8000-000000000005"
	twitter    = "5a000000-0000-4000-8000-000000000007"
)

// wantDemoFindings are the violations the demo tenant is built to have, as
// "policy | app | user".
var wantDemoFindings = []string{
	"open_access | ServiceNow | ",
	"open_access | Twitter | ",
	"open_access | Zoom | ",

	"guest_domain |  | mo_outlook.example#EXT#@northwindtraders.onmicrosoft.com",
	"guest_domain |  | vendor.kim@northwind.example",

	"idle_app | Northwind Field Service | ",
	"idle_app | Twitter | ",

	"disabled_assignment | Northwind Expenses | lynne.robbins@northwind.example",
	"disabled_assignment | ServiceNow | lynne.robbins@northwind.example",
	"disabled_assignment | Slack | lynne.robbins@northwind.example",
	"disabled_assignment | Workday | lynne.robbins@northwind.example",

	// Licences: disabled accounts, and no successful sign-in in 90 days.
	"reclaimable_licence | POWER_BI_PRO | sam.taylor@contoso.example",
	"reclaimable_licence | SPE_E3 | boardroom@northwind.example",
	"reclaimable_licence | SPE_E3 | diego.siciliani@fabrikam-labs.example",
	"reclaimable_licence | SPE_E3 | lynne.robbins@northwind.example",
	"reclaimable_licence | VISIOCLIENT | lynne.robbins@northwind.example",

	"unused_seat | Dropbox Business | Grady.Archie@Fabrikam-Labs.example",
	"unused_seat | Dropbox Business | Rosa.Diaz@Tailspin.example",
	"unused_seat | Dropbox Business | wei.chen@Fabrikam-Labs.example",
	"unused_seat | Northwind Expenses | Grady.Archie@Fabrikam-Labs.example",
	"unused_seat | Northwind Expenses | allan.deyoung@northwind.example",
	"unused_seat | Northwind Expenses | johanna.lorenz@northwind.example",
	"unused_seat | Northwind Expenses | lynne.robbins@northwind.example",
	"unused_seat | Northwind Expenses | nestor.wilke@northwind.example",
	"unused_seat | Salesforce | Miriam.Graham@northwind.example",
	"unused_seat | Salesforce | ben.walters@northwind.example",
	"unused_seat | Salesforce | dan.park@northwind.example",
	"unused_seat | Salesforce | isaiah.langer@northwind.example",
	"unused_seat | ServiceNow | johanna.lorenz@northwind.example",
	"unused_seat | ServiceNow | lynne.robbins@northwind.example",
	"unused_seat | Slack | Grady.Archie@Fabrikam-Labs.example",
	"unused_seat | Slack | Miriam.Graham@northwind.example",
	"unused_seat | Slack | Rosa.Diaz@Tailspin.example",
	"unused_seat | Slack | lynne.robbins@northwind.example",
	"unused_seat | Slack | wei.chen@Fabrikam-Labs.example",
	"unused_seat | Workday | Dana.Rivera@NorthWind.Example",
	"unused_seat | Workday | allan.deyoung@northwind.example",
	"unused_seat | Workday | johanna.lorenz@northwind.example",
	"unused_seat | Workday | lynne.robbins@northwind.example",

	// Microsoft 365 seats unused in 60 days (demo_m365_usage.go).
	"idle_m365_seat | SPE_E3 | alex.wilber@northwind.example",
	"idle_m365_seat | SPE_E3 | boardroom@northwind.example",
	"idle_m365_seat | SPE_E3 | christie.cline@tailspin.example",
	"idle_m365_seat | SPE_E3 | diego.siciliani@fabrikam-labs.example",
	"idle_m365_seat | SPE_E3 | enrico.cattaneo@tailspin.example",

	"unverified_consent | FileSync Free | ",

	"saml_certificate | Salesforce | ",
	"saml_certificate | Slack | ",

	// App registrations' credentials expiring within 30 days
	// (demo_applications.go, and the expiring client app).
	"expiring_credential | Northwind HR Sync | ",
	"expiring_credential | Northwind Inventory (secret expiring) | ",
	"expiring_credential | Northwind Payroll Connector | ",
	// Ownership: enterprise apps nobody owns (demo_owners.go).
	"unowned_app | Dropbox Business | ",
	"unowned_app | ServiceNow | ",
	"unowned_app | Twitter | ",

	// Access posture.
	"admin_without_mfa |  | admin@northwindtraders.onmicrosoft.com",
	"pending_guest |  | rosa.diaz_tailspin.example#EXT#@northwindtraders.onmicrosoft.com",
	"user_consent_all_apps |  | ",

	// Who administers the tenant (demo_roles.go): seven Global
	// Administrators; permanent privileged assignments (the break-glass
	// account excepted) and a guest Helpdesk Administrator.
	"too_many_global_admins | Global Administrator | ",
	"privileged_role | Global Administrator | admin@northwindtraders.onmicrosoft.com",
	"privileged_role | Global Administrator | Dana.Rivera@NorthWind.Example",
	"privileged_role | Global Administrator | dan.park@northwind.example",
	"privileged_role | Global Administrator | Tier0 Admins",
	"privileged_role | Global Reader | Lidia.Holloway@Fabrikam-Labs.example",
	"privileged_role | Helpdesk Administrator | lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com",
	"privileged_role | User Administrator | nw-func-payroll",
	// Group-based licensing (demo_groups.go).
	"group_license_errors | Visio Users | ",
}

// The warnings of the check blocks on the demo tenant, and the
// precondition's error.
var (
	wantDemoWarnings = []string{
		"Assigned seats with no successful sign-in in 30 days (licence reclamation; see output unused_seats): Dropbox Business 3, Northwind Expenses 5, Salesforce 4, ServiceNow 2, Slack 5, Workday 4.",
		"Disabled accounts still hold app assignments: lynne.robbins@northwind.example (Northwind Expenses, ServiceNow, Slack, Workday).",
		"Guests from domains outside allowed_guest_domains (policy.json): mo_outlook.example#EXT#@northwindtraders.onmicrosoft.com (outlook.example), vendor.kim@northwind.example (northwind.example).",
		"Paid licences held by disabled accounts or by users without a successful sign-in in 90 days (see output reclaimable_licences): POWER_BI_PRO 1, SPE_E3 3, VISIOCLIENT 1.",
		"SaaS apps no one signed in to in 30 days: Northwind Field Service, Twitter.",
		"1 admin(s) without MFA registered (see output admins_without_mfa): register a strong method for each, or take the role away.",
		"Guests whose invitation is pending for more than 30 days: rosa.diaz_tailspin.example#EXT#@northwindtraders.onmicrosoft.com (45 days). Resend the invitation or remove the guest.",
		"Users may consent to any app on their own (microsoft-user-default-legacy): allow user consent only for verified publishers and low-impact permissions.",
		"Microsoft 365 seats whose holder used none of Exchange, OneDrive, SharePoint and Teams in 60 days (see output idle_m365_seats): SPE_E3 5.",
		"7 principals actively hold Global Administrator, more than 5 (see output global_admins): use less privileged roles, or make them eligible through PIM.",
		"Guests or permanent assignments in privileged roles (see output privileged_role_findings): dan.park@northwind.example as Global Administrator (permanent), " +
			"Dana.Rivera@NorthWind.Example as Global Administrator (permanent), admin@northwindtraders.onmicrosoft.com as Global Administrator (permanent), " +
			"Tier0 Admins as Global Administrator (permanent), Lidia.Holloway@Fabrikam-Labs.example as Global Reader (permanent), " +
			"lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com as Helpdesk Administrator (guest, permanent), nw-func-payroll as User Administrator (permanent). " +
			"Make them eligible and time-bound through PIM, or take the role away.",
		"Groups that could not license some of their members (see output groups_with_license_errors): Visio Users. Free seats or resolve the conflicting plans, then reprocess the group's licences.",
		"App registrations with a secret or certificate expiring within 30 days (see output expiring_credentials): " +
			"Northwind HR Sync (secret; ask alex.wilber@northwind.example), Northwind Inventory (secret expiring) (secret; no owner), " +
			"Northwind Payroll Connector (certificate; ask adele.vance@northwind.example, Dana.Rivera@NorthWind.Example). " +
			"Add a new credential, move the integration to it, then remove the old one.",
		"SaaS apps without an owner (nobody to ask about them): Dropbox Business (" + fakegraph.DemoDropboxID + "), ServiceNow (" + serviceNow +
			"), Twitter (" + twitter + "). Add an owner to each in Entra ID (Enterprise applications > the app > Owners).",
	}
	wantDemoError = "Third-party apps with single sign-on allow open access (no assignment required): " +
		"ServiceNow (" + serviceNow + "), Twitter (" + twitter + "), Zoom (" + zoom + "). " +
		`Turn on "Assignment required" in Entra ID, or add the app to open_access_exceptions with a reason.`
)

// TestPolicies plans examples/policies against the demo tenant (twice: the
// gate stops the first plan; the second approves the open-access apps as
// exceptions and is saved) and against a clean tenant, and evaluates the
// OPA policies on the saved plans.
func TestPolicies(t *testing.T) {
	tfrun.RequireCLI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	examples := filepath.Join(root, "examples", "policies")
	work := t.TempDir()
	tf, err := tfrun.New(ctx, root, work)
	if err != nil {
		t.Fatal(err)
	}
	policies := preparePolicies(t, ctx, examples)

	t.Run("demo tenant", func(t *testing.T) {
		server := fakegraph.Start(fakegraph.DemoTenant())
		defer server.Close()
		dir := configuration(t, ctx, tf, examples, filepath.Join(work, "demo"), nil)
		env := tenantEnv(server)

		// The gate: the output precondition stops the plan, naming the apps.
		diags, err := plan(ctx, tf, dir, env)
		if err == nil {
			t.Fatal("the plan passed; the open-access precondition should have stopped it")
		}
		if errs := diags["error"]; !slices.Equal(errs, []string{"Module output value precondition failed: " + wantDemoError}) {
			t.Errorf("errors:\n%s\nwant the precondition's:\n%s", strings.Join(errs, "\n"), wantDemoError)
		}

		// With the three apps approved, the plan passes with the checks'
		// warnings, and OPA finds every violation.
		exceptions := fmt.Sprintf(`TF_VAR_open_access_exceptions={%q = "CHG-1", %q = "CHG-2", %q = "CHG-3"}`, serviceNow, zoom, twitter)
		diags, err = plan(ctx, tf, dir, append(env, exceptions), "-out=plan.tfplan")
		if err != nil {
			t.Fatalf("plan with exceptions: %v\n%s", err, strings.Join(diags["error"], "\n"))
		}
		wantWarnings := sorted(append(slices.Clone(wantDemoWarnings), consentWarnings(server.Tenant())...))
		if got := checkWarnings(diags); !slices.Equal(got, wantWarnings) {
			t.Errorf("check warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantWarnings, "\n"))
		}
		planJSON := show(t, ctx, tf, dir)
		result := policies.eval(t, ctx, planJSON)
		if got := result.findingKeys(); !slices.Equal(got, sorted(wantDemoFindings)) {
			t.Errorf("OPA findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(sorted(wantDemoFindings), "\n"))
		}
		if len(result.Deny) != len(result.Findings) || len(result.Warn) != 0 {
			t.Errorf("deny has %d messages for %d findings; warn: %q", len(result.Deny), len(result.Findings), result.Warn)
		}
		for _, msg := range result.Deny {
			if strings.HasPrefix(msg, "Unverified consent: ") {
				if want := "Unverified consent: 1 user(s) gave FileSync Free (" + fakegraph.DemoFileSyncID + "), an app without a verified publisher, the high-risk scopes Files.ReadWrite.All"; msg != want {
					t.Errorf("deny message %q, want %q", msg, want)
				}
			}
			if strings.HasPrefix(msg, "Open access: the third-party app Zoom ") {
				if want := "Open access: the third-party app Zoom (" + zoom + ") has oidc single sign-on and does not require assignment"; msg != want {
					t.Errorf("deny message %q, want %q", msg, want)
				}
			}
		}
		checkAgreement(t, planJSON, result)
		t.Logf("demo plan JSON: %d bytes; OPA: %d findings, %d deny messages", len(planJSON), len(result.Findings), len(result.Deny))

		// The demo's enabled licence holders all signed in within the 30
		// days of logs: in a copy of the tenant, one holder last signed in
		// 100 days ago, another 80 (short of licence_idle_days). The idle
		// seats come from the provider's inactive_days filter, so the
		// tenant, not the plan, is aged.
		agedTenant := fakegraph.DemoTenant()
		ageHolder(t, agedTenant, "dan.park@northwind.example", 100)
		ageHolder(t, agedTenant, "kai@northwind.example", 80)
		agedServer := fakegraph.Start(agedTenant)
		defer agedServer.Close()
		agedDir := configuration(t, ctx, tf, examples, filepath.Join(work, "aged"), nil)
		if diags, err := plan(ctx, tf, agedDir, append(tenantEnv(agedServer), exceptions), "-out=plan.tfplan"); err != nil {
			t.Fatalf("plan of the aged tenant: %v\n%s", err, strings.Join(diags["error"], "\n"))
		}
		agedPlan := show(t, ctx, tf, agedDir)
		agedResult := policies.eval(t, ctx, agedPlan)
		wantAged := sorted(append(slices.Clone(wantDemoFindings), "reclaimable_licence | SPE_E3 | dan.park@northwind.example",
			"reclaimable_licence | VISIOCLIENT | dan.park@northwind.example"))
		if got := agedResult.findingKeys(); !slices.Equal(got, wantAged) {
			t.Errorf("OPA findings with a seat idle for 100 days:\n%s", strings.Join(got, "\n"))
		}
		if !slices.Contains(agedResult.Deny, "Reclaimable licence: dan.park@northwind.example holds SPE_E3 (no successful sign-in in 90 days)") {
			t.Errorf("no deny message for the idle seat: %q", agedResult.Deny)
		}
		checkAgreement(t, agedPlan, agedResult)

		// The same data read at apply time instead (resource_changes with
		// the action "read"): the policies find the same, and warn.
		deferredPlan := deferRead(t, planJSON, "data.azuresaas_service_principals.third_party")
		deferred := policies.eval(t, ctx, deferredPlan)
		if got := deferred.findingKeys(); !slices.Equal(got, sorted(wantDemoFindings)) {
			t.Errorf("OPA findings with the deferred read:\n%s", strings.Join(got, "\n"))
		}
		if want := []string{"data.azuresaas_service_principals.third_party is read during apply (its arguments depend on values known only then): the policies cannot check its results at plan time"}; !slices.Equal(deferred.Warn, want) {
			t.Errorf("warn = %q, want %q", deferred.Warn, want)
		}
	})

	t.Run("clean tenant", func(t *testing.T) {
		server := fakegraph.Start(cleanTenant(policies.allowedGuestDomains))
		defer server.Close()
		// A read Terraform defers to apply time, as a data source that
		// depends on a resource being created is.
		deferred := `resource "terraform_data" "marker" {
  input = "created at apply"
}

data "azuresaas_organization" "after_marker" {
  depends_on = [terraform_data.marker]
}
`
		dir := configuration(t, ctx, tf, examples, filepath.Join(work, "clean"), map[string]string{"deferred.tf": deferred})
		diags, err := plan(ctx, tf, dir, tenantEnv(server), "-out=plan.tfplan")
		if err != nil {
			t.Fatalf("plan: %v\n%s", err, strings.Join(diags["error"], "\n"))
		}
		if got := checkWarnings(diags); len(got) != 0 {
			t.Errorf("check warnings on the clean tenant:\n%s", strings.Join(got, "\n"))
		}
		result := policies.eval(t, ctx, show(t, ctx, tf, dir))
		if len(result.Findings) != 0 || len(result.Deny) != 0 {
			t.Errorf("OPA findings on the clean tenant:\n%s", strings.Join(result.Deny, "\n"))
		}
		if want := []string{"data.azuresaas_organization.after_marker is read during apply (its arguments depend on values known only then): the policies cannot check its results at plan time"}; !slices.Equal(result.Warn, want) {
			t.Errorf("warn = %q, want %q", result.Warn, want)
		}
	})
}

// configuration copies the example to dir, adds extra files, and installs
// its local modules.
func configuration(t *testing.T, ctx context.Context, tf *tfrun.Terraform, examples, dir string, extra map[string]string) string {
	t.Helper()
	if err := tfrun.CopyDir(examples, dir); err != nil {
		t.Fatal(err)
	}
	for name, content := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// `terraform get` installs the local modules; `init` would also look
	// the dev_overrides provider up in the registry.
	if _, stderr, err := tf.Run(ctx, dir, nil, "get", "-no-color"); err != nil {
		t.Fatalf("terraform get: %v\n%s", err, stderr)
	}
	return dir
}

func tenantEnv(server *fakegraph.Server) []string {
	return []string{
		"ARM_TENANT_ID=" + fakegraph.DemoTenantID,
		"ARM_CLIENT_ID=" + fakegraph.DemoClientID,
		"ARM_CLIENT_SECRET=" + fakegraph.DemoClientSecret,
		"TF_VAR_graph_endpoint=" + server.URL(),
		"TF_VAR_authority_host=" + server.URL(),
	}
}

// plan runs terraform plan -json and returns its diagnostics by severity,
// each as "summary: detail".
func plan(ctx context.Context, tf *tfrun.Terraform, dir string, env []string, args ...string) (map[string][]string, error) {
	stdout, stderr, err := tf.Run(ctx, dir, env, append([]string{"plan", "-json", "-input=false", "-lock=false"}, args...)...)
	diags := map[string][]string{}
	scanner := bufio.NewScanner(bytes.NewReader(stdout))
	scanner.Buffer(nil, 16<<20)
	for scanner.Scan() {
		var line struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Severity, Summary, Detail string
			} `json:"diagnostic"`
		}
		if json.Unmarshal(scanner.Bytes(), &line) == nil && line.Type == "diagnostic" {
			d := line.Diagnostic
			diags[d.Severity] = append(diags[d.Severity], d.Summary+": "+d.Detail)
		}
	}
	if err != nil && len(diags["error"]) == 0 {
		diags["error"] = []string{string(stderr)}
	}
	return diags, err
}

// checkWarnings are the messages of failed check blocks, sorted.
func checkWarnings(diags map[string][]string) []string {
	var out []string
	for _, w := range diags["warning"] {
		if msg, ok := strings.CutPrefix(w, "Check block assertion failed: "); ok {
			out = append(out, msg)
		}
	}
	sort.Strings(out)
	return out
}

func show(t *testing.T, ctx context.Context, tf *tfrun.Terraform, dir string) []byte {
	t.Helper()
	stdout, stderr, err := tf.Run(ctx, dir, nil, "show", "-json", "plan.tfplan")
	if err != nil {
		t.Fatalf("terraform show: %v\n%s", err, stderr)
	}
	return stdout
}

// checkAgreement compares the example's per-app unused seat counts (Terraform)
// with OPA's unused-seat findings.
func checkAgreement(t *testing.T, planJSON []byte, result policyResult) {
	t.Helper()
	var p struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value json.RawMessage `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal(planJSON, &p); err != nil {
		t.Fatal(err)
	}
	var terraform map[string]int
	if err := json.Unmarshal(p.PlannedValues.Outputs["unused_seat_counts"].Value, &terraform); err != nil {
		t.Fatalf("output unused_seat_counts: %v", err)
	}
	opa := map[string]int{}
	for _, f := range result.Findings {
		if f.Policy == "unused_seat" {
			opa[f.App]++
		}
	}
	if fmt.Sprint(terraform) != fmt.Sprint(opa) {
		t.Errorf("unused seats per app: Terraform %v, OPA %v", terraform, opa)
	}
	// The same findings from azuresaas_application_usage (app_usage.tf).
	for _, pair := range [][2]string{{"unused_seat_counts", "unused_seat_counts_from_usage"}, {"idle_apps", "idle_apps_from_usage"}} {
		rows, counts := p.PlannedValues.Outputs[pair[0]].Value, p.PlannedValues.Outputs[pair[1]].Value
		if len(rows) == 0 || string(rows) != string(counts) {
			t.Errorf("output %s is %s; from application usage, %s is %s", pair[0], rows, pair[1], counts)
		}
	}
	var licences map[string]int
	if err := json.Unmarshal(p.PlannedValues.Outputs["reclaimable_licence_counts"].Value, &licences); err != nil {
		t.Fatalf("output reclaimable_licence_counts: %v", err)
	}
	opaLicences := map[string]int{}
	for _, f := range result.Findings {
		if f.Policy == "reclaimable_licence" {
			opaLicences[f.App]++
		}
	}
	if fmt.Sprint(licences) != fmt.Sprint(opaLicences) {
		t.Errorf("reclaimable licences per SKU: Terraform %v, OPA %v", licences, opaLicences)
	}
	var m365 map[string]int
	if err := json.Unmarshal(p.PlannedValues.Outputs["idle_m365_seat_counts"].Value, &m365); err != nil {
		t.Fatalf("output idle_m365_seat_counts: %v", err)
	}
	opaM365 := map[string]int{}
	for _, f := range result.Findings {
		if f.Policy == "idle_m365_seat" {
			opaM365[f.App]++
		}
	}
	if fmt.Sprint(m365) != fmt.Sprint(opaM365) {
		t.Errorf("idle Microsoft 365 seats per SKU: Terraform %v, OPA %v", m365, opaM365)
	}
}

// deferRead moves the data source at address from prior_state to
// resource_changes, as Terraform shows a read it defers to apply time.
func deferRead(t *testing.T, planJSON []byte, address string) []byte {
	t.Helper()
	object := func(v any) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("plan JSON: %T where an object should be", v)
		}
		return m
	}
	var p map[string]any
	if err := json.Unmarshal(planJSON, &p); err != nil {
		t.Fatal(err)
	}
	root := object(object(object(p["prior_state"])["values"])["root_module"])
	resources, _ := root["resources"].([]any)
	var kept []any
	var moved map[string]any
	for _, r := range resources {
		if object(r)["address"] == address {
			moved = object(r)
			continue
		}
		kept = append(kept, r)
	}
	if moved == nil {
		t.Fatalf("no %s in prior_state", address)
	}
	root["resources"] = kept
	changes, _ := p["resource_changes"].([]any)
	p["resource_changes"] = append(changes, map[string]any{
		"address": address, "mode": "data", "type": moved["type"], "name": moved["name"],
		"provider_name": moved["provider_name"],
		"change":        map[string]any{"actions": []any{"read"}, "before": nil, "after": moved["values"], "after_unknown": map[string]any{}},
		"action_reason": "read_because_dependency_pending",
	})
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// consentWarnings are the consent and SAML checks' warnings on the demo
// tenant served from t: its certificates' dates are relative to when it
// was built.
func consentWarnings(t *fakegraph.Tenant) []string {
	expires := map[string]string{}
	for _, sp := range t.ServicePrincipals {
		if sp.ID == fakegraph.DemoSalesforceID || sp.ID == fakegraph.DemoSlackID {
			expires[*sp.DisplayName] = sp.KeyCredentials[0].EndDateTime.UTC().Format(time.RFC3339)
		}
	}
	return []string{
		"Users consented high-risk scopes to apps without a verified publisher: FileSync Free (Files.ReadWrite.All; 1 user(s)). " +
			"Review the app, revoke the grants, or restrict user consent to verified publishers.",
		"SAML signing certificates expiring within 60 days: Salesforce (" + expires["Salesforce"] + "), Slack (" + expires["Slack"] + "). " +
			"Add a new certificate to the app in Entra ID and in the vendor's SSO settings before then.",
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

// ageHolder moves the last sign-ins of the user whose mail is email to days
// before now, in the tenant.
func ageHolder(t *testing.T, tenant *fakegraph.Tenant, email string, days int) {
	t.Helper()
	for i := range tenant.Users {
		u := &tenant.Users[i]
		if u.Mail != nil && strings.EqualFold(*u.Mail, email) {
			when := time.Now().UTC().AddDate(0, 0, -days)
			u.SignInActivity = &fakegraph.SignInActivity{LastSignIn: &when, LastNonInteractiveSignIn: &when, LastSuccessfulSignIn: &when}
			return
		}
	}
	t.Fatalf("no user %s in the tenant", email)
}
