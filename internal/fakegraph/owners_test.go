package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const (
	ownersAppOnlyClient   = "0a000000-0000-4000-8000-00000000a001" // Application.Read.All
	ownersWithUsersClient = "0a000000-0000-4000-8000-00000000a002" // + User.Read.All
	ownersSecret          = "owners-secret"
)

// ownersTenant has 150 service principals: the first has 25 user owners and
// itself, the second two users and the third service principal, the rest
// none.
func ownersTenant() *Tenant {
	s := func(v string) *string { return &v }
	t := &Tenant{
		ID:      "8f0e2c4a-0000-4000-8000-00000000beef",
		Domains: []Domain{{Name: "contoso.example", IsDefault: true, IsInitial: true, Type: "Managed"}},
		Apps: []App{
			{ClientID: ownersAppOnlyClient, Secrets: []Secret{{Value: ownersSecret}}, Permissions: []string{"Application.Read.All"}},
			{ClientID: ownersWithUsersClient, Secrets: []Secret{{Value: ownersSecret}}, Permissions: []string{"Application.Read.All", "User.Read.All"}},
		},
	}
	for i := range 30 {
		t.Users = append(t.Users, User{ID: fmt.Sprintf("1a000000-0000-4000-8000-%012d", i), UserPrincipalName: fmt.Sprintf("owner%02d@contoso.example", i),
			DisplayName: s(fmt.Sprintf("Owner %02d", i))})
	}
	for i := range 150 {
		t.ServicePrincipals = append(t.ServicePrincipals, ServicePrincipal{ID: fmt.Sprintf("5b000000-0000-4000-8000-%012d", i),
			AppID: fmt.Sprintf("6b000000-0000-4000-8000-%012d", i), DisplayName: s(fmt.Sprintf("App %03d", i))})
	}
	for i := range 25 {
		t.ServicePrincipals[0].Owners = append(t.ServicePrincipals[0].Owners, t.Users[i].ID)
	}
	t.ServicePrincipals[0].Owners = append(t.ServicePrincipals[0].Owners, t.ServicePrincipals[0].ID)
	t.ServicePrincipals[1].Owners = []string{t.Users[29].ID, t.ServicePrincipals[2].ID, t.Users[28].ID, "1a000000-0000-4000-8000-0000000fffff"}
	return t
}

type ownerItem struct {
	Type              string  `json:"@odata.type"`
	ID                string  `json:"id"`
	DisplayName       *string `json:"displayName"`
	UserPrincipalName *string `json:"userPrincipalName"`
	AppID             *string `json:"appId"`
}

type ownersPage struct {
	Context  string `json:"@odata.context"`
	NextLink string `json:"@odata.nextLink"`
	Value    []struct {
		ID     string       `json:"id"`
		Owners *[]ownerItem `json:"owners"`
	} `json:"value"`
}

func getOwnersPage(t *testing.T, bearer, rawURL string) (*http.Response, []byte, ownersPage) {
	t.Helper()
	resp, body := get(t, rawURL, bearer)
	var p ownersPage
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatalf("decoding %s: %v", body, err)
		}
	}
	return resp, body, p
}

func TestExpandOwnersCapsThePageAndTruncatesSets(t *testing.T) {
	s := startTenant(t, ownersTenant())
	bearer := token(t, s, ownersWithUsersClient, ownersSecret)
	for _, expand := range []string{"owners", "owners($select=id,displayName,userPrincipalName)"} {
		t.Run(expand, func(t *testing.T) {
			link := s.URL() + "/v1.0/servicePrincipals?$select=id,displayName&$top=999&$expand=" + url.QueryEscape(expand)
			resp, body, p := getOwnersPage(t, bearer, link)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if len(p.Value) != maxExpandPageSize || p.NextLink == "" {
				t.Fatalf("page of %d with link %q: $expand caps the page at 100 and links the rest", len(p.Value), p.NextLink)
			}
			if !strings.HasSuffix(p.Context, "servicePrincipals(id,displayName,owners())") {
				t.Errorf("@odata.context %q", p.Context)
			}
			first := *p.Value[0].Owners
			if len(first) != maxExpandedObjects {
				t.Fatalf("first app: %d owners expanded, want 20 of its 26, silently", len(first))
			}
			if strings.Contains(string(body), "owners@odata.nextLink") {
				t.Error("an expanded set has no nextLink of its own")
			}
			second := *p.Value[1].Owners
			if len(second) != 3 { // the unknown id is left out
				t.Fatalf("second app: %d owners, want 3: %+v", len(second), second)
			}
			byID := map[string]ownerItem{}
			for _, o := range second {
				byID[o.ID] = o
			}
			if u := byID["1a000000-0000-4000-8000-000000000028"]; u.Type != "#microsoft.graph.user" || u.UserPrincipalName == nil || *u.UserPrincipalName != "owner28@contoso.example" {
				t.Errorf("user owner with User.Read.All: %+v", u)
			}
			if sp := byID["5b000000-0000-4000-8000-000000000002"]; sp.Type != "#microsoft.graph.servicePrincipal" || sp.DisplayName == nil || *sp.DisplayName != "App 002" || sp.UserPrincipalName != nil {
				t.Errorf("service principal owner: %+v", sp)
			}
			if o := p.Value[5].Owners; o == nil || len(*o) != 0 {
				t.Errorf("an app without owners has owners: [], got %v", o)
			}
			_, _, p2 := getOwnersPage(t, bearer, p.NextLink)
			if len(p2.Value) != 50 || p2.NextLink != "" || p2.Value[0].Owners == nil {
				t.Errorf("second page: %d items, link %q; want the other 50 with owners", len(p2.Value), p2.NextLink)
			}
		})
	}
}

func TestOwnersListPagesAndHidesUnreadableUsers(t *testing.T) {
	s := startTenant(t, ownersTenant())
	sp := "5b000000-0000-4000-8000-000000000000"
	read := func(client string) []ownerItem {
		var all []ownerItem
		link := s.URL() + "/v1.0/servicePrincipals/" + sp + "/owners?$select=id,displayName,userPrincipalName&$top=10"
		for pages := 0; link != ""; pages++ {
			resp, body := get(t, link, token(t, s, client, ownersSecret))
			c := decodeCollection(t, resp, body)
			for _, raw := range c.Value {
				b, _ := json.Marshal(raw)
				var o ownerItem
				if err := json.Unmarshal(b, &o); err != nil {
					t.Fatal(err)
				}
				all = append(all, o)
			}
			link = c.NextLink
			if pages > 5 {
				t.Fatal("too many pages")
			}
		}
		return all
	}
	full := read(ownersWithUsersClient)
	if len(full) != 26 {
		t.Fatalf("%d owners over the pages, want 26 (25 users and the app itself)", len(full))
	}
	bare := read(ownersAppOnlyClient)
	if len(bare) != 26 {
		t.Fatalf("%d owners without User.Read.All, want 26", len(bare))
	}
	for _, o := range bare {
		switch o.Type {
		case "#microsoft.graph.user":
			if o.ID == "" || o.DisplayName != nil || o.UserPrincipalName != nil {
				t.Errorf("user owner without a user-read permission must be bare: %+v", o)
			}
		case "#microsoft.graph.servicePrincipal":
			if o.ID != sp || o.DisplayName == nil || *o.DisplayName != "App 000" {
				t.Errorf("the app owning itself: %+v", o)
			}
		default:
			t.Errorf("unexpected owner %+v", o)
		}
	}

	bearer := token(t, s, ownersAppOnlyClient, ownersSecret)
	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals/5b000000-0000-4000-8000-0000000fffff/owners", bearer)
	expectGraphError(t, resp, body, http.StatusNotFound, "Request_ResourceNotFound")
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals/"+sp+"/owners?$select=id,notAProperty", bearer)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals?$expand=memberOf", bearer)
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("$expand of another relationship: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals?$expand="+url.QueryEscape("owners($select=notAProperty)"), bearer)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
}

func TestOwnersFaultsApply(t *testing.T) {
	s := startTenant(t, ownersTenant())
	bearer := token(t, s, ownersAppOnlyClient, ownersSecret)
	s.InjectFault(Fault{PathPrefix: "/v1.0/servicePrincipals/5b000000-0000-4000-8000-000000000001/owners", Status: http.StatusTooManyRequests, RetryAfter: "1"})
	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals/5b000000-0000-4000-8000-000000000001/owners", bearer)
	expectGraphError(t, resp, body, http.StatusTooManyRequests, "TooManyRequests")
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals/5b000000-0000-4000-8000-000000000001/owners", bearer)
	if c := decodeCollection(t, resp, body); len(c.Value) != 3 {
		t.Errorf("after the fault: %d owners, want 3", len(c.Value))
	}
}

func TestGeneratedOwners(t *testing.T) {
	build := func() *Tenant {
		tenant := GenerateTenant(1, 200)
		tenant.ServicePrincipals = GenerateServicePrincipals(1, 5000)
		AddGeneratedOwners(tenant, 1)
		return tenant
	}
	a, b := build(), build()
	none, truncated, exactly20, self := 0, 0, 0, 0
	for i, sp := range a.ServicePrincipals {
		if fmt.Sprint(sp.Owners) != fmt.Sprint(b.ServicePrincipals[i].Owners) {
			t.Fatalf("app %d: owners differ between two generations", i)
		}
		if ownerless(&sp) && len(sp.Owners) > 0 {
			t.Errorf("app %d (Microsoft's or a managed identity) has owners", i)
		}
		users := 0
		for _, id := range sp.Owners {
			if id == sp.ID {
				self++
			} else {
				users++
			}
		}
		switch {
		case len(sp.Owners) == 0 && !ownerless(&sp):
			none++
		case users == 20:
			exactly20++
		case users > 20:
			truncated++
		}
	}
	if none < 500 || truncated < 5 || exactly20 < 5 || self < 100 {
		t.Errorf("none %d, more than 20 %d, exactly 20 %d, self-owned %d: the mix the benchmark needs is missing", none, truncated, exactly20, self)
	}
}

// TestDemoOwners: the demo tenant has apps nobody owns, an app that owns
// itself, and one whose owners a list cannot carry whole.
func TestDemoOwners(t *testing.T) {
	s := startDemo(t)
	bearer := demoToken(t, s)
	_, body, p := getOwnersPage(t, bearer, s.URL()+"/v1.0/servicePrincipals?$select=id&$expand=owners")
	byID := map[string]int{}
	for _, v := range p.Value {
		if v.Owners == nil {
			t.Fatalf("no owners array: %s", body)
		}
		byID[v.ID] = len(*v.Owners)
	}
	for id, want := range map[string]int{DemoServiceNowID: 0, DemoDropboxID: 0, DemoTwitterID: 0, DemoExpensesID: 2, DemoIntranetID: 20} {
		if byID[id] != want {
			t.Errorf("%s: %d owners expanded, want %d", id, byID[id], want)
		}
	}
	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals/"+DemoIntranetID+"/owners", bearer)
	if c := decodeCollection(t, resp, body); len(c.Value) != DemoIntranetOwners {
		t.Errorf("Northwind Intranet: %d owners, want %d", len(c.Value), DemoIntranetOwners)
	}
}
