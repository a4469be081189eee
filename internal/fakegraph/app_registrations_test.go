package fakegraph

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

type applicationsPage struct {
	NextLink string            `json:"@odata.nextLink"`
	Value    []json.RawMessage `json:"value"`
}

func applicationsTenant(n int) *Tenant {
	t := DemoTenant()
	t.Applications = GenerateApplications(7, n, []string{t.Users[0].ID, t.Users[1].ID})
	return t
}

const applicationsSelect = "id,appId,displayName,createdDateTime,signInAudience,publisherDomain,verifiedPublisher,passwordCredentials,keyCredentials"

func TestApplicationsListPagesEveryRegistrationOnce(t *testing.T) {
	tenant := applicationsTenant(1200)
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	u := s.URL() + "/v1.0/applications?$select=" + applicationsSelect + "&$top=999"
	seen := map[string]bool{}
	pages, blueprints := 0, 0
	for u != "" {
		resp, body := get(t, u, tok)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if strings.Contains(string(body), `"key":"`) {
			t.Fatal("a list carries certificate bytes")
		}
		var p applicationsPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		for _, raw := range p.Value {
			var a struct {
				ODataType string `json:"@odata.type"`
				ID, AppID string
			}
			_ = json.Unmarshal(raw, &a)
			if seen[a.ID] {
				t.Fatalf("%s listed twice", a.ID)
			}
			seen[a.ID] = true
			if a.ODataType == "#microsoft.graph.agentIdentityBlueprint" {
				blueprints++
			}
			// Every listed registration is readable by its appId too.
			if pages == 0 && len(seen) <= 3 {
				resp, body := get(t, s.URL()+"/v1.0/applications(appId='"+a.AppID+"')?$select=id", tok)
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), a.ID) {
					t.Errorf("%s listed but not read by appId: %d %s", a.AppID, resp.StatusCode, body)
				}
			}
		}
		pages++
		u = p.NextLink
	}
	// The demo's client apps are listed beside the registrations.
	if want := 1200 + len(tenant.Apps); len(seen) != want || pages != 2 || blueprints == 0 {
		t.Errorf("listed %d of %d in %d pages (%d blueprints)", len(seen), want, pages, blueprints)
	}
	if !seen[ApplicationObjectID(tenant, DemoClientID)] {
		t.Error("the demo client's registration is not listed")
	}
}

func TestApplicationsListRefusesCredentialFilters(t *testing.T) {
	s := startTenant(t, applicationsTenant(10))
	tok := demoToken(t, s)
	for filter, want := range map[string]string{
		"keyCredentials/any(k:k/endDateTime ge 2026-01-01T00:00:00Z)":      "This query on 'Application' for 'KeyCredential' is not supported.",
		"passwordCredentials/any(p:p/endDateTime le 2026-01-01T00:00:00Z)": "Unsupported or invalid query filter clause specified for property 'passwordCredentials'",
	} {
		resp, body := get(t, s.URL()+"/v1.0/applications?$select=id&$filter="+url.QueryEscape(filter), tok)
		if e := expectGraphError(t, resp, body, http.StatusBadRequest, "Request_UnsupportedQuery"); !strings.Contains(e.Error.Message, want) {
			t.Errorf("%s: %s", filter, body)
		}
	}
}

func TestApplicationsKeyCredentialsThrottle(t *testing.T) {
	s := startTenant(t, applicationsTenant(3))
	s.SetKeyCredentialsThrottle(2, time.Minute)
	tok := demoToken(t, s)
	for i := range 2 {
		if resp, body := get(t, s.URL()+"/v1.0/applications?$select=id,keyCredentials", tok); resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, resp.StatusCode, body)
		}
	}
	// Without keyCredentials the limit does not apply.
	if resp, body := get(t, s.URL()+"/v1.0/applications?$select=id,passwordCredentials", tok); resp.StatusCode != http.StatusOK {
		t.Fatalf("passwordCredentials only: %d %s", resp.StatusCode, body)
	}
	resp, body := get(t, s.URL()+"/v1.0/applications(appId='"+DemoClientID+"')?$select=keyCredentials", tok)
	expectGraphError(t, resp, body, http.StatusTooManyRequests, "TooManyRequests")
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	if s.KeyCredentialsThrottled() != 1 {
		t.Errorf("throttled %d", s.KeyCredentialsThrottled())
	}
}

func TestApplicationsListPermissions(t *testing.T) {
	s := startDemo(t)
	resp, body := get(t, s.URL()+"/v1.0/applications?$select=id", token(t, s, NoRolesClientID, NoRolesClientSecret))
	expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")
}

func TestApplicationsOwnersExpandedAndRead(t *testing.T) {
	tenant := DemoTenant()
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	resp, body := get(t, s.URL()+"/v1.0/applications?$select=id&$top=999&$expand=owners", tok)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var p struct {
		Value []struct {
			ID     string
			Owners []struct{ ID string }
		}
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	owners := map[string]int{}
	for _, a := range p.Value {
		owners[a.ID] = len(a.Owners)
	}
	if len(p.Value) > 100 || owners[DemoPayrollAppObjectID] != 2 || owners[DemoFaxGatewayAppObjectID] != 0 {
		t.Errorf("%d on the page, owners %v", len(p.Value), owners)
	}
	resp, body = get(t, s.URL()+"/v1.0/applications/"+DemoTeamsBotAppObjectID+"/owners?$select=id,displayName", tok)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), DemoSalesforceID) {
		t.Errorf("owners of the bot: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, s.URL()+"/v1.0/applications/c0a00000-0000-4000-8000-0000000000ff/owners", tok)
	expectGraphError(t, resp, body, http.StatusNotFound, "Request_ResourceNotFound")
}
