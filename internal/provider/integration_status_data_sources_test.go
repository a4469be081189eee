package provider

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

type dataSourceState struct {
	Name               string   `json:"name"`
	Ready              *bool    `json:"ready"`
	MissingPermissions []string `json:"missing_permissions"`
	Blockers           []string `json:"blockers"`
}

// TestIntegrationStatusDataSources reads data_sources for each demo case:
// every data source of the provider, sorted by name, ready exactly where
// the case's permissions and tenant allow.
func TestIntegrationStatusDataSources(t *testing.T) {
	clearCredentialEnv(t)
	demo := startGraph(t, fakegraph.DemoTenant())
	free := startGraph(t, fakegraph.NonPremiumTenant())
	var every []string
	for _, ds := range dataSourceReads(context.Background()) {
		every = append(every, ds.Name)
	}
	slices.Sort(every)
	var p azuresaasProvider
	if len(every) != len(p.DataSources(context.Background())) {
		t.Fatalf("%d data sources declare their reads, of %d", len(every), len(p.DataSources(context.Background())))
	}

	read := func(t *testing.T, server *fakegraph.Server, clientID, secret string) map[string]dataSourceState {
		t.Helper()
		h := newProtocolHarness(t, nil)
		h.configure(t, map[string]any{"tenant_id": server.Tenant().ID, "client_id": clientID, "client_secret": secret,
			"graph_endpoint": server.URL(), "authority_host": server.URL()})
		state, diags := h.read(context.Background(), t, integrationStatus, nil)
		if hasError(diags) {
			t.Fatal(diagnosticsText(diags))
		}
		raw, err := json.Marshal(plain(t, state))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			DataSources []dataSourceState `json:"data_sources"`
		}
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		var names []string
		byName := map[string]dataSourceState{}
		for _, ds := range s.DataSources {
			names = append(names, ds.Name)
			byName[ds.Name] = ds
		}
		if !slices.Equal(names, every) {
			t.Errorf("data_sources %v, want every data source sorted: %v", names, every)
		}
		return byName
	}
	// expect checks each data source: ready unless listed in notReady,
	// which gives its missing permissions; blocked ones have one blocker.
	expect := func(t *testing.T, got map[string]dataSourceState, notReady map[string][]string, blocked ...string) {
		t.Helper()
		for name, ds := range got {
			missing, isNotReady := notReady[name]
			isBlocked := slices.Contains(blocked, name)
			wantReady := !isNotReady && !isBlocked
			if missing == nil {
				missing = []string{}
			}
			if ds.Ready == nil || *ds.Ready != wantReady || !slices.Equal(ds.MissingPermissions, missing) ||
				(len(ds.Blockers) == 1) != isBlocked || len(ds.Blockers) > 1 {
				t.Errorf("%s: ready %v, missing %v, blockers %q; want ready %v, missing %v, blocked %v",
					name, valueOrNil(ds.Ready), ds.MissingPermissions, ds.Blockers, wantReady, missing, isBlocked)
			}
			if isBlocked && !strings.Contains(ds.Blockers[0], "P1 or P2") {
				t.Errorf("%s: blocker %q", name, ds.Blockers[0])
			}
		}
	}

	t.Run("all granted", func(t *testing.T) {
		expect(t, read(t, demo, fakegraph.DemoClientID, fakegraph.DemoClientSecret), nil)
	})
	t.Run("no AuditLog.Read.All", func(t *testing.T) {
		// Sign-in activity is off by default on users and licence
		// assignments, so they stay ready; licence usage reads it by
		// default (include_sign_in_activity = false does without). The app
		// has neither Policy.Read.All nor Reports.Read.All (the seed's
		// permissions).
		auditLog := []string{"AuditLog.Read.All"}
		expect(t, read(t, demo, fakegraph.NoAuditLogClientID, fakegraph.NoAuditLogClientSecret),
			map[string][]string{"azuresaas_sign_ins": auditLog, "azuresaas_application_access": auditLog, "azuresaas_license_usage": auditLog,
				"azuresaas_user_registration_details": auditLog, "azuresaas_consent_settings": {"Policy.Read.All"},
				"azuresaas_m365_active_users": {"Reports.Read.All"}, "azuresaas_directory_role_assignments": {"RoleManagement.Read.Directory"}})
	})
	t.Run("Free tenant", func(t *testing.T) {
		expect(t, read(t, free, fakegraph.DemoClientID, fakegraph.DemoClientSecret), nil,
			"azuresaas_sign_ins", "azuresaas_application_access", "azuresaas_license_usage", "azuresaas_user_registration_details")
	})
	t.Run("no consent", func(t *testing.T) {
		got := read(t, demo, fakegraph.NoRolesClientID, fakegraph.NoRolesClientSecret)
		for name, ds := range got {
			if name == integrationStatus {
				if !*ds.Ready {
					t.Errorf("%s needs no permission of its own: %+v", name, ds)
				}
				continue
			}
			if *ds.Ready || len(ds.MissingPermissions) == 0 {
				t.Errorf("%s without any permission: %+v", name, ds)
			}
		}
		if want := []string{"Application.Read.All", "GroupMember.Read.All"}; !slices.Equal(got["azuresaas_application_roster"].MissingPermissions, want) {
			t.Errorf("roster missing %v, want %v", got["azuresaas_application_roster"].MissingPermissions, want)
		}
	})
}
