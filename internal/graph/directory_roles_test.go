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

// The licence signal is the code, whatever the message says; a message
// that sounds like it under another code is an error, not a fallback.
func TestActiveRoleAssignmentsFallBackOnTheCodeOnly(t *testing.T) {
	for _, c := range []struct {
		code, message string
		fallback      bool
	}{
		{"AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license.", true},
		{"AadPremiumLicenseRequired", "Something else entirely.", true},
		{"BadRequest", "The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.", false},
	} {
		var paths []string
		g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
			paths = append(paths, r.URL.Path)
			if strings.HasSuffix(r.URL.Path, "/roleAssignmentScheduleInstances") {
				writeJSON(w, 400, `{"error":{"code":"`+c.code+`","message":"`+c.message+`","innerError":{"request-id":"r"}}}`)
				return
			}
			writeJSON(w, 200, `{"value":[{"id":"a1","principalId":"p1","roleDefinitionId":"r","directoryScopeId":"/","principal":null}]}`)
		})
		n := 0
		fromInstances, err := g.client(t).ListActiveRoleAssignments(t.Context(), RoleAssignmentsQuery{}, func(RoleAssignment) error { n++; return nil })
		switch {
		case c.fallback && (err != nil || fromInstances || n != 1 || len(paths) != 2):
			t.Errorf("%s: err %v, fromInstances %v, %d rows, paths %v; want the roleAssignments row", c.code, err, fromInstances, n, paths)
		case !c.fallback && (err == nil || len(paths) != 1):
			t.Errorf("%s: err %v, paths %v; want the error, no fallback", c.code, err, paths)
		}
	}
}
