package fakegraph

import (
	"regexp"
	"slices"
	"strings"
)

// The $filter forms fakegraph serves on /groups (graph-reference-3 §4.2),
// clauses joined by "and":
//
//	securityEnabled eq true|false, mailEnabled eq true|false,
//	isAssignableToRole eq true|false        standard queries
//	groupTypes/any(c:c eq 'Unified'|'DynamicMembership')
//	startswith(displayName,'…')             quotes doubled inside
//	hasMembersWithLicenseErrors eq true     eq only; standard unless the
//	                                        tenant says otherwise (UNKNOWN 10)
//	not(<one of the above>), <bool> ne …    advanced queries only: without
//	                                        $count=true and ConsistencyLevel:
//	                                        eventual, 400 Request_UnsupportedQuery
//
// createdDateTime is refused whatever the parameters, as Graph does.
var (
	groupBoolClause     = regexp.MustCompile(`^(?i)(securityEnabled|mailEnabled|isAssignableToRole|hasMembersWithLicenseErrors)\s+(eq|ne)\s+(true|false)$`)
	groupTypesClause    = regexp.MustCompile(`^(?i)groupTypes/any\((\w+):\s*(\w+)\s+eq\s+'(Unified|DynamicMembership)'\)$`)
	groupStartsWith     = regexp.MustCompile(`^(?i)startswith\(\s*displayName\s*,\s*'((?:[^']|'')*)'\s*\)$`)
	groupNotClause      = regexp.MustCompile(`^(?i)not\s*\((.*)\)$`)
	groupCreatedClause  = regexp.MustCompile(`(?i)\bcreatedDateTime\b`)
	advancedQueryAdvice = "Try adding $count=true query parameter and ConsistencyLevel:eventual header. " +
		"Refer to https://aka.ms/graph-docs/advanced-queries for more information"
)

// parseGroupFilter returns a predicate for a /groups $filter, or the 400
// Graph answers. advanced is whether the request is an advanced query;
// licenseErrorsAdvancedOnly makes hasMembersWithLicenseErrors one too.
func parseGroupFilter(filter string, advanced, licenseErrorsAdvancedOnly bool) (func(*Group) bool, *queryError) {
	if groupCreatedClause.MatchString(filter) {
		return nil, badRequest("Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.")
	}
	var tests []func(*Group) bool
	for _, clause := range splitAnd(filter) {
		test, qerr := parseGroupClause(clause, advanced, licenseErrorsAdvancedOnly)
		if qerr != nil {
			return nil, qerr
		}
		tests = append(tests, test)
	}
	return func(g *Group) bool {
		for _, test := range tests {
			if !test(g) {
				return false
			}
		}
		return true
	}, nil
}

func parseGroupClause(clause string, advanced, licenseErrorsAdvancedOnly bool) (func(*Group) bool, *queryError) {
	if m := groupNotClause.FindStringSubmatch(clause); m != nil {
		if !advanced {
			return nil, badRequest("Request_UnsupportedQuery",
				"Operator 'not' is not supported because the required parameters might be missing. %s", advancedQueryAdvice)
		}
		inner, qerr := parseGroupClause(strings.TrimSpace(m[1]), advanced, licenseErrorsAdvancedOnly)
		if qerr != nil {
			return nil, qerr
		}
		return func(g *Group) bool { return !inner(g) }, nil
	}
	if m := groupTypesClause.FindStringSubmatch(clause); m != nil && m[1] == m[2] {
		want := m[3]
		return func(g *Group) bool {
			return slices.ContainsFunc(g.GroupTypes, func(t string) bool { return strings.EqualFold(t, want) })
		}, nil
	}
	if m := groupStartsWith.FindStringSubmatch(clause); m != nil {
		prefix := strings.ToLower(strings.ReplaceAll(m[1], "''", "'"))
		return func(g *Group) bool {
			return g.DisplayName != nil && strings.HasPrefix(strings.ToLower(*g.DisplayName), prefix)
		}, nil
	}
	m := groupBoolClause.FindStringSubmatch(clause)
	if m == nil {
		return nil, badRequest("Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property of resource 'Group': '%s' "+
				"(fakegraph emulates securityEnabled, mailEnabled, isAssignableToRole and hasMembersWithLicenseErrors eq, "+
				"groupTypes/any(c:c eq '…'), startswith(displayName,'…') and not(…)).", clause)
	}
	property, op, want := strings.ToLower(m[1]), strings.ToLower(m[2]), strings.EqualFold(m[3], "true")
	if op == "ne" && !advanced {
		return nil, badRequest("Request_UnsupportedQuery",
			"Operator 'ne' is not supported because the required parameters might be missing. %s", advancedQueryAdvice)
	}
	if property == "hasmemberswithlicenseerrors" {
		if op != "eq" || !want {
			// Graph documents eq only, and only ever shows eq true.
			return nil, badRequest("Request_UnsupportedQuery",
				"Unsupported or invalid query filter clause specified for property 'hasMembersWithLicenseErrors' of resource 'Group'.")
		}
		if licenseErrorsAdvancedOnly && !advanced {
			return nil, badRequest("Request_UnsupportedQuery",
				"Property 'hasMembersWithLicenseErrors' is not supported because the required parameters might be missing. %s", advancedQueryAdvice)
		}
		return func(g *Group) bool { return g.HasMembersWithLicenseErrors }, nil
	}
	get := map[string]func(*Group) *bool{
		"securityenabled":    func(g *Group) *bool { return g.SecurityEnabled },
		"mailenabled":        func(g *Group) *bool { return g.MailEnabled },
		"isassignabletorole": func(g *Group) *bool { return g.IsAssignableToRole },
	}[property]
	if op == "ne" {
		return func(g *Group) bool { v := get(g); return v == nil || *v != want }, nil
	}
	return func(g *Group) bool { v := get(g); return v != nil && *v == want }, nil
}

// splitAnd splits a $filter on its top-level "and"s: not inside quotes or
// parentheses (a display name prefix may contain " and ").
func splitAnd(filter string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(filter); i++ {
		switch c := filter[i]; {
		case c == '\'':
			quoted = !quoted // a doubled quote toggles twice
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && (c == ' ' || c == '\t') && len(filter) >= i+5 && strings.EqualFold(filter[i+1:i+4], "and") &&
			(filter[i+4] == ' ' || filter[i+4] == '\t'):
			out = append(out, strings.TrimSpace(filter[start:i]))
			start = i + 5
			i += 4
		}
	}
	return append(out, strings.TrimSpace(filter[start:]))
}
