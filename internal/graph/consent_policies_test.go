package graph

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// The authorization policy is a single entity in v1.0; a body wrapped in
// "value" (beta's collection, the consent article's path) is read the same.
func TestGetAuthorizationPolicyAcceptsEntityAndCollection(t *testing.T) {
	const policy = `{"id":"authorizationPolicy","allowInvitesFrom":"everyone","guestUserRoleId":"10dae51f-b6af-4016-8d66-8c2a99b929b3",
		"defaultUserRolePermissions":{"allowedToCreateApps":false,"permissionGrantPoliciesAssigned":["ManagePermissionGrantsForSelf.microsoft-user-default-low"]}}`
	want := AuthorizationPolicy{
		AllowInvitesFrom: ptrTo("everyone"), GuestUserRoleID: ptrTo("10dae51f-b6af-4016-8d66-8c2a99b929b3"), AllowedToCreateApps: ptrTo(false),
		PermissionGrantPoliciesAssigned: []string{"ManagePermissionGrantsForSelf.microsoft-user-default-low"},
	}
	for name, body := range map[string]string{
		"entity":     policy,
		"collection": `{"@odata.context":"x","value":[` + policy + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			var query string
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				query = r.URL.RawQuery
				writeJSON(w, 200, body)
			})
			got, err := g.client(t).GetAuthorizationPolicy(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if query != "" {
				t.Errorf("query = %q, want none (no $select is documented)", query)
			}
		})
	}
}

func TestGetAuthorizationPolicyRefusesABodyThatIsNotThePolicy(t *testing.T) {
	for name, body := range map[string]string{"empty collection": `{"value":[]}`, "no defaultUserRolePermissions": `{"id":"x"}`} {
		t.Run(name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, body) })
			if _, err := g.client(t).GetAuthorizationPolicy(t.Context()); err == nil || !strings.Contains(err.Error(), "check graph_endpoint") {
				t.Errorf("err = %v, want one naming graph_endpoint", err)
			}
		})
	}
}

func TestGetAdminConsentRequestPolicy(t *testing.T) {
	var query string
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		writeJSON(w, 200, `{"isEnabled":true,"requestDurationInDays":0,"reviewers":[
			{"query":"/users/b","queryType":"MicrosoftGraph","queryRoot":null},{"query":null},{"query":"/users/a"}]}`)
	})
	got, err := g.client(t).GetAdminConsentRequestPolicy(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := AdminConsentRequestPolicy{IsEnabled: ptrTo(true), RequestDurationInDays: ptrTo(int64(0)), ReviewerQueries: []string{"/users/b", "/users/a"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if query != "$select=id,isEnabled,requestDurationInDays,reviewers" {
		t.Errorf("query = %q", query)
	}
}

func ptrTo[T any](v T) *T { return &v }
