package fakegraph

import "time"

// The demo tenant's directory roles: who administers Northwind Traders.
const (
	// DemoTier0GroupID is the role-assignable group Tier0 Admins (Megan
	// Bowen and Nestor Wilke), which holds Global Administrator: in the
	// PIM lists its members appear again with memberType Group.
	DemoTier0GroupID = "6a000000-0000-4000-8000-0000000000a0"
	// DemoAdministrativeUnitID scopes the payroll identity's User
	// Administrator role (directoryScopeId /administrativeUnits/{id}).
	DemoAdministrativeUnitID = "7a000000-0000-4000-8000-000000000001"
	// DemoDeletedAdminID held Exchange Administrator and was deleted: the
	// assignment's expanded principal is null.
	DemoDeletedAdminID = "6b0e5d2c-7a41-4f3e-9c8d-000000000099"
)

func demoRoleGroups() []Group {
	// Role-assignable groups are private (the visibility description) or
	// hidden (isAssignableToRole's, graph-reference-3 CONFLICT 16): this
	// one is Private, Helpdesk Admins Hidden.
	return []Group{{ID: DemoTier0GroupID, DisplayName: Ptr("Tier0 Admins"),
		MailEnabled: Ptr(false), SecurityEnabled: Ptr(true), GroupTypes: []string{},
		Visibility: Ptr("Private"), IsAssignableToRole: Ptr(true),
		CreatedDateTime: Ptr(time.Date(2024, 5, 6, 8, 30, 0, 0, time.UTC)),
		Members:         []string{"6b0e5d2c-7a41-4f3e-9c8d-000000000005", "6b0e5d2c-7a41-4f3e-9c8d-000000000006"}}}
}

// demoRoleAssignments, relative to now (time-bound ones stay current):
// seven Global Administrator principals (five permanent users, a
// time-bound one, an activation, and the Tier0 group: more than five), a
// guest Helpdesk Administrator, eligible roles (permanent and time-bound),
// a service principal scoped to an administrative unit, and a deleted
// principal.
func demoRoleAssignments(now time.Time) []RoleAssignment {
	day := 24 * time.Hour
	at := func(d time.Duration) *time.Time { t := now.Add(d).UTC().Truncate(time.Second); return &t }
	user := func(n string) string { return "6b0e5d2c-7a41-4f3e-9c8d-0000000000" + n }
	return []RoleAssignment{
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("19")},                                          // admin@ (permanent)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("20")},                                          // break-glass (permanent)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601"},              // Dana Rivera (permanent)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("02")},                                          // Dan Park (permanent)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("03"), Start: at(-30 * day), End: at(60 * day)}, // Adele Vance (time-bound)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("04"), Activated: true,
			Start: at(-time.Hour), End: at(3 * time.Hour)}, // Alex Wilber (a just-in-time activation)
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: user("04"), Eligible: true, Start: at(-90 * day)}, // …of his eligibility
		{RoleDefinitionID: RoleGlobalAdministrator, PrincipalID: DemoTier0GroupID},                                 // the role-assignable group
		{RoleDefinitionID: RoleHelpdeskAdministrator, PrincipalID: user("31")},                                     // a guest, permanent
		{RoleDefinitionID: RolePrivilegedRoleAdministrator, PrincipalID: user("06"), Eligible: true},               // permanently eligible
		{RoleDefinitionID: RoleSecurityAdministrator, PrincipalID: user("10"), Eligible: true,
			Start: at(-7 * day), End: at(23 * day)}, // time-bound eligibility
		{RoleDefinitionID: RoleGlobalReader, PrincipalID: user("22")},
		{RoleDefinitionID: RoleUserAdministrator, PrincipalID: demoPayrollIdentityID,
			DirectoryScopeID: "/administrativeUnits/" + DemoAdministrativeUnitID}, // a service principal, AU-scoped
		{RoleDefinitionID: RoleExchangeAdministrator, PrincipalID: DemoDeletedAdminID}, // a deleted principal
	}
}
