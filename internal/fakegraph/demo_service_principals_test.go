package fakegraph

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDemoServicePrincipalsVariety checks that the demo tenant has every
// kind of app Application Discovery distinguishes, and that the exported
// ids are those of the apps they name.
func TestDemoServicePrincipalsVariety(t *testing.T) {
	sps := DemoTenant().ServicePrincipals
	byID := map[string]ServicePrincipal{}
	for _, sp := range sps {
		if !isGUID(sp.ID) || !isGUID(sp.AppID) {
			t.Errorf("%s / %s: not GUIDs", sp.ID, sp.AppID)
		}
		if _, dup := byID[strings.ToLower(sp.ID)]; dup {
			t.Errorf("duplicate id %s", sp.ID)
		}
		byID[strings.ToLower(sp.ID)] = sp
	}
	named := map[string][2]string{
		"Salesforce": {DemoSalesforceID, DemoSalesforceAppID}, "Slack": {DemoSlackID, DemoSlackAppID},
		"Workday": {DemoWorkdayID, DemoWorkdayAppID}, "ServiceNow": {DemoServiceNowID, DemoServiceNowAppID},
		"Zoom": {DemoZoomID, DemoZoomAppID}, "Dropbox Business": {DemoDropboxID, DemoDropboxAppID},
		"Twitter": {DemoTwitterID, DemoTwitterAppID}, "Northwind Expenses": {DemoExpensesID, DemoExpensesAppID},
		"Northwind Intranet": {DemoIntranetID, DemoIntranetAppID}, "Trello": {DemoTrelloID, DemoTrelloAppID},
		"Miro": {DemoMiroID, DemoMiroAppID}, "Northwind Field Service": {DemoFieldServiceID, DemoFieldServiceAppID},
	}
	var required, open int
	for name, ids := range named {
		sp, ok := byID[ids[0]]
		if !ok || *sp.DisplayName != name || sp.AppID != ids[1] || !strings.HasPrefix(sp.ID, "5a") {
			t.Errorf("%s: constants do not name it (%+v)", name, sp)
		}
		if sp.AppRoleAssignmentRequired {
			required++
		} else {
			open++
		}
	}
	if required < 3 || open < 1 {
		t.Errorf("%d assignment-required and %d open SaaS apps; the roster needs at least 3 and 1", required, open)
	}

	count := func(keep func(ServicePrincipal) bool) int {
		n := 0
		for _, sp := range sps {
			if keep(sp) {
				n++
			}
		}
		return n
	}
	owner := func(id string) func(ServicePrincipal) bool {
		return func(sp ServicePrincipal) bool {
			return sp.AppOwnerOrganizationID != nil && *sp.AppOwnerOrganizationID == id
		}
	}
	mode := func(m string) func(ServicePrincipal) bool {
		return func(sp ServicePrincipal) bool {
			return sp.PreferredSingleSignOnMode != nil && *sp.PreferredSingleSignOnMode == m
		}
	}
	for what, n := range map[string]int{
		"owned by Microsoft's services tenant":  count(owner(MicrosoftServicesTenantID)),
		"owned by Microsoft's corporate tenant": count(owner(MicrosoftCorporateTenantID)),
		"owned by the demo tenant":              count(owner(DemoTenantID)),
		"saml":                                  count(mode("saml")),
		"oidc":                                  count(mode("oidc")),
		"password":                              count(mode("password")),
		"notSupported":                          count(mode("notSupported")),
		"null SSO mode with reply URLs": count(func(sp ServicePrincipal) bool {
			return sp.PreferredSingleSignOnMode == nil && len(sp.ReplyURLs) > 0
		}),
		"custom SSO tag":     count(func(sp ServicePrincipal) bool { return slices.Contains(sp.Tags, TagCustomSSO) }),
		"verified publisher": count(func(sp ServicePrincipal) bool { return sp.VerifiedPublisher.DisplayName != nil }),
		"disabled":           count(func(sp ServicePrincipal) bool { return sp.AccountEnabled != nil && !*sp.AccountEnabled }),
		"managed identities": count(func(sp ServicePrincipal) bool {
			return sp.ServicePrincipalType != nil && *sp.ServicePrincipalType == "ManagedIdentity"
		}),
	} {
		if n == 0 {
			t.Errorf("the demo tenant has no app %s", what)
		}
	}
}

// TestServicePrincipalsPagingAndSelect serves generated apps in pages of
// $top, with only the selected properties, and refuses publisherName.
func TestServicePrincipalsPagingAndSelect(t *testing.T) {
	tenant := DemoTenant()
	tenant.ServicePrincipals = GenerateServicePrincipals(3, 1500)
	s := startTenant(t, tenant)
	bearer := demoToken(t, s)

	next := s.URL() + "/v1.0/servicePrincipals?$top=999&$select=id,appId,verifiedPublisher"
	var pages, total int
	seen := map[string]bool{}
	for next != "" {
		resp, body := get(t, next, bearer)
		c := decodeCollection(t, resp, body)
		pages++
		total += len(c.Value)
		for _, v := range c.Value {
			if got := sortedKeys(v); !reflect.DeepEqual(got, []string{"appId", "id", "verifiedPublisher"}) {
				t.Fatalf("keys %v", got)
			}
			var id string
			_ = json.Unmarshal(v["id"], &id)
			seen[id] = true
		}
		next = c.NextLink
	}
	if pages != 2 || total != 1500 || len(seen) != 1500 {
		t.Fatalf("%d pages, %d items, %d ids; want 2, 1500, 1500", pages, total, len(seen))
	}

	resp, body := get(t, s.URL()+"/v1.0/servicePrincipals?$select="+url.QueryEscape("id,publisherName"), bearer)
	expectGraphError(t, resp, body, 400, "BadRequest")
}

func TestGenerateServicePrincipalsIsDeterministic(t *testing.T) {
	a, b := GenerateServicePrincipals(5, 300), GenerateServicePrincipals(5, 300)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and size gave different apps")
	}
	if small := GenerateServicePrincipals(5, 50); !reflect.DeepEqual(small, a[:50]) {
		t.Error("app i depends on n")
	}
	tenantID := GenerateTenant(5, 0).ID
	var own, microsoft, mi int
	for _, sp := range a {
		switch {
		case sp.AppOwnerOrganizationID == nil:
			mi++
		case *sp.AppOwnerOrganizationID == tenantID:
			own++
		case *sp.AppOwnerOrganizationID == MicrosoftServicesTenantID || *sp.AppOwnerOrganizationID == MicrosoftCorporateTenantID:
			microsoft++
		}
	}
	if own == 0 || microsoft == 0 || mi == 0 {
		t.Errorf("own %d, Microsoft %d, managed identities %d: want some of each", own, microsoft, mi)
	}
}

func TestNoOrganizationClientCannotReadTheOrganization(t *testing.T) {
	s := startDemo(t)
	bearer := token(t, s, NoOrganizationClientID, NoOrganizationClientSecret)
	resp, body := get(t, s.URL()+"/v1.0/organization", bearer)
	expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")
	resp, body = get(t, s.URL()+"/v1.0/servicePrincipals?$select=id", bearer)
	if c := decodeCollection(t, resp, body); len(c.Value) != len(DemoTenant().ServicePrincipals) {
		t.Fatalf("%d service principals, want %d", len(c.Value), len(DemoTenant().ServicePrincipals))
	}
}
