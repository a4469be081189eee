package fakegraph

import "time"

// Group is a microsoft.graph.group with its direct members and the
// properties GET /groups serves (graph-reference-3 §4.3).
type Group struct {
	ID          string
	DisplayName *string
	Mail        *string
	// MailEnabled and SecurityEnabled are sent as null when nil.
	MailEnabled     *bool
	SecurityEnabled *bool
	// GroupTypes holds Unified and/or DynamicMembership; nil is sent as [].
	GroupTypes                    []string
	MembershipRule                *string
	MembershipRuleProcessingState *string // On, Paused
	// Visibility is Public, Private, HiddenMembership, or Hidden (role-
	// assignable groups: graph-reference-3 CONFLICT 16 says both).
	Visibility            *string
	CreatedDateTime       *time.Time
	IsAssignableToRole    *bool
	OnPremisesSyncEnabled *bool
	// AssignedLicenses are the SKU ids the group assigns to its members
	// (group-based licensing); sent only when $selected.
	AssignedLicenses []string
	// HasMembersWithLicenseErrors is only ever a $filter: Graph never
	// returns it, not even when $selected.
	HasMembersWithLicenseErrors bool

	// withheld: this copy is served with assignedLicenses and
	// membershipRule as null (Tenant.GroupPropertiesNeedGroupReadAll).
	withheld bool
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
