package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestOwnedByDoesNotMakeTheRosterReady (issue 26, finding 3): an app with
// Application.ReadWrite.OwnedBy, GroupMember.Read.All and User.Read.All may
// read assignments and members, but the roster also reads its applications
// with GET /servicePrincipals?$filter=id in (…), which OwnedBy does not
// cover. The status must say so, and the roster read shows that it is true.
func TestOwnedByDoesNotMakeTheRosterReady(t *testing.T) {
	clearCredentialEnv(t)
	const ownedByID, ownedBySecret = "c1000000-0000-4000-8000-000000000001", "owned-by-secret-not-a-real-credential"
	tenant := ssoRosterTenant()
	tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: ownedByID, DisplayName: "owned by",
		Secrets:     []fakegraph.Secret{{Value: ownedBySecret}},
		Permissions: []string{"Application.ReadWrite.OwnedBy", "GroupMember.Read.All", "User.Read.All"}})
	server := startGraph(t, tenant)
	h := newProtocolHarness(t, nil)
	h.configure(t, map[string]any{"tenant_id": tenant.ID, "client_id": ownedByID, "client_secret": ownedBySecret,
		"graph_endpoint": server.URL(), "authority_host": server.URL()})

	state, diags := h.read(context.Background(), t, integrationStatus, nil)
	if hasError(diags) {
		t.Fatal(diagnosticsText(diags))
	}
	s, _ := decodeStatus(t, state)
	roster := s.Tasks[2]
	if roster.Name != "SSO Application Roster" || roster.Ready == nil || *roster.Ready ||
		!slices.Equal(roster.MissingPermissions, []string{"Application.Read.All"}) {
		t.Errorf("SSO Application Roster: ready %v, missing %v; want not ready, missing [Application.Read.All]",
			valueOrNil(roster.Ready), roster.MissingPermissions)
	}

	_, diags = h.read(context.Background(), t, "azuresaas_application_roster", map[string]any{"service_principal_ids": []string{appGroup}})
	if text := diagnosticsText(diags); !hasError(diags) || !strings.Contains(text, "403") {
		t.Errorf("the roster read with OwnedBy: want Graph's 403 on the applications, got:\n%s", text)
	}
}

func valueOrNil[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
