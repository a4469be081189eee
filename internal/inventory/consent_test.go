package inventory_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

func TestSplitScopes(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tt := range []struct {
		scope *string
		want  []string
	}{
		{nil, []string{}},
		{s(""), []string{}},
		{s("   "), []string{}},
		{s("openid User.Read"), []string{"openid", "User.Read"}},
		// Empty items go, the first spelling stays, the order folds case.
		{s(" offline_access  Mail.Read mail.read\tMAIL.READ openid "), []string{"Mail.Read", "offline_access", "openid"}},
		{s("b a B A"), []string{"a", "b"}},
	} {
		if got := inventory.SplitScopes(tt.scope); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitScopes(%q) = %q, want %q", deref(tt.scope), got, tt.want)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestSAMLCertificateExpiry(t *testing.T) {
	s := func(v string) *string { return &v }
	thumb := []byte{0xda, 0x20, 0xfc, 0xa6, 0x96, 0xc4, 0xf8, 0x3e, 0x8a, 0x9a, 0xed, 0x59, 0xbe, 0x33, 0x36, 0x8e, 0xd4, 0x21, 0xf3, 0xc1}
	other := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	std := base64.StdEncoding.EncodeToString(thumb)
	if std != "2iD8ppbE+D6Kmu1ZvjM2jtQh88E=" { // graph-reference-2 §6.3's example
		t.Fatalf("example encodes as %s", std)
	}
	end1, end2 := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	key := func(usage, id string, end time.Time) graph.KeyCredential {
		return mustKey(t, usage, id, end)
	}
	keys := []graph.KeyCredential{
		key("Sign", std, end2), // the private part: never the answer
		key("Verify", base64.StdEncoding.EncodeToString(other), end2), // another certificate
		key("verify", std, end1),           // the one in use (usage compared case-insensitively)
		key("Verify", "not base64!", end2), // undecodable: skipped
	}
	for _, tt := range []struct {
		name       string
		keys       []graph.KeyCredential
		thumbprint *string
		want       *time.Time
	}{
		{"upper-case thumbprint", keys, s("DA20FCA696C4F83E8A9AED59BE33368ED421F3C1"), &end1},
		{"lower-case thumbprint with spaces", keys, s(" da20fca696c4f83e8a9aed59be33368ed421f3c1 "), &end1},
		{"unpadded base64url identifier", []graph.KeyCredential{key("Verify", base64.RawURLEncoding.EncodeToString(thumb), end1)}, s("DA20FCA696C4F83E8A9AED59BE33368ED421F3C1"), &end1},
		{"null thumbprint", keys, nil, nil},
		{"blank thumbprint", keys, s(""), nil},
		{"no key matches", keys, s("0000000000000000000000000000000000000000"), nil},
		{"only the Sign key matches", keys[:1], s("DA20FCA696C4F83E8A9AED59BE33368ED421F3C1"), nil},
		{"no keys", nil, s("DA20FCA696C4F83E8A9AED59BE33368ED421F3C1"), nil},
	} {
		got := inventory.SAMLCertificateExpiry(tt.keys, tt.thumbprint)
		if (got == nil) != (tt.want == nil) || (got != nil && !got.Equal(*tt.want)) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// mustKey builds a KeyCredential as the graph client decodes it.
func mustKey(t *testing.T, usage, id string, end time.Time) graph.KeyCredential {
	t.Helper()
	var k graph.KeyCredential
	raw := `{"usage":"` + usage + `","customKeyIdentifier":"` + id + `","endDateTime":"` + end.Format(time.RFC3339) + `"}`
	if err := jsonUnmarshal(raw, &k); err != nil {
		t.Fatal(err)
	}
	return k
}

// TestPermissionGrantsDemo reads the demo tenant's grants with their names.
func TestPermissionGrantsDemo(t *testing.T) {
	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	c := rosterClient(t, server)
	grants, err := inventory.PermissionGrants(context.Background(), c, "", 4)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range grants {
		got = append(got, deref(g.ClientDisplayName)+" -> "+deref(g.ResourceDisplayName)+" "+deref(g.ConsentType)+" "+
			deref(g.PrincipalID)+" "+strings.Join(g.Scopes, ","))
	}
	want := []string{
		"Azure Portal -> Microsoft Graph AllPrincipals <nil> Directory.AccessAsUser.All,User.Read",
		"FileSync Free -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000004 Files.ReadWrite.All,User.Read",
		"Microsoft Teams -> Office 365 SharePoint Online Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000002 AllSites.Read",
		"Miro -> <nil> Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000005 user_impersonation",
		"Northwind Intranet -> Microsoft Graph AllPrincipals <nil> offline_access,openid,profile,User.Read",
		"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000002 Mail.Read,offline_access,openid",
		"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000003 Mail.Read,offline_access",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("grants:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g := grants[0]; deref(g.ClientAppID) != "c44b4083-3bb0-49c1-b47d-974e53cbdf3c" || g.ID != fakegraph.GrantID(fakegraph.DemoTenant().OAuth2PermissionGrants[5]) {
		t.Errorf("Azure Portal grant: app id %s, id %s", deref(g.ClientAppID), g.ID)
	}
	// 7 grants name 9 service principals: one batch of ids, no count.
	counts := graphRequests(server)
	if counts["apps"] != 1 || counts["other /v1.0/oauth2PermissionGrants"] != 1 || counts["other /v1.0/servicePrincipals/$count"] != 0 {
		t.Errorf("requests %v, want 1 grants page and 1 batch of names", counts)
	}
}

// TestResolveServicePrincipalsChoosesFewerRequests takes batches of 15 ids
// when they are fewer than the whole list's pages, and the whole list
// otherwise, and counts the requests.
func TestResolveServicePrincipalsChoosesFewerRequests(t *testing.T) {
	tenant := fakegraph.DemoTenant()
	tenant.ServicePrincipals = fakegraph.GenerateServicePrincipals(8, 3000) // 4 pages
	server := fakegraph.Start(tenant)
	defer server.Close()
	c := rosterClient(t, server)
	ids := func(n int) []string {
		var out []string
		for _, sp := range tenant.ServicePrincipals[:n] {
			out = append(out, sp.ID, strings.ToUpper(sp.ID)) // repeats in other case count once
		}
		return append(out, "not-a-guid", "5a0d0000-0000-4000-8000-0000000000ff")
	}
	for _, tt := range []struct {
		names                 int
		batches, count, pages int
	}{
		{14, 1, 0, 0}, // 15 ids with the unknown one: one batch, no count
		{44, 3, 1, 0}, // 45 ids: 3 batches < 4 pages
		{59, 4, 1, 0}, // 60 ids: 4 batches = 4 pages, the tie goes to batches
		{60, 0, 1, 4}, // 61 ids: 5 batches > 4 pages
		{3000, 0, 1, 4},
	} {
		server.ResetRequests()
		found, err := inventory.ResolveServicePrincipals(context.Background(), c, ids(tt.names), 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != tt.names {
			t.Errorf("%d names: found %d", tt.names, len(found))
		}
		batches, count, pages := 0, 0, 0
		for _, r := range server.Requests() {
			switch {
			case r.Path == "/v1.0/servicePrincipals/$count":
				count++
			case r.Path == "/v1.0/servicePrincipals" && strings.Contains(r.RawQuery, "filter"):
				batches++
			case r.Path == "/v1.0/servicePrincipals":
				pages++
			}
		}
		if batches != tt.batches || count != tt.count || pages != tt.pages {
			t.Errorf("%d names: %d batches, %d counts, %d pages; want %d, %d, %d", tt.names, batches, count, pages, tt.batches, tt.count, tt.pages)
		}
	}
}

// TestConsentedApplicationsDemo aggregates the demo tenant's grants.
func TestConsentedApplicationsDemo(t *testing.T) {
	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	c := rosterClient(t, server)
	s := func(v string) *string { return &v }

	consent, err := inventory.ConsentedApplications(context.Background(), c, inventory.ConsentOptions{ExcludeFirstParty: true, MaxConcurrency: 2})
	if err != nil || consent.OrganizationDenied != nil {
		t.Fatal(err, consent.OrganizationDenied)
	}
	want := []inventory.ConsentedApplication{
		{AppInstanceID: fakegraph.DemoFileSyncID, AppID: s(fakegraph.DemoFileSyncAppID), DisplayName: s("FileSync Free"),
			ConsentedUserCount: 1, Scopes: []string{"Files.ReadWrite.All", "User.Read"}, HighRiskScopes: []string{"Files.ReadWrite.All"},
			Resources: []string{"Microsoft Graph"}},
		{AppInstanceID: fakegraph.DemoMiroID, AppID: s(fakegraph.DemoMiroAppID), DisplayName: s("Miro"),
			ConsentedUserCount: 1, Scopes: []string{"user_impersonation"}, HighRiskScopes: []string{}, Resources: []string{}},
		{AppInstanceID: fakegraph.DemoIntranetID, AppID: s(fakegraph.DemoIntranetAppID), DisplayName: s("Northwind Intranet"),
			Publisher: s(fakegraph.DemoTenantDisplayName), AdminConsented: true,
			Scopes: []string{"offline_access", "openid", "profile", "User.Read"}, HighRiskScopes: []string{}, Resources: []string{"Microsoft Graph"}},
		{AppInstanceID: fakegraph.DemoQuickPDFID, AppID: s(fakegraph.DemoQuickPDFAppID), DisplayName: s("QuickPDF Converter"),
			Publisher: s("QuickPDF Software Ltd"), VerifiedPublisher: true, ConsentedUserCount: 2,
			Scopes: []string{"Mail.Read", "offline_access", "openid"}, HighRiskScopes: []string{"Mail.Read"}, Resources: []string{"Microsoft Graph"}},
	}
	if !reflect.DeepEqual(consent.Applications, want) {
		t.Errorf("got  %+v\nwant %+v", consent.Applications, want)
	}

	// First-party apps appear without exclude_first_party; a replaced
	// high-risk list compares case-insensitively.
	consent, err = inventory.ConsentedApplications(context.Background(), c, inventory.ConsentOptions{HighRiskScopes: []string{"user.read", "ALLSITES.READ"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range consent.Applications {
		got = append(got, deref(a.DisplayName)+" "+deref(a.Publisher)+" "+strings.Join(a.HighRiskScopes, ","))
	}
	wantAll := []string{
		"Azure Portal Microsoft User.Read", "FileSync Free <nil> User.Read", "Microsoft Teams Microsoft Corporation AllSites.Read",
		"Miro <nil> ", "Northwind Intranet Northwind Traders User.Read", "QuickPDF Converter QuickPDF Software Ltd ",
	}
	if !reflect.DeepEqual(got, wantAll) {
		t.Errorf("with first-party apps:\n%q\nwant\n%q", got, wantAll)
	}
	if a := consent.Applications[0]; !a.FirstParty || !a.AdminConsented || a.ConsentedUserCount != 0 {
		t.Errorf("Azure Portal: %+v", a)
	}
}

// TestAggregateConsentUnknownClient keeps a grant whose client the tenant
// no longer has, with null names, and counts distinct users once.
func TestAggregateConsentUnknownClient(t *testing.T) {
	s := func(v string) *string { return &v }
	const client, resource = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
	grants := []graph.OAuth2PermissionGrant{
		{ID: "b", ClientID: client, ResourceID: resource, ConsentType: s("Principal"), PrincipalID: s("AAAAAAAA-0000-4000-8000-000000000001"), Scope: s("Mail.Send")},
		{ID: "a", ClientID: client, ResourceID: resource, ConsentType: s("Principal"), PrincipalID: s("aaaaaaaa-0000-4000-8000-000000000001"), Scope: s("mail.send Notes.Read.All")},
		{ID: "c", ClientID: client, ResourceID: resource, ConsentType: s("Principal"), PrincipalID: s("aaaaaaaa-0000-4000-8000-000000000002"), Scope: nil},
	}
	apps := inventory.AggregateConsent(grants, nil, inventory.Owner{}, inventory.ConsentOptions{ExcludeFirstParty: true})
	want := []inventory.ConsentedApplication{{AppInstanceID: client, ConsentedUserCount: 2,
		Scopes: []string{"mail.send", "Notes.Read.All"}, HighRiskScopes: []string{"mail.send", "Notes.Read.All"}, Resources: []string{}}}
	if !reflect.DeepEqual(apps, want) {
		t.Errorf("got  %+v\nwant %+v", apps, want)
	}
}

func jsonUnmarshal(raw string, v any) error { return json.Unmarshal([]byte(raw), v) }
