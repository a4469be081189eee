package fakegraph

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// UserRegistrationDetails is one row of the authentication methods
// registration report (graph-reference-3 §5.3): the properties Graph never
// sends as null are plain values.
type UserRegistrationDetails struct {
	ID                string // the user's object id
	UserPrincipalName string
	UserDisplayName   string
	UserType          string // "member" or "guest" (signInUserType, lower case)
	IsAdmin           *bool  // nullable

	IsMfaCapable, IsMfaRegistered, IsPasswordlessCapable bool
	IsSsprCapable, IsSsprEnabled, IsSsprRegistered       bool
	IsSystemPreferredAuthenticationMethodEnabled         *bool

	MethodsRegistered                    []string // sent as [] when empty
	SystemPreferredAuthenticationMethods []string
	// UserPreferredMethodForSecondaryAuthentication is nullable; Microsoft's
	// own sample sends "" for a guest, which the fake can send too.
	UserPreferredMethodForSecondaryAuthentication *string
	LastUpdatedDateTime                           time.Time
}

// registrationDetailsPermissions reach the endpoint; the documentation
// lists UserAuthenticationMethod.Read.All too, but an app holding only that
// was refused naming AuditLog.Read.All (graph-reference-3 §5.1), and so it
// is here.
var registrationDetailsPermissions = []string{"AuditLog.Read.All", "UserAuthenticationMethod.Read.All"}

func regBool(name string, get func(*UserRegistrationDetails) bool) property[*UserRegistrationDetails] {
	return property[*UserRegistrationDetails]{name, func(b []byte, d *UserRegistrationDetails) []byte {
		v := get(d)
		return appendBoolPtr(b, &v)
	}}
}

var registrationDetailsEntity = newEntityType("microsoft.graph.userRegistrationDetails", []property[*UserRegistrationDetails]{
	{"id", func(b []byte, d *UserRegistrationDetails) []byte { return appendString(b, d.ID) }},
	{"userPrincipalName", func(b []byte, d *UserRegistrationDetails) []byte { return appendString(b, d.UserPrincipalName) }},
	{"userDisplayName", func(b []byte, d *UserRegistrationDetails) []byte { return appendString(b, d.UserDisplayName) }},
	{"userType", func(b []byte, d *UserRegistrationDetails) []byte {
		if d.UserType == "" {
			return append(b, "null"...)
		}
		return appendString(b, d.UserType)
	}},
	{"isAdmin", func(b []byte, d *UserRegistrationDetails) []byte { return appendBoolPtr(b, d.IsAdmin) }},
	regBool("isMfaCapable", func(d *UserRegistrationDetails) bool { return d.IsMfaCapable }),
	regBool("isMfaRegistered", func(d *UserRegistrationDetails) bool { return d.IsMfaRegistered }),
	regBool("isPasswordlessCapable", func(d *UserRegistrationDetails) bool { return d.IsPasswordlessCapable }),
	regBool("isSsprCapable", func(d *UserRegistrationDetails) bool { return d.IsSsprCapable }),
	regBool("isSsprEnabled", func(d *UserRegistrationDetails) bool { return d.IsSsprEnabled }),
	regBool("isSsprRegistered", func(d *UserRegistrationDetails) bool { return d.IsSsprRegistered }),
	{"isSystemPreferredAuthenticationMethodEnabled", func(b []byte, d *UserRegistrationDetails) []byte {
		return appendBoolPtr(b, d.IsSystemPreferredAuthenticationMethodEnabled)
	}},
	{"lastUpdatedDateTime", func(b []byte, d *UserRegistrationDetails) []byte { return appendTimePtr(b, &d.LastUpdatedDateTime) }},
	{"methodsRegistered", func(b []byte, d *UserRegistrationDetails) []byte { return appendStrings(b, d.MethodsRegistered) }},
	{"systemPreferredAuthenticationMethods", func(b []byte, d *UserRegistrationDetails) []byte {
		return appendStrings(b, d.SystemPreferredAuthenticationMethods)
	}},
	{"userPreferredMethodForSecondaryAuthentication", func(b []byte, d *UserRegistrationDetails) []byte {
		if d.UserPreferredMethodForSecondaryAuthentication == nil {
			return append(b, "null"...)
		}
		return appendString(b, *d.UserPreferredMethodForSecondaryAuthentication)
	}},
}, nil, nil)

// registrationReport is a Server's registration details in the order it
// pages them (user principal name without case, then id), built once.
type registrationReport struct {
	once sync.Once
	rows []*UserRegistrationDetails
}

func (s *Server) registrationRows() []*UserRegistrationDetails {
	rr := &s.registrationReport
	rr.once.Do(func() {
		rr.rows = make([]*UserRegistrationDetails, len(s.tenant.UserRegistrationDetails))
		for i := range s.tenant.UserRegistrationDetails {
			rr.rows[i] = &s.tenant.UserRegistrationDetails[i]
		}
		sort.SliceStable(rr.rows, func(i, j int) bool { return registrationCursor(rr.rows[i]) < registrationCursor(rr.rows[j]) })
	})
	return rr.rows
}

func registrationCursor(d *UserRegistrationDetails) string {
	return strings.ToLower(d.UserPrincipalName) + "\x00" + d.ID
}

// listRegistrationDetails is GET
// /v1.0/reports/authenticationMethods/userRegistrationDetails: an identity
// report, counted against the same reports budget as the sign-in logs; 403
// without AuditLog.Read.All or without P1/P2; $filter with the forms
// Microsoft documents for the boolean properties (eq, joined by and).
func (c *graphCall) listRegistrationDetails(w http.ResponseWriter) {
	r, s := c.r, c.s
	if !s.auditLogs.throttle.admit(w, r, c.arrived, c.token.clientID, s.tenant.ID) {
		return
	}
	if !c.hasAnyRole([]string{"AuditLog.Read.All"}) {
		writeGraphError(w, r, http.StatusForbidden, "Authentication_MSGraphPermissionMissing",
			"Calling principal does not have required MSGraph permissions AuditLog.Read.All")
		return
	}
	if s.tenant.WithoutPremium {
		writeGraphError(w, r, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
			"Tenant is not a B2C tenant and doesn't have premium license")
		return
	}
	q, qerr := parseQuery(r, "$filter", "$top", "$skiptoken", "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	rows := s.registrationRows()
	if raw := strings.TrimSpace(q["$filter"]); raw != "" {
		keep, qerr := parseRegistrationFilter(raw)
		if qerr != nil {
			qerr.write(w, r)
			return
		}
		kept := make([]*UserRegistrationDetails, 0, len(rows))
		for _, d := range rows {
			if keep(d) {
				kept = append(kept, d)
			}
		}
		rows = kept
	}
	servePage(w, r, q, page[*UserRegistrationDetails]{
		entity:    registrationDetailsEntity,
		items:     rows,
		cursor:    registrationCursor,
		context:   "reports/authenticationMethods/userRegistrationDetails",
		baseUnits: 1,
		maxTop:    maxPageSize,
	})
}

// registrationBoolFilters are the properties Microsoft documents eq on.
var registrationBoolFilters = map[string]func(*UserRegistrationDetails) bool{
	"ismfacapable":          func(d *UserRegistrationDetails) bool { return d.IsMfaCapable },
	"ismfaregistered":       func(d *UserRegistrationDetails) bool { return d.IsMfaRegistered },
	"ispasswordlesscapable": func(d *UserRegistrationDetails) bool { return d.IsPasswordlessCapable },
	"isssprcapable":         func(d *UserRegistrationDetails) bool { return d.IsSsprCapable },
	"isssprenabled":         func(d *UserRegistrationDetails) bool { return d.IsSsprEnabled },
	"isssprregistered":      func(d *UserRegistrationDetails) bool { return d.IsSsprRegistered },
}

var registrationClause = regexp.MustCompile(`^(?i)([a-z]+) eq (true|false)$`)

// parseRegistrationFilter accepts "prop eq true|false" clauses joined by
// " and "; anything else (isAdmin and userType included, which Microsoft
// does not document as filterable) is Graph's 400.
func parseRegistrationFilter(raw string) (func(*UserRegistrationDetails) bool, *queryError) {
	var tests []func(*UserRegistrationDetails) bool
	for _, clause := range strings.Split(raw, " and ") {
		m := registrationClause.FindStringSubmatch(strings.TrimSpace(clause))
		if m == nil {
			return nil, badRequest("BadRequest", "Invalid filter clause: %s", clause)
		}
		get, ok := registrationBoolFilters[strings.ToLower(m[1])]
		if !ok {
			return nil, badRequest("BadRequest", "Invalid filter clause: filtering on '%s' is not supported.", m[1])
		}
		want := strings.EqualFold(m[2], "true")
		tests = append(tests, func(d *UserRegistrationDetails) bool { return get(d) == want })
	}
	return func(d *UserRegistrationDetails) bool {
		for _, t := range tests {
			if !t(d) {
				return false
			}
		}
		return true
	}, nil
}
