package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func TestListApplicationsDecodesEveryForm(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	end := time.Date(2027, 1, 31, 23, 59, 59, 0, time.UTC)
	tenant.Applications = []fakegraph.Application{
		{ // unverified: verifiedPublisher with every field null; a secret without dates
			ID: "c1d2e3f4-4444-4b55-8c66-0000000000e4", AppID: "a9b8c7d6-5555-4e66-9f77-0000000000f5",
			DisplayName: fakegraph.Ptr("billing-api"), SignInAudience: fakegraph.Ptr("AzureADMyOrg"),
			PublisherDomain:     fakegraph.Ptr("example.com"),
			PasswordCredentials: []fakegraph.PasswordCredential{{KeyID: "0f1e2d3c-6666-4a77-8b88-000000000106", Hint: fakegraph.Ptr("Xy7")}},
			KeyCredentials: []fakegraph.KeyCredential{
				{KeyID: "1a2b3c4d-7777-4c88-9d99-000000000207", Type: "AsymmetricX509Cert", Usage: "Verify",
					CustomKeyIdentifier: []byte("3Q2+7w=="), DisplayName: fakegraph.Ptr("CN=billing-api"), EndDateTime: &end},
				// The private half of a signing certificate is not a client credential.
				{KeyID: "1a2b3c4d-7777-4c88-9d99-000000000208", Type: "AsymmetricX509Cert", Usage: "Sign", EndDateTime: &end},
			},
		},
		{ // a derived type, with a verified publisher and nothing else
			ID: "c1d2e3f4-4444-4b55-8c66-0000000000e5", AppID: "a9b8c7d6-5555-4e66-9f77-0000000000f6",
			ODataType:         "#microsoft.graph.agentIdentityBlueprint",
			VerifiedPublisher: fakegraph.VerifiedPublisher{DisplayName: fakegraph.Ptr("Contoso"), VerifiedPublisherID: fakegraph.Ptr("42")},
		},
	}
	server := fakegraph.Start(tenant)
	defer server.Close()
	got := map[string]graph.AppRegistration{}
	err := fakeClient(t, server).ListApplications(context.Background(), graph.ApplicationsQuery{}, func(a graph.AppRegistration) error {
		got[a.ID] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	billing, blueprint := got["c1d2e3f4-4444-4b55-8c66-0000000000e4"], got["c1d2e3f4-4444-4b55-8c66-0000000000e5"]
	if billing.VerifiedPublisher != nil || *billing.PublisherDomain != "example.com" || billing.CreatedDateTime != nil {
		t.Errorf("billing = %+v", billing)
	}
	if len(billing.Credentials) != 2 {
		t.Fatalf("credentials = %+v", billing.Credentials)
	}
	secret, cert := billing.Credentials[0], billing.Credentials[1]
	if secret.Type != "secret" || secret.EndDateTime != nil || secret.StartDateTime != nil || secret.InUse {
		t.Errorf("secret = %+v", secret)
	}
	if cert.Type != "certificate" || !cert.EndDateTime.Equal(end) || *cert.DisplayName != "CN=billing-api" {
		t.Errorf("certificate = %+v", cert)
	}
	if blueprint.VerifiedPublisher == nil || *blueprint.VerifiedPublisher != "Contoso" || blueprint.DisplayName != nil || len(blueprint.Credentials) != 0 {
		t.Errorf("blueprint = %+v", blueprint)
	}
	// The demo client's own registration is listed, its secret in use.
	demo, ok := got[fakegraph.ApplicationObjectID(tenant, fakegraph.DemoClientID)]
	if !ok || len(demo.Credentials) == 0 || !demo.Credentials[0].InUse {
		t.Errorf("demo client registration = %+v (listed %v)", demo, ok)
	}
}

func TestListApplicationsWaitsOutTheKeyCredentialsLimit(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.Applications = fakegraph.GenerateApplications(3, 2100, nil)
	server := fakegraph.Start(tenant)
	defer server.Close()
	server.SetKeyCredentialsThrottle(1, time.Second)
	n := 0
	err := fakeClient(t, server).ListApplications(context.Background(), graph.ApplicationsQuery{}, func(graph.AppRegistration) error {
		n++
		return nil
	})
	if err != nil || n != 2100+len(tenant.Apps) {
		t.Fatalf("listed %d: %v", n, err)
	}
	if server.KeyCredentialsThrottled() == 0 {
		t.Error("the limit never applied: the test proves nothing")
	}
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/applications" && r.Status == 200 && !strings.Contains(r.RawQuery, "$top=999") {
			t.Errorf("page without $top=999: %s", r.RawQuery)
		}
	}
}

func TestListApplicationsWithOwnersExpandsThemInPagesOf100(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	var owners []string
	for _, u := range tenant.Users[:25] {
		owners = append(owners, u.ID)
	}
	tenant.Applications = fakegraph.GenerateApplications(5, 250, owners)
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := fakeClient(t, server)
	want := map[string]int{}
	for _, a := range tenant.Applications {
		want[a.ID] = len(a.Owners)
	}
	capped, n := 0, 0
	err := c.ListApplications(context.Background(), graph.ApplicationsQuery{IncludeOwners: true}, func(a graph.AppRegistration) error {
		n++
		if !a.Owners.Expanded {
			t.Errorf("%s: owners not expanded", a.ID)
		}
		w, ok := want[a.ID]
		if !ok {
			return nil // a client app's registration
		}
		if got := len(a.Owners.Owners); got != min(w, graph.MaxExpandedOwners) {
			t.Errorf("%s: %d owners expanded of %d", a.ID, got, w)
		}
		if a.Owners.MayBeIncomplete() {
			capped++
		}
		return nil
	})
	if err != nil || n != 250+len(tenant.Apps) {
		t.Fatalf("listed %d: %v", n, err)
	}
	if capped == 0 {
		t.Error("no registration with more than 20 owners: the test proves nothing about the cap")
	}
	pages := 0
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/applications" {
			pages++
			if !strings.Contains(r.RawQuery, "$expand=owners") || !strings.Contains(r.RawQuery, "$top=100") {
				t.Errorf("query %s", r.RawQuery)
			}
		}
	}
	if want := (n + 99) / 100; pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
}
