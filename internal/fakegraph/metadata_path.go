package fakegraph

import (
	"net/url"
	"strings"
)

// edmTarget is what a request path addresses: a structured type (nil for a
// primitive, enum or stream), one value or a collection, and how the path
// ends.
type edmTarget struct {
	typ        *edmType
	typeName   string // full name, also for primitives (Edm.String)
	collection bool
	// ending is "$count", "$ref" or "$value" when the path ends so; query
	// options then apply to what came before (users/$count?$filter=…).
	ending string
}

// segmentNotFound is Graph's answer to a path the metadata does not resolve.
func segmentNotFound(segment string) *queryError {
	return badRequest("BadRequest", "Resource not found for the segment '%s'.", segment)
}

// resolvePath resolves the path after /v1.0/ (still escaped, so that a key
// holding a slash stays in its segment) to the type it addresses. An empty
// path is the service document.
func (m *edmModel) resolvePath(escaped string) (edmTarget, *queryError) {
	escaped = strings.Trim(escaped, "/")
	if escaped == "" {
		return edmTarget{}, nil
	}
	var cur edmTarget
	for i, raw := range strings.Split(escaped, "/") {
		seg, err := url.PathUnescape(raw)
		if err != nil || seg == "" {
			return edmTarget{}, segmentNotFound(raw)
		}
		if cur.ending != "" { // nothing follows $count, $ref or $value
			return edmTarget{}, segmentNotFound(seg)
		}
		var ok bool
		if i == 0 {
			cur, ok = m.rootSegment(seg)
		} else {
			cur, ok = m.nextSegment(cur, seg)
		}
		if !ok {
			return edmTarget{}, segmentNotFound(seg)
		}
	}
	return cur, nil
}

// splitCall splits "name(args)" into name and args; hasParens is false for
// a plain name.
func splitCall(seg string) (name, args string, hasParens, ok bool) {
	open := strings.IndexByte(seg, '(')
	if open < 0 {
		return seg, "", false, true
	}
	if !strings.HasSuffix(seg, ")") {
		return "", "", false, false
	}
	return seg[:open], seg[open+1 : len(seg)-1], true, true
}

// rootSegment resolves the first segment: an entity set (with an optional
// key or alternate key in parentheses), a singleton, or a function import.
func (m *edmModel) rootSegment(seg string) (edmTarget, bool) {
	name, args, hasParens, ok := splitCall(seg)
	if !ok {
		return edmTarget{}, false
	}
	root := m.roots[strings.ToLower(name)]
	if root == nil {
		return edmTarget{}, false
	}
	if root.function != "" {
		var unbound []*edmFunction
		for _, f := range m.functions[shortName(root.function)] {
			if !f.bound {
				unbound = append(unbound, f)
			}
		}
		return m.callFunction(unbound, args)
	}
	t := m.valueTarget(root.typeName, root.collection)
	if !hasParens {
		return t, true
	}
	if !root.collection {
		return edmTarget{}, false
	}
	return m.keySegment(t, args)
}

// shortName is the part of a qualified name after the last dot.
func shortName(qualified string) string {
	return qualified[strings.LastIndexByte(qualified, '.')+1:]
}

// valueTarget is a value of the named type.
func (m *edmModel) valueTarget(typeName string, collection bool) edmTarget {
	return edmTarget{typ: m.structured(typeName), typeName: typeName, collection: collection}
}

// keySegment applies "(key)" to a collection of entities: a single key
// value ('…' or a bare value), id='…', or an alternate key of the type
// (applications(appId='…')).
func (m *edmModel) keySegment(t edmTarget, args string) (edmTarget, bool) {
	if t.typ == nil || !t.typ.entity || !t.collection {
		return edmTarget{}, false
	}
	named, ok := parseNamedArgs(args)
	if !ok {
		return edmTarget{}, false
	}
	t.collection = false
	if len(named) == 0 { // a single positional key
		return t, strings.TrimSpace(args) != ""
	}
	if len(named) == 1 && named["id"] {
		return t, true
	}
	for x := t.typ; x != nil; x = x.base {
		for _, key := range x.altKeys {
			if sameNames(key, named) {
				return t, true
			}
		}
	}
	return edmTarget{}, false
}

// parseNamedArgs reads "a='x',b=2" into the set of lower-case names; an
// argument list without names (a single key value) gives an empty set.
func parseNamedArgs(args string) (map[string]bool, bool) {
	names := make(map[string]bool)
	for _, part := range splitTopLevel(args, ',') {
		name, _, hasName := strings.Cut(part, "=")
		if !hasName || strings.HasPrefix(strings.TrimSpace(part), "'") {
			if len(splitTopLevel(args, ',')) > 1 {
				return nil, false // several values need names
			}
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || names[name] {
			return nil, false
		}
		names[name] = true
	}
	return names, true
}

func sameNames(key []string, named map[string]bool) bool {
	if len(key) != len(named) {
		return false
	}
	for _, k := range key {
		if !named[strings.ToLower(k)] {
			return false
		}
	}
	return true
}

// splitTopLevel splits s at sep outside quotes and parentheses.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	depth, start, quoted := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted // '' inside a string toggles twice
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if strings.TrimSpace(s) == "" && len(out) == 0 {
		return nil
	}
	return append(out, s[start:])
}

// nextSegment resolves a segment after cur.
func (m *edmModel) nextSegment(cur edmTarget, seg string) (edmTarget, bool) {
	switch strings.ToLower(seg) {
	case "$count":
		if !cur.collection {
			return edmTarget{}, false
		}
		cur.ending = "$count"
		return cur, true
	case "$ref":
		if cur.typ == nil || !cur.typ.entity {
			return edmTarget{}, false
		}
		cur.ending = "$ref"
		return cur, true
	case "$value":
		if cur.collection || cur.typ != nil && !cur.typ.entity {
			return edmTarget{}, false
		}
		cur.ending = "$value"
		return cur, true
	}
	if cur.typ == nil { // a primitive or stream has no segments
		return edmTarget{}, false
	}
	name, args, hasParens, ok := splitCall(seg)
	if !ok {
		return edmTarget{}, false
	}
	if strings.Contains(name, ".") && !hasParens {
		if cast := m.structured(name); cast != nil {
			return m.castSegment(cur, cast)
		}
	}
	if fs := m.boundFunctions(cur, name); len(fs) > 0 {
		return m.callFunction(fs, args)
	}
	if cur.collection {
		// A name in Graph's namespace that is no type or function is a
		// mistyped cast, not a key; other dotted keys (a UPN) are keys.
		if hasParens || strings.HasPrefix(strings.ToLower(name), "microsoft.graph.") {
			return edmTarget{}, false
		}
		// Key as segment: /users/{id}.
		cur.collection = false
		return cur, cur.typ.entity
	}
	prop := cur.typ.property(name)
	if prop == nil {
		return edmTarget{}, false
	}
	t := m.valueTarget(prop.typeName, prop.collection)
	if !hasParens {
		return t, true
	}
	// A key on a collection-valued navigation property: members('…').
	if !prop.nav || !prop.collection {
		return edmTarget{}, false
	}
	return m.keySegment(t, args)
}

// castSegment narrows (or widens) cur to a related type; casting to an
// unrelated type does not resolve.
func (m *edmModel) castSegment(cur edmTarget, cast *edmType) (edmTarget, bool) {
	if !cast.isA(cur.typ) && !cur.typ.isA(cast) {
		return edmTarget{}, false
	}
	cur.typ, cur.typeName = cast, cast.name
	return cur, true
}

// boundFunctions are the overloads of the function name (short or
// qualified) bound to cur's type or a base type, with cur's collection-ness.
func (m *edmModel) boundFunctions(cur edmTarget, name string) []*edmFunction {
	short := strings.ToLower(shortName(name))
	var out []*edmFunction
	for _, f := range m.functions[short] {
		if !f.bound || f.bindingCollection != cur.collection {
			continue
		}
		if strings.Contains(name, ".") && !strings.EqualFold(name, namespaceOf(f.bindingType)+"."+f.name) {
			continue
		}
		binding := m.structured(f.bindingType)
		if binding != nil && cur.typ.isA(binding) {
			out = append(out, f)
		}
	}
	return out
}

func namespaceOf(qualified string) string {
	if i := strings.LastIndexByte(qualified, '.'); i >= 0 {
		return qualified[:i]
	}
	return ""
}

// callFunction picks the overload whose parameters the named arguments
// match (every argument a parameter, every non-nullable parameter given)
// and returns its result.
func (m *edmModel) callFunction(overloads []*edmFunction, args string) (edmTarget, bool) {
	named, ok := parseNamedArgs(args)
	if !ok || len(named) == 0 && strings.TrimSpace(args) != "" {
		return edmTarget{}, false
	}
	for _, f := range overloads {
		if functionAccepts(f, named) {
			return m.valueTarget(f.returnType, f.returnCollection), true
		}
	}
	return edmTarget{}, false
}

func functionAccepts(f *edmFunction, named map[string]bool) bool {
	known := 0
	for _, p := range f.params {
		given := named[strings.ToLower(p.name)]
		if given {
			known++
		} else if !p.nullable {
			return false
		}
	}
	return known == len(named)
}
