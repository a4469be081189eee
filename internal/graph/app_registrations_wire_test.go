package graph

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestListApplicationsToleratesGraphsForms decodes a page written by hand in
// the forms Graph's sources show or allow (graph-reference-3 §0.5, §0.7,
// §2.3, §2.4, CONFLICT 15): a derived type, a null verifiedPublisher, one
// whose fields are all null, a null appId, no credential collections, null and zone-less dates, a
// customKeyIdentifier that is not a thumbprint, a certificate's bytes sent
// in a list anyway, and a 429 answered with Retry-After before the page.
func TestListApplicationsToleratesGraphsForms(t *testing.T) {
	const body = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#applications(id,appId)","value":[
{"@odata.type":"#microsoft.graph.agentIdentityBlueprint","id":"00000000-0000-4000-8000-000000000001","appId":"a1","displayName":"agent",
 "createdDateTime":"2026-01-02T03:04:05.1234567Z","signInAudience":null,"publisherDomain":"contoso.example","verifiedPublisher":null,
 "passwordCredentials":[],"keyCredentials":[]},
{"id":"00000000-0000-4000-8000-000000000002","appId":null,"displayName":null,
 "verifiedPublisher":{"displayName":null,"verifiedPublisherId":null,"addedDateTime":null}},
{"id":"00000000-0000-4000-8000-000000000003","appId":"a3","displayName":"billing",
 "verifiedPublisher":{"displayName":"Contoso","verifiedPublisherId":"42","addedDateTime":"2024-01-01T00:00:00Z"},
 "passwordCredentials":[{"customKeyIdentifier":null,"displayName":null,"endDateTime":null,"hint":"Xy7","keyId":"k1","secretText":null,"startDateTime":null}],
 "keyCredentials":[{"customKeyIdentifier":"not a thumbprint!","displayName":"CN=billing","endDateTime":"2027-01-31T23:59:59","key":"MIIBAAAA",
   "keyId":"k2","startDateTime":"2025-02-01T00:00:00Z","type":"AsymmetricX509Cert","usage":"Verify"}]}
]}`
	throttled := false
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.RawQuery, "$expand=owners") && !strings.Contains(r.URL.RawQuery, "%24expand=owners") {
			t.Errorf("query without $expand=owners: %s", r.URL.RawQuery)
		}
		if !throttled {
			throttled = true
			w.Header().Set("Retry-After", "0")
			graphError(w, http.StatusTooManyRequests, "TooManyRequests", "req-1")
			return
		}
		writeJSON(w, http.StatusOK, body)
	})
	var got []AppRegistration
	err := g.client(t).ListApplications(context.Background(), ApplicationsQuery{IncludeOwners: true}, func(a AppRegistration) error {
		got = append(got, a)
		return nil
	})
	if err != nil || len(got) != 3 {
		t.Fatalf("listed %d: %v", len(got), err)
	}
	agent, unverified, billing := got[0], got[1], got[2]
	if agent.VerifiedPublisher != nil || agent.CreatedDateTime == nil || agent.CreatedDateTime.Nanosecond() != 123456700 || agent.Owners.Expanded {
		t.Errorf("agent = %+v", agent)
	}
	if unverified.VerifiedPublisher != nil || unverified.DisplayName != nil || unverified.AppID != nil || unverified.Credentials != nil || !unverified.Owners.MayBeIncomplete() {
		t.Errorf("unverified = %+v: no owners array means the set must be read", unverified)
	}
	if billing.VerifiedPublisher == nil || *billing.VerifiedPublisher != "Contoso" || len(billing.Credentials) != 2 {
		t.Fatalf("billing = %+v", billing)
	}
	if s := billing.Credentials[0]; s.EndDateTime != nil || s.InUse {
		t.Errorf("secret = %+v", s)
	}
	if c := billing.Credentials[1]; c.EndDateTime == nil || c.EndDateTime.Year() != 2027 || c.InUse {
		t.Errorf("certificate = %+v", c)
	}
}
