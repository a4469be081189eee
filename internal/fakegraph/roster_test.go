package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func rosterGet(t *testing.T, s *Server, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL()+path, nil)
	req.Header.Set("Authorization", "Bearer "+token(t, s, DemoClientID, DemoClientSecret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func TestRosterEndpointShapes(t *testing.T) {
	s := startDemo(t)

	status, body := rosterGet(t, s, "/v1.0/servicePrincipals/"+DemoSalesforceID+"/appRoleAssignedTo?$select=id,principalId,principalType&$top=999")
	values, _ := body["value"].([]any)
	if status != 200 || len(values) != 4 {
		t.Fatalf("appRoleAssignedTo: %d, %d assignments", status, len(values))
	}
	for _, v := range values {
		a, _ := v.(map[string]any)
		if id, _ := a["id"].(string); len(id) != 43 || isGUID(id) || len(a) != 3 {
			t.Errorf("assignment %v: want a 43-character non-GUID id and exactly the selected properties", a)
		}
	}

	_, body = rosterGet(t, s, "/v1.0/groups/"+DemoResearchGroupID+"/members?$select=id,displayName")
	members, _ := body["value"].([]any)
	for _, v := range members {
		if member, _ := v.(map[string]any); member["@odata.type"] == "#microsoft.graph.servicePrincipal" {
			t.Errorf("v1.0 /members must leave service principals out: %v", v)
		}
	}
	_, body = rosterGet(t, s, "/v1.0/groups/"+DemoResearchGroupID+"/transitiveMembers?$select=id,displayName")
	if !strings.Contains(fmt.Sprint(body["value"]), "#microsoft.graph.servicePrincipal") {
		t.Errorf("/transitiveMembers must include the service principal: %v", body["value"])
	}

	status, body = rosterGet(t, s, "/v1.0/groups/6a000000-0000-4000-8000-0000000000ee/members")
	if status != 404 || !strings.Contains(fmt.Sprint(body["error"]), "Request_ResourceNotFound") {
		t.Errorf("unknown group: %d %v", status, body)
	}

	var ids []string
	for i := range 16 {
		ids = append(ids, fmt.Sprintf("'5a000000-0000-4000-8000-%012d'", i+1))
	}
	status, body = rosterGet(t, s, "/v1.0/servicePrincipals?$select=id&$filter="+url.QueryEscape("id in ("+strings.Join(ids, ",")+")"))
	if status != 400 || !strings.Contains(fmt.Sprint(body["error"]), "Max allowed: 15") {
		t.Errorf("16 ids in one filter: %d %v", status, body)
	}
	status, body = rosterGet(t, s, "/v1.0/servicePrincipals?$select=id&$filter="+url.QueryEscape("id in ("+strings.Join(ids[:15], ",")+")"))
	found, _ := body["value"].([]any)
	if got := len(found); status != 200 || got != 12 {
		t.Errorf("15 ids, 12 of them demo apps: %d, %d service principals", status, got)
	}
}
