package fakegraph

import (
	"net/http"
	"strings"
)

func orgNull(name string) property[*Tenant] {
	return property[*Tenant]{name, func(b []byte, _ *Tenant) []byte { return append(b, "null"...) }}
}

func orgEmpty(name string) property[*Tenant] {
	return property[*Tenant]{name, func(b []byte, _ *Tenant) []byte { return append(b, "[]"...) }}
}

// appendVerifiedDomains writes verifiedDomains with Graph's field order and
// capabilities as one comma-separated string.
func appendVerifiedDomains(b []byte, t *Tenant) []byte {
	b = append(b, '[')
	for i, d := range t.Domains {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendKey(b, "capabilities", true)
		b = appendString(b, d.Capabilities)
		b = appendKey(b, "isDefault", false)
		b = appendBool(b, d.IsDefault)
		b = appendKey(b, "isInitial", false)
		b = appendBool(b, d.IsInitial)
		b = appendKey(b, "name", false)
		b = appendString(b, d.Name)
		b = appendKey(b, "type", false)
		b = appendString(b, d.Type)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendBool(b []byte, v bool) []byte { return appendBoolPtr(b, &v) }

// organizationEntity is microsoft.graph.organization: every property is sent
// without $select; the ones the fake does not model are null or [].
var organizationEntity = newEntityType("microsoft.graph.organization", []property[*Tenant]{
	{"id", func(b []byte, t *Tenant) []byte { return appendString(b, t.ID) }},
	orgNull("deletedDateTime"),
	orgEmpty("businessPhones"),
	orgNull("city"),
	orgNull("country"),
	orgNull("countryLetterCode"),
	orgNull("createdDateTime"),
	orgNull("defaultUsageLocation"),
	{"displayName", func(b []byte, t *Tenant) []byte { return appendString(b, t.DisplayName) }},
	orgNull("isMultipleDataLocationsForServicesEnabled"),
	orgEmpty("marketingNotificationEmails"),
	orgNull("onPremisesLastSyncDateTime"),
	orgNull("onPremisesSyncEnabled"),
	orgNull("partnerTenantType"),
	orgNull("postalCode"),
	orgNull("preferredLanguage"),
	orgEmpty("securityComplianceNotificationMails"),
	orgEmpty("securityComplianceNotificationPhones"),
	orgNull("state"),
	orgNull("street"),
	orgEmpty("technicalNotificationMails"),
	{"tenantType", func(b []byte, _ *Tenant) []byte { return appendString(b, "AAD") }},
	orgNull("privacyProfile"),
	orgEmpty("assignedPlans"),
	orgEmpty("provisionedPlans"),
	{"verifiedDomains", appendVerifiedDomains},
}, nil, nil)

// listOrganization is GET /v1.0/organization: a collection of exactly one
// organization, with $select.
func (c *graphCall) listOrganization(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected, qerr := organizationEntity.parseSelect(q["$select"], true)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	setSuccessHeaders(w, 1)
	w.WriteHeader(http.StatusOK)
	b := writeCollectionStart(nil, metadataURL(r)+"organization"+organizationEntity.contextSuffix(selected), -1, "")
	b = organizationEntity.appendObject(b, c.s.tenant, selected)
	b = append(b, "]}"...)
	_, _ = w.Write(b)
}

// getOrganization is GET /v1.0/organization/{tenant id}.
func (c *graphCall) getOrganization(w http.ResponseWriter, id string) {
	r := c.r
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected, qerr := organizationEntity.parseSelect(q["$select"], false)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	if !strings.EqualFold(id, c.s.tenant.ID) {
		writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
			"Resource '"+id+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	writeEntity(w, metadataURL(r)+"organization"+organizationEntity.contextSuffix(selected)+"/$entity",
		organizationEntity.appendObject(nil, c.s.tenant, selected))
}
