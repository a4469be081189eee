package inventory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// RoleLister reads directory roles and who holds them; *graph.Client is
// one.
type RoleLister interface {
	ListRoleDefinitions(ctx context.Context, each func(graph.RoleDefinition) error) error
	ListActiveRoleAssignments(ctx context.Context, q graph.RoleAssignmentsQuery, each func(graph.RoleAssignment) error) (bool, error)
	ListEligibleRoleAssignments(ctx context.Context, q graph.RoleAssignmentsQuery, each func(graph.RoleAssignment) error) error
}

// RoleAssignmentFilter selects directory role assignments.
type RoleAssignmentFilter struct {
	// RoleNames keeps the roles of these display names (compared
	// case-insensitively); empty keeps every role.
	RoleNames []string
	// IncludeEligible reads eligible (PIM) assignments besides the active
	// ones.
	IncludeEligible bool
}

// Assignment types, as DirectoryRoleAssignment.AssignmentType spells them.
const (
	AssignmentActive   = "active"
	AssignmentEligible = "eligible"
)

// DirectoryRoleAssignment is one role held by one principal, actively or
// as eligible: azuresaas_directory_role_assignments' row.
type DirectoryRoleAssignment struct {
	ID               string
	RoleDefinitionID string
	RoleDisplayName  *string // nil when the definition is unknown (a role deleted since)
	RoleTemplateID   *string
	IsBuiltIn        *bool

	PrincipalID          string
	PrincipalType        *string // user, group, servicePrincipal, or another type as Graph names it; nil for a deleted principal
	PrincipalDisplayName *string
	// PrincipalUserPrincipalName and PrincipalUserType (Guest, Member) are
	// set for users only.
	PrincipalUserPrincipalName *string
	PrincipalUserType          *string

	DirectoryScopeID *string // as Graph gives it: "/" is the whole tenant
	AssignmentType   string  // AssignmentActive or AssignmentEligible
	StartDateTime    *time.Time
	EndDateTime      *time.Time // nil: permanent
}

// UnknownRoleNamesError is a role name the tenant has no role for.
type UnknownRoleNamesError struct {
	Unknown []string
	Roles   []string // every role the tenant has, sorted
}

func (e *UnknownRoleNamesError) Error() string {
	return fmt.Sprintf("the tenant has no directory role named %s; its roles are: %s",
		quoteJoin(e.Unknown), strings.Join(e.Roles, ", "))
}

func quoteJoin(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// DirectoryRoleAssignments reads the role definitions once, then the
// active assignments (PIM instances, or roleAssignments on a tenant
// without P2) and, with IncludeEligible, the eligible ones, with the role
// filter pushed down to Graph. Principals come expanded with the
// assignments: there is no request per principal or per assignment.
//
// A role held through a role-assignable group appears once, on the group:
// the PIM lists repeat it for each member with memberType Group, and
// those rows (and Inherited ones, copies of an assignment made at another
// scope) are dropped; the group's own row (Direct) stays. Rows are sorted
// by role display name and principal display name (case-insensitive),
// principal id, assignment type, then id.
func DirectoryRoleAssignments(ctx context.Context, l RoleLister, f RoleAssignmentFilter) ([]DirectoryRoleAssignment, error) {
	defs := map[string]graph.RoleDefinition{}
	byName := map[string][]string{} // lower-case display name -> ids
	var names []string
	err := l.ListRoleDefinitions(ctx, func(d graph.RoleDefinition) error {
		defs[strings.ToLower(d.ID)] = d
		if d.DisplayName != nil {
			key := strings.ToLower(*d.DisplayName)
			byName[key] = append(byName[key], d.ID)
			names = append(names, *d.DisplayName)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var q graph.RoleAssignmentsQuery
	if len(f.RoleNames) > 0 {
		var unknown []string
		for _, name := range f.RoleNames {
			ids, ok := byName[strings.ToLower(strings.TrimSpace(name))]
			if !ok {
				unknown = append(unknown, name)
				continue
			}
			for _, id := range ids {
				if !slices.Contains(q.RoleDefinitionIDs, id) {
					q.RoleDefinitionIDs = append(q.RoleDefinitionIDs, id)
				}
			}
		}
		if len(unknown) > 0 {
			slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
			return nil, &UnknownRoleNamesError{Unknown: unknown, Roles: slices.Compact(names)}
		}
		slices.Sort(q.RoleDefinitionIDs) // the same requests whatever the set's order
	}
	var rows []DirectoryRoleAssignment
	shared := sharedStrings{}
	add := func(kind string) func(graph.RoleAssignment) error {
		return func(a graph.RoleAssignment) error {
			if a.MemberType != nil && !strings.EqualFold(*a.MemberType, "Direct") {
				return nil
			}
			row := roleRow(a, kind, defs)
			shared.share(&row.RoleDisplayName, &row.RoleTemplateID, &row.PrincipalType, &row.PrincipalUserType, &row.DirectoryScopeID)
			rows = append(rows, row)
			return nil
		}
	}
	if _, err := l.ListActiveRoleAssignments(ctx, q, add(AssignmentActive)); err != nil {
		return nil, err
	}
	if f.IncludeEligible {
		if err := l.ListEligibleRoleAssignments(ctx, q, add(AssignmentEligible)); err != nil {
			return nil, err
		}
	}
	sortRoleAssignments(rows)
	return rows, nil
}

func roleRow(a graph.RoleAssignment, kind string, defs map[string]graph.RoleDefinition) DirectoryRoleAssignment {
	row := DirectoryRoleAssignment{
		ID: a.ID, RoleDefinitionID: a.RoleDefinitionID, PrincipalID: a.PrincipalID, DirectoryScopeID: a.DirectoryScopeID,
		AssignmentType: kind, StartDateTime: a.StartDateTime, EndDateTime: a.EndDateTime,
	}
	if d, ok := defs[strings.ToLower(a.RoleDefinitionID)]; ok {
		row.RoleDisplayName, row.RoleTemplateID, row.IsBuiltIn = d.DisplayName, d.TemplateID, d.IsBuiltIn
	}
	if p := a.Principal; p != nil {
		typ := p.Type
		row.PrincipalType, row.PrincipalDisplayName = &typ, p.DisplayName
		if p.Type == graph.TypeUser {
			row.PrincipalUserPrincipalName, row.PrincipalUserType = p.UserPrincipalName, p.UserType
		}
	}
	return row
}

func sortRoleAssignments(rows []DirectoryRoleAssignment) {
	slices.SortStableFunc(rows, func(a, b DirectoryRoleAssignment) int {
		for _, c := range [][2]string{
			{strings.ToLower(deref(a.RoleDisplayName)), strings.ToLower(deref(b.RoleDisplayName))},
			{strings.ToLower(deref(a.PrincipalDisplayName)), strings.ToLower(deref(b.PrincipalDisplayName))},
			{a.PrincipalID, b.PrincipalID},
			{a.AssignmentType, b.AssignmentType},
			{a.ID, b.ID},
		} {
			if r := strings.Compare(c[0], c[1]); r != 0 {
				return r
			}
		}
		return 0
	})
}
