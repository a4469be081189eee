package inventory

import (
	"context"
	"sort"
	"strings"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// AssignmentReader reads an application's app role assignments;
// *graph.Client is one.
type AssignmentReader interface {
	FindServicePrincipalByAppID(ctx context.Context, appID string) (graph.ServicePrincipal, bool, error)
	ListAppRoleAssignedTo(ctx context.Context, servicePrincipalID string, each func(graph.AppRoleAssignment) error) error
}

// UnknownAppIDError is an application ID without a service principal in the
// tenant.
type UnknownAppIDError struct{ AppID string }

func (e *UnknownAppIDError) Error() string {
	return "the tenant has no service principal for the application ID " + e.AppID +
		": the application is not registered in this tenant, or nobody has consented to it here yet " +
		"(check the ID, or use service_principal_id)"
}

// ResolveServicePrincipalID returns the object id of the tenant's service
// principal of appID.
func ResolveServicePrincipalID(ctx context.Context, g AssignmentReader, appID string) (string, error) {
	sp, ok, err := g.FindServicePrincipalByAppID(ctx, appID)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", &UnknownAppIDError{AppID: appID}
	}
	return sp.ID, nil
}

// AppRoleAssignments returns every assignment granted for the service
// principal servicePrincipalID (users, groups and service principals),
// sorted by principal display name (case-insensitive), then id.
func AppRoleAssignments(ctx context.Context, g AssignmentReader, servicePrincipalID string) ([]graph.AppRoleAssignment, error) {
	list := []graph.AppRoleAssignment{}
	err := g.ListAppRoleAssignedTo(ctx, servicePrincipalID, func(a graph.AppRoleAssignment) error {
		list = append(list, a)
		return nil
	})
	if graph.IsNotFound(err) {
		return nil, &NotFoundError{Kind: "service principal", ID: servicePrincipalID, Why: "service_principal_id", Err: err}
	}
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool {
		return lessFold(deref(list[i].PrincipalDisplayName), deref(list[j].PrincipalDisplayName), list[i].ID, list[j].ID)
	})
	return list, nil
}

// MemberReader reads a group's members; *graph.Client is one.
type MemberReader interface {
	ListGroupMembers(ctx context.Context, groupID string, transitive bool, each func(graph.DirectoryObject) error) error
}

// Member is one member of a group. User fields are nil for other types, and
// every field but ID and Type is nil for a member the app may not read.
type Member struct {
	ID                string
	Type              string // user, group, servicePrincipal, device, orgContact
	DisplayName       *string
	UserPrincipalName *string
	Email             *string // mail, else userPrincipalName (users only)
	FirstName         *string
	LastName          *string
	UserType          *string
}

// GroupMembers returns the group's direct members, or with transitive the
// members of its nested groups too, sorted by display name
// (case-insensitive), then id.
func GroupMembers(ctx context.Context, g MemberReader, groupID string, transitive bool) ([]Member, error) {
	members := []Member{}
	err := g.ListGroupMembers(ctx, groupID, transitive, func(o graph.DirectoryObject) error {
		m := Member{ID: o.ID, Type: o.Type, DisplayName: o.DisplayName}
		if strings.EqualFold(o.Type, graph.TypeUser) {
			m.UserPrincipalName, m.FirstName, m.LastName, m.UserType = o.UserPrincipalName, o.GivenName, o.Surname, o.UserType
			m.Email = EmailOf(o.Mail, o.UserPrincipalName)
		}
		members = append(members, m)
		return nil
	})
	if graph.IsNotFound(err) {
		return nil, &NotFoundError{Kind: "group", ID: groupID, Why: "group_id", Err: err}
	}
	if err != nil {
		return nil, err
	}
	sort.Slice(members, func(i, j int) bool {
		return lessFold(deref(members[i].DisplayName), deref(members[j].DisplayName), members[i].ID, members[j].ID)
	})
	return members, nil
}
