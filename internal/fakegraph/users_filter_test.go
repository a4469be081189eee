package fakegraph

import (
	"encoding/json"
	"net/url"
	"sort"
	"testing"
)

// TestUsersFilter covers the /users $filter forms the provider sends, paged,
// and refuses the others as Graph does.
func TestUsersFilter(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	want := func(keep func(*User) bool) []string {
		var ids []string
		for _, u := range s.Tenant().Users {
			if keep(&u) {
				ids = append(ids, u.ID)
			}
		}
		sort.Strings(ids)
		return ids
	}
	list := func(filter string) []string {
		var ids []string
		link := s.URL() + "/v1.0/users?$select=id&$top=2&$filter=" + url.QueryEscape(filter)
		for link != "" {
			resp, body := get(t, link, tok)
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
		sort.Strings(ids)
		return ids
	}
	guest := func(u *User) bool { return u.UserType != nil && *u.UserType == "Guest" }
	disabled := func(u *User) bool { return u.AccountEnabled != nil && !*u.AccountEnabled }
	for filter, keep := range map[string]func(*User) bool{
		"userType eq 'Guest'":                             guest,
		"accountEnabled eq false":                         disabled,
		"userType eq 'Guest' and accountEnabled eq false": func(u *User) bool { return guest(u) && disabled(u) },
	} {
		got, expected := list(filter), want(keep)
		if len(expected) == 0 || len(got) != len(expected) {
			t.Fatalf("%s: %v, want %v", filter, got, expected)
		}
		for i := range got {
			if got[i] != expected[i] {
				t.Fatalf("%s: %v, want %v", filter, got, expected)
			}
		}
	}
	resp, body := get(t, s.URL()+"/v1.0/users?$filter="+url.QueryEscape("startsWith(mail,'a')"), tok)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
}
