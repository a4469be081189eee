package fakegraph

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestGrantIDMatchesGraphsExamples derives the ids of graph-reference-2
// §3's examples from their client, resource and principal.
func TestGrantIDMatchesGraphsExamples(t *testing.T) {
	g := OAuth2PermissionGrant{ClientID: "7d2f1c0e-5b3a-4c8e-9f10-2a4b6c8d0e12", ResourceID: "c4e1a8b2-0d3f-4e5a-8b6c-7d8e9f0a1b2c"}
	if got := GrantID(g); got != "DhwvfTpbjkyfECpLbI0OErKo4cQ_DVpOi2x9jp8KGyw" {
		t.Errorf("AllPrincipals id = %s", got)
	}
	g.PrincipalID = Ptr("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
	if got := GrantID(g); got != "DhwvfTpbjkyfECpLbI0OErKo4cQ_DVpOi2x9jp8KGyyNfGtaD54bSowtPk9aa3yN" {
		t.Errorf("Principal id = %s", got)
	}
}

// TestGrantsPagingFilterAndPermissions pages generated grants, filters by
// clientId, and lets only the documented permissions (and
// DelegatedPermissionGrant.Read.All) read them.
func TestGrantsPagingFilterAndPermissions(t *testing.T) {
	tenant := DemoTenant()
	tenant.ServicePrincipals = GenerateServicePrincipals(2, 300)
	tenant.OAuth2PermissionGrants = GenerateGrants(2, tenant.ServicePrincipals, tenant.Users, 100, 5, 1500)
	if len(tenant.OAuth2PermissionGrants) != 1500 {
		t.Fatalf("generated %d grants, want 1500", len(tenant.OAuth2PermissionGrants))
	}
	perms := []string{"Directory.Read.All", "DelegatedPermissionGrant.Read.All", "Application.Read.All", "User.Read.All"}
	for i, p := range perms {
		tenant.Apps = append(tenant.Apps, App{ClientID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			DisplayName: p, Secrets: []Secret{{Value: "s"}}, Permissions: []string{p}})
	}
	s := startTenant(t, tenant)
	bearer := demoToken(t, s)

	next := s.URL() + "/v1.0/oauth2PermissionGrants?$select=id,clientId,consentType,principalId,resourceId,scope&$top=999"
	pages, seen := 0, map[string]bool{}
	for next != "" {
		resp, body := get(t, next, bearer)
		c := decodeCollection(t, resp, body)
		if pages == 0 && !strings.Contains(c.NextLink, "$skiptoken=") {
			t.Fatalf("first page link %q has no $skiptoken", c.NextLink)
		}
		pages++
		for _, v := range c.Value {
			var id string
			_ = json.Unmarshal(v["id"], &id)
			seen[id] = true
		}
		next = c.NextLink
	}
	if pages != 2 || len(seen) != 1500 {
		t.Fatalf("%d pages, %d distinct grants; want 2, 1500", pages, len(seen))
	}

	client := tenant.ServicePrincipals[7].ID
	want := 0
	for _, g := range tenant.OAuth2PermissionGrants {
		if g.ClientID == client {
			want++
		}
	}
	resp, body := get(t, s.URL()+"/v1.0/oauth2PermissionGrants?$filter="+url.QueryEscape("clientId eq '"+strings.ToUpper(client)+"'"), bearer)
	c := decodeCollection(t, resp, body)
	if len(c.Value) != want || want == 0 {
		t.Fatalf("clientId filter: %d grants, want %d", len(c.Value), want)
	}
	for _, v := range c.Value {
		var got string
		_ = json.Unmarshal(v["clientId"], &got)
		if got != client {
			t.Fatalf("clientId filter let %s through", got)
		}
	}
	resp, body = get(t, s.URL()+"/v1.0/oauth2PermissionGrants?$filter="+url.QueryEscape("startswith(scope,'Mail')"), bearer)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")

	for i, p := range perms {
		tok := token(t, s, fmt.Sprintf("00000000-0000-4000-8000-%012d", i), "s")
		resp, body := get(t, s.URL()+"/v1.0/oauth2PermissionGrants", tok)
		if i < 2 {
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d, want 200", p, resp.StatusCode)
			}
			continue
		}
		expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")
	}
}

// TestServicePrincipalCountNeedsEventualConsistency answers /$count as
// plain text only with ConsistencyLevel: eventual.
func TestServicePrincipalCountNeedsEventualConsistency(t *testing.T) {
	s := startDemo(t)
	bearer := demoToken(t, s)
	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals/$count", bearer)
	expectGraphError(t, resp, body, 400, "Request_BadRequest")
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals/$count", bearer, "ConsistencyLevel", "eventual")
	if want := fmt.Sprint(len(DemoTenant().ServicePrincipals)); resp.StatusCode != 200 || strings.TrimPrefix(string(body), "\ufeff") != want {
		t.Fatalf("count: %d %q, want 200 %q", resp.StatusCode, body, want)
	}
}

// TestDemoSigningCertificates sends keyCredentials with base64 thumbprints
// that match preferredTokenSigningKeyThumbprint, and refuses the beta-only
// preferredTokenSigningKeyEndDateTime.
func TestDemoSigningCertificates(t *testing.T) {
	s := startDemo(t)
	bearer := demoToken(t, s)
	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals/"+DemoSalesforceID+"?$select=id,keyCredentials,preferredTokenSigningKeyThumbprint", bearer)
	var sp struct {
		Thumbprint *string `json:"preferredTokenSigningKeyThumbprint"`
		Keys       []struct {
			CustomKeyIdentifier string    `json:"customKeyIdentifier"`
			Usage               string    `json:"usage"`
			EndDateTime         time.Time `json:"endDateTime"`
		} `json:"keyCredentials"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &sp) != nil || sp.Thumbprint == nil || len(sp.Keys) != 2 {
		t.Fatalf("Salesforce: %d %s", resp.StatusCode, body)
	}
	for _, k := range sp.Keys {
		raw, err := base64.StdEncoding.DecodeString(k.CustomKeyIdentifier)
		if err != nil || fmt.Sprintf("%X", raw) != *sp.Thumbprint {
			t.Errorf("%s key's identifier %s is not the thumbprint %s", k.Usage, k.CustomKeyIdentifier, *sp.Thumbprint)
		}
		if days := time.Until(k.EndDateTime).Hours() / 24; days < 19 || days > 20 {
			t.Errorf("Salesforce certificate expires in %.1f days, want 20", days)
		}
	}
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals?$select="+url.QueryEscape("id,preferredTokenSigningKeyEndDateTime"), bearer)
	expectGraphError(t, resp, body, 400, "BadRequest")
}
