package inventory

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// EndpointOf is the endpoint of the permission table that a Graph request
// (method, URL path under /v1.0 or /beta, raw query) reads, or "" when none
// matches. "{…}" in an endpoint stands for one path segment's value (or a
// key inside parentheses); a cast segment (microsoft.graph.user) and a
// trailing $count do not change the endpoint, as they do not change the
// permission. An endpoint with a query ("?$select=signInActivity") matches
// only requests whose $select, $filter or $orderby names that property, and
// is preferred over the same path without it.
//
// The tests use it to hold each data source's declared reads to the
// requests it really makes.
func EndpointOf(method, path, rawQuery string) string {
	segments := strings.Split(strings.Trim(path, "/"), "/")
	if len(segments) > 0 && (strings.EqualFold(segments[0], "v1.0") || strings.EqualFold(segments[0], "beta")) {
		segments = segments[1:]
	}
	kept := segments[:0]
	for _, s := range segments {
		if strings.HasPrefix(strings.ToLower(s), "microsoft.graph.") || s == "$count" {
			continue
		}
		kept = append(kept, s)
	}
	request := strings.ToUpper(method) + " /" + strings.Join(kept, "/")
	query, _ := url.ParseQuery(rawQuery)
	for _, m := range endpointMatchers() {
		if !m.path.MatchString(request) {
			continue
		}
		if m.names != "" && !queryNames(query, m.names) {
			continue
		}
		return m.endpoint
	}
	return ""
}

type endpointMatcher struct {
	endpoint string
	path     *regexp.Regexp
	names    string // the property the query must name; "" for none
}

var (
	matchersOnce sync.Once
	matchers     []endpointMatcher
)

// endpointMatchers are the table's endpoints as patterns, those with a
// query first.
func endpointMatchers() []endpointMatcher {
	matchersOnce.Do(func() {
		placeholder := regexp.MustCompile(`\\\{\w+\\\}`)
		for endpoint := range endpointPermissions {
			path, query, _ := strings.Cut(endpoint, "?")
			_, property, _ := strings.Cut(query, "=")
			pattern := placeholder.ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`)
			matchers = append(matchers, endpointMatcher{endpoint: endpoint,
				path: regexp.MustCompile(`(?i)^` + pattern + `$`), names: property})
		}
		sort.Slice(matchers, func(i, j int) bool {
			if (matchers[i].names != "") != (matchers[j].names != "") {
				return matchers[i].names != ""
			}
			return matchers[i].endpoint < matchers[j].endpoint
		})
	})
	return matchers
}

// queryNames reports whether $select, $filter or $orderby mentions property.
func queryNames(query url.Values, property string) bool {
	for _, option := range []string{"$select", "$filter", "$orderby"} {
		for _, v := range query[option] {
			if strings.Contains(strings.ToLower(v), strings.ToLower(property)) {
				return true
			}
		}
	}
	return false
}
