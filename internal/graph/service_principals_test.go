package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func servicePrincipalTenant(n int) *fakegraph.Tenant {
	t := fakegraph.DemoTenant()
	t.ServicePrincipals = nil
	for i := 0; i < n; i++ {
		t.ServicePrincipals = append(t.ServicePrincipals, fakegraph.ServicePrincipal{
			ID:                        fmt.Sprintf("50000000-0000-0000-0000-%012d", i),
			AppID:                     fmt.Sprintf("a0000000-0000-0000-0000-%012d", i),
			DisplayName:               fakegraph.Ptr(fmt.Sprintf("App %d", i)),
			AppRoleAssignmentRequired: i%2 == 0,
			Tags:                      []string{"WindowsAzureActiveDirectoryIntegratedApp"},
			VerifiedPublisher:         fakegraph.VerifiedPublisher{DisplayName: fakegraph.Ptr("Publisher")},
		})
	}
	return t
}

func fakeClient(t *testing.T, server *fakegraph.Server) *graph.Client {
	t.Helper()
	c, err := graph.NewClient(graph.Config{
		TenantID: fakegraph.DemoTenantID, ClientID: fakegraph.DemoClientID, ClientSecret: fakegraph.DemoClientSecret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServicePrincipalsAgainstFakeGraph(t *testing.T) {
	server := fakegraph.Start(servicePrincipalTenant(2100))
	defer server.Close()
	c := fakeClient(t, server)
	ctx := context.Background()

	seen := map[string]bool{}
	err := c.ListServicePrincipals(ctx, func(sp graph.ServicePrincipal) error {
		if seen[sp.ID] {
			t.Errorf("%s listed twice", sp.ID)
		}
		seen[sp.ID] = true
		if sp.DisplayName == nil || *sp.VerifiedPublisher.DisplayName != "Publisher" || len(sp.Tags) != 1 {
			t.Errorf("%s decoded without its properties: %+v", sp.ID, sp)
		}
		return nil
	})
	if err != nil || len(seen) != 2100 {
		t.Fatalf("listed %d of 2100: %v", len(seen), err)
	}
	pages := 0
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/servicePrincipals" {
			pages++
			if strings.Contains(r.RawQuery, "publisherName") || !strings.Contains(r.RawQuery, "$top=999") {
				t.Errorf("query %s", r.RawQuery)
			}
		}
	}
	if pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}

	sp, err := c.GetServicePrincipal(ctx, "50000000-0000-0000-0000-000000000007")
	if err != nil || sp.AppID != "a0000000-0000-0000-0000-000000000007" || sp.AppRoleAssignmentRequired {
		t.Fatalf("get: %+v, %v", sp, err)
	}
	if _, err := c.GetServicePrincipal(ctx, "59999999-0000-0000-0000-000000000000"); !graph.IsNotFound(err) {
		t.Fatalf("unknown id: %v, want a 404", err)
	}

	found, ok, err := c.FindServicePrincipalByAppID(ctx, "A0000000-0000-0000-0000-000000000008")
	if err != nil || !ok || found.ID != "50000000-0000-0000-0000-000000000008" {
		t.Fatalf("find: %+v %v %v", found, ok, err)
	}
	if _, ok, err := c.FindServicePrincipalByAppID(ctx, "b0000000-0000-0000-0000-000000000000"); ok || err != nil {
		t.Fatalf("unknown app id: %v %v, want not found and no error", ok, err)
	}
	before := len(server.Requests())
	if _, _, err := c.FindServicePrincipalByAppID(ctx, "x' or 1 eq 1 or appId eq 'y"); err == nil {
		t.Fatal("a non-GUID app id must be refused")
	}
	if len(server.Requests()) != before {
		t.Fatal("a non-GUID app id must not reach Graph")
	}
}
