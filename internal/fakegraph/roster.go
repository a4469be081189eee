package fakegraph

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Application permissions that grant the roster endpoints
// (graph-reference §4).
var (
	groupMembersPermissions = []string{"GroupMember.Read.All", "Directory.Read.All", "Group.Read.All",
		"Group.ReadWrite.All", "GroupMember.ReadWrite.All", "Directory.ReadWrite.All"}
	appRoleAssignedToPermissions = []string{"Application.Read.All", "Application.ReadWrite.OwnedBy",
		"Directory.Read.All", "Application.ReadWrite.All", "Directory.ReadWrite.All"}

	// readPermissions are what let an app see a member of each type in full;
	// without one, the member comes back with only @odata.type and id
	// (graph-reference §3.5, the limited-information rule).
	readPermissions = map[string][]string{
		"user":             append([]string{"User.Read.All", "User.ReadWrite.All"}, groupMembersPermissions...),
		"group":            groupMembersPermissions,
		"servicePrincipal": {"Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"},
		"device":           {"Device.Read.All", "Device.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"},
		"orgContact":       {"OrgContact.Read.All", "Directory.Read.All", "Directory.ReadWrite.All"},
	}
)

// directoryObject is any object a group may contain or an assignment may
// name; exactly one pointer is set.
type directoryObject struct {
	kind    string // user, group, servicePrincipal, device, orgContact
	user    *User
	group   *Group
	sp      *ServicePrincipal
	device  *Device
	contact *OrgContact
}

func (o directoryObject) id() string {
	switch {
	case o.user != nil:
		return o.user.ID
	case o.group != nil:
		return o.group.ID
	case o.sp != nil:
		return o.sp.ID
	case o.device != nil:
		return o.device.ID
	}
	return o.contact.ID
}

func (o directoryObject) displayName() *string {
	switch {
	case o.user != nil:
		return o.user.DisplayName
	case o.group != nil:
		return o.group.DisplayName
	case o.sp != nil:
		return o.sp.DisplayName
	case o.device != nil:
		return o.device.DisplayName
	}
	return o.contact.DisplayName
}

// directory indexes the tenant's objects by id for the roster endpoints.
type directory struct {
	objects     map[string]directoryObject   // by lower-case id
	assignments map[string][]*assignmentView // by lower-case resource id, in id order

	// memberLists caches members' answers: a group's pages are served from
	// one sorted list instead of rebuilding and sorting it on every page
	// request (a 5,000-member group took ~10 ms a page, and the roster
	// benchmark asks for hundreds of such pages).
	mu          sync.Mutex
	memberLists map[memberListKey][]directoryObject
}

type memberListKey struct {
	group      *Group
	transitive bool
}

// assignmentView is an AppRoleAssignment as Graph sends it.
type assignmentView struct {
	id, appRoleID, principalID, principalType, resourceID string
	principalName, resourceName                           *string
	created                                               *time.Time
}

const defaultAccessRoleID = "00000000-0000-0000-0000-000000000000"

func newDirectory(t *Tenant) *directory {
	d := &directory{objects: make(map[string]directoryObject), assignments: make(map[string][]*assignmentView)}
	for i := range t.Users {
		d.objects[strings.ToLower(t.Users[i].ID)] = directoryObject{kind: "user", user: &t.Users[i]}
	}
	for i := range t.Groups {
		d.objects[strings.ToLower(t.Groups[i].ID)] = directoryObject{kind: "group", group: &t.Groups[i]}
	}
	for i := range t.ServicePrincipals {
		d.objects[strings.ToLower(t.ServicePrincipals[i].ID)] = directoryObject{kind: "servicePrincipal", sp: &t.ServicePrincipals[i]}
	}
	for i := range t.Devices {
		d.objects[strings.ToLower(t.Devices[i].ID)] = directoryObject{kind: "device", device: &t.Devices[i]}
	}
	for i := range t.Contacts {
		d.objects[strings.ToLower(t.Contacts[i].ID)] = directoryObject{kind: "orgContact", contact: &t.Contacts[i]}
	}
	for i := range t.AppRoleAssignments {
		a := &t.AppRoleAssignments[i]
		principal, ok := d.objects[strings.ToLower(a.PrincipalID)]
		resource, rok := d.objects[strings.ToLower(a.ResourceID)]
		if !rok || resource.sp == nil || (!ok && a.PrincipalType == "") || principal.device != nil || principal.contact != nil {
			continue
		}
		role := a.AppRoleID
		if role == "" {
			role = defaultAccessRoleID
		}
		v := &assignmentView{
			id: a.ID, appRoleID: role, principalID: a.PrincipalID, principalType: a.PrincipalType, resourceID: resource.sp.ID,
			resourceName: resource.sp.DisplayName, created: a.CreatedDateTime,
		}
		if ok {
			v.principalID, v.principalName = principal.id(), principal.displayName()
			v.principalType = map[string]string{"user": "User", "group": "Group", "servicePrincipal": "ServicePrincipal"}[principal.kind]
		}
		if v.id == "" {
			v.id = assignmentID(v.principalID, v.resourceID, role)
		}
		key := strings.ToLower(resource.sp.ID)
		d.assignments[key] = append(d.assignments[key], v)
	}
	for _, list := range d.assignments {
		sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	}
	return d
}

// assignmentID encodes the principal id (GUID bytes in Microsoft's mixed
// endianness) and a GUID derived from the assignment in base64url, which is
// how Graph's appRoleAssignment ids decode.
func assignmentID(principalID, resourceID, appRoleID string) string {
	b := guidBytes(principalID)
	sum := sha256.Sum256([]byte(strings.ToLower(principalID + "|" + resourceID + "|" + appRoleID)))
	b = append(b, sum[:16]...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// guidBytes is a GUID's 16 bytes as .NET's Guid.ToByteArray lays them out.
func guidBytes(guid string) []byte {
	hex := strings.ReplaceAll(guid, "-", "")
	raw := make([]byte, 16)
	for i := 0; i < 16 && 2*i+1 < len(hex); i++ {
		raw[i] = unhex(hex[2*i])<<4 | unhex(hex[2*i+1])
	}
	return []byte{raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6],
		raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]}
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// dir returns the Server's directory index, built on first use.
func (s *Server) dir() *directory {
	s.dirOnce.Do(func() { s.directory = newDirectory(s.tenant) })
	return s.directory
}

// appRoleAssignmentEntity is microsoft.graph.appRoleAssignment.
var appRoleAssignmentEntity = newEntityType("microsoft.graph.appRoleAssignment", []property[*assignmentView]{
	{"id", func(b []byte, a *assignmentView) []byte { return appendString(b, a.id) }},
	{"deletedDateTime", func(b []byte, _ *assignmentView) []byte { return append(b, "null"...) }},
	{"appRoleId", func(b []byte, a *assignmentView) []byte { return appendString(b, a.appRoleID) }},
	{"createdDateTime", func(b []byte, a *assignmentView) []byte { return appendTimePtr(b, a.created) }},
	{"principalDisplayName", func(b []byte, a *assignmentView) []byte { return appendStringPtr(b, a.principalName) }},
	{"principalId", func(b []byte, a *assignmentView) []byte { return appendString(b, a.principalID) }},
	{"principalType", func(b []byte, a *assignmentView) []byte { return appendString(b, a.principalType) }},
	{"resourceDisplayName", func(b []byte, a *assignmentView) []byte { return appendStringPtr(b, a.resourceName) }},
	{"resourceId", func(b []byte, a *assignmentView) []byte { return appendString(b, a.resourceID) }},
}, nil, nil)

// listAppRoleAssignedTo is GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo
// with $select, $top, $skiptoken and $count.
func (c *graphCall) listAppRoleAssignedTo(w http.ResponseWriter, id string) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	sp := c.s.findServicePrincipal(id)
	if sp == nil {
		writeResourceNotFound(w, r, id)
		return
	}
	servePage(w, r, q, page[*assignmentView]{
		entity:    appRoleAssignmentEntity,
		items:     c.s.dir().assignments[strings.ToLower(sp.ID)],
		cursor:    func(a *assignmentView) string { return a.id },
		context:   "servicePrincipals('" + sp.ID + "')/appRoleAssignedTo",
		baseUnits: 1,
	})
}

// memberProperty is one property a directory object of some types has.
type memberProperty struct {
	name  string
	write map[string]func(b []byte, o directoryObject) []byte // by kind; a kind without an entry lacks the property
}

func userProp(get func(*User) *string) func([]byte, directoryObject) []byte {
	return func(b []byte, o directoryObject) []byte { return appendStringPtr(b, get(o.user)) }
}

func nullProp(b []byte, _ directoryObject) []byte { return append(b, "null"...) }

func displayNameProp(b []byte, o directoryObject) []byte { return appendStringPtr(b, o.displayName()) }

// memberProperties are the properties of the member types the fake models,
// in the order Graph writes them; $select names them case-insensitively.
var memberProperties = []memberProperty{
	{"id", nil}, // written for every member, first after @odata.type when selected
	{"displayName", map[string]func([]byte, directoryObject) []byte{
		"user": displayNameProp, "group": displayNameProp, "servicePrincipal": displayNameProp, "device": displayNameProp, "orgContact": displayNameProp}},
	{"userPrincipalName", map[string]func([]byte, directoryObject) []byte{
		"user": func(b []byte, o directoryObject) []byte { return appendString(b, o.user.UserPrincipalName) }}},
	{"mail", map[string]func([]byte, directoryObject) []byte{
		"user":       userProp(func(u *User) *string { return u.Mail }),
		"group":      nullProp,
		"orgContact": func(b []byte, o directoryObject) []byte { return appendStringPtr(b, o.contact.Mail) }}},
	{"givenName", map[string]func([]byte, directoryObject) []byte{
		"user":       userProp(func(u *User) *string { return u.GivenName }),
		"orgContact": func(b []byte, o directoryObject) []byte { return appendStringPtr(b, o.contact.GivenName) }}},
	{"surname", map[string]func([]byte, directoryObject) []byte{
		"user":       userProp(func(u *User) *string { return u.Surname }),
		"orgContact": func(b []byte, o directoryObject) []byte { return appendStringPtr(b, o.contact.Surname) }}},
	{"userType", map[string]func([]byte, directoryObject) []byte{"user": userProp(func(u *User) *string { return u.UserType })}},
	{"jobTitle", map[string]func([]byte, directoryObject) []byte{"user": userProp(func(u *User) *string { return u.JobTitle }), "orgContact": nullProp}},
	{"accountEnabled", map[string]func([]byte, directoryObject) []byte{
		"user":             func(b []byte, o directoryObject) []byte { return appendBoolPtr(b, o.user.AccountEnabled) },
		"servicePrincipal": func(b []byte, o directoryObject) []byte { return appendBoolPtr(b, o.sp.AccountEnabled) },
		"device":           nullProp}},
	{"appId", map[string]func([]byte, directoryObject) []byte{
		"servicePrincipal": func(b []byte, o directoryObject) []byte { return appendString(b, o.sp.AppID) }}},
	{"servicePrincipalType", map[string]func([]byte, directoryObject) []byte{
		"servicePrincipal": func(b []byte, o directoryObject) []byte { return appendStringPtr(b, o.sp.ServicePrincipalType) }}},
	{"securityEnabled", map[string]func([]byte, directoryObject) []byte{"group": func(b []byte, _ directoryObject) []byte { return append(b, "true"...) }}},
	{"mailEnabled", map[string]func([]byte, directoryObject) []byte{"group": func(b []byte, _ directoryObject) []byte { return append(b, "false"...) }}},
	{"deviceId", map[string]func([]byte, directoryObject) []byte{"device": nullProp}},
	{"operatingSystem", map[string]func([]byte, directoryObject) []byte{"device": nullProp}},
}

var memberPropertyIndex = func() map[string]int {
	m := make(map[string]int, len(memberProperties))
	for i, p := range memberProperties {
		m[strings.ToLower(p.name)] = i
	}
	return m
}()

// memberDefaults is every property: without $select Graph sends each
// member's full default set.
var memberDefaults = func() []int {
	all := make([]int, len(memberProperties))
	for i := range all {
		all[i] = i
	}
	return all
}()

func parseMemberSelect(raw string) ([]int, *queryError) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var out []int
	seen := map[int]bool{}
	for _, name := range strings.Split(raw, ",") {
		name = strings.TrimSpace(name)
		i, ok := memberPropertyIndex[strings.ToLower(name)]
		if !ok {
			return nil, badRequest("BadRequest", "Parsing OData Select and Expand failed: Could not find a property named '%s' on type 'microsoft.graph.directoryObject'.", name)
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out, nil
}

// appendMember writes one member: @odata.type, then the selected properties
// its type has; a member the app may not read has them all null.
func appendMember(b []byte, o directoryObject, selected []int, readable bool) []byte {
	b = append(b, '{')
	b = appendKey(b, "@odata.type", true)
	b = appendString(b, "#microsoft.graph."+o.kind)
	wroteID := false
	if selected == nil {
		selected = memberDefaults
	}
	for _, i := range selected {
		p := memberProperties[i]
		if p.write == nil { // id
			b = appendKey(b, "id", false)
			b = appendString(b, o.id())
			wroteID = true
			continue
		}
		write, has := p.write[o.kind]
		if !has {
			continue
		}
		b = appendKey(b, p.name, false)
		if !readable {
			b = append(b, "null"...)
			continue
		}
		b = write(b, o)
	}
	if !wroteID && !readable { // the limited form always carries the id
		b = appendKey(b, "id", false)
		b = appendString(b, o.id())
	}
	return append(b, '}')
}

// members returns a group's direct members, or all its transitive members
// (nested groups included, each object once), in object-id order. v1.0
// leaves service principals out of direct members (a known issue). The
// tenant does not change once served, so each list is built once.
func (d *directory) members(g *Group, transitive bool) []directoryObject {
	key := memberListKey{g, transitive}
	d.mu.Lock()
	defer d.mu.Unlock()
	if list, ok := d.memberLists[key]; ok {
		return list
	}
	if d.memberLists == nil {
		d.memberLists = make(map[memberListKey][]directoryObject)
	}
	list := d.buildMembers(g, transitive)
	d.memberLists[key] = list
	return list
}

func (d *directory) buildMembers(g *Group, transitive bool) []directoryObject {
	seen := map[string]bool{strings.ToLower(g.ID): true}
	var out []directoryObject
	var walk func(g *Group)
	walk = func(g *Group) {
		for _, id := range g.Members {
			key := strings.ToLower(id)
			o, ok := d.objects[key]
			if !ok || seen[key] || (!transitive && o.kind == "servicePrincipal") {
				continue
			}
			seen[key] = true
			out = append(out, o)
			if transitive && o.group != nil {
				walk(o.group)
			}
		}
	}
	walk(g)
	keys := make(map[string]string, len(out)) // lower-case ids, computed once
	for _, o := range out {
		keys[o.id()] = strings.ToLower(o.id())
	}
	sort.Slice(out, func(i, j int) bool { return keys[out[i].id()] < keys[out[j].id()] })
	return out
}

// listGroupMembers is GET /v1.0/groups/{id}/members and /transitiveMembers
// with $select, $top, $skiptoken and $count.
func (c *graphCall) listGroupMembers(w http.ResponseWriter, id string, transitive bool) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	d := c.s.dir()
	g, ok := d.objects[strings.ToLower(id)]
	if !ok || g.group == nil {
		writeResourceNotFound(w, r, id)
		return
	}
	units := 3
	if transitive {
		units = 5
	}
	readable := map[string]bool{}
	for kind, perms := range readPermissions {
		readable[kind] = c.hasAnyRole(perms)
	}
	serveObjects(w, r, q, objectPage{items: d.members(g.group, transitive), context: "directoryObjects", baseUnits: units, readable: readable})
}

// objectPage is a page of directory objects of several types (members,
// owners): readable says which types the token may read in full.
type objectPage struct {
	items     []directoryObject // in paging order (memberCursor)
	context   string            // after "$metadata#", without the $select suffix
	baseUnits int
	readable  map[string]bool
}

// serveObjects answers a directory-object collection request with $select,
// $top, $skiptoken and $count. q is the parsed query (parseQuery).
func serveObjects(w http.ResponseWriter, r *http.Request, q map[string]string, p objectPage) {
	selected, qerr := parseMemberSelect(q["$select"])
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	top, qerr := parseTop(q["$top"], defaultPageSize, maxPageSize)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	count, qerr := wantCount(r, q)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	items := p.items
	start, number := 0, 1
	if raw, ok := q["$skiptoken"]; ok {
		tok, err := decodeSkipToken(raw)
		if err != nil {
			badRequest("Request_BadRequest", "The specified page token value is invalid: '%s'.", raw).write(w, r)
			return
		}
		start = sort.Search(len(items), func(i int) bool { return memberCursor(items[i]) > tok.key })
		number = tok.page
		count = false
	}
	end := min(start+top, len(items))
	link := ""
	if end < len(items) {
		link = nextLink(r, encodeSkipToken(skipToken{page: number + 1, key: memberCursor(items[end-1])}))
	}
	total := -1
	if count {
		total = len(items)
	}
	units := p.baseUnits
	if selected != nil {
		units--
	}
	if top < 20 {
		units--
	}
	setSuccessHeaders(w, max(units, 1))
	w.WriteHeader(http.StatusOK)

	b := make([]byte, 0, 32<<10)
	b = writeCollectionStart(b, metadataURL(r)+p.context+memberSelectSuffix(selected), total, link)
	b = flushEnvelope(w, b)
	for i, o := range items[start:end] {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMember(b, o, selected, p.readable[o.kind])
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

// memberSelectSuffix is the "(a,b)" part of @odata.context for a $select.
func memberSelectSuffix(selected []int) string {
	if selected == nil {
		return ""
	}
	names := make([]string, len(selected))
	for i, p := range selected {
		names[i] = memberProperties[p].name
	}
	return "(" + strings.Join(names, ",") + ")"
}

// memberCursor is a member's place in the paging order, like Graph's
// "Group_{id}"-style directory cursors.
func memberCursor(o directoryObject) string { return strings.ToLower(o.id()) }

// idFilter matches the $filter forms on object ids the provider sends:
// "id eq '<guid>'" and "id in ('<guid>', ...)".
var (
	idEqFilter = regexp.MustCompile(`^\s*id\s+eq\s+'([0-9a-fA-F-]{36})'\s*$`)
	idInFilter = regexp.MustCompile(`^\s*id\s+in\s+\(\s*('[0-9a-fA-F-]{36}'(\s*,\s*'[0-9a-fA-F-]{36}')*)\s*\)\s*$`)
)

// maxInValues is Graph's default limit on the values of an in operator.
const maxInValues = 15

// servicePrincipalFilter returns the test for the $filter forms fakegraph
// emulates on /servicePrincipals: appId eq, id eq and id in (at most 15).
func servicePrincipalFilter(filter string) (func(*ServicePrincipal) bool, *queryError) {
	if m := appIDFilter.FindStringSubmatch(filter); m != nil {
		return func(sp *ServicePrincipal) bool { return strings.EqualFold(sp.AppID, m[1]) }, nil
	}
	var ids []string
	if m := idEqFilter.FindStringSubmatch(filter); m != nil {
		ids = []string{m[1]}
	} else if m := idInFilter.FindStringSubmatch(filter); m != nil {
		for _, v := range strings.Split(m[1], ",") {
			ids = append(ids, strings.Trim(strings.TrimSpace(v), "'"))
		}
		if len(ids) > maxInValues {
			return nil, badRequest("Request_UnsupportedQuery",
				"Too many child clauses specified in search filter expression containing 'OR' operators: %d. Max allowed: %d.", len(ids), maxInValues)
		}
	} else {
		return nil, badRequest("Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified for property of resource 'ServicePrincipal'.")
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[strings.ToLower(id)] = true
	}
	return func(sp *ServicePrincipal) bool { return want[strings.ToLower(sp.ID)] }, nil
}
