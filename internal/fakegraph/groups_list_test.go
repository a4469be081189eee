package fakegraph

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestGroupsFilter pages /groups under each standard $filter form the
// provider sends, against the tenant's own groups.
func TestGroupsFilter(t *testing.T) {
	tenant := DemoTenant()
	tenant.Groups = append(tenant.Groups, GenerateGroups(3, 700)...)
	tenant.Groups = append(tenant.Groups, Group{ID: "6b300000-0000-4000-8000-000000000001", DisplayName: Ptr("O'Brien and Co")})
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	list := func(filter string, headers ...string) []string {
		var ids []string
		link := s.URL() + "/v1.0/groups?$select=id&$top=999&$filter=" + url.QueryEscape(filter)
		if len(headers) > 0 {
			link += "&$count=true" // an advanced query
		}
		for link != "" {
			resp, body := get(t, link, tok, headers...)
			page := decodeCollection(t, resp, body)
			for _, item := range page.Value {
				var id string
				if err := json.Unmarshal(item["id"], &id); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			link = page.NextLink
		}
		slices.Sort(ids)
		return ids
	}
	want := func(keep func(*Group) bool) []string {
		var ids []string
		for i := range tenant.Groups {
			if keep(&tenant.Groups[i]) {
				ids = append(ids, strings.ToLower(tenant.Groups[i].ID))
			}
		}
		slices.Sort(ids)
		return ids
	}
	has := func(kind string) func(*Group) bool {
		return func(g *Group) bool { return slices.Contains(g.GroupTypes, kind) }
	}
	isTrue := func(v *bool) bool { return v != nil && *v }
	for filter, keep := range map[string]func(*Group) bool{
		"securityEnabled eq true":                    func(g *Group) bool { return isTrue(g.SecurityEnabled) },
		"mailEnabled eq false":                       func(g *Group) bool { return g.MailEnabled != nil && !*g.MailEnabled },
		"groupTypes/any(c:c eq 'Unified')":           has("Unified"),
		"groupTypes/any(x:x eq 'DynamicMembership')": has("DynamicMembership"),
		"hasMembersWithLicenseErrors eq true":        func(g *Group) bool { return g.HasMembersWithLicenseErrors },
		"startswith(displayName,'o''brien and')":     func(g *Group) bool { return g.DisplayName != nil && *g.DisplayName == "O'Brien and Co" },
		"startswith(displayName,'Sales') and groupTypes/any(c:c eq 'Unified') and mailEnabled eq true": func(g *Group) bool {
			return g.DisplayName != nil && strings.HasPrefix(*g.DisplayName, "Sales") && has("Unified")(g) && isTrue(g.MailEnabled)
		},
	} {
		got, expected := list(filter), want(keep)
		if len(expected) == 0 || !slices.Equal(got, expected) {
			t.Errorf("%s: %d groups, want %d", filter, len(got), len(expected))
		}
	}
	// not and ne are advanced queries: refused without the parameters,
	// served with them.
	for _, filter := range []string{"not(groupTypes/any(c:c eq 'Unified'))", "securityEnabled ne true"} {
		resp, body := get(t, s.URL()+"/v1.0/groups?$filter="+url.QueryEscape(filter), tok)
		if e := expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery"); !strings.Contains(e.Error.Message, "ConsistencyLevel") {
			t.Errorf("%s: message %q does not say what is missing", filter, e.Error.Message)
		}
	}
	notUnified := list("not(groupTypes/any(c:c eq 'Unified'))", "ConsistencyLevel", "eventual")
	if expected := want(func(g *Group) bool { return !has("Unified")(g) }); !slices.Equal(notUnified, expected) {
		t.Errorf("not Unified as an advanced query: %d groups, want %d", len(notUnified), len(expected))
	}
	// createdDateTime is not filterable, advanced or not.
	resp, body := get(t, s.URL()+"/v1.0/groups?$count=true&$filter="+url.QueryEscape("createdDateTime ge 2024-01-01T00:00:00Z"), tok,
		"ConsistencyLevel", "eventual")
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
	resp, body = get(t, s.URL()+"/v1.0/groups?$filter="+url.QueryEscape("hasMembersWithLicenseErrors eq false"), tok)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
}

// UNKNOWN 10's other answer, on a tenant switch.
func TestGroupsLicenseErrorsFilterAdvancedOnly(t *testing.T) {
	tenant := DemoTenant()
	tenant.GroupLicenseErrorsFilterAdvancedOnly = true
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	link := s.URL() + "/v1.0/groups?$select=id&$filter=" + url.QueryEscape("hasMembersWithLicenseErrors eq true")
	resp, body := get(t, link, tok)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
	resp, body = get(t, link+"&$count=true", tok, "ConsistencyLevel", "eventual")
	page := decodeCollection(t, resp, body)
	if len(page.Value) != 1 || string(page.Value[0]["id"]) != `"`+DemoVisioUsersGroupID+`"` || page.Count == nil || *page.Count != 1 {
		t.Fatalf("advanced licence errors read: %s", body)
	}
}

// The default set leaves assignedLicenses out; $select brings it;
// hasMembersWithLicenseErrors is never sent, even when selected; pages are
// 100 by default and 999 at most.
func TestGroupsProperties(t *testing.T) {
	tenant := DemoTenant()
	tenant.Groups = append(tenant.Groups, GenerateGroups(5, 1200)...)
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	resp, body := get(t, s.URL()+"/v1.0/groups", tok)
	page := decodeCollection(t, resp, body)
	if len(page.Value) != 100 || page.NextLink == "" {
		t.Fatalf("default page: %d groups, link %q", len(page.Value), page.NextLink)
	}
	for _, g := range page.Value {
		if _, ok := g["assignedLicenses"]; ok {
			t.Fatal("assignedLicenses in the default set")
		}
		if _, ok := g["groupTypes"]; !ok {
			t.Fatal("groupTypes missing from the default set")
		}
	}
	resp, body = get(t, s.URL()+"/v1.0/groups?$top=999&$select=id,assignedLicenses,hasMembersWithLicenseErrors&$filter="+
		url.QueryEscape("hasMembersWithLicenseErrors eq true"), tok)
	page = decodeCollection(t, resp, body)
	if len(page.Value) == 0 {
		t.Fatal("no group with licence errors")
	}
	for _, g := range page.Value {
		if _, ok := g["hasMembersWithLicenseErrors"]; ok {
			t.Fatal("hasMembersWithLicenseErrors sent")
		}
		if _, ok := g["assignedLicenses"]; !ok {
			t.Fatal("assignedLicenses not sent when selected")
		}
	}
	resp, body = get(t, s.URL()+"/v1.0/groups?$top=1000", tok)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
	for _, r := range s.Requests() {
		if r.Refused != "" && !strings.Contains(r.RawQuery, "top=1000") {
			t.Errorf("metadata check refused %s?%s: %s", r.Path, r.RawQuery, r.Refused)
		}
	}
}
