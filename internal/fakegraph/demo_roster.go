package fakegraph

// The demo tenant's groups, and the assignments of its SaaS applications
// (demo_service_principals.go) to users and groups: the SSO Application
// Roster. Each group and assignment shows one rule of
// azuresaas_application_roster.
const (
	// DemoSalesGroupID: Dan Park, Isaiah Langer, Ben Walters, Miriam Graham,
	// the nested Sales Interns group (listed in nested_group_ids, its
	// members not on the roster through it) and a device (left out).
	DemoSalesGroupID = "6a000000-0000-4000-8000-000000000001"
	// DemoFinanceGroupID: Dana Rivera, Lynne Robbins (disabled, stays on the
	// roster), Johanna Lorenz and Allan Deyoung.
	DemoFinanceGroupID = "6a000000-0000-4000-8000-000000000002"
	// DemoSalesInternsGroupID: Patti Fernandez and Kai; nested in Sales.
	DemoSalesInternsGroupID = "6a000000-0000-4000-8000-000000000003"
	// DemoResearchGroupID: Lidia Holloway, Pradeep Gupta, Wei Chen, Grady
	// Archie, the guest Rosa Diaz (left out without include_guests), an
	// organizational contact and a managed identity (which v1.0 leaves out
	// of /members; it is among /transitiveMembers).
	DemoResearchGroupID = "6a000000-0000-4000-8000-000000000004"

	// DemoLaptopDeviceID is a device in the Sales group.
	DemoLaptopDeviceID = "6d000000-0000-4000-8000-000000000001"
	// DemoSupportContactID is an external contact in the Research group.
	DemoSupportContactID = "6c000000-0000-4000-8000-000000000001"

	// demoPayrollIdentityID is the managed identity nw-func-payroll of
	// demo_service_principals.go.
	demoPayrollIdentityID = "5a0e0000-0000-4000-8000-000000000001"
)

// Demo users by the id demo.go gives them.
const (
	demoDana     = "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601"
	demoDan      = "6b0e5d2c-7a41-4f3e-9c8d-000000000002"
	demoAdele    = "6b0e5d2c-7a41-4f3e-9c8d-000000000003"
	demoPatti    = "6b0e5d2c-7a41-4f3e-9c8d-000000000007"
	demoLynne    = "6b0e5d2c-7a41-4f3e-9c8d-000000000008"
	demoIsaiah   = "6b0e5d2c-7a41-4f3e-9c8d-000000000009"
	demoGrady    = "6b0e5d2c-7a41-4f3e-9c8d-000000000010"
	demoJohanna  = "6b0e5d2c-7a41-4f3e-9c8d-000000000011"
	demoKai      = "6b0e5d2c-7a41-4f3e-9c8d-000000000013"
	demoAllan    = "6b0e5d2c-7a41-4f3e-9c8d-000000000015"
	demoVendor   = "6b0e5d2c-7a41-4f3e-9c8d-000000000016"
	demoBen      = "6b0e5d2c-7a41-4f3e-9c8d-000000000017"
	demoMiriam   = "6b0e5d2c-7a41-4f3e-9c8d-000000000021"
	demoLidia    = "6b0e5d2c-7a41-4f3e-9c8d-000000000022"
	demoPradeep  = "6b0e5d2c-7a41-4f3e-9c8d-000000000023"
	demoWei      = "6b0e5d2c-7a41-4f3e-9c8d-000000000026"
	demoNestor   = "6b0e5d2c-7a41-4f3e-9c8d-000000000006"
	demoRosaDiaz = "6b0e5d2c-7a41-4f3e-9c8d-000000000033"
)

func demoGroups() []Group {
	s := Ptr[string]
	groups := []Group{
		{ID: DemoSalesGroupID, DisplayName: s("Sales"),
			Members: []string{demoDan, demoIsaiah, demoBen, demoMiriam, DemoSalesInternsGroupID, DemoLaptopDeviceID}},
		{ID: DemoFinanceGroupID, DisplayName: s("Finance"),
			Members: []string{demoDana, demoLynne, demoJohanna, demoAllan}},
		{ID: DemoSalesInternsGroupID, DisplayName: s("Sales Interns"),
			Members: []string{demoPatti, demoKai}},
		{ID: DemoResearchGroupID, DisplayName: s("Research Lab"),
			Members: []string{demoLidia, demoPradeep, demoWei, demoGrady, demoRosaDiaz, DemoSupportContactID, demoPayrollIdentityID}},
	}
	for i := range groups {
		demoRosterGroupProperties(&groups[i]) // demo_groups.go
	}
	return groups
}

func demoDevices() []Device {
	return []Device{{ID: DemoLaptopDeviceID, DisplayName: Ptr("NW-LAPTOP-0042")}}
}

func demoContacts() []OrgContact {
	return []OrgContact{{ID: DemoSupportContactID, DisplayName: Ptr("Acme Lab Support"), Mail: Ptr("support@acme-lab.example"),
		GivenName: Ptr("Acme"), Surname: Ptr("Support")}}
}

func demoAppRoleAssignments() []AppRoleAssignment {
	a := func(resource, principal, created string) AppRoleAssignment {
		return AppRoleAssignment{ResourceID: resource, PrincipalID: principal, CreatedDateTime: ts(created)}
	}
	return []AppRoleAssignment{
		// Salesforce: the Sales group (its nested interns group is not
		// expanded), Dan Park both directly and through Sales (one entry,
		// source direct, the earlier date), Adele directly, and a managed
		// identity (a service principal: left out).
		a(DemoSalesforceID, DemoSalesGroupID, "2023-02-01T09:00:00Z"),
		a(DemoSalesforceID, demoDan, "2022-11-15T10:30:00Z"),
		a(DemoSalesforceID, demoAdele, "2023-05-10T08:00:00Z"),
		a(DemoSalesforceID, demoPayrollIdentityID, "2024-01-05T12:00:00Z"),
		// Slack: three groups; Dana directly too.
		a(DemoSlackID, DemoSalesGroupID, "2021-09-01T09:00:00Z"),
		a(DemoSlackID, DemoFinanceGroupID, "2021-09-01T09:05:00Z"),
		a(DemoSlackID, DemoResearchGroupID, "2022-03-14T14:00:00Z"),
		a(DemoSlackID, demoDana, "2020-06-01T07:00:00Z"),
		// Workday: Finance, and the guest vendor.kim (a guest: left out
		// without include_guests).
		a(DemoWorkdayID, DemoFinanceGroupID, "2019-05-20T09:00:00Z"),
		a(DemoWorkdayID, demoVendor, "2024-02-02T16:00:00Z"),
		// Dropbox: Research Lab only.
		a(DemoDropboxID, DemoResearchGroupID, "2023-08-21T11:00:00Z"),
		// Northwind Expenses: Finance plus Nestor and Grady directly.
		a(DemoExpensesID, DemoFinanceGroupID, "2022-01-10T09:00:00Z"),
		a(DemoExpensesID, demoNestor, "2022-01-10T09:30:00Z"),
		a(DemoExpensesID, demoGrady, "2024-04-01T09:30:00Z"),
		// ServiceNow is open access: every user, Finance as source group.
		a(DemoServiceNowID, DemoFinanceGroupID, "2023-03-03T09:00:00Z"),
	}
}
