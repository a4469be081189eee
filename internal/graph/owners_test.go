package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

const (
	appReaderClientID = "0a000000-0000-4000-8000-0000000000a7" // Application.Read.All only
	appReaderSecret   = "app-reader-secret-not-a-real-credential"
)

// ownersTenant is servicePrincipalTenant(n) where app i has i%4 user
// owners, app 1 owns itself too, and app 0 has 23 owners (more than Graph
// expands); plus a client that may read apps but not users.
func ownersTenant(n int) *fakegraph.Tenant {
	t := servicePrincipalTenant(n)
	t.Apps = append(t.Apps, fakegraph.App{ClientID: appReaderClientID, Secrets: []fakegraph.Secret{{Value: appReaderSecret}},
		Permissions: []string{"Application.Read.All"}})
	users := t.Users
	for i := range t.ServicePrincipals {
		for k := range i % 4 {
			t.ServicePrincipals[i].Owners = append(t.ServicePrincipals[i].Owners, users[(i+k)%len(users)].ID)
		}
	}
	t.ServicePrincipals[1].Owners = append(t.ServicePrincipals[1].Owners, t.ServicePrincipals[1].ID)
	for k := range 23 {
		t.ServicePrincipals[0].Owners = append(t.ServicePrincipals[0].Owners, users[k%len(users)].ID)
	}
	return t
}

func clientAs(t *testing.T, server *fakegraph.Server, clientID, secret string) *graph.Client {
	t.Helper()
	c, err := graph.NewClient(graph.Config{
		TenantID: fakegraph.DemoTenantID, ClientID: clientID, ClientSecret: secret,
		AuthorityHost: server.URL(), GraphEndpoint: server.URL(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestListServicePrincipalsWithOwners(t *testing.T) {
	tenant := ownersTenant(250)
	if len(tenant.Users) < 23 {
		t.Fatalf("the demo tenant has %d users; the test needs 23 distinct owners", len(tenant.Users))
	}
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := fakeClient(t, server)
	sets := map[string]graph.OwnerSet{}
	err := c.ListServicePrincipalsWithOwners(context.Background(), func(sp graph.ServicePrincipal) error {
		sets[sp.ID] = sp.Owners
		return nil
	})
	if err != nil || len(sets) != 250 {
		t.Fatalf("listed %d of 250: %v", len(sets), err)
	}
	pages := 0
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/servicePrincipals" {
			pages++
			if !strings.Contains(r.RawQuery, "$expand=owners") || !strings.Contains(r.RawQuery, "$top=100") || r.Refused != "" {
				t.Errorf("list request %q (refused: %q)", r.RawQuery, r.Refused)
			}
		}
	}
	if pages != 3 {
		t.Errorf("%d pages for 250 apps with $expand, want 3 of at most 100", pages)
	}
	for i, sp := range tenant.ServicePrincipals {
		set := sets[sp.ID]
		if !set.Expanded {
			t.Fatalf("app %d: owners not expanded", i)
		}
		if i == 0 {
			if len(set.Owners) != graph.MaxExpandedOwners || !set.MayBeIncomplete() {
				t.Errorf("app 0 (23 owners): %d expanded, may be incomplete %v; want 20, true", len(set.Owners), set.MayBeIncomplete())
			}
			continue
		}
		// Owner ids repeat when i%4 wraps the user list: count distinct.
		distinct := map[string]bool{}
		for _, id := range sp.Owners {
			distinct[strings.ToLower(id)] = true
		}
		want := len(distinct)
		if len(set.Owners) != want || set.MayBeIncomplete() {
			t.Errorf("app %d: %d owners, want %d, complete", i, len(set.Owners), want)
		}
	}
	self := sets[tenant.ServicePrincipals[1].ID].Owners
	var sawSelf bool
	for _, o := range self {
		switch o.Type {
		case graph.TypeUser:
			if o.UserPrincipalName == nil || o.DisplayName == nil || o.AppID != nil {
				t.Errorf("user owner read with User.Read.All: %+v", o)
			}
		case graph.TypeServicePrincipal:
			sawSelf = o.ID == tenant.ServicePrincipals[1].ID && o.AppID != nil && *o.AppID == tenant.ServicePrincipals[1].AppID && o.UserPrincipalName == nil
		}
	}
	if !sawSelf {
		t.Errorf("app 1 owns itself: %+v", self)
	}
}

func TestListOwnersReadsEveryPage(t *testing.T) {
	tenant := ownersTenant(4)
	for k := range 130 {
		id := fmt.Sprintf("1c000000-0000-4000-8000-%012d", k)
		tenant.Users = append(tenant.Users, fakegraph.User{ID: id, UserPrincipalName: fmt.Sprintf("extra%d@example.com", k), DisplayName: fakegraph.Ptr("Extra")})
		tenant.ServicePrincipals[0].Owners = append(tenant.ServicePrincipals[0].Owners, id)
	}
	server := fakegraph.Start(tenant)
	defer server.Close()
	want := map[string]bool{}
	for _, id := range tenant.ServicePrincipals[0].Owners {
		want[strings.ToLower(id)] = true
	}

	for _, tc := range []struct {
		name       string
		c          *graph.Client
		namesKnown bool
	}{
		{"with User.Read.All", fakeClient(t, server), true},
		{"Application.Read.All only", clientAs(t, server, appReaderClientID, appReaderSecret), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			server.ResetRequests()
			got := map[string]bool{}
			err := tc.c.ListOwners(context.Background(), graph.ServicePrincipalOwners, tenant.ServicePrincipals[0].ID, func(o graph.Owner) error {
				got[strings.ToLower(o.ID)] = true
				if o.Type != graph.TypeUser {
					t.Errorf("owner type %q", o.Type)
				}
				if (o.DisplayName != nil) != tc.namesKnown || (o.UserPrincipalName != nil) != tc.namesKnown {
					t.Errorf("owner %s: names known %v, want %v", o.ID, o.DisplayName != nil, tc.namesKnown)
				}
				return nil
			})
			if err != nil || len(got) != len(want) {
				t.Fatalf("read %d of %d owners: %v", len(got), len(want), err)
			}
			pages := 0
			for _, r := range server.Requests() {
				if strings.HasSuffix(r.Path, "/owners") {
					pages++
					if r.RawQuery != "$select=id,displayName,userPrincipalName" && !strings.Contains(r.RawQuery, "$skiptoken") {
						t.Errorf("owners request query %q", r.RawQuery)
					}
				}
			}
			if wantPages := (len(want) + 99) / 100; pages != wantPages || pages < 2 {
				t.Errorf("%d owner pages, want %d (every nextLink followed)", pages, wantPages)
			}
		})
	}

	err := fakeClient(t, server).ListOwners(context.Background(), graph.ServicePrincipalOwners, "5b000000-0000-4000-8000-0000000fffff", func(graph.Owner) error { return nil })
	if !graph.IsNotFound(err) {
		t.Errorf("an unknown service principal: %v, want a 404", err)
	}
	if err := fakeClient(t, server).ListOwners(context.Background(), "groups", tenant.ServicePrincipals[0].ID, nil); err == nil {
		t.Error("a collection without owners must be refused before a request")
	}
	if err := fakeClient(t, server).ListOwners(context.Background(), graph.ApplicationOwners, "x/../users", nil); err == nil {
		t.Error("an id that is not a GUID must be refused before a request")
	}
}

// TestOwnerSetDecodes: every documented shape of an expanded owners array,
// types Graph added later among them.
func TestOwnerSetDecodes(t *testing.T) {
	var item struct {
		Owners graph.OwnerSet `json:"owners"`
	}
	body := `{"owners":[
		{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Robin","userPrincipalName":"robin@example.com","appId":"x"},
		{"@odata.type":"#microsoft.graph.user","id":"u2","displayName":null,"userPrincipalName":null},
		{"@odata.type":"#microsoft.graph.servicePrincipal","id":"s1","displayName":"ci","appId":"a1","userPrincipalName":"nope"},
		{"@odata.type":"#microsoft.graph.agentIdentity","id":"g1","displayName":"agent","appId":"a2","someNewProperty":{"x":[1]}},
		{"@odata.type":"#contoso.custom","id":"c1"}
	]}`
	if err := json.Unmarshal([]byte(body), &item); err != nil {
		t.Fatal(err)
	}
	got := item.Owners
	if !got.Expanded || len(got.Owners) != 5 || got.MayBeIncomplete() {
		t.Fatalf("decoded %+v", got)
	}
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	var lines []string
	for _, o := range got.Owners {
		lines = append(lines, fmt.Sprintf("%s %s %s %s %s", o.ID, o.Type, str(o.DisplayName), str(o.UserPrincipalName), str(o.AppID)))
	}
	want := []string{
		"u1 user Robin robin@example.com <nil>",
		"u2 user <nil> <nil> <nil>",
		"s1 servicePrincipal ci <nil> a1",
		"g1 agentIdentity agent <nil> a2",
		"c1 contoso.custom <nil> <nil> <nil>",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("decoded:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	for _, raw := range []string{`{}`, `{"owners":null}`} {
		var none struct {
			Owners graph.OwnerSet `json:"owners"`
		}
		if err := json.Unmarshal([]byte(raw), &none); err != nil || none.Owners.Expanded || !none.Owners.MayBeIncomplete() {
			t.Errorf("%s: %+v %v; want not expanded, to be read", raw, none.Owners, err)
		}
	}
	var empty struct {
		Owners graph.OwnerSet `json:"owners"`
	}
	if err := json.Unmarshal([]byte(`{"owners":[]}`), &empty); err != nil || !empty.Owners.Expanded || empty.Owners.MayBeIncomplete() || len(empty.Owners.Owners) != 0 {
		t.Errorf("[]: %+v %v; want expanded, complete, empty", empty.Owners, err)
	}
	twenty := `{"owners":[` + strings.Repeat(`{"@odata.type":"#microsoft.graph.user","id":"u"},`, 19) + `{"@odata.type":"#microsoft.graph.user","id":"u"}]}`
	var full struct {
		Owners graph.OwnerSet `json:"owners"`
	}
	if err := json.Unmarshal([]byte(twenty), &full); err != nil || !full.Owners.MayBeIncomplete() {
		t.Errorf("exactly 20 expanded owners must be read again: %+v %v", full.Owners, err)
	}
}
