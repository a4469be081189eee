package fakegraph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SignIn is a microsoft.graph.signIn (graph-reference §3.6): an interactive
// user sign-in. Pointers are nullable properties.
type SignIn struct {
	ID              string
	CreatedDateTime time.Time

	UserID, UserPrincipalName, UserDisplayName string
	AppID, AppDisplayName                      string
	IPAddress                                  string
	ClientAppUsed                              string // "Browser", "Mobile Apps and Desktop clients", ...
	IsInteractive                              bool

	ErrorCode         int // status.errorCode: 0 is success
	FailureReason     *string
	AdditionalDetails *string

	City, State, CountryOrRegion *string

	OperatingSystem, Browser string
}

// signInsPermissions grant the endpoint at all; AuditLog.Read.All is needed
// on top of Directory.Read.All (graph-reference §3.6, §4).
var signInsPermissions = []string{"AuditLog.Read.All", "Directory.Read.All"}

const maxSignInsPageSize = 1000 // default and maximum

// auditLogs is a Server's state for /auditLogs: the sign-ins in Graph's
// order (built once) and the reports throttle.
type auditLogs struct {
	sortOnce sync.Once
	signIns  []*SignIn // newest first, then id

	throttle reportsThrottle
}

// sortedSignIns returns the tenant's sign-ins newest first, ties by id.
func (s *Server) sortedSignIns() []*SignIn {
	a := &s.auditLogs
	a.sortOnce.Do(func() {
		a.signIns = make([]*SignIn, len(s.tenant.SignIns))
		for i := range s.tenant.SignIns {
			a.signIns[i] = &s.tenant.SignIns[i]
		}
		slices.SortStableFunc(a.signIns, func(x, y *SignIn) int {
			if c := y.CreatedDateTime.Compare(x.CreatedDateTime); c != 0 {
				return c
			}
			return strings.Compare(x.ID, y.ID)
		})
	})
	return a.signIns
}

// listSignIns is GET /v1.0/auditLogs/signIns with $filter, $top and
// $skiptoken, throttled like the reports API.
func (c *graphCall) listSignIns(w http.ResponseWriter) {
	r, s := c.r, c.s
	if !c.s.auditLogs.throttle.admit(w, r, c.arrived, c.token.clientID, s.tenant.ID) {
		return
	}
	if !c.hasAnyRole([]string{"AuditLog.Read.All"}) {
		writeGraphError(w, r, http.StatusForbidden, "Authentication_MSGraphPermissionMissing",
			"Calling principal does not have required MSGraph permissions AuditLog.Read.All")
		return
	}
	if s.tenant.WithoutPremium {
		writeGraphError(w, r, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
			"Neither tenant is B2C or tenant doesn't have premium license")
		return
	}
	q, qerr := parseQuery(r, "$filter", "$top", "$skiptoken")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	top, qerr := parseTop(q["$top"], maxSignInsPageSize, maxSignInsPageSize)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	match := func(*SignIn) bool { return true }
	if raw := strings.TrimSpace(q["$filter"]); raw != "" {
		expr, err := parseSignInFilter(raw)
		if err != nil {
			badRequest("BadRequest", "Invalid filter clause: %s", err).write(w, r)
			return
		}
		match = expr
	}
	// The skiptoken is "<hash of the filter>_<position>": the position in
	// the ordered log where the next page starts (the log does not change).
	all := s.sortedSignIns()
	filterHash := signInFilterHash(q["$filter"])
	start := 0
	if raw, ok := q["$skiptoken"]; ok {
		h, pos, found := strings.Cut(raw, "_")
		n, err := strconv.Atoi(pos)
		if !found || h != filterHash || err != nil || n < 0 || n > len(all) {
			badRequest("BadRequest", "The specified page token value is invalid: '%s'.", raw).write(w, r)
			return
		}
		start = n
	}
	var page []*SignIn
	next := start
	for ; next < len(all) && len(page) < top; next++ {
		if match(all[next]) {
			page = append(page, all[next])
		}
	}
	// Like Graph, a link is given while there may be more: look ahead for
	// one more match so that the last page has none.
	link := ""
	for i := next; i < len(all); i++ {
		if match(all[i]) {
			link = nextLink(r, filterHash+"_"+strconv.Itoa(next))
			break
		}
	}

	setSuccessHeaders(w, 1)
	w.WriteHeader(http.StatusOK)
	b := make([]byte, 0, 32<<10)
	b = writeCollectionStart(b, metadataURL(r)+"auditLogs/signIns", -1, link)
	b = flushEnvelope(w, b)
	for i, si := range page {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendSignIn(b, si)
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

func signInFilterHash(filter string) string {
	sum := sha256.Sum256([]byte("signIns\x00" + filter))
	return hex.EncodeToString(sum[:16])
}

// appendSignIn writes every v1.0 property of a sign-in, in Graph's order.
func appendSignIn(b []byte, si *SignIn) []byte {
	str := func(b []byte, key, v string) []byte { return appendString(appendKey(b, key, false), v) }
	b = append(b, '{')
	b = appendString(appendKey(b, "id", true), si.ID)
	b = appendKey(b, "createdDateTime", false)
	b = append(b, '"')
	b = si.CreatedDateTime.UTC().AppendFormat(b, "2006-01-02T15:04:05.0000000Z")
	b = append(b, '"')
	b = str(b, "userDisplayName", si.UserDisplayName)
	b = str(b, "userPrincipalName", strings.ToLower(si.UserPrincipalName)) // always lower case in the logs
	b = str(b, "userId", si.UserID)
	b = str(b, "appId", si.AppID)
	b = str(b, "appDisplayName", si.AppDisplayName)
	b = str(b, "ipAddress", si.IPAddress)
	b = str(b, "clientAppUsed", si.ClientAppUsed)
	b = str(b, "correlationId", nameGUID("correlation:"+si.ID))
	b = str(b, "conditionalAccessStatus", "notApplied")
	b = appendKey(b, "isInteractive", false)
	b = strconv.AppendBool(b, si.IsInteractive)
	b = str(b, "riskDetail", "none")
	b = str(b, "riskLevelAggregated", "none")
	b = str(b, "riskLevelDuringSignIn", "none")
	b = str(b, "riskState", "none")
	b = append(appendKey(b, "riskEventTypes", false), "[]"...)
	b = append(appendKey(b, "riskEventTypes_v2", false), "[]"...)
	b = str(b, "resourceDisplayName", si.AppDisplayName)
	b = str(b, "resourceId", nameGUID("resource:"+si.AppID))
	b = append(appendKey(b, "status", false), '{')
	b = appendKey(b, "errorCode", true)
	b = strconv.AppendInt(b, int64(si.ErrorCode), 10)
	b = appendStringPtr(appendKey(b, "failureReason", false), si.FailureReason)
	b = appendStringPtr(appendKey(b, "additionalDetails", false), si.AdditionalDetails)
	b = append(b, '}')
	b = append(appendKey(b, "deviceDetail", false), '{')
	b = appendString(appendKey(b, "deviceId", true), "")
	b = append(appendKey(b, "displayName", false), "null"...)
	b = str(b, "operatingSystem", si.OperatingSystem)
	b = str(b, "browser", si.Browser)
	b = append(appendKey(b, "isCompliant", false), "null"...)
	b = append(appendKey(b, "isManaged", false), "null"...)
	b = append(appendKey(b, "trustType", false), "null"...)
	b = append(b, '}')
	b = append(appendKey(b, "location", false), '{')
	b = appendStringPtr(appendKey(b, "city", true), si.City)
	b = appendStringPtr(appendKey(b, "state", false), si.State)
	b = appendStringPtr(appendKey(b, "countryOrRegion", false), si.CountryOrRegion)
	b = append(appendKey(b, "geoCoordinates", false), `{"altitude":null,"latitude":null,"longitude":null}`...)
	b = append(b, '}')
	b = append(appendKey(b, "appliedConditionalAccessPolicies", false), "[]"...)
	return append(b, '}')
}

// parseSignInFilter compiles the $filter forms the sign-in logs accept and
// the provider sends: comparisons joined by "and" / "or" with parentheses,
// on createdDateTime (ge, le, eq; an unquoted DateTimeOffset), appId and
// userId (eq; a quoted string) and status/errorCode (eq; an integer).
// Anything else is an error, answered with 400 as Graph does.
func parseSignInFilter(raw string) (func(*SignIn) bool, error) {
	p := &filterParser{tokens: tokenizeFilter(raw)}
	expr, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.tokens) {
		return nil, fmt.Errorf("unexpected '%s'", p.tokens[p.pos])
	}
	return expr, nil
}

type filterParser struct {
	tokens []string
	pos    int
}

// tokenizeFilter splits on spaces and parentheses, keeping quoted strings
// (” is a quote inside one) whole.
func tokenizeFilter(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case ' ', '\t':
			i++
		case '(', ')':
			out = append(out, string(c))
			i++
		case '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			out = append(out, s[i:min(j+1, len(s))])
			i = j + 1
		default:
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '(' && s[j] != ')' {
				j++
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out
}

func (p *filterParser) peek() string {
	if p.pos < len(p.tokens) {
		return p.tokens[p.pos]
	}
	return ""
}

func (p *filterParser) next() string {
	t := p.peek()
	p.pos++
	return t
}

func (p *filterParser) or() (func(*SignIn) bool, error) {
	left, err := p.and()
	if err != nil {
		return nil, err
	}
	for strings.EqualFold(p.peek(), "or") {
		p.next()
		right, err := p.and()
		if err != nil {
			return nil, err
		}
		l := left
		left = func(s *SignIn) bool { return l(s) || right(s) }
	}
	return left, nil
}

func (p *filterParser) and() (func(*SignIn) bool, error) {
	left, err := p.primary()
	if err != nil {
		return nil, err
	}
	for strings.EqualFold(p.peek(), "and") {
		p.next()
		right, err := p.primary()
		if err != nil {
			return nil, err
		}
		l := left
		left = func(s *SignIn) bool { return l(s) && right(s) }
	}
	return left, nil
}

func (p *filterParser) primary() (func(*SignIn) bool, error) {
	if p.peek() == "(" {
		p.next()
		expr, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.next() != ")" {
			return nil, fmt.Errorf("a parenthesis is not closed")
		}
		return expr, nil
	}
	property, op, literal := p.next(), strings.ToLower(p.next()), p.next()
	if property == "" || op == "" || literal == "" {
		return nil, fmt.Errorf("a comparison is incomplete")
	}
	switch strings.ToLower(property) {
	case "createddatetime":
		t, err := time.Parse(time.RFC3339Nano, literal)
		if err != nil {
			return nil, fmt.Errorf("'%s' is not a DateTimeOffset (write it unquoted, e.g. 2025-01-01T00:00:00Z)", literal)
		}
		switch op {
		case "ge":
			return func(s *SignIn) bool { return !s.CreatedDateTime.Before(t) }, nil
		case "le":
			return func(s *SignIn) bool { return !s.CreatedDateTime.After(t) }, nil
		case "eq":
			return func(s *SignIn) bool { return s.CreatedDateTime.Equal(t) }, nil
		}
	case "appid", "userid":
		if op != "eq" {
			break
		}
		v, ok := quoted(literal)
		if !ok {
			return nil, fmt.Errorf("%s is compared with a quoted string", property)
		}
		if strings.EqualFold(property, "appid") {
			return func(s *SignIn) bool { return strings.EqualFold(s.AppID, v) }, nil
		}
		return func(s *SignIn) bool { return strings.EqualFold(s.UserID, v) }, nil
	case "status/errorcode":
		if op != "eq" {
			break
		}
		n, err := strconv.Atoi(literal)
		if err != nil {
			return nil, fmt.Errorf("status/errorCode is compared with an integer")
		}
		return func(s *SignIn) bool { return s.ErrorCode == n }, nil
	default:
		return nil, fmt.Errorf("the property '%s' is not supported in a filter on signIns by fakegraph", property)
	}
	return nil, fmt.Errorf("the operator '%s' is not supported on '%s'", op, property)
}

func quoted(s string) (string, bool) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), true
}
