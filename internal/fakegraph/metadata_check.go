package fakegraph

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The metadata check holds every Graph v1.0 request to Microsoft's
// published metadata before any handler sees it: the path must resolve and
// $select, $filter, $orderby and $expand must name properties of the type
// the path addresses. Graph refuses anything else with 400 BadRequest, so a
// test can no longer pass on a request real Graph would refuse, and an
// endpoint added to the fake is checked from its first request.

// checkGraphRequest checks r against the v1.0 metadata; nil when it passes
// or is not a v1.0 request (beta has its own metadata, not vendored).
func checkGraphRequest(r *http.Request) *queryError {
	rest, ok := cutVersion(r.URL.EscapedPath(), "v1.0")
	if !ok {
		return nil
	}
	return mustGraphModel().checkRequest(rest, r.URL.RawQuery)
}

// cutVersion returns the path after /{version}/, matching case-insensitively.
func cutVersion(escapedPath, version string) (string, bool) {
	first, rest, _ := strings.Cut(strings.TrimPrefix(escapedPath, "/"), "/")
	if !strings.EqualFold(first, version) {
		return "", false
	}
	return rest, true
}

// checkRequest checks a path (after /v1.0/, still escaped) and its raw
// query against the model.
func (m *edmModel) checkRequest(escapedPath, rawQuery string) *queryError {
	target, qe := m.resolvePath(escapedPath)
	if qe != nil {
		return qe
	}
	// Split by hand: url.ParseQuery refuses the ';' that separates options
	// nested in $expand, which Graph reads.
	for _, pair := range strings.Split(rawQuery, "&") {
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err1 := url.QueryUnescape(rawName)
		value, err2 := url.QueryUnescape(rawValue)
		if err1 != nil || err2 != nil {
			continue // the handler answers a malformed query (parseQuery)
		}
		if qe := m.checkOption(target, strings.ToLower(name), value); qe != nil {
			return qe
		}
	}
	return nil
}

// checkOption checks one query option about target; options the check does
// not read ($top, $count, $skiptoken, …) and parameters without $ pass.
func (m *edmModel) checkOption(target edmTarget, name, value string) *queryError {
	if target.typ == nil || strings.TrimSpace(value) == "" { // a primitive, enum or stream has no properties to name
		return nil
	}
	switch name {
	case "$select":
		if err := m.checkSelect(target.typ, value); err != nil {
			return badRequest("BadRequest", "Parsing OData Select and Expand failed: %s", err.message)
		}
	case "$expand":
		if err := m.checkExpand(target.typ, value); err != nil {
			return badRequest("BadRequest", "Parsing OData Select and Expand failed: %s", err.message)
		}
	case "$filter":
		if err := m.checkExpression(elementOf(target), value); err != nil {
			return badRequest("BadRequest", "Invalid filter clause: %s", err.message)
		}
	case "$orderby":
		if err := m.checkOrderBy(elementOf(target), value); err != nil {
			return badRequest("BadRequest", "Invalid $orderby clause: %s", err.message)
		}
	}
	return nil
}

// elementOf is one item of target ($it of a $filter on a collection).
func elementOf(target edmTarget) edmTarget {
	target.collection = false
	target.ending = ""
	return target
}

// checkSelect checks a $select list: *, a property, a path into complex
// properties, or a cast followed by a property of the derived type
// (microsoft.graph.user/userPrincipalName).
func (m *edmModel) checkSelect(t *edmType, raw string) *exprError {
	for _, item := range splitTopLevel(raw, ',') {
		item = strings.TrimSpace(item)
		path, _, _ := strings.Cut(item, "(") // nested options (OData 4.01) are not checked
		if path == "" {
			return &exprError{fmt.Sprintf("Term '%s' is not valid in a $select or $expand expression.", raw)}
		}
		if path == "*" || strings.HasSuffix(path, ".*") {
			continue
		}
		cur := t
		segs := strings.Split(path, "/")
		for i, seg := range segs {
			if cur == nil || i > 0 && seg == "" {
				return &exprError{fmt.Sprintf("Term '%s' is not valid in a $select or $expand expression.", item)}
			}
			if strings.Contains(seg, ".") {
				cast := m.structured(seg)
				if cast == nil || !cast.isA(cur) && !cur.isA(cast) {
					return noSuchProperty(seg, cur)
				}
				cur = cast
				continue
			}
			prop := lenientProperty(cur, seg)
			if prop == nil {
				return noSuchProperty(seg, cur)
			}
			if i < len(segs)-1 && prop.nav {
				return &exprError{fmt.Sprintf("Found a path with multiple navigation properties or a bad complex property path in a select clause: '%s'.", item)}
			}
			cur = m.structured(prop.typeName)
		}
	}
	return nil
}

// checkExpand checks a $expand list: navigation properties (after an
// optional cast), each with its own options in parentheses, which are
// checked against the navigation's target type.
func (m *edmModel) checkExpand(t *edmType, raw string) *exprError {
	for _, item := range splitTopLevel(raw, ',') {
		item = strings.TrimSpace(item)
		path, options, hasOptions := strings.Cut(item, "(")
		if hasOptions {
			if !strings.HasSuffix(options, ")") {
				return &exprError{fmt.Sprintf("Term '%s' is not valid in a $select or $expand expression.", item)}
			}
			options = options[:len(options)-1]
		}
		path = strings.TrimSpace(path)
		if path == "*" {
			continue
		}
		target, err := m.expandPath(t, path)
		if err != nil {
			return err
		}
		if !hasOptions {
			continue
		}
		for _, opt := range splitTopLevel(options, ';') {
			name, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
			var err *exprError
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "$select":
				err = m.checkSelect(target.typ, value)
			case "$expand":
				err = m.checkExpand(target.typ, value)
			case "$filter":
				err = m.checkExpression(elementOf(target), value)
			case "$orderby":
				err = m.checkOrderBy(elementOf(target), value)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// expandPath resolves cast/…/navigation[/$ref|/$count] from t.
func (m *edmModel) expandPath(t *edmType, path string) (edmTarget, *exprError) {
	cur := t
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if strings.Contains(seg, ".") && i < len(segs)-1 {
			cast := m.structured(seg)
			if cast == nil || !cast.isA(cur) && !cur.isA(cast) {
				return edmTarget{}, noSuchProperty(seg, cur)
			}
			cur = cast
			continue
		}
		prop := lenientProperty(cur, seg)
		if prop == nil {
			return edmTarget{}, noSuchProperty(seg, cur)
		}
		if !prop.nav {
			return edmTarget{}, &exprError{fmt.Sprintf("Property '%s' on type '%s' is not a navigation property or complex property. Only navigation properties can be expanded.", prop.name, cur.name)}
		}
		target := m.valueTarget(prop.typeName, prop.collection)
		rest := segs[i+1:]
		if len(rest) == 1 && (rest[0] == "$ref" || rest[0] == "$count" && prop.collection) {
			return target, nil
		}
		if len(rest) > 0 {
			return edmTarget{}, &exprError{fmt.Sprintf("Found a path with multiple navigation properties or a bad complex property path in a select clause: '%s'.", path)}
		}
		return target, nil
	}
	return edmTarget{}, &exprError{fmt.Sprintf("Term '%s' is not valid in a $select or $expand expression.", path)}
}

// checkOrderBy checks each "expression [asc|desc]" of an $orderby.
func (m *edmModel) checkOrderBy(it edmTarget, raw string) *exprError {
	for _, item := range splitTopLevel(raw, ',') {
		expr := strings.TrimSpace(item)
		if i := strings.LastIndexByte(expr, ' '); i >= 0 {
			if dir := strings.ToLower(expr[i+1:]); dir == "asc" || dir == "desc" {
				expr = strings.TrimSpace(expr[:i])
			}
		}
		if err := m.checkExpression(it, expr); err != nil {
			return err
		}
	}
	return nil
}
