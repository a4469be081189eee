package fakegraph

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// oauth2PermissionGrantsPermissions grant GET /oauth2PermissionGrants. The
// documented least privilege is Directory.Read.All; the narrower
// DelegatedPermissionGrant.Read.All exists and is accepted too
// (graph-reference-2 §3, conflict 5).
var oauth2PermissionGrantsPermissions = []string{
	"Directory.Read.All", "DelegatedPermissionGrant.Read.All",
	"DelegatedPermissionGrant.ReadWrite.All", "Directory.ReadWrite.All",
}

// grantEntity is microsoft.graph.oAuth2PermissionGrant.
var grantEntity = newEntityType("microsoft.graph.oAuth2PermissionGrant", []property[*OAuth2PermissionGrant]{
	{"id", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendString(b, GrantID(*g)) }},
	{"clientId", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendString(b, g.ClientID) }},
	{"consentType", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendString(b, g.ConsentType) }},
	{"principalId", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendStringPtr(b, g.PrincipalID) }},
	{"resourceId", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendString(b, g.ResourceID) }},
	{"scope", func(b []byte, g *OAuth2PermissionGrant) []byte { return appendString(b, g.Scope) }},
}, []string{"clientId", "consentType", "id", "principalId", "resourceId", "scope"}, nil)

// GrantID is the grant's id as Graph forms it: base64url without padding
// of the client's GUID bytes, then the resource's, then (for a Principal
// grant) the principal's, each in the little-endian GUID layout
// (graph-reference-2 §3).
func GrantID(g OAuth2PermissionGrant) string {
	b := guidBytes(g.ClientID)
	b = append(b, guidBytes(g.ResourceID)...)
	if g.PrincipalID != nil {
		b = append(b, guidBytes(*g.PrincipalID)...)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// The $filter forms the fake serves on grants: eq on clientId,
// consentType, principalId or resourceId (the documented ones).
var grantFilter = regexp.MustCompile(`^\s*(clientId|consentType|principalId|resourceId)\s+eq\s+'([^']*)'\s*$`)

// grants returns the tenant's grants in the order Graph pages them (by
// id), computed once per version of the tenant's slice.
func (s *Server) grants() ([]*OAuth2PermissionGrant, map[*OAuth2PermissionGrant]string) {
	all := s.tenant.OAuth2PermissionGrants
	s.grantOrder.mu.Lock()
	defer s.grantOrder.mu.Unlock()
	if len(all) > 0 && s.grantOrder.first == &all[0] && len(s.grantOrder.list) == len(all) {
		return s.grantOrder.list, s.grantOrder.ids
	}
	list := make([]*OAuth2PermissionGrant, len(all))
	s.grantOrder.ids = make(map[*OAuth2PermissionGrant]string, len(all))
	for i := range all {
		list[i] = &all[i]
		s.grantOrder.ids[list[i]] = GrantID(all[i])
	}
	ids := s.grantOrder.ids
	sort.Slice(list, func(i, j int) bool { return ids[list[i]] < ids[list[j]] })
	s.grantOrder.list, s.grantOrder.first = list, nil
	if len(all) > 0 {
		s.grantOrder.first = &all[0]
	}
	return list, ids
}

// grantOrder caches grants' answer.
type grantOrder struct {
	mu    sync.Mutex
	first *OAuth2PermissionGrant
	list  []*OAuth2PermissionGrant
	ids   map[*OAuth2PermissionGrant]string
}

// listOAuth2PermissionGrants is GET /v1.0/oauth2PermissionGrants with
// $select, $top, $skiptoken, $count and $filter=<property> eq '…'.
func (c *graphCall) listOAuth2PermissionGrants(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count", "$filter")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	list, ids := c.s.grants()
	if filter, ok := q["$filter"]; ok {
		m := grantFilter.FindStringSubmatch(filter)
		if m == nil {
			badRequest("Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified for property of resource 'OAuth2PermissionGrant'.").write(w, r)
			return
		}
		var kept []*OAuth2PermissionGrant
		for _, g := range list {
			var v string
			switch m[1] {
			case "clientId":
				v = g.ClientID
			case "consentType":
				v = g.ConsentType
			case "principalId":
				if g.PrincipalID != nil {
					v = *g.PrincipalID
				}
			case "resourceId":
				v = g.ResourceID
			}
			if strings.EqualFold(v, m[2]) {
				kept = append(kept, g)
			}
		}
		list = kept
	}
	servePage(w, r, q, page[*OAuth2PermissionGrant]{
		entity:    grantEntity,
		items:     list,
		cursor:    func(g *OAuth2PermissionGrant) string { return "OAuth2PermissionGrant_" + ids[g] },
		context:   "oauth2PermissionGrants",
		baseUnits: 2, // graph-reference-2 §3
	})
}

// countServicePrincipals is GET /v1.0/servicePrincipals/$count: the number
// as plain text, and only with ConsistencyLevel: eventual (an advanced
// query; without the header Graph refuses it, graph-reference §2.2).
func (c *graphCall) countServicePrincipals(w http.ResponseWriter) {
	r := c.r
	if !strings.EqualFold(r.Header.Get("ConsistencyLevel"), "eventual") {
		writeGraphError(w, r, http.StatusBadRequest, "Request_BadRequest", "$count is not currently supported.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain;charset=utf-8")
	h.Set("OData-Version", "4.0")
	h.Set("x-ms-resource-unit", "1")
	w.WriteHeader(http.StatusOK)
	// Graph starts the text with a byte order mark.
	_, _ = w.Write([]byte("\ufeff" + strconv.Itoa(len(c.s.tenant.ServicePrincipals))))
}
