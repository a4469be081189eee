package provider

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// wireCase is one list data source read both ways: by the protocol
// server's wire path and by the framework alone (readWithFramework and
// State.Set), from the same fake Graph.
type wireCase struct {
	typeName string
	// configs are the data source configurations read, by name; a
	// tftypes.Value of tftypes.UnknownValue makes an argument unknown.
	configs map[string]map[string]any
	// clientID and secret replace the demo application's (permissions).
	clientID, clientSecret string
}

// wireCases reads every list data source of the demo tenant: arguments set,
// unset and unknown; results with nulls, empty lists and null lists;
// errors on an attribute; and each warning a read can give.
func wireCases(tenant *fakegraph.Tenant) []wireCase {
	unknown := func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, tftypes.UnknownValue) }
	var spIDs []string
	for _, a := range tenant.AppRoleAssignments {
		if !slices.Contains(spIDs, a.ResourceID) {
			spIDs = append(spIDs, a.ResourceID)
		}
	}
	var appID string
	for _, sp := range tenant.ServicePrincipals {
		if sp.ID == spIDs[0] {
			appID = sp.AppID
		}
	}
	const missing = "00000000-0000-4000-8000-00000000dead"
	return []wireCase{
		{typeName: "azuresaas_users", configs: map[string]map[string]any{
			"unset":               nil,
			"guests":              {"include_guests": true, "domain_names": []string{}},
			"guests only":         {"guests_only": true},
			"disabled":            {"account_enabled": false, "include_guests": true},
			"one domain":          {"domain_names": []string{"northwind.example"}},
			"unknown guests":      {"include_guests": unknown(tftypes.Bool)},
			"unknown domain list": {"domain_names": unknown(tftypes.Set{ElementType: tftypes.String})},
			"inactive":            {"inactive_days": 30, "include_guests": true},
			"inactive and active": {"inactive_days": 7, "include_sign_in_activity": true, "account_enabled": true},
			"unknown inactive":    {"inactive_days": unknown(tftypes.Number)},
		}},
		{typeName: "azuresaas_service_principals", configs: map[string]map[string]any{
			"unset":              nil,
			"enterprise only":    {"enterprise_apps_only": true, "exclude_first_party": true},
			"unknown first part": {"exclude_first_party": unknown(tftypes.Bool)},
			// Owners: empty lists, an app owning itself, a set read again.
			"owners":                {"include_owners": true},
			"owners, enterprise":    {"include_owners": true, "enterprise_apps_only": true, "exclude_first_party": true},
			"owners false":          {"include_owners": false},
			"unknown include_owner": {"include_owners": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_service_principals", clientID: fakegraph.NoOrganizationClientID,
			clientSecret: fakegraph.NoOrganizationClientSecret, configs: map[string]map[string]any{
				"organization warning": nil,
				"owners, no org":       {"include_owners": true},
			}},
		{typeName: "azuresaas_app_role_assignments", configs: map[string]map[string]any{
			"by id":         {"service_principal_id": spIDs[0]},
			"by app id":     {"app_id": appID},
			"unknown app":   {"app_id": missing},
			"unknown sp":    {"service_principal_id": missing},
			"second sp":     {"service_principal_id": spIDs[len(spIDs)-1]},
			"unknown value": {"service_principal_id": spIDs[0], "app_id": unknown(tftypes.String)},
		}},
		{typeName: "azuresaas_group_members", configs: map[string]map[string]any{
			"direct":        {"group_id": tenant.Groups[0].ID},
			"transitive":    {"group_id": tenant.Groups[0].ID, "transitive": true},
			"last group":    {"group_id": tenant.Groups[len(tenant.Groups)-1].ID, "transitive": false},
			"unknown group": {"group_id": missing},
		}},
		{typeName: "azuresaas_application_roster", configs: map[string]map[string]any{
			"three":          {"service_principal_ids": spIDs[:3], "include_guests": true},
			"repeated sp":    {"service_principal_ids": []string{spIDs[0], spIDs[1], spIDs[0]}},
			"all assigned":   {"service_principal_ids": spIDs, "assigned_only": true, "domain_names": []string{}},
			"unknown sp":     {"service_principal_ids": []string{spIDs[0], missing}},
			"unknown guests": {"service_principal_ids": spIDs[:1], "include_guests": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_sign_ins", configs: map[string]map[string]any{
			"month":          {"since": "719h"},
			"cut":            {"since": "719h", "max_results": 3, "successful_only": true},
			"one app":        {"since": "719h", "app_id": appID, "until": "1h"},
			"none":           {"since": "719h", "user_id": missing},
			"unknown filter": {"since": "719h", "successful_only": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_license_assignments", configs: map[string]map[string]any{
			"unset":            nil,
			"sign-in activity": {"include_sign_in_activity": true, "include_guests": true},
			"one sku":          {"sku_part_numbers": []string{"spe_e3"}, "domain_names": []string{"northwind.example"}},
			"two skus":         {"sku_part_numbers": []string{"VISIOCLIENT", "POWER_BI_PRO"}, "include_guests": true},
			"unknown sku":      {"sku_part_numbers": []string{"NO_SUCH_SKU"}},
			"unknown activity": {"include_sign_in_activity": unknown(tftypes.Bool)},
			"inactive":         {"inactive_days": 30, "include_guests": true},
			"disabled":         {"account_enabled": false},
			"idle one sku":     {"inactive_days": 60, "account_enabled": true, "sku_part_numbers": []string{"SPE_E3"}},
		}},
		{typeName: "azuresaas_license_usage", configs: map[string]map[string]any{
			"unset":              nil,
			"guests, 30 days":    {"include_guests": true, "inactive_days": 30},
			"no activity":        {"include_sign_in_activity": false, "domain_names": []string{"northwind.example"}},
			"no one in a domain": {"domain_names": []string{"nowhere.example"}},
			"unknown days":       {"inactive_days": unknown(tftypes.Number)},
		}},
		{typeName: "azuresaas_license_usage", clientID: fakegraph.NoAuditLogClientID,
			clientSecret: fakegraph.NoAuditLogClientSecret, configs: map[string]map[string]any{
				"sign-in activity refused": nil,
				"without it":               {"include_sign_in_activity": false},
			}},
		{typeName: "azuresaas_license_assignments", clientID: fakegraph.NoAuditLogClientID,
			clientSecret: fakegraph.NoAuditLogClientSecret, configs: map[string]map[string]any{
				"sign-in activity refused": {"include_sign_in_activity": true},
			}},
		{typeName: "azuresaas_oauth2_permission_grants", configs: map[string]map[string]any{
			"unset":          nil,
			"one client":     {"client_id": tenant.OAuth2PermissionGrants[0].ClientID},
			"no such client": {"client_id": missing},
			"unknown client": {"client_id": unknown(tftypes.String)},
		}},
		{typeName: "azuresaas_consented_applications", configs: map[string]map[string]any{
			"unset":             nil,
			"first party too":   {"exclude_first_party": false},
			"own high-risk":     {"high_risk_scopes": []string{"offline_access", "User.Read"}},
			"no high-risk":      {"high_risk_scopes": []string{}},
			"unknown risk list": {"high_risk_scopes": unknown(tftypes.Set{ElementType: tftypes.String})},
		}},
		{typeName: "azuresaas_consented_applications", clientID: fakegraph.NoOrganizationClientID,
			clientSecret: fakegraph.NoOrganizationClientSecret, configs: map[string]map[string]any{
				"grants refused (no Directory.Read.All)": nil,
			}},
		{typeName: "azuresaas_directory_role_assignments", configs: map[string]map[string]any{
			"unset":           nil,
			"active only":     {"include_eligible": false},
			"two roles":       {"role_names": []string{"global administrator", "Privileged Role Administrator"}},
			"unknown role":    {"role_names": []string{"Global Admin"}},
			"no roles":        {"role_names": []string{}},
			"unknown names":   {"role_names": unknown(tftypes.Set{ElementType: tftypes.String})},
			"unknown include": {"include_eligible": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_directory_role_assignments", clientID: fakegraph.NoAuditLogClientID,
			clientSecret: fakegraph.NoAuditLogClientSecret, configs: map[string]map[string]any{
				"refused (no RoleManagement.Read.Directory)": nil,
			}},
		{typeName: "azuresaas_groups", configs: map[string]map[string]any{
			"unset":                    nil,
			"assigned security":        {"security_enabled": true, "unified": false, "dynamic": false},
			"microsoft 365":            {"unified": true, "mail_enabled": true},
			"licence errors only":      {"license_errors_only": true},
			"prefix with a quote":      {"display_name_prefix": "O'Brien"},
			"prefix, case-insensitive": {"display_name_prefix": "sALES"},
			"unknown prefix":           {"display_name_prefix": unknown(tftypes.String)},
		}},
		{typeName: "azuresaas_groups", clientID: fakegraph.NoUsersClientID,
			clientSecret: fakegraph.NoUsersClientSecret, configs: map[string]map[string]any{
				"refused (no group permission)": nil,
			}},
		{typeName: "azuresaas_user_registration_details", configs: map[string]map[string]any{
			"unset":              nil,
			"admins without mfa": {"mfa_registered": false, "admins_only": true},
			"guests, one domain": {"include_guests": true, "domain_names": []string{"northwindtraders.onmicrosoft.com"}},
			"unknown mfa":        {"mfa_registered": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_user_registration_details", clientID: fakegraph.NoOrganizationClientID,
			clientSecret: fakegraph.NoOrganizationClientSecret, configs: map[string]map[string]any{
				"refused (no AuditLog.Read.All)": nil,
			}},
		{typeName: "azuresaas_application_access", configs: map[string]map[string]any{
			"month":   {"since": "719h", "include_guests": true},
			"one app": {"since": "719h", "app_ids": []string{appID}, "domain_names": []string{}},
			"no apps": {"since": "719h", "app_ids": []string{missing}},
			// Terraform never sends a set with a repeat; both paths refuse one alike.
			"repeated app": {"since": "719h", "app_ids": []string{appID, appID}},
			"unknown set":  {"since": "719h", "app_ids": unknown(tftypes.Set{ElementType: tftypes.String})},
		}},
		{typeName: "azuresaas_application_usage", configs: map[string]map[string]any{
			"discovered":     nil,
			"three, month":   {"service_principal_ids": spIDs[:3], "since": "719h", "include_guests": true},
			"all, domain":    {"service_principal_ids": spIDs, "domain_names": []string{"northwind.example"}},
			"unknown sp":     {"service_principal_ids": []string{spIDs[0], missing}},
			"unknown guests": {"service_principal_ids": spIDs[:1], "include_guests": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_applications", configs: map[string]map[string]any{
			"unset (owners)": nil,
			"no owners":      {"include_owners": false},
			"expiring 30":    {"credentials_expiring_within_days": 30},
			"expiring 0":     {"credentials_expiring_within_days": 0, "include_owners": false},
			"unknown days":   {"credentials_expiring_within_days": unknown(tftypes.Number)},
			"unknown owners": {"include_owners": unknown(tftypes.Bool)},
		}},
		{typeName: "azuresaas_applications", clientID: fakegraph.NoUsersClientID,
			clientSecret: fakegraph.NoUsersClientSecret, configs: map[string]map[string]any{
				"refused (no Application.Read.All)": nil,
			}},
		{typeName: "azuresaas_m365_active_users", configs: map[string]map[string]any{
			"unset":          nil,
			"idle":           {"period": "D90", "inactive_days": 60},
			"one domain":     {"domain_names": []string{"northwind.example"}, "period": "D7"},
			"nobody idle":    {"inactive_days": 100000},
			"unknown period": {"period": unknown(tftypes.String)},
		}},
	}
}

// TestWireReadMatchesTheFramework reads each case through the protocol
// server and through the framework's server alone, and holds them equal:
// the decoded state (every attribute, nulls, empty lists, the arguments as
// configured, unknown ones included) and the diagnostics (severity,
// summary, detail and attribute path).
func TestWireReadMatchesTheFramework(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	recentSignInsOnly(tenant)
	fake, endpoint, client := startTLSGraph(t, tenant)
	fake.SetReportsThrottle(0, 0)

	covered := map[string]bool{}
	for _, c := range wireCases(tenant) {
		covered[c.typeName] = true
		clientID, secret := c.clientID, c.clientSecret
		if clientID == "" {
			clientID, secret = fakegraph.DemoClientID, fakegraph.DemoClientSecret
		}
		providerConfig := map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": clientID,
			"client_secret": secret, "graph_endpoint": endpoint, "authority_host": endpoint}
		wire := newProtocolHarness(t, client)
		wire.configure(t, providerConfig)
		framework := newFrameworkHarness(t, client)
		framework.configure(t, providerConfig)
		if _, ok := wire.server.(*protocolServer); !ok {
			t.Fatalf("the harness does not serve through the protocol server")
		}

		for name, config := range c.configs {
			t.Run(strings.TrimPrefix(c.typeName, "azuresaas_")+"/"+name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				gotState, gotDiags := wire.read(ctx, t, c.typeName, config)
				wantState, wantDiags := framework.read(ctx, t, c.typeName, config)
				assertSameRead(t, gotState, gotDiags, wantState, wantDiags)
			})
		}
	}

	// Every data source the wire path serves has a row.
	server, ok := newProtocolHarness(t, client).server.(*protocolServer)
	if !ok {
		t.Fatal("the harness does not serve through the protocol server")
	}
	readers, err := server.listDataSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for typeName := range readers {
		if !covered[typeName] {
			t.Errorf("%s is read on the wire but has no row in wireCases", typeName)
		}
	}
	for typeName := range covered {
		if readers[typeName] == nil {
			t.Errorf("%s has a row in wireCases but is not read on the wire", typeName)
		}
	}
}

// TestWireReadBeforeConfigure reads each list data source before the
// provider is configured: both paths say so the same way.
func TestWireReadBeforeConfigure(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	wire := newProtocolHarness(t, nil)
	framework := newFrameworkHarness(t, nil)
	for _, c := range wireCases(tenant) {
		for _, config := range c.configs {
			gotState, gotDiags := wire.read(t.Context(), t, c.typeName, config)
			wantState, wantDiags := framework.read(t.Context(), t, c.typeName, config)
			if !strings.Contains(diagnosticsText(gotDiags), "Provider Not Configured") {
				t.Errorf("%s: %s", c.typeName, diagnosticsText(gotDiags))
			}
			assertSameRead(t, gotState, gotDiags, wantState, wantDiags)
			break
		}
	}
}

// newFrameworkHarness is newProtocolHarness on the framework's own server:
// every read goes through the data sources' framework Read.
func newFrameworkHarness(t *testing.T, httpClient *http.Client) *protocolHarness {
	t.Helper()
	h := newProtocolHarness(t, httpClient)
	p := &azuresaasProvider{version: "test", httpClient: httpClient, reportsBudget: fastReportsBudget}
	h.server = providerserver.NewProtocol6(p)()
	return h
}

// requestIDs differ between two reads of the same thing.
var requestIDs = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

func assertSameRead(t *testing.T, gotState tftypes.Value, gotDiags []*tfprotov6.Diagnostic, wantState tftypes.Value, wantDiags []*tfprotov6.Diagnostic) {
	t.Helper()
	got, want := diagnosticsText(gotDiags), diagnosticsText(wantDiags)
	if requestIDs.ReplaceAllString(got, "<id>") != requestIDs.ReplaceAllString(want, "<id>") {
		t.Errorf("diagnostics differ:\nwire:\n%s\nframework:\n%s", got, want)
	}
	if hasError(wantDiags) {
		return // Terraform discards the state of a failed read
	}
	if gotState.IsNull() || !gotState.IsFullyKnown() && wantState.IsFullyKnown() {
		t.Errorf("the wire read gave no state")
	}
	if !gotState.Equal(wantState) {
		diffs, err := gotState.Diff(wantState)
		if err != nil {
			t.Fatalf("states differ, and cannot be compared: %v", err)
		}
		for i, d := range diffs {
			if i == 10 {
				t.Errorf("... %d differences in all", len(diffs))
				break
			}
			t.Errorf("at %s: wire %v, framework %v", d.Path, d.Value1, d.Value2)
		}
	}
}

// TestWireReadFollowsTheLastConfigure configures one server twice, as one
// provider process serving two aliases (-debug) is: the wire path reads
// with the last configuration, as the framework does, and after a failed
// configuration neither has one.
func TestWireReadFollowsTheLastConfigure(t *testing.T) {
	clearCredentialEnv(t)
	second := fakegraph.DemoTenant()
	second.Users = second.Users[:4]
	servers := []*fakegraph.Server{startGraph(t, fakegraph.DemoTenant()), startGraph(t, second)}
	providerConfig := func(s *fakegraph.Server) map[string]any {
		return map[string]any{"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
			"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": s.URL(), "authority_host": s.URL()}
	}
	users := map[string]any{"include_guests": true}
	wire, framework := newProtocolHarness(t, nil), newFrameworkHarness(t, nil)
	for _, h := range []*protocolHarness{wire, framework} {
		h.configure(t, providerConfig(servers[0]))
		h.configure(t, providerConfig(servers[1]))
	}
	gotState, gotDiags := wire.read(t.Context(), t, "azuresaas_users", users)
	wantState, wantDiags := framework.read(t.Context(), t, "azuresaas_users", users)
	assertSameRead(t, gotState, gotDiags, wantState, wantDiags)
	if n := len(keysOf(t, gotState, "users", "id")); n != len(second.Users) {
		t.Errorf("the wire read gave %d users; the last configuration's tenant has %d", n, len(second.Users))
	}

	broken := providerConfig(servers[0])
	broken["client_secret"] = ""
	for _, h := range []*protocolHarness{wire, framework} {
		resp, err := h.server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
			TerraformVersion: "1.11.0", Config: h.providerConfig(t, broken)})
		if err != nil || !hasError(resp.Diagnostics) {
			t.Fatalf("an empty client_secret configured the provider: %v %s", err, diagnosticsText(resp.Diagnostics))
		}
	}
	gotState, gotDiags = wire.read(t.Context(), t, "azuresaas_users", users)
	wantState, wantDiags = framework.read(t.Context(), t, "azuresaas_users", users)
	if !strings.Contains(diagnosticsText(gotDiags), "Provider Not Configured") {
		t.Errorf("after a failed configuration: %s", diagnosticsText(gotDiags))
	}
	assertSameRead(t, gotState, gotDiags, wantState, wantDiags)
}

// TestProtocolServerForwardsOptionalCalls: tf6server finds list resources,
// actions and state stores by type assertion; the wrapper must not hide
// the framework's answers to them.
//
//nolint:staticcheck // the interfaces tf6server asserts today
func TestProtocolServerForwardsOptionalCalls(t *testing.T) {
	var server tfprotov6.ProviderServer = newProtocolServer(&azuresaasProvider{})
	if _, ok := server.(tfprotov6.ProviderServerWithListResource); !ok {
		t.Error("list resources are hidden")
	}
	if _, ok := server.(tfprotov6.ProviderServerWithActions); !ok {
		t.Error("actions are hidden")
	}
	if _, ok := server.(tfprotov6.ProviderServerWithStateStores); !ok {
		t.Error("state stores are hidden")
	}
}
