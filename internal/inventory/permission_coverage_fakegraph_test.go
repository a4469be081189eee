package inventory

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// TestPermissionTableAgreesWithFakegraph asks fakegraph, which follows
// Microsoft's tables on its own, every endpoint with apps holding each
// permission of the table alone and each pair of the seed's permissions.
// Where the table says an app may read an endpoint, fakegraph must answer;
// where it says it may not, fakegraph must refuse, except for the sign-in
// logs, where the table follows the seed (AuditLog.Read.All and
// Directory.Read.All) and fakegraph accepts AuditLog.Read.All alone.
func TestPermissionTableAgreesWithFakegraph(t *testing.T) {
	var grants [][]string
	var every []string
	for _, groups := range endpointPermissions {
		for _, anyOf := range groups {
			for _, p := range anyOf {
				if !slices.Contains(every, p) {
					every = append(every, p)
				}
			}
		}
	}
	slices.Sort(every)
	for _, p := range every {
		grants = append(grants, []string{p})
	}
	for i, a := range seedPermissionNames {
		for _, b := range seedPermissionNames[i+1:] {
			grants = append(grants, []string{a, b})
		}
	}
	tenant := fakegraph.DemoTenant()
	for i, g := range grants {
		tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: appIDFor(i), Secrets: []fakegraph.Secret{{Value: "s"}}, Permissions: g})
	}
	server := fakegraph.Start(tenant)
	defer server.Close()

	paths := map[string]string{
		EndpointUsers:             "/v1.0/users?$select=id",
		EndpointServicePrincipals: "/v1.0/servicePrincipals?$select=id",
		EndpointOrganization:      "/v1.0/organization?$select=id",
		EndpointAppRoleAssignedTo: "/v1.0/servicePrincipals/" + fakegraph.DemoSalesforceID + "/appRoleAssignedTo",
		EndpointGroupMembers:      "/v1.0/groups/" + fakegraph.DemoSalesGroupID + "/members",
		EndpointGroups:            "/v1.0/groups?$select=id",
		EndpointSignIns:           "/v1.0/auditLogs/signIns?$top=1",
		EndpointSubscribedSkus:    "/v1.0/subscribedSkus",
		EndpointReportSettings:    "/v1.0/admin/reportSettings",
		EndpointApplication:       "/v1.0/applications(appId='" + fakegraph.DemoClientID + "')",
		EndpointPermissionGrants:  "/v1.0/oauth2PermissionGrants",
		EndpointApplications:      "/v1.0/applications?$select=id,appId&$top=1",
		EndpointM365ActiveUsers:   "/v1.0/reports/getOffice365ActiveUserDetail(period='D7')",

		EndpointRegistrationDetails:       "/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=1",
		EndpointAuthorizationPolicy:       "/v1.0/policies/authorizationPolicy",
		EndpointAdminConsentRequestPolicy: "/v1.0/policies/adminConsentRequestPolicy",
		EndpointRoleDefinitions:           "/v1.0/roleManagement/directory/roleDefinitions?$select=id",
		EndpointRoleAssignments:           "/v1.0/roleManagement/directory/roleAssignments?$select=id",
		EndpointRoleAssignmentInstances:   "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances?$select=id",
		EndpointRoleEligibilityInstances:  "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$select=id",
		// Reads some arguments of a data source make.
		EndpointUsersSignInActivity:    "/v1.0/users?$select=id,signInActivity&$top=500",
		EndpointGroupTransitiveMembers: "/v1.0/groups/" + fakegraph.DemoSalesGroupID + "/transitiveMembers",
		EndpointServicePrincipalOwners: "/v1.0/servicePrincipals/" + fakegraph.DemoIntranetID + "/owners?$select=id,userPrincipalName",
		EndpointApplicationOwners:      "/v1.0/applications/" + fakegraph.DemoPayrollAppObjectID + "/owners?$select=id,userPrincipalName",
	}
	// namesEndpoints answer without the permission that reads the names,
	// with the names null: readable means a user owner's name came.
	namesEndpoints := map[string]bool{EndpointServicePrincipalOwners: true, EndpointApplicationOwners: true}
	for endpoint := range endpointPermissions {
		if _, ok := paths[endpoint]; !ok {
			t.Errorf("no request for %s", endpoint)
		}
	}
	for i, g := range grants {
		token := fakegraphToken(t, server, appIDFor(i))
		for endpoint, path := range paths {
			status, body := fakegraphGet(t, server.URL()+path, token)
			if status == http.StatusNotFound {
				continue // not emulated (yet)
			}
			answered := status == http.StatusOK
			if namesEndpoints[endpoint] && answered {
				answered = userNamesCame(t, body)
			}
			covered := Covers(g, endpoint)
			if covered && !answered {
				t.Errorf("%v: the table says %s is readable, fakegraph answered %d", g, endpoint, status)
			}
			if !covered && answered && endpoint != EndpointSignIns {
				t.Errorf("%v: the table says %s is not readable, fakegraph answered", g, endpoint)
			}
			if status != http.StatusOK && status != http.StatusForbidden {
				t.Errorf("%v %s: status %d", g, endpoint, status)
			}
		}
	}
}

func appIDFor(i int) string {
	return "c0000000-0000-4000-8000-" + strings.Repeat("0", 12-len(itoa(i))) + itoa(i)
}

func itoa(i int) string { return strconv.Itoa(i) }

func fakegraphToken(t *testing.T, s *fakegraph.Server, clientID string) string {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/"+fakegraph.DemoTenantID+"/oauth2/v2.0/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {"s"}, "scope": {s.URL() + "/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token for %s: %d %v", clientID, resp.StatusCode, err)
	}
	return body.AccessToken
}

// userNamesCame reports whether an owners page names a user owner (its
// userPrincipalName is not null); it must have one.
func userNamesCame(t *testing.T, body []byte) bool {
	t.Helper()
	var page struct {
		Value []struct {
			Type string  `json:"@odata.type"`
			UPN  *string `json:"userPrincipalName"`
		} `json:"value"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatalf("owners page: %v", err)
	}
	users := 0
	for _, o := range page.Value {
		if o.Type == "#microsoft.graph.user" {
			users++
			if o.UPN != nil {
				return true
			}
		}
	}
	if users == 0 {
		t.Fatalf("the owners page has no user owner to tell: %s", body)
	}
	return false
}

func fakegraphGet(t *testing.T, u, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	// A usage report answers with a redirect to its download: that is
	// the answer (following it would carry the token there).
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode == http.StatusFound {
		return http.StatusOK, nil
	}
	return resp.StatusCode, body
}
