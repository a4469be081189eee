package fakegraph

import (
	"net/http"
	"sort"
	"strings"
)

// Owners of applications and service principals (graph-reference-3 §1): the
// /{collection}/{id}/owners list and $expand=owners on the collection's list.
// Both are generic over "the owner ids of object X": a collection supplies
// that lookup and nothing else.

// Limits of $expand on directory objects (graph-reference-3 §0.3): the
// parent page is capped at 100, and an expanded set holds at most 20 items,
// silently truncated, without a nextLink of its own.
const (
	maxExpandPageSize  = 100
	maxExpandedObjects = 20
)

// ownerReadPermissions let an app see an owner of each type in full; without
// one, the owner comes back as a bare {@odata.type, id} with null names
// (graph-reference-3 §0.4). Application.Read.All, which the owners need,
// reads service principals but not users. Whether User.ReadBasic.All would
// do is UNKNOWN (§0.4): the fake says no, so the provider asks for
// User.Read.All.
var ownerReadPermissions = map[string][]string{
	"user":             {"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"},
	"servicePrincipal": readPermissions["servicePrincipal"],
}

// ownersLookup finds an object of a collection by id (case-insensitively)
// and returns its owners' object ids; false when the collection has no such
// object.
type ownersLookup func(s *Server, id string) (ownerIDs []string, ok bool)

// servicePrincipalOwners is the lookup of /servicePrincipals.
func servicePrincipalOwners(s *Server, id string) ([]string, bool) {
	sp := s.findServicePrincipal(id)
	if sp == nil {
		return nil, false
	}
	return sp.Owners, true
}

// ownerObjects resolves owner ids to the tenant's objects, in Graph's paging
// order (object id); ids the tenant does not have, and repeats, are left out.
func (d *directory) ownerObjects(ids []string) []directoryObject {
	out := make([]directoryObject, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		key := strings.ToLower(id)
		if o, ok := d.objects[key]; ok && !seen[key] {
			seen[key] = true
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return memberCursor(out[i]) < memberCursor(out[j]) })
	return out
}

// ownerReadable is which owner types c's token may read in full.
func (c *graphCall) ownerReadable() map[string]bool {
	readable := make(map[string]bool, len(ownerReadPermissions))
	for kind, perms := range ownerReadPermissions {
		readable[kind] = c.hasAnyRole(perms)
	}
	return readable
}

// listOwners is GET /v1.0/{collection}/{id}/owners with $select, $top,
// $skiptoken and $count; the caller has checked the collection's
// permissions. Graph documents no page size for owners (UNKNOWN 1): the
// fake pages like other directory lists, 100 by default.
func (c *graphCall) listOwners(w http.ResponseWriter, id string, lookup ownersLookup) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	ownerIDs, ok := lookup(c.s, id)
	if !ok {
		writeResourceNotFound(w, r, id)
		return
	}
	serveObjects(w, r, q, objectPage{
		items:     c.s.dir().ownerObjects(ownerIDs),
		context:   "directoryObjects",
		baseUnits: 1,
		readable:  c.ownerReadable(),
	})
}

// ownerExpansion lets a list serve $expand=owners: ownersOf gives an item's
// owner ids. newOwnerExpansion binds it to the request's token.
type ownerExpansion[T any] struct {
	ownersOf func(T) []string
	dir      *directory
	readable map[string]bool
}

func newOwnerExpansion[T any](c *graphCall, ownersOf func(T) []string) *ownerExpansion[T] {
	return &ownerExpansion[T]{ownersOf: ownersOf, dir: c.s.dir(), readable: c.ownerReadable()}
}

// parseOwnersExpand reads a $expand value: "owners" or
// "owners($select=...)" (the nested form the metadata allows, and Graph's
// docs show; graph-reference-3 CONFLICT 2). It returns the owners' selected
// properties (nil: each owner's default set). Other nested options and other
// relationships are not emulated.
func parseOwnersExpand(raw string) ([]int, *queryError) {
	item := strings.TrimSpace(raw)
	name, options, nested := strings.Cut(item, "(")
	if !strings.EqualFold(strings.TrimSpace(name), "owners") { // "owners,memberOf" too
		return nil, badRequest("Request_UnsupportedQuery", "The query option '$expand=%s' is not emulated by fakegraph on this resource.", raw)
	}
	if !nested {
		return nil, nil
	}
	options, ok := strings.CutSuffix(strings.TrimSpace(options), ")")
	if !ok {
		return nil, badRequest("BadRequest", "Parsing OData Select and Expand failed: Term '%s' is not valid in a $select or $expand expression.", raw)
	}
	var selected []int
	for _, opt := range strings.Split(options, ";") {
		key, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
		if !strings.EqualFold(strings.TrimSpace(key), "$select") {
			return nil, badRequest("Request_UnsupportedQuery", "The option '%s' nested in $expand is not emulated by fakegraph.", key)
		}
		sel, qerr := parseMemberSelect(value)
		if qerr != nil {
			return nil, qerr
		}
		selected = sel
	}
	return selected, nil
}

// appendOwners writes `"owners":[...]` for v into an object b has just
// closed: at most maxExpandedObjects owners, in paging order, the rest
// dropped without a word, as Graph does.
func (e *ownerExpansion[T]) appendOwners(b []byte, v T, selected []int) []byte {
	b = b[:len(b)-1] // reopen the object
	b = appendKey(b, "owners", b[len(b)-1] == '{')
	b = append(b, '[')
	owners := e.dir.ownerObjects(e.ownersOf(v))
	for i, o := range owners[:min(len(owners), maxExpandedObjects)] {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, o, selected, e.readable[o.kind])
	}
	return append(b, "]}"...)
}
