package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Content types Graph sends: OData's for results, plain JSON for errors.
const (
	odataContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
	errorContentType = "application/json"
)

// Application permissions that grant each endpoint (graph-reference §4).
var (
	usersPermissions        = []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	organizationPermissions = []string{"Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All", "Directory.ReadWrite.All"}
)

// graphCall is one authenticated Graph request on its way to a handler.
type graphCall struct {
	s     *Server
	r     *http.Request
	token *issuedToken
	// arrived is when the request reached the Server, before the simulated
	// latency: Graph's reports throttle counts arrivals, and a latency
	// timer that fires late on a busy machine must not move them.
	arrived time.Time
	// sent is the request's URL as the client sent it (a page's own link,
	// for the RepeatLink fault).
	sent string
}

// serveGraph serves /v1.0/...: headers, latency, authentication, faults,
// then the resource.
func (s *Server) serveGraph(w *statusWriter, r *http.Request) {
	setGraphHeaders(w, r)

	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	s.sleep(r, latency)

	token, ok := bearerToken(r)
	if !ok {
		writeUnauthenticated(w, r, "Access token is empty.")
		return
	}
	issued, state := s.lookupToken(token)
	switch state {
	case tokenMalformed:
		writeUnauthenticated(w, r, "CompactToken parsing failed with error code: 80049217")
		return
	case tokenUnknown:
		// Not issued by this Server: another fake's token, or a real one.
		writeUnauthenticated(w, r, "Access token validation failure. Invalid audience.")
		return
	case tokenExpired:
		writeUnauthenticated(w, r, "Access token has expired or is not yet valid.")
		return
	}

	// Microsoft's metadata decides what may be asked, before faults and
	// handlers (metadata_check.go).
	if qe := checkGraphRequest(r); qe != nil {
		s.mu.Lock()
		w.entry.Refused = qe.message
		s.mu.Unlock()
		qe.write(w, r)
		return
	}

	sent := baseURL(r) + r.URL.RequestURI() // before capPageSize: the link as the client has it
	r = s.capPageSize(r)                    // SetMaxPageSize (faults_body.go)
	c := &graphCall{s: s, r: r, token: issued, arrived: w.entry.At, sent: sent}
	f := s.takeFault(r)
	if f == nil {
		f = s.chaosFault(r, false)
	}
	if f != nil {
		if f.Reset {
			reset(w)
			return
		}
		if f.ExpireTokens {
			s.ExpireTokens()
			writeUnauthenticated(w, r, "Access token has expired or is not yet valid.")
			return
		}
		if f.Drop {
			s.drop(w, c.serve)
			return
		}
		if f.Body.Kind != NoBodyFault {
			s.rewriteBody(w, c, f.Body)
			return
		}
		writeFault(w, r, f, issued, s.tenant.ID)
		return
	}
	c.serve(w)
}

// setGraphHeaders sets the headers every Graph response carries.
func setGraphHeaders(w http.ResponseWriter, r *http.Request) {
	requestID := newGUID()
	clientRequestID := r.Header.Get("client-request-id")
	if clientRequestID == "" {
		clientRequestID = requestID
	}
	h := w.Header()
	h.Set("request-id", requestID)
	h.Set("client-request-id", clientRequestID)
	h.Set("x-ms-ags-diagnostic", `{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"fakegraph"}}`)
	h.Set("Strict-Transport-Security", "max-age=31536000")
}

// serve routes an authenticated request to its resource.
func (c *graphCall) serve(w http.ResponseWriter) {
	r := c.r
	version, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if !strings.EqualFold(version, "v1.0") {
		writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
			fmt.Sprintf("fakegraph serves Microsoft Graph v1.0 only; '/%s' is not emulated.", version))
		return
	}
	segs := strings.Split(strings.Trim(rest, "/"), "/")
	resource := strings.ToLower(segs[0])

	var permissions []string
	var handler func(http.ResponseWriter)
	switch {
	case resource == "users" && len(segs) == 1:
		permissions, handler = usersPermissions, c.listUsers
	case resource == "users" && len(segs) == 2:
		permissions, handler = usersPermissions, func(w http.ResponseWriter) { c.getUser(w, segs[1]) }
	case resource == "organization" && len(segs) == 1:
		permissions, handler = organizationPermissions, c.listOrganization
	case resource == "organization" && len(segs) == 2:
		permissions, handler = organizationPermissions, func(w http.ResponseWriter) { c.getOrganization(w, segs[1]) }
	case resource == "applications" && len(segs) == 1:
		permissions, handler = applicationsPermissions, c.listApplications
	case resource == "applications" && len(segs) == 3 && strings.EqualFold(segs[2], "owners"):
		permissions, handler = applicationsPermissions, func(w http.ResponseWriter) { c.listOwners(w, segs[1], applicationOwners) }
	case strings.HasPrefix(resource, "applications(") && len(segs) == 1:
		permissions, handler = applicationsPermissions, func(w http.ResponseWriter) { c.getApplicationByAppID(w, segs[0]) }
	case resource == "admin" && len(segs) == 2 && strings.EqualFold(segs[1], "reportSettings"):
		permissions, handler = reportSettingsPermissions, c.getReportSettings
	case resource == "reports" && len(segs) == 2 && strings.HasPrefix(strings.ToLower(segs[1]), "getoffice365activeuserdetail("):
		permissions, handler = reportsPermissions, func(w http.ResponseWriter) { c.getOffice365ActiveUserDetail(w, segs[1]) }
	case resource == "subscribedskus" && len(segs) == 1:
		permissions, handler = subscribedSkusPermissions, c.listSubscribedSkus
	case resource == "auditlogs" && len(segs) == 2 && strings.EqualFold(segs[1], "signIns"):
		permissions, handler = signInsPermissions, c.listSignIns
	case resource == "reports" && len(segs) == 3 && strings.EqualFold(segs[1], "authenticationMethods") &&
		strings.EqualFold(segs[2], "userRegistrationDetails"):
		permissions, handler = registrationDetailsPermissions, c.listRegistrationDetails
	case resource == "policies" && len(segs) == 2 && strings.EqualFold(segs[1], "authorizationPolicy"):
		permissions, handler = authorizationPolicyPermissions, c.getAuthorizationPolicy
	case resource == "policies" && len(segs) == 2 && strings.EqualFold(segs[1], "adminConsentRequestPolicy"):
		permissions, handler = adminConsentRequestPolicyPermissions, c.getAdminConsentRequestPolicy
	case resource == "serviceprincipals" && len(segs) == 1:
		permissions, handler = servicePrincipalsPermissions, c.listServicePrincipals
	case resource == "serviceprincipals" && len(segs) == 2 && segs[1] == "$count":
		permissions, handler = servicePrincipalsPermissions, c.countServicePrincipals
	case resource == "oauth2permissiongrants" && len(segs) == 1:
		permissions, handler = oauth2PermissionGrantsPermissions, c.listOAuth2PermissionGrants
	case resource == "serviceprincipals" && len(segs) == 2:
		permissions, handler = servicePrincipalsPermissions, func(w http.ResponseWriter) { c.getServicePrincipal(w, segs[1]) }
	case resource == "serviceprincipals" && len(segs) == 3 && strings.EqualFold(segs[2], "owners"):
		permissions, handler = servicePrincipalsPermissions, func(w http.ResponseWriter) { c.listOwners(w, segs[1], servicePrincipalOwners) }
	case resource == "serviceprincipals" && len(segs) == 3 && strings.EqualFold(segs[2], "appRoleAssignedTo"):
		permissions, handler = appRoleAssignedToPermissions, func(w http.ResponseWriter) { c.listAppRoleAssignedTo(w, segs[1]) }
	case resource == "groups" && len(segs) == 1:
		permissions, handler = groupsPermissions, c.listGroups
	case resource == "groups" && len(segs) == 3 && (strings.EqualFold(segs[2], "members") || strings.EqualFold(segs[2], "transitiveMembers")):
		permissions, handler = groupMembersPermissions, func(w http.ResponseWriter) {
			c.listGroupMembers(w, segs[1], strings.EqualFold(segs[2], "transitiveMembers"))
		}
	case resource == "rolemanagement" && len(segs) == 3 && strings.EqualFold(segs[1], "directory"):
		switch strings.ToLower(segs[2]) {
		case "roledefinitions":
			permissions, handler = roleDefinitionsPermissions, c.listRoleDefinitions
		case "roleassignments":
			permissions, handler = roleAssignmentsPermissions, func(w http.ResponseWriter) { c.listRoleAssignmentRows(w, roleAssignmentsList) }
		case "roleassignmentscheduleinstances":
			permissions, handler = roleAssignmentInstancesPermissions, func(w http.ResponseWriter) { c.listRoleAssignmentRows(w, roleAssignmentInstances) }
		case "roleeligibilityscheduleinstances":
			permissions, handler = roleEligibilityInstancesPermissions, func(w http.ResponseWriter) { c.listRoleAssignmentRows(w, roleEligibilityInstances) }
		}
		if handler != nil {
			break
		}
		fallthrough
	default:
		writeGraphError(w, r, http.StatusNotFound, "Request_ResourceNotFound",
			fmt.Sprintf("Resource not found for the segment '%s'.", segs[0]))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeGraphError(w, r, http.StatusMethodNotAllowed, "Request_BadRequest",
			"Specified HTTP method is not allowed for the request target.")
		return
	}
	if !c.hasAnyRole(permissions) {
		writeGraphError(w, r, http.StatusForbidden, "Authorization_RequestDenied",
			"Insufficient privileges to complete the operation.")
		return
	}
	handler(w)
}

func (c *graphCall) hasAnyRole(permissions []string) bool {
	for _, p := range permissions {
		if slices.Contains(c.token.roles, p) {
			return true
		}
	}
	return false
}

// graphError is Graph's error body (graph-reference §2.5).
type graphError struct {
	Error graphMainError `json:"error"`
}

type graphMainError struct {
	Code       string          `json:"code"`
	Message    string          `json:"message"`
	InnerError graphInnerError `json:"innerError"`
}

type graphInnerError struct {
	Date            string `json:"date"`
	RequestID       string `json:"request-id"`
	ClientRequestID string `json:"client-request-id"`
}

// writeGraphError writes Graph's error body, with the request-id and
// client-request-id of the response headers (set here when missing).
func writeGraphError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	h := w.Header()
	if h.Get("request-id") == "" {
		setGraphHeaders(w, r)
	}
	h.Set("Content-Type", errorContentType)
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(graphError{Error: graphMainError{
		Code:    code,
		Message: message,
		InnerError: graphInnerError{
			Date:            time.Now().UTC().Format("2006-01-02T15:04:05"),
			RequestID:       h.Get("request-id"),
			ClientRequestID: h.Get("client-request-id"),
		},
	}})
}

// writeUnauthenticated is Graph's 401 for a missing, malformed, foreign or
// expired token.
func writeUnauthenticated(w http.ResponseWriter, r *http.Request, message string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(
		`Bearer realm="", authorization_uri="%s/common/oauth2/authorize", client_id="%s"`, baseURL(r), GraphAppID))
	writeGraphError(w, r, http.StatusUnauthorized, "InvalidAuthenticationToken", message)
}

// writeCollectionStart sets the success headers and writes the envelope up
// to the opening of "value": @odata.context, then @odata.count and
// @odata.nextLink when given (Graph's order: the link comes before value).
func writeCollectionStart(b []byte, context string, count int, nextLink string) []byte {
	b = append(b, '{')
	b = appendKey(b, "@odata.context", true)
	b = appendString(b, context)
	if count >= 0 {
		b = appendKey(b, "@odata.count", false)
		b = fmt.Appendf(b, "%d", count)
	}
	if nextLink != "" {
		b = appendKey(b, "@odata.nextLink", false)
		b = appendString(b, nextLink)
	}
	b = appendKey(b, "value", false)
	return append(b, '[')
}

func setSuccessHeaders(w http.ResponseWriter, resourceUnits int) {
	h := w.Header()
	h.Set("Content-Type", odataContentType)
	h.Set("OData-Version", "4.0")
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	h.Set("x-ms-resource-unit", fmt.Sprint(resourceUnits))
}

// metadataURL is the @odata.context prefix on the host the request reached.
func metadataURL(r *http.Request) string {
	return baseURL(r) + "/v1.0/$metadata#"
}

// writeEntity answers with a single object: obj (a JSON object) with
// @odata.context put first.
func writeEntity(w http.ResponseWriter, context string, obj []byte) {
	setSuccessHeaders(w, 1)
	w.WriteHeader(http.StatusOK)
	b := append([]byte(nil), '{')
	b = appendKey(b, "@odata.context", true)
	b = appendString(b, context)
	if len(obj) > 2 {
		b = append(b, ',')
	}
	b = append(b, obj[1:]...)
	_, _ = w.Write(b)
}
