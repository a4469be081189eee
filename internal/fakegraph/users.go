package fakegraph

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// userKey is the order /users pages in: userPrincipalName compared without
// case, then id.
type userKey struct{ upn, id string }

func userSortKey(u *User) userKey {
	return userKey{strings.ToLower(u.UserPrincipalName), u.ID}
}

func (a userKey) less(b userKey) bool {
	if a.upn != b.upn {
		return a.upn < b.upn
	}
	return a.id < b.id
}

// cursor is the key as the skiptoken carries it, like Graph's
// ":{userPrincipalName})User_{objectId}".
func (a userKey) cursor() string { return ":" + a.upn + ")User_" + a.id }

func parseUserCursor(s string) (userKey, bool) {
	i := strings.LastIndex(s, ")User_")
	if !strings.HasPrefix(s, ":") || i < 1 {
		return userKey{}, false
	}
	return userKey{upn: s[1:i], id: s[i+len(")User_"):]}, true
}

func userString(name string, get func(*User) *string) property[*User] {
	return property[*User]{name, func(b []byte, u *User) []byte { return appendStringPtr(b, get(u)) }}
}

func userStrings(name string, get func(*User) []string) property[*User] {
	return property[*User]{name, func(b []byte, u *User) []byte { return appendStrings(b, get(u)) }}
}

func userTime(name string, get func(*User) *time.Time) property[*User] {
	return property[*User]{name, func(b []byte, u *User) []byte { return appendTimePtr(b, get(u)) }}
}

// userNull is a real user property the fake does not model: always null.
func userNull(name string) property[*User] {
	return property[*User]{name, func(b []byte, _ *User) []byte { return append(b, "null"...) }}
}

// userEmpty is a real collection property the fake does not model: always [].
func userEmpty(name string) property[*User] {
	return property[*User]{name, func(b []byte, _ *User) []byte { return append(b, "[]"...) }}
}

func isGuest(u *User) bool { return u.UserType != nil && *u.UserType == "Guest" }

// userEntity is microsoft.graph.user as the fake knows it: the properties it
// models, the others of the v1.0 schema as null or [] (so a $select of them
// is not an error), and the ones Graph only serves on a single user.
var userEntity = newEntityType("microsoft.graph.user", []property[*User]{
	{"id", func(b []byte, u *User) []byte { return appendString(b, u.ID) }},
	{"userPrincipalName", func(b []byte, u *User) []byte { return appendString(b, u.UserPrincipalName) }},
	userString("mail", func(u *User) *string { return u.Mail }),
	userString("givenName", func(u *User) *string { return u.GivenName }),
	userString("surname", func(u *User) *string { return u.Surname }),
	userString("displayName", func(u *User) *string { return u.DisplayName }),
	userString("department", func(u *User) *string { return u.Department }),
	userString("jobTitle", func(u *User) *string { return u.JobTitle }),
	userString("employeeId", func(u *User) *string { return u.EmployeeID }),
	userString("officeLocation", func(u *User) *string { return u.OfficeLocation }),
	userString("city", func(u *User) *string { return u.City }),
	userString("state", func(u *User) *string { return u.State }),
	userString("country", func(u *User) *string { return u.Country }),
	userString("userType", func(u *User) *string { return u.UserType }),
	userStrings("proxyAddresses", func(u *User) []string { return u.ProxyAddresses }),
	userStrings("otherMails", func(u *User) []string { return u.OtherMails }),
	userTime("employeeHireDate", func(u *User) *time.Time { return u.EmployeeHireDate }),
	userTime("createdDateTime", func(u *User) *time.Time { return u.CreatedDateTime }),
	{"accountEnabled", func(b []byte, u *User) []byte { return appendBoolPtr(b, u.AccountEnabled) }},
	{"mailNickname", func(b []byte, u *User) []byte {
		nick, _, _ := strings.Cut(u.UserPrincipalName, "@")
		return appendString(b, nick)
	}},
	{"creationType", func(b []byte, u *User) []byte {
		if isGuest(u) {
			return appendString(b, "Invitation")
		}
		return append(b, "null"...)
	}},
	userString("externalUserState", func(u *User) *string { return u.ExternalUserState }),
	userTime("externalUserStateChangeDateTime", func(u *User) *time.Time { return u.ExternalUserStateChangeDateTime }),
	{"signInActivity", appendSignInActivity},
	{"assignedLicenses", appendAssignedLicenses},
	{"licenseAssignmentStates", appendLicenseAssignmentStates},
	userEmpty("businessPhones"),
	userEmpty("imAddresses"),
	userEmpty("identities"),
	userEmpty("assignedPlans"),
	userEmpty("provisionedPlans"),
	userEmpty("onPremisesProvisioningErrors"),
	userNull("mobilePhone"),
	userNull("preferredLanguage"),
	userNull("usageLocation"),
	userNull("companyName"),
	userNull("employeeType"),
	userNull("employeeLeaveDateTime"),
	userNull("streetAddress"),
	userNull("postalCode"),
	userNull("faxNumber"),
	userNull("ageGroup"),
	userNull("consentProvidedForMinor"),
	userNull("legalAgeGroupClassification"),
	userNull("passwordPolicies"),
	userNull("lastPasswordChangeDateTime"),
	userNull("deletedDateTime"),
	userNull("securityIdentifier"),
	userNull("showInAddressList"),
	userNull("isResourceAccount"),
	userNull("preferredDataLocation"),
	userNull("signInSessionsValidFromDateTime"),
	userNull("onPremisesSyncEnabled"),
	userNull("onPremisesLastSyncDateTime"),
	userNull("onPremisesImmutableId"),
	userNull("onPremisesSamAccountName"),
	userNull("onPremisesUserPrincipalName"),
	userNull("onPremisesDomainName"),
	userNull("onPremisesDistinguishedName"),
	userNull("onPremisesSecurityIdentifier"),
	userNull("onPremisesExtensionAttributes"),
}, []string{
	// Graph's default set without $select (graph-reference §3.1), in the
	// order Graph writes it.
	"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
	"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
}, []string{
	"aboutMe", "birthday", "hireDate", "interests", "mySite", "pastProjects",
	"preferredName", "responsibilities", "schools", "skills", "mailboxSettings",
})

const (
	defaultPageSize = 100
	maxPageSize     = 999
	// Graph lowers the page size limit when signInActivity is selected.
	maxSignInActivityPageSize = 500
)

// selectsSignInActivity reports whether the selection needs AuditLog.Read.All.
func selectsSignInActivity(selected []int) bool {
	for _, i := range selected {
		if userEntity.props[i].name == "signInActivity" {
			return true
		}
	}
	return false
}

func (c *graphCall) checkSignInActivity(selected []int) *queryError {
	if selectsSignInActivity(selected) && !c.hasAnyRole([]string{"AuditLog.Read.All"}) {
		return &queryError{http.StatusForbidden, "Authentication_MSGraphPermissionMissing",
			"Calling principal does not have required MSGraph permissions AuditLog.Read.All"}
	}
	return nil
}

// listUsers is GET /v1.0/users with $select, $top, $skiptoken and $count.
func (c *graphCall) listUsers(w http.ResponseWriter) {
	r, s := c.r, c.s
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count", "$filter")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	users, userKeys := s.users, s.userKeys
	if filter, ok := q["$filter"]; ok {
		keep, qerr := parseUserFilter(filter)
		if qerr != nil {
			qerr.write(w, r)
			return
		}
		users, userKeys = s.filteredUsers(keep)
	}
	selected, qerr := userEntity.parseSelect(q["$select"], true)
	if qerr == nil {
		qerr = c.checkSignInActivity(selected)
	}
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	maxTop := maxPageSize
	if selectsSignInActivity(selected) {
		if !c.admitSignInActivity(w) {
			return
		}
		maxTop = s.signInActivityMaxPage()
	}
	top, qerr := parseTop(q["$top"], defaultPageSize, maxTop)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	count, qerr := wantCount(r, q)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	start, page := 0, 1
	if raw, ok := q["$skiptoken"]; ok {
		tok, err := decodeSkipToken(raw)
		key, ok := parseUserCursor(tok.key)
		if err != nil || !ok {
			badRequest("Request_BadRequest", "The specified page token value is invalid: '%s'.", raw).write(w, r)
			return
		}
		// The page after the last object sent; the tenant does not change,
		// but a cursor works even if it did.
		start = sort.Search(len(userKeys), func(i int) bool { return key.less(userKeys[i]) })
		page = tok.page
		count = false // @odata.count is on the first page only
	}
	end := min(start+top, len(users))

	link := ""
	if end < len(users) {
		link = nextLink(r, encodeSkipToken(skipToken{page: page + 1, key: userKeys[end-1].cursor()}))
	}
	total := -1
	if count {
		total = len(users)
	}

	units := 2
	if selected != nil {
		units--
	}
	if top < 20 {
		units--
	}
	setSuccessHeaders(w, max(units, 1))
	w.WriteHeader(http.StatusOK)

	// Stream the page: the envelope, then each user, flushing the buffer to
	// the connection as it fills rather than building the whole body.
	b := make([]byte, 0, 32<<10)
	b = writeCollectionStart(b, metadataURL(r)+"users"+userEntity.contextSuffix(selected), total, link)
	b = flushEnvelope(w, b)
	for i, u := range users[start:end] {
		if i > 0 {
			b = append(b, ',')
		}
		b = userEntity.appendObject(b, u, selected)
		if len(b) >= 28<<10 {
			if _, err := w.Write(b); err != nil {
				return
			}
			b = b[:0]
		}
	}
	b = append(b, "]}"...)
	_, _ = w.Write(b)
}

// getUser is GET /v1.0/users/{id | userPrincipalName} with $select.
func (c *graphCall) getUser(w http.ResponseWriter, idOrUPN string) {
	r := c.r
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected, qerr := userEntity.parseSelect(q["$select"], false)
	if qerr == nil {
		qerr = c.checkSignInActivity(selected)
	}
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	var found *User
	for _, u := range c.s.users {
		if strings.EqualFold(u.ID, idOrUPN) || strings.EqualFold(u.UserPrincipalName, idOrUPN) {
			found = u
			break
		}
	}
	if found == nil {
		writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
			"Resource '"+idOrUPN+"' does not exist or one of its queried reference-property objects are not present.")
		return
	}
	writeEntity(w, metadataURL(r)+"users"+userEntity.contextSuffix(selected)+"/$entity",
		userEntity.appendObject(nil, found, selected))
}
