package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RoleDefinition is a directory role (GET
// /v1.0/roleManagement/directory/roleDefinitions, graph-reference-3 §3.2).
// For a built-in role the id equals the template id.
type RoleDefinition struct {
	ID          string
	DisplayName *string
	TemplateID  *string
	IsBuiltIn   *bool
}

// RoleAssignment is one directory role held by one principal, from
// roleAssignments or one of the PIM schedule instance lists
// (graph-reference-3 §3.1, §3.3).
type RoleAssignment struct {
	ID               string
	PrincipalID      string
	RoleDefinitionID string
	DirectoryScopeID *string
	// StartDateTime and EndDateTime bound a schedule instance; both nil
	// on roleAssignments, which has no times. A nil end is permanent.
	StartDateTime *time.Time
	EndDateTime   *time.Time
	// AssignmentType is Assigned or Activated (active instances only);
	// MemberType is Direct, Group or Inherited (instances only).
	AssignmentType *string
	MemberType     *string
	// Principal is the expanded principal; nil when Graph sent null (the
	// principal was deleted).
	Principal *DirectoryObject
}

const (
	roleManagementPath = "/v1.0/roleManagement/directory/"
	// PermissionRoleManagementRead covers the role definitions, the role
	// assignments and both PIM instance lists (graph-reference-3 §3.3).
	PermissionRoleManagementRead = "RoleManagement.Read.Directory"
	// PermissionRoleEligibilityRead is the least permission of the
	// eligibility list.
	PermissionRoleEligibilityRead = "RoleEligibilitySchedule.Read.Directory"
	codePremiumLicenseRequired    = "AadPremiumLicenseRequired"
	// maxRoleFilterValues: Graph's default limit on the values of an in
	// operator for directory queries is 15; the role management service
	// documents none, so a longer list of roles is read in parts of 15.
	maxRoleFilterValues = 15
)

// roleDefinitionFields is $select for ListRoleDefinitions.
var roleDefinitionFields = []string{"id", "displayName", "templateId", "isBuiltIn"}

// ListRoleDefinitions calls each for every directory role definition,
// built-in and custom, all pages. $top is not sent: Microsoft documents no
// page size for this list (graph-reference-3 UNKNOWN 1), and the roles are
// a few hundred at most; @odata.nextLink is followed. Needs
// RoleManagement.Read.Directory (or Directory.Read.All).
func (c *Client) ListRoleDefinitions(ctx context.Context, each func(RoleDefinition) error) error {
	ctx = withLogging(ctx)
	lr := listRequest{path: roleManagementPath + "roleDefinitions", query: selectQuery(roleDefinitionFields, 0), permission: PermissionRoleManagementRead}
	return listAll(ctx, c, lr, func(w roleDefinitionWire) error { return each(w.definition()) })
}

// RoleAssignmentsQuery narrows the assignment lists on Graph's side.
type RoleAssignmentsQuery struct {
	// RoleDefinitionIDs, when not empty, keeps the assignments of these
	// roles (roleDefinitionId eq / in, graph-reference-3 §3.1).
	RoleDefinitionIDs []string
}

// filters are the $filter values to send: none (one unfiltered read), or
// one per part of at most maxRoleFilterValues ids.
func (q RoleAssignmentsQuery) filters() []string {
	if len(q.RoleDefinitionIDs) == 0 {
		return []string{""}
	}
	var out []string
	for ids := q.RoleDefinitionIDs; len(ids) > 0; {
		n := min(len(ids), maxRoleFilterValues)
		part := ids[:n]
		ids = ids[n:]
		if len(part) == 1 {
			out = append(out, "roleDefinitionId eq '"+odataString(part[0])+"'")
			continue
		}
		quoted := make([]string, len(part))
		for i, id := range part {
			quoted[i] = "'" + odataString(id) + "'"
		}
		out = append(out, "roleDefinitionId in ("+strings.Join(quoted, ",")+")")
	}
	return out
}

// odataString escapes a string literal's quotes the OData way.
func odataString(s string) string { return strings.ReplaceAll(s, "'", "''") }

// Fields of the assignment lists: exactly what RoleAssignment holds. The
// principal comes whole through $expand=principal, without a nested
// $select: the PIM lists refuse one ("InvalidFilter") and roleAssignments
// ignores it (graph-reference-3 §3.1, §3.3).
var (
	roleAssignmentFields         = []string{"id", "principalId", "roleDefinitionId", "directoryScopeId"}
	roleInstanceFields           = []string{"id", "principalId", "roleDefinitionId", "directoryScopeId", "startDateTime", "endDateTime", "memberType"}
	roleAssignmentInstanceFields = append(append([]string(nil), roleInstanceFields...), "assignmentType")
)

// ListActiveRoleAssignments calls each for every active directory role
// assignment that q selects. It reads roleAssignmentScheduleInstances
// (with start and end times; needs Entra ID P2 or ID Governance) and, when
// Graph answers that list with the code AadPremiumLicenseRequired (the
// code decides, not the message, whose wording has changed), reads
// roleAssignments instead, whose rows have no times and no member type.
// fromInstances tells which list answered. No $top is sent (no page size
// is documented); every @odata.nextLink is followed. Needs
// RoleManagement.Read.Directory.
func (c *Client) ListActiveRoleAssignments(ctx context.Context, q RoleAssignmentsQuery, each func(RoleAssignment) error) (fromInstances bool, err error) {
	ctx = withLogging(ctx)
	delivered := 0
	visit := func(a RoleAssignment) error { delivered++; return each(a) }
	err = c.listRoleAssignments(ctx, "roleAssignmentScheduleInstances", roleAssignmentInstanceFields, q, visit)
	if err == nil {
		return true, nil
	}
	if delivered > 0 || !IsPremiumLicenseRequired(err) {
		return true, err
	}
	logWarn(ctx, "Graph answered AadPremiumLicenseRequired for the PIM assignment instances; reading roleAssignments (no start or end times)",
		map[string]any{"path": roleManagementPath + "roleAssignmentScheduleInstances"})
	return false, c.listRoleAssignments(ctx, "roleAssignments", roleAssignmentFields, q, each)
}

// ListEligibleRoleAssignments calls each for every eligible (PIM) directory
// role assignment that q selects, from roleEligibilityScheduleInstances.
// A refusal for want of the licence or the permission is a
// *RoleEligibilityError.
func (c *Client) ListEligibleRoleAssignments(ctx context.Context, q RoleAssignmentsQuery, each func(RoleAssignment) error) error {
	ctx = withLogging(ctx)
	err := c.listRoleAssignments(ctx, "roleEligibilityScheduleInstances", roleInstanceFields, q, each)
	var gerr *Error
	switch {
	case err == nil || !errors.As(err, &gerr):
		return err
	case gerr.Code == codePremiumLicenseRequired:
		return &RoleEligibilityError{Graph: gerr, NoLicence: true}
	case gerr.StatusCode == http.StatusForbidden:
		return &RoleEligibilityError{Graph: gerr}
	}
	return err
}

func (c *Client) listRoleAssignments(ctx context.Context, list string, fields []string, q RoleAssignmentsQuery, each func(RoleAssignment) error) error {
	for _, filter := range q.filters() {
		query := selectQuery(fields, 0) + "&$expand=principal"
		if filter != "" {
			query += "&$filter=" + strings.ReplaceAll(url.QueryEscape(filter), "+", "%20")
		}
		lr := listRequest{path: roleManagementPath + list, query: query, permission: PermissionRoleManagementRead}
		if err := listAll(ctx, c, lr, func(w roleAssignmentWire) error { return each(w.assignment()) }); err != nil {
			return err
		}
	}
	return nil
}

// IsPremiumLicenseRequired reports whether err is Graph's
// AadPremiumLicenseRequired: the tenant has neither Entra ID P2 nor ID
// Governance. Seen as HTTP 400; the code alone decides.
func IsPremiumLicenseRequired(err error) bool {
	var gerr *Error
	return errors.As(err, &gerr) && gerr.Code == codePremiumLicenseRequired
}

// RoleEligibilityError is Graph refusing the eligible assignments: the
// tenant lacks Entra ID P2 / ID Governance, or the application the
// permission.
type RoleEligibilityError struct {
	Graph     *Error
	NoLicence bool
}

func (e *RoleEligibilityError) Error() string {
	what := "grant the application permission " + PermissionRoleEligibilityRead + " (or " + PermissionRoleManagementRead +
		") to the app registration and grant admin consent"
	if e.NoLicence {
		what = "eligible role assignments (Privileged Identity Management) need a Microsoft Entra ID P2 or Microsoft Entra ID " +
			"Governance licence in the tenant"
	}
	return "Microsoft Graph denied " + e.Graph.Method + " " + e.Graph.Path + " (" + e.Graph.detail() + "): " + what +
		"; or set include_eligible = false to read active assignments only"
}

func (e *RoleEligibilityError) Unwrap() error { return e.Graph }

type roleDefinitionWire struct {
	ID          string  `json:"id"`
	DisplayName *string `json:"displayName"`
	TemplateID  *string `json:"templateId"`
	IsBuiltIn   *bool   `json:"isBuiltIn"`
}

func (w roleDefinitionWire) definition() RoleDefinition {
	return RoleDefinition(w)
}

func (w roleDefinitionWire) objectID() string { return w.ID }

type roleAssignmentWire struct {
	ID               string               `json:"id"`
	PrincipalID      string               `json:"principalId"`
	RoleDefinitionID string               `json:"roleDefinitionId"`
	DirectoryScopeID *string              `json:"directoryScopeId"`
	StartDateTime    *graphTime           `json:"startDateTime"`
	EndDateTime      *graphTime           `json:"endDateTime"`
	AssignmentType   *string              `json:"assignmentType"`
	MemberType       *string              `json:"memberType"`
	Principal        *directoryObjectWire `json:"principal"`
}

func (w roleAssignmentWire) assignment() RoleAssignment {
	a := RoleAssignment{
		ID: w.ID, PrincipalID: w.PrincipalID, RoleDefinitionID: w.RoleDefinitionID, DirectoryScopeID: w.DirectoryScopeID,
		StartDateTime: w.StartDateTime.time(), EndDateTime: w.EndDateTime.time(),
		AssignmentType: w.AssignmentType, MemberType: w.MemberType,
	}
	if w.Principal != nil {
		p := w.Principal.object()
		// Types derived from user and servicePrincipal (agentUser,
		// agentIdentity, …; graph-reference-3 §0.5) count as their base
		// type; any other unknown type is kept as Graph names it.
		switch p.Type {
		case "agentUser":
			w.Principal.ODataType = "#microsoft.graph.user"
			p = w.Principal.object()
		case "agentIdentity", "agentIdentityBlueprintPrincipal":
			p.Type = TypeServicePrincipal
		}
		a.Principal = &p
	}
	return a
}

// objectID de-duplicates an assignment list's rows by id across pages.
func (w roleAssignmentWire) objectID() string { return w.ID }
