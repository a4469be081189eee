package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// badInput is one wrong value and what plan-time validation must say.
type badInput struct {
	name      string
	values    map[string]any
	attribute string // the attribute the error points at ("" for a config-wide error)
	want      string // regexp over "summary: detail"
}

// injections are values that would change a $filter expression if they
// reached it; every argument that could carry one only accepts GUIDs.
var injections = []string{"'", "%27", "' or 1 eq 1", "11111111-2222-3333-4444-555555555555' or 1 eq 1 or appId eq '", "", " ", "not-a-guid",
	"11111111-2222-3333-4444-55555555555g", "{11111111-2222-3333-4444-555555555555}", "11111111-2222-3333-4444-555555555555\n"}

func guidCases(attribute string, set bool, extra map[string]any) []badInput {
	var out []badInput
	for _, v := range injections {
		values := map[string]any{}
		for k, x := range extra {
			values[k] = x
		}
		var value any = v
		if set {
			value = []string{"11111111-2222-3333-4444-555555555555", v}
		}
		values[attribute] = value
		out = append(out, badInput{name: fmt.Sprintf("%s %q", attribute, v), values: values, attribute: attribute,
			want: `Invalid Value: .*is not valid here: it must be a GUID such as 00000000-0000-0000-0000-000000000000`})
	}
	return out
}

func domainCases(extra map[string]any) []badInput {
	cases := []struct{ value, want string }{
		{"", `it is empty`},
		{" contoso.com", `leading or trailing white space`},
		{"contoso.com\t", `leading or trailing white space`},
		{"@contoso.com", `it starts with "@": write "contoso\.com"`},
		{"contoso.com.", `it ends with "\.": write "contoso\.com"`},
		{"contoso", `has no dot`},
		{"a..b", `the label "" is not valid`},
		{"contoso.com' or 1 eq 1", `is not valid \(letters, digits and inner hyphens only\)`},
		{"%27.com", `is not valid \(letters, digits and inner hyphens only\)`},
		{"user@contoso.com", `is not valid \(letters, digits and inner hyphens only\)`},
		{strings.Repeat("a", 250) + ".com", `longer than 253 characters`},
		{"\u0661\u0662a.com", `not a valid internationalised domain name`},
	}
	var out []badInput
	for _, c := range cases {
		values := map[string]any{"domain_names": []string{"fabrikam.com", c.value}}
		for k, x := range extra {
			values[k] = x
		}
		out = append(out, badInput{name: fmt.Sprintf("domain_names %q", c.value), values: values, attribute: "domain_names", want: c.want})
	}
	return out
}

func timeCases(attribute string) []badInput {
	future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	cases := []struct{ value, want string }{
		{"", `neither an RFC 3339 time`},
		{" ", `neither an RFC 3339 time`},
		{"yesterday", `neither an RFC 3339 time .* nor a duration back from now`},
		{"' or 1 eq 1", `neither an RFC 3339 time`},
		{"2025-01-31", `neither an RFC 3339 time`},
		{"2025-13-01T00:00:00Z", `neither an RFC 3339 time`},
		{"-1h", `must be positive`},
		{"0s", `must be positive`},
	}
	if attribute == "since" {
		cases = append(cases, struct{ value, want string }{future, `Since Is in the Future`})
	}
	var out []badInput
	for _, c := range cases {
		values := map[string]any{"since": "24h"}
		values[attribute] = c.value
		out = append(out, badInput{name: fmt.Sprintf("%s %q", attribute, c.value), values: values, attribute: attribute, want: c.want})
	}
	return out
}

// badDataSourceInputs lists, for every data source, wrong values of every
// argument that takes a value (booleans are checked for type by Terraform:
// TestWrongTypesAtPlanTime).
func badDataSourceInputs() map[string][]badInput {
	manyDomains := make([]string, 5000)
	for i := range manyDomains {
		manyDomains[i] = fmt.Sprintf("d%d.example", i)
	}
	manyDomainsOneBad := append([]string{"@bad.example"}, manyDomains...)
	manyGUIDs := make([]string, 2000)
	for i := range manyGUIDs {
		manyGUIDs[i] = fmt.Sprintf("11111111-2222-3333-4444-%012d", i)
	}
	huge := []badInput{{name: "5,000 domain names, one wrong", values: map[string]any{"domain_names": manyDomainsOneBad},
		attribute: "domain_names", want: `"@bad\.example" is not valid here: it starts with "@"`}}

	m := map[string][]badInput{}
	m["azuresaas_users"] = append(domainCases(nil), huge...)
	m["azuresaas_app_role_assignments"] = append(append(guidCases("service_principal_id", false, nil), guidCases("app_id", false, nil)...),
		badInput{name: "neither", values: map[string]any{}, want: `Missing Attribute Configuration: Exactly one of these attributes must be configured: \[service_principal_id,app_id\]`},
		badInput{name: "both", values: map[string]any{"service_principal_id": manyGUIDs[0], "app_id": manyGUIDs[1]},
			want: `Invalid Attribute Combination: Exactly one of these attributes must be configured: \[service_principal_id,app_id\]`})
	m["azuresaas_group_members"] = guidCases("group_id", false, nil)
	roster := map[string]any{"service_principal_ids": []string{manyGUIDs[0]}}
	m["azuresaas_application_roster"] = append(append(guidCases("service_principal_ids", true, nil), domainCases(roster)...),
		badInput{name: "no service principal", values: map[string]any{"service_principal_ids": []string{}}, attribute: "service_principal_ids",
			want: `Invalid Attribute Value: .*set must contain at least 1 elements, got: 0`},
		badInput{name: "2,000 service principal ids, one wrong", values: map[string]any{"service_principal_ids": append(manyGUIDs[:2000:2000], "' or 1 eq 1")},
			attribute: "service_principal_ids", want: `must be a GUID`})
	m["azuresaas_sign_ins"] = append(append(append(append(timeCases("since"), timeCases("until")...),
		guidCases("app_id", false, map[string]any{"since": "24h"})...), guidCases("user_id", false, map[string]any{"since": "24h"})...),
		badInput{name: "since after until", values: map[string]any{"since": "2025-01-31T00:00:00Z", "until": "2025-01-30T00:00:00Z"}, attribute: "since",
			want: `after until`},
		badInput{name: "max_results 0", values: map[string]any{"since": "24h", "max_results": 0}, attribute: "max_results", want: `must be at least 1`},
		badInput{name: "max_results -5", values: map[string]any{"since": "24h", "max_results": -5}, attribute: "max_results", want: `must be at least 1`})
	m["azuresaas_application_access"] = append(append(append(timeCases("since"), timeCases("until")...),
		guidCases("app_ids", true, map[string]any{"since": "24h"})...), domainCases(map[string]any{"since": "24h"})...)
	m["azuresaas_oauth2_permission_grants"] = guidCases("client_id", false, nil)
	m["azuresaas_consented_applications"] = scopeCases()
	m["azuresaas_user_registration_details"] = domainCases(nil)
	m["azuresaas_directory_role_assignments"] = []badInput{
		{name: "empty role name", values: map[string]any{"role_names": []string{"Global Administrator", ""}}, attribute: "role_names",
			want: `Invalid Value: .*it is empty`},
		{name: "blank role name", values: map[string]any{"role_names": []string{"   "}}, attribute: "role_names", want: `Invalid Value: .*it is empty`},
		{name: "role names differing only in case", values: map[string]any{"role_names": []string{"Global Reader", "GLOBAL READER"}},
			attribute: "role_names", want: `Duplicate Value: .*differ only in case`},
	}
	prefix := func(name string, value any, want string) badInput {
		return badInput{name: name, values: map[string]any{"display_name_prefix": value}, attribute: "display_name_prefix", want: want}
	}
	m["azuresaas_groups"] = []badInput{
		prefix("empty prefix", "", `Invalid Value: "" is not valid here: it is empty; leave display_name_prefix out`),
		prefix("blank prefix", "   ", `it is blank`),
		prefix("prefix with a new line", "Sales\n", `control character`),
		prefix("prefix with a tab", "Sales\tTeam", `control character`),
		prefix("prefix longer than any name", strings.Repeat("é", 257), `longer than 256 characters`),
	}
	m["azuresaas_applications"] = []badInput{
		{name: "expiring within -1 days", values: map[string]any{"credentials_expiring_within_days": -1},
			attribute: "credentials_expiring_within_days", want: `value must be at least 0, got: -1`},
		{name: "expiring within -30 days, owners off", values: map[string]any{"credentials_expiring_within_days": -30, "include_owners": false},
			attribute: "credentials_expiring_within_days", want: `value must be at least 0, got: -30`},
	}
	notPositive := func(attribute string) []badInput {
		return []badInput{
			{name: attribute + " 0", values: map[string]any{attribute: 0}, attribute: attribute, want: `value must be at least 1, got: 0`},
			{name: attribute + " -30", values: map[string]any{attribute: -30}, attribute: attribute, want: `value must be at least 1, got: -30`},
		}
	}
	m["azuresaas_license_usage"] = append(domainCases(nil), notPositive("inactive_days")...)
	m["azuresaas_application_usage"] = append(append(guidCases("service_principal_ids", true, nil), domainCases(nil)...), timeCases("since")...)
	m["azuresaas_m365_active_users"] = append(append(domainCases(nil), notPositive("inactive_days")...),
		badInput{name: "period D1", values: map[string]any{"period": "D1"}, attribute: "period", want: `value must be one of:`},
		badInput{name: "period in lower case", values: map[string]any{"period": "d30"}, attribute: "period", want: `value must be one of:`})
	m["azuresaas_license_assignments"] = append(domainCases(nil),
		badInput{name: "empty part number", values: map[string]any{"sku_part_numbers": []string{"SPE_E3", ""}}, attribute: "sku_part_numbers",
			want: `Invalid Value: "" is not valid here: it is empty`},
		badInput{name: "blank part number", values: map[string]any{"sku_part_numbers": []string{"  "}}, attribute: "sku_part_numbers",
			want: `Invalid Value: .*it is empty`},
		badInput{name: "part number with spaces", values: map[string]any{"sku_part_numbers": []string{" SPE_E3"}}, attribute: "sku_part_numbers",
			want: `has no spaces`},
		badInput{name: "part numbers differing only in case", values: map[string]any{"sku_part_numbers": []string{"SPE_E3", "spe_e3"}},
			attribute: "sku_part_numbers", want: `Duplicate Value: .*differ only in case`})
	return m
}

// scopeCases are wrong high_risk_scopes: blank values, values with white
// space (a grant's scope is split on it), and values equal ignoring case.
func scopeCases() []badInput {
	cases := []struct {
		name   string
		scopes []string
		want   string
	}{
		{"empty scope", []string{"Mail.Read", ""}, `Invalid Scope: A scope value is empty or blank`},
		{"blank scope", []string{"   "}, `Invalid Scope: A scope value is empty or blank`},
		{"tab only", []string{"\t"}, `Invalid Scope: A scope value is empty or blank`},
		{"two scopes in one value", []string{"Mail.Read Mail.Send"}, `Invalid Scope: "Mail.Read Mail.Send" holds white space`},
		{"leading space", []string{" Mail.Read"}, `Invalid Scope: " Mail.Read" holds white space`},
		{"duplicates differing in case", []string{"Mail.Read", "mail.read"}, `Duplicate Scope: "[Mm]ail.[Rr]ead" and "[Mm]ail.[Rr]ead" differ only in case`},
		{"duplicates in upper case", []string{"FILES.READ.ALL", "Files.Read.All", "User.Read"}, `Duplicate Scope: .* differ only in case`},
	}
	out := make([]badInput, 0, len(cases))
	for _, c := range cases {
		out = append(out, badInput{name: "high_risk_scopes " + c.name, values: map[string]any{"high_risk_scopes": c.scopes},
			attribute: "high_risk_scopes", want: c.want})
	}
	return out
}

func badProviderInputs() []badInput {
	var out []badInput
	for _, v := range []string{"", " ", "' or 1 eq 1", "%27", "contoso.com'", "contoso", "@contoso.com", "contoso.com.", "a/b", "münchen"} {
		out = append(out, badInput{name: fmt.Sprintf("tenant_id %q", v), values: map[string]any{"tenant_id": v}, attribute: "tenant_id",
			want: `is not valid here`})
	}
	for _, v := range injections {
		out = append(out, badInput{name: fmt.Sprintf("client_id %q", v), values: map[string]any{"client_id": v}, attribute: "client_id",
			want: `it must be a GUID`})
	}
	out = append(out, domainCases(nil)...)
	for _, c := range []struct{ attr, value, want string }{
		{"environment", "mars", `value must be one of`},
		{"environment", "", `value must be one of`},
		{"graph_endpoint", "http://graph.microsoft.com", `http:// is allowed only for loopback hosts`},
		{"graph_endpoint", "https://graph.microsoft.com/v1.0", `without a path`},
		{"graph_endpoint", "graph.microsoft.com", `must be an absolute URL`},
		{"graph_endpoint", "", `must be an absolute URL`},
		{"graph_endpoint", "https://user:pw@graph.microsoft.com", `without a path, query or credentials`},
		{"authority_host", "ftp://login.microsoftonline.com", `must be an absolute URL`},
		{"authority_host", "https://login.microsoftonline.com/?x='", `without a path, query or credentials`},
	} {
		out = append(out, badInput{name: fmt.Sprintf("%s %q", c.attr, c.value), values: map[string]any{c.attr: c.value}, attribute: c.attr, want: c.want})
	}
	out = append(out,
		badInput{name: "max_concurrency 0", values: map[string]any{"max_concurrency": 0}, attribute: "max_concurrency", want: `must be between 1 and 64`},
		badInput{name: "max_concurrency 65", values: map[string]any{"max_concurrency": 65}, attribute: "max_concurrency", want: `must be between 1 and 64`})
	return out
}

// TestBadInputIsRefusedAtPlanTime sends every bad value through the
// validation Terraform runs at plan time and asserts the message and the
// attribute it points at.
func TestBadInputIsRefusedAtPlanTime(t *testing.T) {
	clearCredentialEnv(t)
	h := newProtocolHarness(t, nil)
	check := func(t *testing.T, c badInput, diags []*tfprotov6.Diagnostic) {
		t.Helper()
		if !hasError(diags) {
			t.Fatalf("accepted; want an error matching %s", c.want)
		}
		want := regexp.MustCompile(c.want)
		for _, d := range diags {
			if d.Severity != tfprotov6.DiagnosticSeverityError || !want.MatchString(d.Summary+": "+d.Detail) {
				continue
			}
			if c.attribute != "" && (d.Attribute == nil || !strings.HasPrefix(d.Attribute.String(), "AttributeName(\""+c.attribute+"\")")) {
				t.Fatalf("the error points at %v, want %s:\n%s", d.Attribute, c.attribute, diagnosticsText(diags))
			}
			return
		}
		t.Fatalf("no error matches %s:\n%s", c.want, diagnosticsText(diags))
	}
	total := 0
	for typeName, cases := range badDataSourceInputs() {
		for _, c := range cases {
			total++
			t.Run(strings.TrimPrefix(typeName, "azuresaas_")+"/"+c.name, func(t *testing.T) { check(t, c, h.validateData(t, typeName, c.values)) })
		}
	}
	for _, c := range badProviderInputs() {
		total++
		t.Run("provider/"+c.name, func(t *testing.T) { check(t, c, h.validateProvider(t, c.values)) })
	}
	t.Logf("%d bad inputs", total)

	// Valid values that look unusual are accepted: Unicode and ASCII-form
	// domains, huge sets of good values.
	for typeName, values := range map[string]map[string]any{
		"azuresaas_users":                    {"domain_names": []string{"münchen.de", "xn--mnchen-3ya.de", "CONTOSO.com"}},
		"azuresaas_application_access":       {"since": "24h", "domain_names": []string{"bücher.example"}},
		"azuresaas_consented_applications":   {"high_risk_scopes": []string{"Mail.Read", "full_access_as_user", "EWS.AccessAsUser.All"}},
		"azuresaas_oauth2_permission_grants": {"client_id": strings.ToUpper(fakegraph.DemoQuickPDFID)},
		"azuresaas_groups":                   {"display_name_prefix": "O'Brien' or 1 eq 1 and ünïcode " + strings.Repeat("x", 225)},
	} {
		if diags := h.validateData(t, typeName, values); hasError(diags) {
			t.Errorf("%s refused valid input:\n%s", typeName, diagnosticsText(diags))
		}
	}
	many := badDataSourceInputs()["azuresaas_users"]
	for _, c := range many {
		if strings.HasPrefix(c.name, "5,000") {
			names, _ := c.values["domain_names"].([]string)
			good := names[1:]
			if diags := h.validateData(t, "azuresaas_users", map[string]any{"domain_names": good}); hasError(diags) {
				t.Errorf("5,000 valid domain names refused:\n%.500s", diagnosticsText(diags))
			}
		}
	}
}

// TestSecretProblemsAtConfigure covers what is checked once the environment
// is merged in (still before any read): an empty or missing secret.
func TestSecretProblemsAtConfigure(t *testing.T) {
	clearCredentialEnv(t)
	h := newProtocolHarness(t, nil)
	base := map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID}
	for name, c := range map[string]struct {
		secret any
		env    string
		want   string
	}{
		"empty secret":                 {"", "", `Empty Client Secret: client_secret is set to an empty string`},
		"whitespace secret":            {"  ", "", `Empty Client Secret`},
		"empty secret wins over ARM_*": {"", "from-env", `Empty Client Secret: .*wins over\s+ARM_CLIENT_SECRET`},
		"no secret anywhere":           {nil, "", `Missing Client Secret|No credential`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("ARM_CLIENT_SECRET", c.env)
			values := map[string]any{}
			for k, v := range base {
				values[k] = v
			}
			if c.secret != nil {
				values["client_secret"] = c.secret
			}
			resp, err := h.server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{Config: h.providerConfig(t, values)})
			if err != nil {
				t.Fatal(err)
			}
			text := diagnosticsText(resp.Diagnostics)
			if !regexp.MustCompile(`(?s)` + c.want).MatchString(text) {
				t.Fatalf("want %s, got:\n%s", c.want, text)
			}
			if strings.Contains(text, "from-env") {
				t.Fatal("the diagnostics echo the secret")
			}
		})
	}
}

// TestWrongTypesAtPlanTime runs real Terraform: type conversion is
// Terraform's, so only it can show what a user sees.
func TestWrongTypesAtPlanTime(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	for _, c := range []struct{ name, config, want string }{
		{"bool as a word", `data "azuresaas_users" "t" { include_guests = "maybe" }`, `(?s)Incorrect attribute value type.*include_guests.*a bool is\s+required`},
		{"set as a string", `data "azuresaas_application_roster" "t" { service_principal_ids = "11111111-2222-3333-4444-555555555555" }`,
			`(?s)Incorrect attribute value type.*service_principal_ids.*set of string\s+required`},
		{"number as a word", `data "azuresaas_sign_ins" "t" {
  since       = "24h"
  max_results = "ten"
}`, `(?s)Incorrect attribute value type.*max_results.*a number is\s+required`},
		{"include_sign_in_activity as a word", `data "azuresaas_license_assignments" "t" { include_sign_in_activity = "yes please" }`,
			`(?s)Incorrect attribute value type.*include_sign_in_activity.*a bool is\s+required`},
		{"users include_sign_in_activity as a list", `data "azuresaas_users" "t" { include_sign_in_activity = [true] }`,
			`(?s)Incorrect attribute value type.*include_sign_in_activity.*bool\s+required`},
		{"include_owners as a word", `data "azuresaas_service_principals" "t" { include_owners = "everyone" }`,
			`(?s)Incorrect attribute value type.*include_owners.*a bool is\s+required`},
		{"credentials_expiring_within_days as a word", `data "azuresaas_applications" "t" { credentials_expiring_within_days = "a month" }`,
			`(?s)Incorrect attribute value type.*credentials_expiring_within_days.*a\s+number\s+is\s+required`},
		// The framework refuses a fraction at plan time, in its own words.
		{"credentials_expiring_within_days not whole", `data "azuresaas_applications" "t" { credentials_expiring_within_days = 1.5 }`,
			`(?s)credentials_expiring_within_days = 1\.5.*is not an integer`},
		{"provider max_concurrency as a list", `data "azuresaas_organization" "t" {}`, `(?s)Incorrect attribute value type.*max_concurrency.*number\s+required`},
	} {
		t.Run(c.name, func(t *testing.T) {
			provider := providerBlock(server)
			if strings.HasPrefix(c.name, "provider") {
				provider = providerBlock(server, "max_concurrency = [1]")
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: provider + c.config, ExpectError: regexp.MustCompile(c.want)}},
			})
		})
	}
}
