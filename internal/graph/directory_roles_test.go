package graph

import (
	"net/http"
	"strings"
	"testing"
)

// Principals of any type decode: derived types count as their base, an
// unknown type is kept, a null principal is a deleted one; the nextLink
// (after value here) is followed.
func TestRoleAssignmentPrincipalsOfEveryType(t *testing.T) {
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.RawQuery, "$skiptoken") {
			writeJSON(w, 200, `{"value":[
				{"id":"a1","principalId":"p1","roleDefinitionId":"r","directoryScopeId":"/","memberType":"Direct","assignmentType":"Assigned",
				 "principal":{"@odata.type":"#microsoft.graph.agentUser","id":"p1","displayName":"Agent","userPrincipalName":"agent@x.test","userType":"Member"}},
				{"id":"a2","principalId":"p2","roleDefinitionId":"r","directoryScopeId":"/","principal":{"@odata.type":"#microsoft.graph.agentIdentity","id":"p2","displayName":"Bot"}},
				{"id":"a3","principalId":"p3","roleDefinitionId":"r","directoryScopeId":"/","principal":{"@odata.type":"#microsoft.graph.somethingNew","id":"p3"}}
			],"@odata.nextLink":"`+g.URL+r.URL.Path+`?$skiptoken=x"}`)
			return
		}
		writeJSON(w, 200, `{"value":[{"id":"a4","principalId":"p4","roleDefinitionId":"r","directoryScopeId":"/administrativeUnits/au","principal":null,
			"startDateTime":"2026-05-04T09:00:00Z","endDateTime":"2026-05-04T13:00:00.1234567Z"}]}`)
	})
	var got []RoleAssignment
	if _, err := g.client(t).ListActiveRoleAssignments(t.Context(), RoleAssignmentsQuery{}, func(a RoleAssignment) error {
		got = append(got, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("got %d, want 4", len(got))
	}
	if p := got[0].Principal; p == nil || p.Type != TypeUser || p.UserPrincipalName == nil || *p.UserPrincipalName != "agent@x.test" || p.UserType == nil {
		t.Errorf("agentUser = %+v", p)
	}
	if p := got[1].Principal; p == nil || p.Type != TypeServicePrincipal {
		t.Errorf("agentIdentity = %+v", p)
	}
	if p := got[2].Principal; p == nil || p.Type != "somethingNew" {
		t.Errorf("unknown type = %+v", p)
	}
	if a := got[3]; a.Principal != nil || a.EndDateTime == nil || *a.DirectoryScopeID != "/administrativeUnits/au" {
		t.Errorf("deleted principal row = %+v", a)
	}
}
