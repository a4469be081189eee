package fakegraph

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// queryError is a 4xx/5xx answer to a bad query, written as Graph's error.
type queryError struct {
	status        int
	code, message string
}

func (e *queryError) write(w http.ResponseWriter, r *http.Request) {
	writeGraphError(w, r, e.status, e.code, e.message)
}

func badRequest(code, format string, args ...any) *queryError {
	return &queryError{http.StatusBadRequest, code, fmt.Sprintf(format, args...)}
}

// parseQuery returns the OData system query options of r ($-prefixed,
// names case-insensitive, keyed in lower case), refusing the ones not in
// allowed. Other parameters are ignored, as Graph does.
func parseQuery(r *http.Request, allowed ...string) (map[string]string, *queryError) {
	rest, expand := cutExpand(r.URL.RawQuery)
	values, err := url.ParseQuery(rest)
	if err != nil {
		return nil, badRequest("BadRequest", "The query specified in the URI is not valid.")
	}
	if len(expand) > 0 { // an absent $expand must stay absent, not become an empty one
		values["$expand"] = append(values["$expand"], expand...)
	}
	out := make(map[string]string)
	for name, vs := range values {
		if !strings.HasPrefix(name, "$") {
			continue
		}
		key := strings.ToLower(name)
		if _, dup := out[key]; dup || len(vs) > 1 {
			return nil, badRequest("BadRequest", "Query option '%s' was specified more than once, but it must be specified at most once.", name)
		}
		known := false
		for _, a := range allowed {
			known = known || a == key
		}
		if !known {
			switch key {
			case "$skip":
				return nil, badRequest("Request_BadRequest", "'$skip' is not supported by the service.")
			case "$filter", "$orderby", "$search", "$expand", "$apply", "$compute", "$format":
				return nil, badRequest("Request_UnsupportedQuery", "The query option '%s' is not emulated by fakegraph on this resource.", name)
			default:
				return nil, badRequest("BadRequest", "Query option '%s' is not supported.", name)
			}
		}
		out[key] = vs[0]
	}
	return out, nil
}

// cutExpand takes the $expand options out of a raw query, unescaped:
// url.ParseQuery refuses the ';' that separates options nested in $expand
// (owners($select=id;$top=5)), which Graph reads. A $expand that does not
// unescape stays in rest, for ParseQuery to refuse.
func cutExpand(raw string) (rest string, expand []string) {
	var kept []string
	for _, pair := range strings.Split(raw, "&") {
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err1 := url.QueryUnescape(rawName)
		value, err2 := url.QueryUnescape(rawValue)
		if err1 == nil && err2 == nil && strings.EqualFold(name, "$expand") {
			expand = append(expand, value)
			continue
		}
		kept = append(kept, pair)
	}
	return strings.Join(kept, "&"), expand
}

// property is one property of an entity type: its canonical camelCase name
// and how to write its value. A nil write means the property may be
// $selected but is never sent (Graph leaves it out when it has no value).
type property[T any] struct {
	name  string
	write func(b []byte, v T) []byte
}

// entityType describes an entity for $select: its properties, the ones sent
// without $select, and the ones Graph refuses on collections.
type entityType[T any] struct {
	name       string // e.g. "microsoft.graph.user"
	props      []property[T]
	defaults   []int
	singleOnly map[string]bool // lower-case names: 501 on collections
	index      map[string]int  // lower-case name -> props index
}

func newEntityType[T any](name string, props []property[T], defaults []string, singleOnly []string) *entityType[T] {
	e := &entityType[T]{name: name, props: props, index: make(map[string]int), singleOnly: make(map[string]bool)}
	for i, p := range props {
		e.index[strings.ToLower(p.name)] = i
	}
	if defaults == nil { // every property is sent by default
		for i := range props {
			e.defaults = append(e.defaults, i)
		}
	}
	for _, d := range defaults {
		i, ok := e.index[strings.ToLower(d)]
		if !ok {
			panic("fakegraph: default property " + d + " is not a property of " + name)
		}
		e.defaults = append(e.defaults, i)
	}
	for _, n := range singleOnly {
		e.singleOnly[strings.ToLower(n)] = true
	}
	return e
}

// parseSelect returns the properties a $select names, in its order without
// repeats, matching names case-insensitively; nil when raw is empty (the
// default set applies).
func (e *entityType[T]) parseSelect(raw string, collection bool) ([]int, *queryError) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var out []int
	seen := make(map[int]bool)
	for _, name := range strings.Split(raw, ",") {
		name = strings.TrimSpace(name)
		lower := strings.ToLower(name)
		if collection && e.singleOnly[lower] {
			return nil, &queryError{http.StatusNotImplemented, "NotImplemented",
				fmt.Sprintf("The property '%s' is only supported when requesting a single %s, not a collection.", name, strings.TrimPrefix(e.name, "microsoft.graph."))}
		}
		i, ok := e.index[lower]
		if !ok {
			return nil, badRequest("BadRequest", "Parsing OData Select and Expand failed: Could not find a property named '%s' on type '%s'.", name, e.name)
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out, nil
}

// contextSuffix is the "(a,b)" part of @odata.context for a $select.
func (e *entityType[T]) contextSuffix(selected []int) string {
	if selected == nil {
		return ""
	}
	names := make([]string, len(selected))
	for i, p := range selected {
		names[i] = e.props[p].name
	}
	return "(" + strings.Join(names, ",") + ")"
}

// appendObject writes v with the selected properties (the default set when
// selected is nil).
func (e *entityType[T]) appendObject(b []byte, v T, selected []int) []byte {
	if selected == nil {
		selected = e.defaults
	}
	b = append(b, '{')
	first := true
	for _, i := range selected {
		p := e.props[i]
		if p.write == nil {
			continue
		}
		mark := len(b)
		b = appendKey(b, p.name, first)
		keyEnd := len(b)
		b = p.write(b, v)
		if len(b) == keyEnd { // the writer left the property out for this object
			b = b[:mark]
			continue
		}
		first = false
	}
	return append(b, '}')
}

// parseTop validates $top against Graph's directory bounds.
func parseTop(raw string, def, maxTop int) (int, *queryError) {
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		return 0, badRequest("BadRequest", "Invalid value '%s' for query option '$top'.", raw)
	}
	if n < 1 || n > maxTop {
		return 0, badRequest("Request_UnsupportedQuery", "Invalid page size specified: '%d'. Must be between 1 and %d inclusive.", n, maxTop)
	}
	return n, nil
}

// wantCount reports whether the first page carries @odata.count: only with
// $count=true and the ConsistencyLevel: eventual header; without the header
// Graph silently ignores $count=true (graph-reference §2.2).
func wantCount(r *http.Request, q map[string]string) (bool, *queryError) {
	raw, ok := q["$count"]
	if !ok {
		return false, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return false, badRequest("BadRequest", "Invalid value '%s' for query option '$count'.", raw)
	}
	return v && strings.EqualFold(r.Header.Get("ConsistencyLevel"), "eventual"), nil
}

// Directory skiptokens look like Graph's (base64 of a cursor that starts
// with "DSpt\x02\x00\x01\x00\x00\x00", hence "RFNwdAIAAQAAA…"), and carry
// the page number and the sort key of the last object sent.
var skipTokenMagic = []byte("DSpt\x02\x00\x01\x00\x00\x00")

type skipToken struct {
	page int    // the page this token asks for (2 for the first nextLink)
	key  string // e.g. ":dana.rivera@northwind.example)User_3f1c…"
}

func encodeSkipToken(t skipToken) string {
	b := append([]byte(nil), skipTokenMagic...)
	b = binary.AppendUvarint(b, uint64(t.page))
	b = binary.AppendUvarint(b, uint64(len(t.key)))
	b = append(b, t.key...)
	return base64.RawURLEncoding.EncodeToString(b)
}

var errBadSkipToken = errors.New("invalid skip token")

func decodeSkipToken(s string) (skipToken, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < len(skipTokenMagic) || string(b[:len(skipTokenMagic)]) != string(skipTokenMagic) {
		return skipToken{}, errBadSkipToken
	}
	b = b[len(skipTokenMagic):]
	page, n := binary.Uvarint(b)
	if n <= 0 || page < 2 || page > 1<<31 {
		return skipToken{}, errBadSkipToken
	}
	b = b[n:]
	size, n := binary.Uvarint(b)
	if n <= 0 || size != uint64(len(b)-n) {
		return skipToken{}, errBadSkipToken
	}
	return skipToken{page: int(page), key: string(b[n:])}, nil
}

// nextLink is the absolute URL of the next page on the host the request
// reached: the same path and query options, with $skiptoken replaced.
func nextLink(r *http.Request, token string) string {
	var parts []string
	for _, p := range strings.Split(r.URL.RawQuery, "&") {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if uk, err := url.QueryUnescape(k); err == nil && strings.EqualFold(uk, "$skiptoken") {
			continue
		}
		parts = append(parts, p)
	}
	parts = append(parts, "$skiptoken="+token)
	return baseURL(r) + r.URL.EscapedPath() + "?" + strings.Join(parts, "&")
}

// defaultNames are the names of the properties sent without $select.
func (e *entityType[T]) defaultNames() []string {
	names := make([]string, len(e.defaults))
	for i, d := range e.defaults {
		names[i] = e.props[d].name
	}
	return names
}
