package fakegraph

// The demo tenant's groups as GET /groups lists them (graph-reference-3
// §4.3): the roster's four groups (demo_roster.go) are security groups,
// Research Lab the one that licenses its members (E3, as demo_licences.go
// has it); demoListedGroups adds a Microsoft 365 group, a dynamic group, a
// role-assignable group and a group with licence errors. None of these is
// assigned to an application, so the rosters do not change.
const (
	// DemoAllCompanyGroupID is a public Microsoft 365 group.
	DemoAllCompanyGroupID = "6a000000-0000-4000-8000-000000000101"
	// DemoEngineeringDynamicGroupID is a dynamic security group.
	DemoEngineeringDynamicGroupID = "6a000000-0000-4000-8000-000000000102"
	// DemoHelpdeskAdminsGroupID is role-assignable, with visibility Hidden
	// (graph-reference-3 CONFLICT 16: Graph describes both Hidden and
	// Private for such groups; the provider accepts either).
	DemoHelpdeskAdminsGroupID = "6a000000-0000-4000-8000-000000000103"
	// DemoVisioUsersGroupID licenses Visio to its members, and one of them
	// (Lynne Robbins: the Visio seats ran out) is in error. Only the group
	// list says so: the users' licence states (demo_licences.go) keep her
	// Visio as the direct assignment the licence data sources show.
	DemoVisioUsersGroupID = "6a000000-0000-4000-8000-000000000104"
)

// demoRosterGroupProperties are the listed properties of the roster's
// groups, by id.
func demoRosterGroupProperties(g *Group) {
	g.SecurityEnabled, g.MailEnabled = Ptr(true), Ptr(false)
	g.GroupTypes = []string{}
	g.CreatedDateTime = ts("2022-04-11T08:15:00Z")
	if g.ID == DemoResearchGroupID {
		g.AssignedLicenses = []string{SkuM365E3}
		g.OnPremisesSyncEnabled = Ptr(true) // synced from the on-premises directory
		g.CreatedDateTime = ts("2021-10-02T13:40:12.5Z")
	}
}

func demoListedGroups() []Group {
	s := Ptr[string]
	return []Group{
		{ID: DemoAllCompanyGroupID, DisplayName: s("All Company"), Mail: s("allcompany@northwind.example"),
			MailEnabled: Ptr(true), SecurityEnabled: Ptr(false), GroupTypes: []string{"Unified"},
			Visibility: s("Public"), CreatedDateTime: ts("2020-06-01T09:00:00Z"),
			Members: []string{demoDana, demoDan, demoAdele, demoPatti, demoIsaiah, demoMiriam}},
		{ID: DemoEngineeringDynamicGroupID, DisplayName: s("Dyn-Engineering"),
			MailEnabled: Ptr(false), SecurityEnabled: Ptr(true), GroupTypes: []string{"DynamicMembership"},
			MembershipRule: s(`(user.department -eq "Engineering")`), MembershipRuleProcessingState: s("On"),
			CreatedDateTime: ts("2025-01-07T16:40:10.1234567Z"), IsAssignableToRole: Ptr(false),
			Members: []string{demoPradeep, demoWei}},
		{ID: DemoHelpdeskAdminsGroupID, DisplayName: s("Helpdesk Admins"),
			MailEnabled: Ptr(false), SecurityEnabled: Ptr(true), GroupTypes: []string{},
			Visibility: s("Hidden"), IsAssignableToRole: Ptr(true), CreatedDateTime: ts("2024-02-19T11:05:00Z"),
			Members: []string{demoNestor}},
		{ID: DemoVisioUsersGroupID, DisplayName: s("Visio Users"),
			MailEnabled: Ptr(false), SecurityEnabled: Ptr(true), GroupTypes: []string{},
			CreatedDateTime: ts("2023-09-18T10:02:44Z"), AssignedLicenses: []string{SkuVisioClient},
			HasMembersWithLicenseErrors: true, Members: []string{demoLynne}},
	}
}
