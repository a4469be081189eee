package fakegraph

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// servicePrincipalsPermissions grant GET /servicePrincipals (graph-reference §4).
var servicePrincipalsPermissions = []string{"Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}

func spString(name string, get func(*ServicePrincipal) *string) property[*ServicePrincipal] {
	return property[*ServicePrincipal]{name, func(b []byte, sp *ServicePrincipal) []byte { return appendStringPtr(b, get(sp)) }}
}

func spStrings(name string, get func(*ServicePrincipal) []string) property[*ServicePrincipal] {
	return property[*ServicePrincipal]{name, func(b []byte, sp *ServicePrincipal) []byte { return appendStrings(b, get(sp)) }}
}

func spNull(name string) property[*ServicePrincipal] {
	return property[*ServicePrincipal]{name, func(b []byte, _ *ServicePrincipal) []byte { return append(b, "null"...) }}
}

func spEmpty(name string) property[*ServicePrincipal] {
	return property[*ServicePrincipal]{name, func(b []byte, _ *ServicePrincipal) []byte { return append(b, "[]"...) }}
}

func appendVerifiedPublisher(b []byte, v VerifiedPublisher) []byte {
	b = append(b, '{')
	b = appendKey(b, "displayName", true)
	b = appendStringPtr(b, v.DisplayName)
	b = appendKey(b, "verifiedPublisherId", false)
	b = appendStringPtr(b, v.VerifiedPublisherID)
	b = appendKey(b, "addedDateTime", false)
	b = appendTimePtr(b, v.AddedDateTime)
	return append(b, '}')
}

func appendKeyCredentials(b []byte, keys []KeyCredential) []byte {
	b = append(b, '[')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendKey(b, "customKeyIdentifier", true)
		if k.CustomKeyIdentifier == nil {
			b = append(b, "null"...)
		} else {
			b = appendString(b, base64.StdEncoding.EncodeToString(k.CustomKeyIdentifier))
		}
		b = appendKey(b, "displayName", false)
		b = appendStringPtr(b, k.DisplayName)
		b = appendKey(b, "endDateTime", false)
		b = appendTimePtr(b, k.EndDateTime)
		b = appendKey(b, "key", false)
		b = append(b, "null"...)
		b = appendKey(b, "keyId", false)
		b = appendString(b, k.KeyID)
		b = appendKey(b, "startDateTime", false)
		b = appendTimePtr(b, k.StartDateTime)
		b = appendKey(b, "type", false)
		b = appendString(b, k.Type)
		b = appendKey(b, "usage", false)
		b = appendString(b, k.Usage)
		b = append(b, '}')
	}
	return append(b, ']')
}

// servicePrincipalEntity is microsoft.graph.servicePrincipal as the fake
// knows it. publisherName is beta-only: selecting it on v1.0 is an error, as
// Graph answers.
var servicePrincipalEntity = newEntityType("microsoft.graph.servicePrincipal", []property[*ServicePrincipal]{
	{"id", func(b []byte, sp *ServicePrincipal) []byte { return appendString(b, sp.ID) }},
	spNull("deletedDateTime"),
	{"accountEnabled", func(b []byte, sp *ServicePrincipal) []byte { return appendBoolPtr(b, sp.AccountEnabled) }},
	{"appId", func(b []byte, sp *ServicePrincipal) []byte { return appendString(b, sp.AppID) }},
	spString("appDisplayName", func(sp *ServicePrincipal) *string { return sp.AppDisplayName }),
	spString("appOwnerOrganizationId", func(sp *ServicePrincipal) *string { return sp.AppOwnerOrganizationID }),
	{"appRoleAssignmentRequired", func(b []byte, sp *ServicePrincipal) []byte {
		v := sp.AppRoleAssignmentRequired
		return appendBoolPtr(b, &v)
	}},
	spString("displayName", func(sp *ServicePrincipal) *string { return sp.DisplayName }),
	spString("homepage", func(sp *ServicePrincipal) *string { return sp.Homepage }),
	spString("loginUrl", func(sp *ServicePrincipal) *string { return sp.LoginURL }),
	spString("logoutUrl", func(sp *ServicePrincipal) *string { return sp.LogoutURL }),
	spString("preferredSingleSignOnMode", func(sp *ServicePrincipal) *string { return sp.PreferredSingleSignOnMode }),
	spStrings("replyUrls", func(sp *ServicePrincipal) []string { return sp.ReplyURLs }),
	{"servicePrincipalNames", func(b []byte, sp *ServicePrincipal) []byte { return appendStrings(b, []string{sp.AppID}) }},
	spString("servicePrincipalType", func(sp *ServicePrincipal) *string { return sp.ServicePrincipalType }),
	spString("signInAudience", func(sp *ServicePrincipal) *string { return sp.SignInAudience }),
	spStrings("tags", func(sp *ServicePrincipal) []string { return sp.Tags }),
	{"verifiedPublisher", func(b []byte, sp *ServicePrincipal) []byte { return appendVerifiedPublisher(b, sp.VerifiedPublisher) }},
	spNull("description"),
	spNull("notes"),
	spNull("applicationTemplateId"),
	spNull("appDescription"),
	spNull("disabledByMicrosoftStatus"),
	spString("preferredTokenSigningKeyThumbprint", func(sp *ServicePrincipal) *string { return sp.PreferredTokenSigningKeyThumbprint }),
	spNull("tokenEncryptionKeyId"),
	spNull("samlSingleSignOnSettings"),
	spNull("info"),
	spEmpty("alternativeNames"),
	spEmpty("notificationEmailAddresses"),
	spEmpty("appRoles"),
	spEmpty("oauth2PermissionScopes"),
	{"keyCredentials", func(b []byte, sp *ServicePrincipal) []byte { return appendKeyCredentials(b, sp.KeyCredentials) }},
	spEmpty("passwordCredentials"),
	spEmpty("addIns"),
	spEmpty("resourceSpecificApplicationPermissions"),
}, []string{
	// Without $select Graph sends every non-$select-only property; these
	// are the modelled ones, in Graph's order.
	"id", "deletedDateTime", "accountEnabled", "alternativeNames", "appDisplayName", "appDescription", "appId",
	"applicationTemplateId", "appOwnerOrganizationId", "appRoleAssignmentRequired", "description",
	"disabledByMicrosoftStatus", "displayName", "homepage", "loginUrl", "logoutUrl", "notes",
	"notificationEmailAddresses", "preferredSingleSignOnMode", "preferredTokenSigningKeyThumbprint", "replyUrls",
	"servicePrincipalNames", "servicePrincipalType", "signInAudience", "tags", "tokenEncryptionKeyId",
	"samlSingleSignOnSettings", "verifiedPublisher", "addIns", "appRoles", "info", "keyCredentials",
	"oauth2PermissionScopes", "passwordCredentials", "resourceSpecificApplicationPermissions",
}, nil)

// servicePrincipals returns the tenant's service principals in the order
// Graph pages them (object id, as the directory skiptoken suggests).
// The order is computed once per version of the tenant's slice (a test may
// append before serving): sorting 5,000 objects with lower-cased keys on
// every page request was most of the fake's time in the benchmarks.
// Callers must not modify the returned slice.
func (s *Server) servicePrincipals() []*ServicePrincipal {
	all := s.tenant.ServicePrincipals
	s.spOrder.mu.Lock()
	defer s.spOrder.mu.Unlock()
	if len(all) > 0 && s.spOrder.first == &all[0] && len(s.spOrder.list) == len(all) {
		return s.spOrder.list
	}
	sps := make([]*ServicePrincipal, len(all))
	keys := make(map[*ServicePrincipal]string, len(all))
	for i := range all {
		sps[i] = &all[i]
		keys[sps[i]] = strings.ToLower(all[i].ID)
	}
	sort.Slice(sps, func(i, j int) bool { return keys[sps[i]] < keys[sps[j]] })
	s.spOrder.list, s.spOrder.first = sps, nil
	if len(all) > 0 {
		s.spOrder.first = &all[0]
	}
	return sps
}

// spOrder caches servicePrincipals' answer.
type spOrder struct {
	mu    sync.Mutex
	first *ServicePrincipal // &tenant.ServicePrincipals[0] when list was built
	list  []*ServicePrincipal
}

// appIDFilter is the one $filter form the provider sends on
// /servicePrincipals: appId eq '<guid>'.
var appIDFilter = regexp.MustCompile(`^\s*appId\s+eq\s+'([0-9a-fA-F-]{36})'\s*$`)

// listServicePrincipals is GET /v1.0/servicePrincipals with $select, $top,
// $skiptoken, $count, $filter=appId eq '…' and $expand=owners.
func (c *graphCall) listServicePrincipals(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count", "$filter", "$expand")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	sps := c.s.servicePrincipals()
	if filter, ok := q["$filter"]; ok {
		match, qerr := servicePrincipalFilter(filter) // appId eq, id eq, id in (roster.go)
		if qerr != nil {
			qerr.write(w, r)
			return
		}
		var kept []*ServicePrincipal
		for _, sp := range sps {
			if match(sp) {
				kept = append(kept, sp)
			}
		}
		sps = kept
	}
	servePage(w, r, q, page[*ServicePrincipal]{
		entity:    servicePrincipalEntity,
		items:     sps,
		cursor:    func(sp *ServicePrincipal) string { return "ServicePrincipal_" + strings.ToLower(sp.ID) },
		context:   "servicePrincipals",
		baseUnits: 1,
		owners:    newOwnerExpansion(c, func(sp *ServicePrincipal) []string { return sp.Owners }),
	})
}

// findServicePrincipal returns the service principal with object id id.
func (s *Server) findServicePrincipal(id string) *ServicePrincipal {
	for i := range s.tenant.ServicePrincipals {
		if strings.EqualFold(s.tenant.ServicePrincipals[i].ID, id) {
			return &s.tenant.ServicePrincipals[i]
		}
	}
	return nil
}

// getServicePrincipal is GET /v1.0/servicePrincipals/{id} with $select.
func (c *graphCall) getServicePrincipal(w http.ResponseWriter, id string) {
	r := c.r
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected, qerr := servicePrincipalEntity.parseSelect(q["$select"], false)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	sp := c.s.findServicePrincipal(id)
	if sp == nil {
		writeResourceNotFound(w, r, id)
		return
	}
	writeEntity(w, metadataURL(r)+"servicePrincipals"+servicePrincipalEntity.contextSuffix(selected)+"/$entity",
		servicePrincipalEntity.appendObject(nil, sp, selected))
}

// writeResourceNotFound is Graph's answer for an unknown object id.
func writeResourceNotFound(w http.ResponseWriter, r *http.Request, id string) {
	writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
		"Resource '"+id+"' does not exist or one of its queried reference-property objects are not present.")
}
