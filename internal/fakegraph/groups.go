package fakegraph

import "time"

// Group is a microsoft.graph.group with its direct members.
type Group struct {
	ID          string
	DisplayName *string
	// Members are the object ids of the group's direct members: users,
	// groups, service principals, devices and organizational contacts of the
	// tenant. Ids the tenant does not have are ignored.
	Members []string
}

// Device is a microsoft.graph.device, as a group member.
type Device struct {
	ID          string
	DisplayName *string
}

// OrgContact is a microsoft.graph.orgContact (an external contact in the
// address book), as a group member.
type OrgContact struct {
	ID          string
	DisplayName *string
	Mail        *string
	GivenName   *string
	Surname     *string
}

// AppRoleAssignment grants the service principal ResourceID's app role to a
// user, a group or a service principal (graph-reference §3.4). The
// principal's type and display name and the resource's display name come
// from the tenant's objects; an assignment whose resource the tenant does not
// have is not served, nor one whose principal it does not have unless
// PrincipalType is set.
type AppRoleAssignment struct {
	// ID is sent as is; when empty, one is derived the way Graph's look: 43
	// characters of base64url encoding the principal id and a second GUID.
	ID          string
	ResourceID  string
	PrincipalID string
	AppRoleID   string // "" is the default access role, 00000000-0000-0000-0000-000000000000
	// PrincipalType ("User", "Group", "ServicePrincipal") serves the
	// assignment even when the principal is not in the tenant: a principal
	// deleted moments ago, before replication removed its assignments.
	PrincipalType   string
	CreatedDateTime *time.Time
}
