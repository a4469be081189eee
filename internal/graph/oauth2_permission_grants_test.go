package graph_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func TestListOAuth2PermissionGrants(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.ServicePrincipals = fakegraph.GenerateServicePrincipals(4, 400)
	tenant.OAuth2PermissionGrants = fakegraph.GenerateGrants(4, tenant.ServicePrincipals, tenant.Users, 150, 10, 2500)
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := fakeClient(t, server)
	ctx := context.Background()

	seen := map[string]graph.OAuth2PermissionGrant{}
	err := c.ListOAuth2PermissionGrants(ctx, "", func(g graph.OAuth2PermissionGrant) error {
		seen[g.ID] = g
		return nil
	})
	if err != nil || len(seen) != 2500 {
		t.Fatalf("listed %d of 2500: %v", len(seen), err)
	}
	for _, want := range tenant.OAuth2PermissionGrants[:50] {
		got, ok := seen[fakegraph.GrantID(want)]
		if !ok || got.ClientID != want.ClientID || got.ResourceID != want.ResourceID || *got.ConsentType != want.ConsentType ||
			*got.Scope != want.Scope || (got.PrincipalID == nil) != (want.PrincipalID == nil) {
			t.Fatalf("grant %+v decoded as %+v", want, got)
		}
	}
	var lists []fakegraph.Request
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/oauth2PermissionGrants" {
			lists = append(lists, r)
		}
	}
	if len(lists) != 3 || !strings.Contains(lists[0].RawQuery, "$top=999") ||
		!strings.Contains(lists[0].RawQuery, "$select=id,clientId,consentType,principalId,resourceId,scope") {
		t.Errorf("requests %+v, want 3 pages of $top=999 with the exact $select", lists)
	}

	// clientId is pushed down to Graph.
	client := tenant.ServicePrincipals[3].ID
	server.ResetRequests()
	n := 0
	err = c.ListOAuth2PermissionGrants(ctx, client, func(g graph.OAuth2PermissionGrant) error {
		if g.ClientID != client {
			t.Errorf("grant of %s came back for %s", g.ClientID, client)
		}
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("filtered list: %d grants, %v", n, err)
	}
	if reqs := server.Requests(); len(reqs) != 1 || !strings.Contains(reqs[0].RawQuery, "$filter="+url.QueryEscape("clientId eq '"+client+"'")) {
		t.Errorf("filtered list sent %+v", reqs)
	}
	if err := c.ListOAuth2PermissionGrants(ctx, "x' or 1 eq 1", nil); err == nil || !strings.Contains(err.Error(), "not a GUID") {
		t.Errorf("a client id that is not a GUID: %v", err)
	}
}

func TestOAuth2PermissionGrantsDeniedNamesBothPermissions(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	server := fakegraph.Start(tenant)
	defer server.Close()
	c, err := graph.NewClient(graph.Config{
		TenantID: fakegraph.DemoTenantID, ClientID: fakegraph.NoOrganizationClientID, ClientSecret: fakegraph.NoOrganizationClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	err = c.ListOAuth2PermissionGrants(context.Background(), "", func(graph.OAuth2PermissionGrant) error { return nil })
	var gerr *graph.Error
	if !errors.As(err, &gerr) || gerr.StatusCode != http.StatusForbidden ||
		!strings.Contains(err.Error(), "Directory.Read.All (or DelegatedPermissionGrant.Read.All)") {
		t.Fatalf("denied read: %v", err)
	}
}

func TestServicePrincipalBriefsAndCount(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.ServicePrincipals = fakegraph.GenerateServicePrincipals(6, 1200)
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := fakeClient(t, server)
	ctx := context.Background()

	n, err := c.CountServicePrincipals(ctx)
	if err != nil || n != 1200 {
		t.Fatalf("count = %d, %v; want 1200", n, err)
	}
	if reqs := server.Requests(); reqs[len(reqs)-1].Path != "/v1.0/servicePrincipals/$count" || reqs[len(reqs)-1].Status != 200 {
		t.Errorf("count request %+v", reqs[len(reqs)-1])
	}

	var ids []string
	for _, sp := range tenant.ServicePrincipals[:14] {
		ids = append(ids, sp.ID)
	}
	ids = append(ids, "5a0d0000-0000-4000-8000-0000000000ff") // not in the tenant
	got := map[string]graph.ServicePrincipalBrief{}
	server.ResetRequests()
	if err := c.ListServicePrincipalBriefs(ctx, ids, func(b graph.ServicePrincipalBrief) error { got[b.ID] = b; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 14 || len(server.Requests()) != 1 {
		t.Fatalf("%d briefs in %d requests, want 14 in 1", len(got), len(server.Requests()))
	}
	if q := server.Requests()[0].RawQuery; !strings.Contains(q, "$select=id,appId,displayName,appOwnerOrganizationId,verifiedPublisher&") {
		t.Errorf("briefs query %s", q)
	}
	want := tenant.ServicePrincipals[2]
	if b := got[want.ID]; b.AppID != want.AppID || *b.DisplayName != *want.DisplayName {
		t.Errorf("brief %+v, want %s %s", b, want.AppID, *want.DisplayName)
	}
	if err := c.ListServicePrincipalBriefs(ctx, append(ids, ids[0]), nil); err == nil {
		t.Error("16 ids in one filter were sent")
	}

	all := 0
	if err := c.ListServicePrincipalBriefs(ctx, nil, func(graph.ServicePrincipalBrief) error { all++; return nil }); err != nil || all != 1200 {
		t.Fatalf("whole list: %d, %v", all, err)
	}
}

// TestServicePrincipalSigningKeys decodes keyCredentials and the preferred
// thumbprint from the demo tenant, and selects no beta-only property.
func TestServicePrincipalSigningKeys(t *testing.T) {
	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	c := fakeClient(t, server)
	sp, err := c.GetServicePrincipal(context.Background(), fakegraph.DemoSalesforceID)
	if err != nil {
		t.Fatal(err)
	}
	if sp.PreferredTokenSigningKeyThumbprint == nil || len(sp.KeyCredentials) != 2 {
		t.Fatalf("Salesforce: thumbprint %v, %d keys", sp.PreferredTokenSigningKeyThumbprint, len(sp.KeyCredentials))
	}
	k := sp.KeyCredentials[0]
	if *k.Usage != "Verify" || k.CustomKeyIdentifier == nil || k.EndsAt() == nil || *k.Type != "AsymmetricX509Cert" {
		t.Errorf("key decoded as %+v", k)
	}
	q := server.Requests()[len(server.Requests())-1].RawQuery
	if !strings.Contains(q, "keyCredentials,preferredTokenSigningKeyThumbprint") || strings.Contains(q, "EndDateTime") {
		t.Errorf("$select %s", q)
	}
}
