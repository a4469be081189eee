package fakegraph

import (
	"regexp"
	"strings"
)

// userFilterClause is one clause of the $filter forms the provider sends on
// /users, both supported by Graph without advanced query parameters
// (graph-reference §3.1): userType eq 'Guest' and accountEnabled eq
// true|false, joined by "and".
var userFilterClause = regexp.MustCompile(`^(?i:(userType)\s+eq\s+'(Member|Guest)'|(accountEnabled)\s+eq\s+(true|false))$`)

// skuFilterClause is assignedLicenses/any(x:x/skuId eq {guid}), a standard
// query on /users (graph-reference-2 §2): the GUID unquoted, any lambda
// variable name.
var skuFilterClause = regexp.MustCompile(`^(?i)assignedLicenses/any\((\w+):(\w+)/skuId\s+eq\s+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)$`)

// parseUserFilter returns a predicate for a /users $filter, or a 400 for a
// form the fake does not emulate.
func parseUserFilter(filter string) (func(*User) bool, *queryError) {
	var tests []func(*User) bool
	for _, clause := range regexp.MustCompile(`(?i)\s+and\s+`).Split(strings.TrimSpace(filter), -1) {
		if sku := skuFilterClause.FindStringSubmatch(strings.TrimSpace(clause)); sku != nil && sku[1] == sku[2] {
			skuID := sku[3]
			tests = append(tests, func(u *User) bool { return holdsSku(u, skuID) })
			continue
		}
		m := userFilterClause.FindStringSubmatch(strings.TrimSpace(clause))
		switch {
		case m == nil:
			return nil, badRequest("Request_UnsupportedQuery",
				"Unsupported or invalid query filter clause specified for property of resource 'User': '%s' (fakegraph emulates userType eq, accountEnabled eq and assignedLicenses/any(x:x/skuId eq {id})).", clause)
		case m[1] != "":
			want := m[2]
			tests = append(tests, func(u *User) bool { return u.UserType != nil && strings.EqualFold(*u.UserType, want) })
		default:
			want := strings.EqualFold(m[4], "true")
			tests = append(tests, func(u *User) bool { return u.AccountEnabled != nil && *u.AccountEnabled == want })
		}
	}
	return func(u *User) bool {
		for _, test := range tests {
			if !test(u) {
				return false
			}
		}
		return true
	}, nil
}

// filteredUsers returns the users (and their sort keys) a $filter keeps, in
// /users order.
func (s *Server) filteredUsers(keep func(*User) bool) ([]*User, []userKey) {
	var users []*User
	var keys []userKey
	for i, u := range s.users {
		if keep(u) {
			users = append(users, u)
			keys = append(keys, s.userKeys[i])
		}
	}
	return users, keys
}
