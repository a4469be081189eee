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

// RoleDefinition is a microsoft.graph.unifiedRoleDefinition of the
// directory provider (graph-reference-3 §3.2). For a built-in role the id
// is the template id, as in Microsoft's sample.
type RoleDefinition struct {
	ID          string
	DisplayName string
	Description string
	TemplateID  string
	IsBuiltIn   bool
	IsEnabled   bool
}

// RoleAssignment is one directory role assignment: active (listed by
// roleAssignments and roleAssignmentScheduleInstances) or, with Eligible,
// a PIM eligibility (roleEligibilityScheduleInstances only).
type RoleAssignment struct {
	// ID is sent as is; "" derives an opaque id like Graph's.
	ID               string
	RoleDefinitionID string
	PrincipalID      string // a user, a role-assignable group or a service principal; a missing one is a deleted principal
	DirectoryScopeID string // "" is "/", the whole tenant
	Eligible         bool
	// Activated is an active assignment that is a just-in-time activation
	// of an eligibility (assignmentType Activated); else Assigned.
	Activated bool
	// Start and End bound the assignment; nil End is permanent.
	Start, End *time.Time
}

// Permissions of the role management endpoints (graph-reference-3 §3.1-3.3).
var (
	roleDefinitionsPermissions = []string{"RoleManagement.Read.Directory", "Directory.Read.All",
		"RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"}
	roleAssignmentsPermissions = []string{"RoleManagement.Read.Directory", "RoleManagement.Read.All", "Directory.Read.All",
		"RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"}
	roleEligibilityInstancesPermissions = []string{"RoleEligibilitySchedule.Read.Directory", "RoleEligibilitySchedule.ReadWrite.Directory",
		"RoleManagement.Read.All", "RoleManagement.Read.Directory", "RoleManagement.ReadWrite.Directory"}
	roleAssignmentInstancesPermissions = []string{"RoleAssignmentSchedule.Read.Directory", "RoleManagement.Read.Directory",
		"RoleManagement.Read.All", "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"}
)

// roleKind is which of the three assignment lists a request reads.
type roleKind int

const (
	roleAssignmentsList      roleKind = iota // roleAssignments: active, no times
	roleAssignmentInstances                  // roleAssignmentScheduleInstances
	roleEligibilityInstances                 // roleEligibilityScheduleInstances
)

// roleRow is one object of an assignment list: an assignment as one
// principal holds it (memberType Direct, or Group for a member of a
// role-assignable group the role is assigned to).
type roleRow struct {
	a           *RoleAssignment
	id          string
	principalID string
	memberType  string
	// set per request: the expanded principal, when $expand=principal.
	expand   bool
	readable map[string]bool
	dir      *directory
}

func (r *roleRow) scope() string {
	if r.a.DirectoryScopeID == "" {
		return "/"
	}
	return r.a.DirectoryScopeID
}

func roleStr(get func(*roleRow) string) func([]byte, *roleRow) []byte {
	return func(b []byte, r *roleRow) []byte { return appendString(b, get(r)) }
}

func roleNull(b []byte, _ *roleRow) []byte { return append(b, "null"...) }

// rolePrincipal writes the expanded principal: the directory object, or
// null for a principal the tenant no longer has (deleted). Nothing at all
// without $expand, so the property is left out.
func rolePrincipal(b []byte, r *roleRow) []byte {
	if !r.expand {
		return b
	}
	o, ok := r.dir.objects[strings.ToLower(r.principalID)]
	if !ok {
		return append(b, "null"...)
	}
	return appendMember(b, o, nil, r.readable[o.kind])
}

var (
	roleAssignmentEntity = newEntityType("microsoft.graph.unifiedRoleAssignment", []property[*roleRow]{
		{"id", roleStr(func(r *roleRow) string { return r.id })},
		{"principalId", roleStr(func(r *roleRow) string { return r.principalID })},
		{"roleDefinitionId", roleStr(func(r *roleRow) string { return r.a.RoleDefinitionID })},
		{"directoryScopeId", roleStr((*roleRow).scope)},
		{"appScopeId", roleNull},
		{"condition", roleNull},
		{"principal", rolePrincipal},
	}, []string{"id", "principalId", "roleDefinitionId", "directoryScopeId", "appScopeId", "condition"}, nil)

	roleInstanceBase = []property[*roleRow]{
		{"id", roleStr(func(r *roleRow) string { return r.id })},
		{"principalId", roleStr(func(r *roleRow) string { return r.principalID })},
		{"roleDefinitionId", roleStr(func(r *roleRow) string { return r.a.RoleDefinitionID })},
		{"directoryScopeId", roleStr((*roleRow).scope)},
		{"appScopeId", roleNull},
		{"startDateTime", func(b []byte, r *roleRow) []byte { return appendTimePtr(b, r.a.Start) }},
		{"endDateTime", func(b []byte, r *roleRow) []byte { return appendTimePtr(b, r.a.End) }},
		{"memberType", roleStr(func(r *roleRow) string { return r.memberType })},
	}
	roleInstanceDefaults = []string{"id", "principalId", "roleDefinitionId", "directoryScopeId", "appScopeId",
		"startDateTime", "endDateTime", "memberType"}

	roleAssignmentInstanceEntity = newEntityType("microsoft.graph.unifiedRoleAssignmentScheduleInstance",
		append(append([]property[*roleRow](nil), roleInstanceBase...),
			property[*roleRow]{"assignmentType", roleStr(func(r *roleRow) string {
				if r.a.Activated {
					return "Activated"
				}
				return "Assigned"
			})},
			property[*roleRow]{"roleAssignmentOriginId", roleStr(func(r *roleRow) string { return "origin-" + r.id })},
			property[*roleRow]{"roleAssignmentScheduleId", roleStr(func(r *roleRow) string { return "schedule-" + r.id })},
			property[*roleRow]{"principal", rolePrincipal}),
		append(append([]string(nil), roleInstanceDefaults...), "assignmentType", "roleAssignmentOriginId", "roleAssignmentScheduleId"), nil)

	roleEligibilityInstanceEntity = newEntityType("microsoft.graph.unifiedRoleEligibilityScheduleInstance",
		append(append([]property[*roleRow](nil), roleInstanceBase...),
			property[*roleRow]{"roleEligibilityScheduleId", roleStr(func(r *roleRow) string { return "schedule-" + r.id })},
			property[*roleRow]{"principal", rolePrincipal}),
		append(append([]string(nil), roleInstanceDefaults...), "roleEligibilityScheduleId"), nil)

	// resourceScope is in Microsoft's examples but not in the v1.0 CSDL
	// (graph-reference-3 §3.1): it is not emitted.
	roleDefinitionEntity = newEntityType("microsoft.graph.unifiedRoleDefinition", []property[*RoleDefinition]{
		{"id", func(b []byte, d *RoleDefinition) []byte { return appendString(b, d.ID) }},
		{"description", func(b []byte, d *RoleDefinition) []byte { return appendString(b, d.Description) }},
		{"displayName", func(b []byte, d *RoleDefinition) []byte { return appendString(b, d.DisplayName) }},
		{"isBuiltIn", func(b []byte, d *RoleDefinition) []byte { return appendBoolPtr(b, &d.IsBuiltIn) }},
		{"isEnabled", func(b []byte, d *RoleDefinition) []byte { return appendBoolPtr(b, &d.IsEnabled) }},
		{"resourceScopes", func(b []byte, _ *RoleDefinition) []byte { return appendStrings(b, []string{"/"}) }},
		{"templateId", func(b []byte, d *RoleDefinition) []byte { return appendString(b, d.TemplateID) }},
		{"version", func(b []byte, _ *RoleDefinition) []byte { return appendString(b, "1") }},
		{"rolePermissions", func(b []byte, _ *RoleDefinition) []byte { return append(b, "[]"...) }},
	}, nil, nil)
)

// roleLists are a Server's role data in paging order, built once.
type roleLists struct {
	once        sync.Once
	definitions []*RoleDefinition
	rows        [3][]*roleRow // by roleKind
}

func (s *Server) roles() *roleLists {
	rl := &s.roleLists
	rl.once.Do(func() {
		defs := s.tenant.RoleDefinitions
		if defs == nil {
			defs = BuiltInRoleDefinitions()
		}
		for i := range defs {
			rl.definitions = append(rl.definitions, &defs[i])
		}
		sort.Slice(rl.definitions, func(i, j int) bool {
			return strings.ToLower(rl.definitions[i].ID) < strings.ToLower(rl.definitions[j].ID)
		})
		d := s.dir()
		for i := range s.tenant.RoleAssignments {
			a := &s.tenant.RoleAssignments[i]
			id := a.ID
			if id == "" {
				id = roleAssignmentID(a)
			}
			direct := &roleRow{a: a, id: id, principalID: a.PrincipalID, memberType: "Direct"}
			if a.Eligible {
				rl.rows[roleEligibilityInstances] = append(rl.rows[roleEligibilityInstances], direct)
			} else {
				rl.rows[roleAssignmentsList] = append(rl.rows[roleAssignmentsList], direct)
				rl.rows[roleAssignmentInstances] = append(rl.rows[roleAssignmentInstances], direct)
			}
			// The PIM instance lists also carry, for a role-assignable
			// group, one instance per member with memberType Group; the
			// unified roleAssignments list keeps the group only.
			o, ok := d.objects[strings.ToLower(a.PrincipalID)]
			if !ok || o.group == nil {
				continue
			}
			for _, m := range d.members(o.group, false) {
				row := &roleRow{a: a, id: id + "-" + m.id(), principalID: m.id(), memberType: "Group"}
				k := roleAssignmentInstances
				if a.Eligible {
					k = roleEligibilityInstances
				}
				rl.rows[k] = append(rl.rows[k], row)
			}
		}
		for k := range rl.rows {
			sort.Slice(rl.rows[k], func(i, j int) bool { return rl.rows[k][i].id < rl.rows[k][j].id })
		}
	})
	return rl
}

// roleAssignmentID is an opaque id in the style of Graph's (base64url, not
// a GUID).
func roleAssignmentID(a *RoleAssignment) string {
	sum := sha256.Sum256([]byte(strings.ToLower(a.RoleDefinitionID + "|" + a.PrincipalID + "|" + a.DirectoryScopeID + "|" +
		map[bool]string{true: "eligible", false: "active"}[a.Eligible])))
	return base64.RawURLEncoding.EncodeToString(sum[:24])
}

// listRoleDefinitions is GET /v1.0/roleManagement/directory/roleDefinitions
// with $select, $top and $skiptoken. Microsoft documents no page size
// (UNKNOWN): the fake pages at the directory's 100 by default.
func (c *graphCall) listRoleDefinitions(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	servePage(w, r, q, page[*RoleDefinition]{
		entity:    roleDefinitionEntity,
		items:     c.s.roles().definitions,
		cursor:    func(d *RoleDefinition) string { return strings.ToLower(d.ID) },
		context:   "roleManagement/directory/roleDefinitions",
		baseUnits: 1,
	})
}

// listRoleAssignmentRows serves the three assignment lists: $select,
// $filter on roleDefinitionId (eq, in), $expand=principal, $top,
// $skiptoken. The PIM instance lists need Entra ID P2 / ID Governance: a
// tenant without answers 400 AadPremiumLicenseRequired (graph-reference-3
// §3.3, observed on the eligibility list; assumed on the other).
func (c *graphCall) listRoleAssignmentRows(w http.ResponseWriter, kind roleKind) {
	r, s := c.r, c.s
	if kind != roleAssignmentsList && (s.tenant.WithoutPremium || s.tenant.WithoutP2) {
		writeGraphError(w, r, http.StatusBadRequest, "AadPremiumLicenseRequired",
			"The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.")
		return
	}
	q, qerr := parseQuery(r, "$select", "$filter", "$expand", "$top", "$skiptoken")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	expand := false
	if raw := strings.TrimSpace(q["$expand"]); raw != "" {
		name, nested, hasNested := strings.Cut(raw, "(")
		if !strings.EqualFold(strings.TrimSpace(name), "principal") {
			badRequest("BadRequest", "The query option '$expand=%s' is not emulated by fakegraph on this resource.", raw).write(w, r)
			return
		}
		if hasNested && strings.TrimSpace(strings.TrimSuffix(nested, ")")) != "" && kind != roleAssignmentsList {
			// The PIM lists refuse options nested in the expansion
			// (graph-reference-3 §3.3, i-docs-9157); roleAssignments
			// ignores them and sends every property (§3.1).
			badRequest("InvalidFilter", "The  filter is invalid.").write(w, r)
			return
		}
		expand = true
	}
	// The expansion is this handler's (the principal column below), not
	// servePage's, which serves only $expand=owners.
	delete(q, "$expand")
	rows := s.roles().rows[kind]
	if raw := strings.TrimSpace(q["$filter"]); raw != "" {
		ids, qerr := parseRoleDefinitionFilter(raw)
		if qerr != nil {
			qerr.write(w, r)
			return
		}
		kept := make([]*roleRow, 0, len(rows))
		for _, row := range rows {
			if ids[strings.ToLower(row.a.RoleDefinitionID)] {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	readable := map[string]bool{}
	for k, perms := range readPermissions {
		readable[k] = c.hasAnyRole(perms)
	}
	items := make([]*roleRow, len(rows))
	for i, row := range rows {
		v := *row
		v.expand, v.readable, v.dir = expand, readable, s.dir()
		items[i] = &v
	}
	entity, context := roleAssignmentEntity, "roleManagement/directory/roleAssignments"
	switch kind {
	case roleAssignmentInstances:
		entity, context = roleAssignmentInstanceEntity, "roleManagement/directory/roleAssignmentScheduleInstances"
	case roleEligibilityInstances:
		entity, context = roleEligibilityInstanceEntity, "roleManagement/directory/roleEligibilityScheduleInstances"
	}
	if expand {
		// An expansion comes whatever $select says: name it in the
		// selection the page writes (the default set when none).
		sel := strings.TrimSpace(q["$select"])
		if sel == "" {
			sel = strings.Join(entity.defaultNames(), ",")
		}
		q["$select"] = sel + ",principal"
	}
	servePage(w, r, q, page[*roleRow]{
		entity: entity, items: items, context: context, baseUnits: 1,
		cursor: func(row *roleRow) string { return row.id },
	})
}

var (
	roleDefEq = regexp.MustCompile(`^(?i)roleDefinitionId\s+eq\s+'([^']+)'$`)
	roleDefIn = regexp.MustCompile(`^(?i)roleDefinitionId\s+in\s+\(\s*('[^']+'(\s*,\s*'[^']+')*)\s*\)$`)
)

// parseRoleDefinitionFilter accepts the forms Graph documents on
// roleDefinitionId (eq and in, graph-reference-3 §3.1); anything else is
// refused, as fakegraph does not emulate it.
func parseRoleDefinitionFilter(raw string) (map[string]bool, *queryError) {
	ids := map[string]bool{}
	if m := roleDefEq.FindStringSubmatch(raw); m != nil {
		ids[strings.ToLower(m[1])] = true
		return ids, nil
	}
	if m := roleDefIn.FindStringSubmatch(raw); m != nil {
		for _, v := range strings.Split(m[1], ",") {
			ids[strings.ToLower(strings.Trim(strings.TrimSpace(v), "'"))] = true
		}
		return ids, nil
	}
	return nil, badRequest("Request_UnsupportedQuery", "The $filter '%s' is not emulated by fakegraph on this resource.", raw)
}
