package inventory

import (
	"context"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// roleStub serves definitions and assignment lists written by the test.
type roleStub struct {
	defs             []graph.RoleDefinition
	active, eligible []graph.RoleAssignment
	queries          []graph.RoleAssignmentsQuery
}

func (s *roleStub) ListRoleDefinitions(_ context.Context, each func(graph.RoleDefinition) error) error {
	for _, d := range s.defs {
		if err := each(d); err != nil {
			return err
		}
	}
	return nil
}

func (s *roleStub) ListActiveRoleAssignments(_ context.Context, q graph.RoleAssignmentsQuery, each func(graph.RoleAssignment) error) (bool, error) {
	s.queries = append(s.queries, q)
	for _, a := range s.active {
		if err := each(a); err != nil {
			return true, err
		}
	}
	return true, nil
}

func (s *roleStub) ListEligibleRoleAssignments(_ context.Context, q graph.RoleAssignmentsQuery, each func(graph.RoleAssignment) error) error {
	s.queries = append(s.queries, q)
	for _, a := range s.eligible {
		if err := each(a); err != nil {
			return err
		}
	}
	return nil
}

func ptrTo[T any](v T) *T { return &v }

// Rows via a group or inherited are dropped, Direct and unset kept; a role
// the definitions lack keeps null names; names resolve case-insensitively
// to every definition of that name, sorted ids sent once.
func TestDirectoryRoleAssignmentRules(t *testing.T) {
	user := func(name, userType string) *graph.DirectoryObject {
		return &graph.DirectoryObject{ID: name, Type: graph.TypeUser, DisplayName: ptrTo(name), UserPrincipalName: ptrTo(name + "@x.test"), UserType: ptrTo(userType)}
	}
	s := &roleStub{
		defs: []graph.RoleDefinition{
			{ID: "r-b", DisplayName: ptrTo("Billing"), TemplateID: ptrTo("r-b"), IsBuiltIn: ptrTo(true)},
			{ID: "r-a", DisplayName: ptrTo("Auditor"), IsBuiltIn: ptrTo(false)},
			{ID: "r-a2", DisplayName: ptrTo("AUDITOR"), IsBuiltIn: ptrTo(false)},
		},
		active: []graph.RoleAssignment{
			{ID: "1", RoleDefinitionID: "r-b", PrincipalID: "zed", Principal: user("zed", "Member"), MemberType: ptrTo("Direct")},
			{ID: "2", RoleDefinitionID: "r-b", PrincipalID: "amy", Principal: user("amy", "Guest"), MemberType: ptrTo("Group")},
			{ID: "3", RoleDefinitionID: "r-b", PrincipalID: "bob", Principal: user("bob", "Member"), MemberType: ptrTo("Inherited")},
			{ID: "4", RoleDefinitionID: "R-A", PrincipalID: "sp", Principal: &graph.DirectoryObject{ID: "sp", Type: graph.TypeServicePrincipal, DisplayName: ptrTo("Bot"), UserType: ptrTo("x")}},
			{ID: "5", RoleDefinitionID: "r-gone", PrincipalID: "amy", Principal: user("amy", "Guest")},
		},
		eligible: []graph.RoleAssignment{{ID: "6", RoleDefinitionID: "r-b", PrincipalID: "zed", Principal: user("zed", "Member")}},
	}
	rows, err := DirectoryRoleAssignments(t.Context(), s, RoleAssignmentFilter{IncludeEligible: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.ID)
	}
	// null role name first, then Auditor, then Billing (zed active, eligible)
	if want := []string{"5", "4", "1", "6"}; len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("rows %v, want %v", got, want)
	}
	if rows[0].RoleDisplayName != nil || rows[1].PrincipalUserType != nil || *rows[1].RoleDisplayName != "Auditor" || rows[1].RoleTemplateID != nil {
		t.Errorf("rows = %+v", rows[:2])
	}
	if _, err := DirectoryRoleAssignments(t.Context(), s, RoleAssignmentFilter{RoleNames: []string{" auditor "}}); err != nil {
		t.Fatal(err)
	}
	if q := s.queries[len(s.queries)-1]; len(q.RoleDefinitionIDs) != 2 || q.RoleDefinitionIDs[0] != "r-a" || q.RoleDefinitionIDs[1] != "r-a2" {
		t.Errorf("query %+v, want both Auditor definitions", q)
	}
}
