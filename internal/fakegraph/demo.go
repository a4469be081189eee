package fakegraph

import "time"

// The demo tenant and its client applications. Every value is invented; the
// secrets are fake strings that only this package accepts.
const (
	DemoTenantID          = "8f3d2c1b-6a5e-4d7c-9b8a-0e1f2a3b4c5d"
	DemoTenantDisplayName = "Northwind Traders"

	DemoInitialDomain   = "northwindtraders.onmicrosoft.com" // isInitial
	DemoDefaultDomain   = "northwind.example"                // isDefault
	DemoFabrikamDomain  = "fabrikam-labs.example"            // typed Fabrikam-Labs.example by some users
	DemoFederatedDomain = "tailspin.example"                 // type Federated

	// DemoClientID may read everything the provider reads: User.Read.All,
	// Organization.Read.All, Application.Read.All, GroupMember.Read.All,
	// AuditLog.Read.All, Directory.Read.All, ReportSettings.Read.All,
	// Policy.Read.All.
	DemoClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f51"
	DemoClientSecret = "demo-secret-not-a-real-credential"
	// DemoRotatedClientSecret is an expired secret of the demo app, next to
	// its valid one: using it gets AADSTS7000222. Its first three
	// characters differ from DemoClientSecret's, as most secrets' do, so
	// the integration status tells them apart by hint.
	DemoRotatedClientSecret = "old-demo-rotated-secret-expired-not-a-real-credential"

	// NoUsersClientID has only Organization.Read.All: /users answers 403.
	NoUsersClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f52"
	NoUsersClientSecret = "no-users-secret-not-a-real-credential"

	// ExpiredClientID's only secret is expired: AADSTS7000222.
	ExpiredClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f53"
	ExpiredClientSecret = "expired-secret-not-a-real-credential"

	// NoRolesClientID has no admin-consented permission: it gets a token
	// without a roles claim, and every Graph call answers 403.
	NoRolesClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f54"
	NoRolesClientSecret = "no-roles-secret-not-a-real-credential"
)

// demoApps are the client applications of both the demo tenant and the
// generated ones, so the same credentials work against either.
func demoApps() []App {
	// The demo app has every permission the provider reads with: the
	// seed's, ReportSettings.Read.All (the integration status's
	// concealed_names), Policy.Read.All (consent settings) and
	// Reports.Read.All (Microsoft 365 usage).
	all := append(seedPermissions(), "ReportSettings.Read.All", "Policy.Read.All", "Reports.Read.All",
		"RoleManagement.Read.Directory")
	return append([]App{
		{ClientID: DemoClientID, DisplayName: "Northwind Inventory (demo)",
			Secrets: []Secret{
				{Value: DemoClientSecret, DisplayName: "terraform-pipeline"},
				{Value: DemoRotatedClientSecret, DisplayName: "terraform-pipeline (rotated)", Expired: true},
			},
			Permissions: all},
		{ClientID: NoUsersClientID, DisplayName: "Northwind Org Reader",
			Secrets:     []Secret{{Value: NoUsersClientSecret}},
			Permissions: []string{"Organization.Read.All"}},
		{ClientID: ExpiredClientID, DisplayName: "Northwind Expired Secret",
			Secrets:     []Secret{{Value: ExpiredClientSecret, Expired: true}},
			Permissions: all},
		{ClientID: NoRolesClientID, DisplayName: "Northwind Unconsented",
			Secrets: []Secret{{Value: NoRolesClientSecret}}},
		{ClientID: NoOrganizationClientID, DisplayName: "Northwind App Reader",
			Secrets:     []Secret{{Value: NoOrganizationClientSecret}},
			Permissions: []string{"User.Read.All", "Application.Read.All"}},
	}, integrationStatusApps()...)
}

// ts parses an RFC 3339 time of the hand-written tenant.
func ts(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// smtp is the proxyAddresses of a mailbox with only its primary address.
func smtp(mail string) []string { return []string{"SMTP:" + mail} }

// DemoTenant returns a fresh copy of the hand-written demo tenant, "Northwind
// Traders": 35 users, each chosen to show one rule of the azuresaas_users
// data source (the comment above each says which).
func DemoTenant() *Tenant {
	s := Ptr[string]
	member, guest := s("Member"), s("Guest")
	on, off := Ptr(true), Ptr(false)
	t := &Tenant{
		ID:          DemoTenantID,
		DisplayName: DemoTenantDisplayName,
		Domains: []Domain{
			{Name: DemoInitialDomain, IsInitial: true, Type: "Managed", Capabilities: "Email, OfficeCommunicationsOnline"},
			{Name: DemoDefaultDomain, IsDefault: true, Type: "Managed", Capabilities: "Email, OfficeCommunicationsOnline"},
			{Name: DemoFabrikamDomain, Type: "Managed", Capabilities: "Email"},
			{Name: DemoFederatedDomain, Type: "Federated", Capabilities: "Email, OfficeCommunicationsOnline"},
		},
		Apps:              datedDemoApps(time.Now()),
		Applications:      demoApplications(time.Now()),
		ServicePrincipals: demoServicePrincipals(),
		// The SSO Application Roster's groups and assignments (demo_roster.go).
		Groups: append(demoGroups(), demoListedGroups()...), Devices: demoDevices(), Contacts: demoContacts(),
		AppRoleAssignments: demoAppRoleAssignments(),
		SubscribedSkus:     demoSubscribedSkus(),
		// Usage reports show names (concealment, Microsoft's default since
		// 2021, was turned off), so the Microsoft 365 usage report joins
		// with the directory.
		DisplayConcealedNames: false,
		Users: []User{
			// --- members of the default domain, northwind.example ---

			// Mixed-case domain in both UPN and mail; every proxyAddresses
			// form (SMTP: primary, smtp: secondaries, x500:, sip:, the mail
			// again in other case); otherMails overlapping proxyAddresses;
			// officeLocation wins over city/state/country; hire date set.
			{ID: "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601", UserPrincipalName: "Dana.Rivera@NorthWind.Example",
				Mail: s("Dana.Rivera@NorthWind.Example"), GivenName: s("Dana"), Surname: s("Rivera"), DisplayName: s("Dana Rivera"),
				Department: s("Finance"), JobTitle: s("Finance Manager"), EmployeeID: s("NW-1001"),
				OfficeLocation: s("Seattle HQ / 4.210"), City: s("Seattle"), State: s("WA"), Country: s("United States"),
				UserType: member, AccountEnabled: on,
				ProxyAddresses: []string{
					"SMTP:Dana.Rivera@NorthWind.Example",
					"smtp:dana.rivera@northwind.example",
					"smtp:drivera@northwind.example",
					"smtp:dana.rivera@northwindtraders.onmicrosoft.com",
					"x500:/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=3f1c2b4a5d6e4f708a91b2c3d4e5f601-Dana Rivera",
					"sip:dana.rivera@northwind.example",
				},
				OtherMails:       []string{"DRivera@northwind.example", "dana.rivera@outlook.example"},
				EmployeeHireDate: ts("2019-04-01T00:00:00Z"), CreatedDateTime: ts("2019-03-20T09:15:00Z")},

			// Lower-case UPN that sorts before Dana.Rivera case-insensitively
			// ("dan." < "dana") but after it in byte order ('D' < 'd').
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000002", UserPrincipalName: "dan.park@northwind.example",
				Mail: s("dan.park@northwind.example"), GivenName: s("Dan"), Surname: s("Park"), DisplayName: s("Dan Park"),
				Department: s("Sales"), JobTitle: s("Account Executive"), EmployeeID: s("NW-1002"),
				OfficeLocation: s("Seattle HQ / 2.105"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("dan.park@northwind.example"),
				CreatedDateTime: ts("2021-06-14T16:02:11Z")},

			// A complete, ordinary member: every field set, hire date after
			// creation.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000003", UserPrincipalName: "adele.vance@northwind.example",
				Mail: s("adele.vance@northwind.example"), GivenName: s("Adele"), Surname: s("Vance"), DisplayName: s("Adele Vance"),
				Department: s("Retail"), JobTitle: s("Retail Manager"), EmployeeID: s("NW-1003"),
				OfficeLocation: s("Seattle HQ / 1.110"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("adele.vance@northwind.example"),
				EmployeeHireDate: ts("2018-09-03T00:00:00Z"), CreatedDateTime: ts("2018-08-20T12:00:00Z")},

			// No officeLocation: location comes from city, state and country
			// ("Redmond, WA, United States"); numeric employeeId.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000004", UserPrincipalName: "alex.wilber@northwind.example",
				Mail: s("alex.wilber@northwind.example"), GivenName: s("Alex"), Surname: s("Wilber"), DisplayName: s("Alex Wilber"),
				Department: s("Marketing"), JobTitle: s("Marketing Assistant"), EmployeeID: s("004217"),
				City: s("Redmond"), State: s("WA"), Country: s("United States"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("alex.wilber@northwind.example"),
				CreatedDateTime: ts("2020-02-11T08:30:00Z")},

			// officeLocation is "" (not null), so location falls back to the
			// non-empty parts: "Bellevue, United States" (no state).
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000005", UserPrincipalName: "megan.bowen@northwind.example",
				Mail: s("megan.bowen@northwind.example"), GivenName: s("Megan"), Surname: s("Bowen"), DisplayName: s("Megan Bowen"),
				Department: s("Marketing"), JobTitle: s("Marketing Manager"),
				OfficeLocation: s(""), City: s("Bellevue"), Country: s("United States"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("megan.bowen@northwind.example"),
				EmployeeHireDate: ts("2020-11-02T00:00:00Z"), CreatedDateTime: ts("2020-10-19T10:00:00Z")},

			// Only country is known: location "Canada".
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000006", UserPrincipalName: "nestor.wilke@northwind.example",
				Mail: s("nestor.wilke@northwind.example"), GivenName: s("Nestor"), Surname: s("Wilke"), DisplayName: s("Nestor Wilke"),
				Department: s("Operations"), JobTitle: s("Director"), EmployeeID: s("NW-1006"),
				Country: s("Canada"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("nestor.wilke@northwind.example"),
				CreatedDateTime: ts("2019-01-07T11:20:00Z")},

			// Nothing about place or job: location, department, job_title and
			// employee_id are all null.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000007", UserPrincipalName: "patti.fernandez@northwind.example",
				Mail: s("patti.fernandez@northwind.example"), GivenName: s("Patti"), Surname: s("Fernandez"), DisplayName: s("Patti Fernandez"),
				UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("patti.fernandez@northwind.example"),
				CreatedDateTime: ts("2022-05-30T07:45:00Z")},

			// Disabled member (accountEnabled false): still listed.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000008", UserPrincipalName: "lynne.robbins@northwind.example",
				Mail: s("lynne.robbins@northwind.example"), GivenName: s("Lynne"), Surname: s("Robbins"), DisplayName: s("Lynne Robbins"),
				Department: s("Planning"), JobTitle: s("Planner"), EmployeeID: s("NW-1008"),
				OfficeLocation: s("Seattle HQ / 3.301"), UserType: member, AccountEnabled: off,
				ProxyAddresses:   smtp("lynne.robbins@northwind.example"),
				EmployeeHireDate: ts("2018-12-01T00:00:00Z"), CreatedDateTime: ts("2018-11-12T13:00:00Z")},

			// No mailbox: mail null, no proxyAddresses or otherMails; email
			// falls back to the UPN, email_aliases is empty.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000009", UserPrincipalName: "isaiah.langer@northwind.example",
				GivenName: s("Isaiah"), Surname: s("Langer"), DisplayName: s("Isaiah Langer"),
				Department: s("Sales"), JobTitle: s("Sales Representative"), EmployeeID: s("NW-1009"),
				OfficeLocation: s("Remote"), UserType: member, AccountEnabled: on,
				CreatedDateTime: ts("2023-01-09T09:00:00Z")},

			// UPN in northwind.example, mail in Fabrikam-Labs.example (mixed
			// case): matches fabrikam-labs.example through mail only and
			// northwind.example through UPN only.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000010", UserPrincipalName: "grady.archie@northwind.example",
				Mail: s("Grady.Archie@Fabrikam-Labs.example"), GivenName: s("Grady"), Surname: s("Archie"), DisplayName: s("Grady Archie"),
				Department: s("Research"), JobTitle: s("Designer"), EmployeeID: s("NW-1010"),
				OfficeLocation: s("Fabrikam Lab 2"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  []string{"SMTP:Grady.Archie@Fabrikam-Labs.example", "smtp:grady.archie@northwind.example"},
				CreatedDateTime: ts("2021-03-15T15:30:00Z")},

			// createdDateTime null (account created before June 2018) and no
			// hire date: active_date and created_date_time are null. The only
			// user without createdDateTime.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000011", UserPrincipalName: "johanna.lorenz@northwind.example",
				Mail: s("johanna.lorenz@northwind.example"), GivenName: s("Johanna"), Surname: s("Lorenz"), DisplayName: s("Johanna Lorenz"),
				Department: s("Engineering"), JobTitle: s("Senior Engineer"), EmployeeID: s("NW-0042"),
				OfficeLocation: s("Seattle HQ / 5.500"), UserType: member, AccountEnabled: on,
				ProxyAddresses: smtp("johanna.lorenz@northwind.example")},

			// userType null (a legacy account): kept without include_guests;
			// givenName and surname null.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000012", UserPrincipalName: "legacy.sync@northwind.example",
				Mail: s("legacy.sync@northwind.example"), DisplayName: s("Directory Sync Account"),
				AccountEnabled: on, ProxyAddresses: smtp("legacy.sync@northwind.example"),
				CreatedDateTime: ts("2018-07-01T06:00:00Z")},

			// givenName is "" (empty, not null): first_name stays "".
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000013", UserPrincipalName: "kai@northwind.example",
				Mail: s("kai@northwind.example"), GivenName: s(""), Surname: s("Kai"), DisplayName: s("Kai"),
				Department: s("Design"), JobTitle: s("UX Designer"), EmployeeID: s("NW-1013"),
				OfficeLocation: s("Seattle HQ / 3.120"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("kai@northwind.example"),
				CreatedDateTime: ts("2022-09-19T12:10:00Z")},

			// Mail in the initial domain; non-ASCII display name; location
			// "Munich, Germany" (no state).
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000014", UserPrincipalName: "henrietta.mueller@northwind.example",
				Mail: s("henrietta.mueller@northwindtraders.onmicrosoft.com"), GivenName: s("Henrietta"), Surname: s("Müller"), DisplayName: s("Henrietta Müller"),
				Department: s("Legal"), JobTitle: s("Counsel"), EmployeeID: s("NW-1014"),
				City: s("Munich"), Country: s("Germany"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   []string{"SMTP:henrietta.mueller@northwindtraders.onmicrosoft.com", "smtp:henrietta.mueller@northwind.example"},
				EmployeeHireDate: ts("2020-07-01T00:00:00Z"), CreatedDateTime: ts("2020-06-01T08:00:00Z")},

			// Hire date (2012) long before the account was created (2020):
			// active_date is the hire date.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000015", UserPrincipalName: "allan.deyoung@northwind.example",
				Mail: s("allan.deyoung@northwind.example"), GivenName: s("Allan"), Surname: s("Deyoung"), DisplayName: s("Allan Deyoung"),
				Department: s("IT"), JobTitle: s("IT Admin"), EmployeeID: s("NW-0007"),
				OfficeLocation: s("Seattle HQ / B1"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("allan.deyoung@northwind.example"),
				EmployeeHireDate: ts("2012-06-01T00:00:00Z"), CreatedDateTime: ts("2020-01-15T10:00:00Z")},

			// userType Guest with a plain (non-#EXT#) UPN: guest status comes
			// from userType, not from the UPN.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000016", UserPrincipalName: "vendor.kim@northwind.example",
				Mail: s("vendor.kim@northwind.example"), GivenName: s("Kim"), Surname: s("Vendor"), DisplayName: s("Kim Vendor"),
				JobTitle: s("Contractor"), UserType: guest, AccountEnabled: on,
				ProxyAddresses:  smtp("vendor.kim@northwind.example"),
				CreatedDateTime: ts("2024-02-01T09:30:00Z")},

			// Recent hire: hire date after creation.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000017", UserPrincipalName: "ben.walters@northwind.example",
				Mail: s("ben.walters@northwind.example"), GivenName: s("Ben"), Surname: s("Walters"), DisplayName: s("Ben Walters"),
				Department: s("Sales"), JobTitle: s("Sales Associate"), EmployeeID: s("NW-2025"),
				OfficeLocation: s("Seattle HQ / 2.110"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("ben.walters@northwind.example"),
				EmployeeHireDate: ts("2025-03-03T00:00:00Z"), CreatedDateTime: ts("2025-02-20T14:45:00Z")},

			// A room account: disabled, no given name or surname.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000018", UserPrincipalName: "boardroom@northwind.example",
				Mail: s("boardroom@northwind.example"), DisplayName: s("Boardroom 4.01"),
				OfficeLocation: s("Seattle HQ / 4.01"), UserType: member, AccountEnabled: off,
				ProxyAddresses:  smtp("boardroom@northwind.example"),
				CreatedDateTime: ts("2019-10-01T00:00:00Z")},

			// --- members of the initial domain, northwindtraders.onmicrosoft.com ---

			// The cloud-only administrator; no job title.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000019", UserPrincipalName: "admin@northwindtraders.onmicrosoft.com",
				Mail: s("admin@northwindtraders.onmicrosoft.com"), GivenName: s("MOD"), Surname: s("Administrator"), DisplayName: s("MOD Administrator"),
				UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("admin@northwindtraders.onmicrosoft.com"),
				CreatedDateTime: ts("2018-06-20T10:00:00Z")},

			// Emergency-access account: no mail, no names.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000020", UserPrincipalName: "breakglass@northwindtraders.onmicrosoft.com",
				DisplayName: s("Emergency Access"), UserType: member, AccountEnabled: on,
				CreatedDateTime: ts("2018-06-20T10:05:00Z")},

			// UPN in the initial domain, mail in northwind.example: matches
			// northwind.example through mail only.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000021", UserPrincipalName: "miriam.graham@northwindtraders.onmicrosoft.com",
				Mail: s("Miriam.Graham@northwind.example"), GivenName: s("Miriam"), Surname: s("Graham"), DisplayName: s("Miriam Graham"),
				Department: s("Sales"), JobTitle: s("Director"), EmployeeID: s("NW-1021"),
				OfficeLocation: s("Seattle HQ / 2.001"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  []string{"SMTP:Miriam.Graham@northwind.example", "smtp:miriam.graham@northwindtraders.onmicrosoft.com"},
				CreatedDateTime: ts("2019-05-05T10:10:00Z")},

			// --- members of fabrikam-labs.example ---

			// Mixed-case domain in the UPN (Fabrikam-Labs.example), lower
			// case in mail.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000022", UserPrincipalName: "Lidia.Holloway@Fabrikam-Labs.example",
				Mail: s("lidia.holloway@fabrikam-labs.example"), GivenName: s("Lidia"), Surname: s("Holloway"), DisplayName: s("Lidia Holloway"),
				Department: s("Research"), JobTitle: s("Product Manager"), EmployeeID: s("FL-0001"),
				OfficeLocation: s("Fabrikam Lab 1"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("lidia.holloway@fabrikam-labs.example"),
				EmployeeHireDate: ts("2021-01-11T00:00:00Z"), CreatedDateTime: ts("2020-12-15T09:00:00Z")},

			// Upper-case domain in mail only; an X500: entry with an
			// upper-case prefix; otherMails repeating a proxy address.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000023", UserPrincipalName: "pradeep.gupta@fabrikam-labs.example",
				Mail: s("Pradeep.Gupta@FABRIKAM-LABS.EXAMPLE"), GivenName: s("Pradeep"), Surname: s("Gupta"), DisplayName: s("Pradeep Gupta"),
				Department: s("Research"), JobTitle: s("Lab Technician"), EmployeeID: s("FL-0002"),
				City: s("Hyderabad"), State: s("Telangana"), Country: s("India"), UserType: member, AccountEnabled: on,
				ProxyAddresses: []string{
					"SMTP:Pradeep.Gupta@FABRIKAM-LABS.EXAMPLE",
					"smtp:pgupta@fabrikam-labs.example",
					"X500:/o=Fabrikam/ou=Labs/cn=Recipients/cn=pgupta",
				},
				OtherMails:      []string{"pgupta@fabrikam-labs.example"},
				CreatedDateTime: ts("2021-08-23T04:30:00Z")},

			// UPN in fabrikam-labs.example, mail in northwind.example.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000024", UserPrincipalName: "joni.sherman@fabrikam-labs.example",
				Mail: s("joni.sherman@northwind.example"), GivenName: s("Joni"), Surname: s("Sherman"), DisplayName: s("Joni Sherman"),
				Department: s("Legal"), JobTitle: s("Paralegal"), EmployeeID: s("FL-0003"),
				OfficeLocation: s("Fabrikam Lab 1"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  []string{"SMTP:joni.sherman@northwind.example", "smtp:joni.sherman@fabrikam-labs.example"},
				CreatedDateTime: ts("2022-02-14T11:00:00Z")},

			// Disabled and without mail.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000025", UserPrincipalName: "diego.siciliani@fabrikam-labs.example",
				GivenName: s("Diego"), Surname: s("Siciliani"), DisplayName: s("Diego Siciliani"),
				Department: s("Human Resources"), JobTitle: s("HR Manager"), EmployeeID: s("FL-0004"),
				UserType: member, AccountEnabled: off,
				CreatedDateTime: ts("2020-04-06T08:00:00Z")},

			// Mixed-case domain in the UPN and no mail: email is the UPN as
			// typed, "wei.chen@Fabrikam-Labs.example".
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000026", UserPrincipalName: "wei.chen@Fabrikam-Labs.example",
				GivenName: s("Wei"), Surname: s("Chen"), DisplayName: s("Wei Chen"),
				Department: s("Research"), JobTitle: s("Data Scientist"), EmployeeID: s("FL-0005"),
				City: s("Vancouver"), Country: s("Canada"), UserType: member, AccountEnabled: on,
				EmployeeHireDate: ts("2023-09-18T00:00:00Z"), CreatedDateTime: ts("2023-09-01T12:00:00Z")},

			// --- members of the federated domain, tailspin.example ---

			// Federated member with a hire date; "Milan, Italy".
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000027", UserPrincipalName: "enrico.cattaneo@tailspin.example",
				Mail: s("enrico.cattaneo@tailspin.example"), GivenName: s("Enrico"), Surname: s("Cattaneo"), DisplayName: s("Enrico Cattaneo"),
				Department: s("Manufacturing"), JobTitle: s("Plant Manager"), EmployeeID: s("TS-0001"),
				City: s("Milan"), Country: s("Italy"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("enrico.cattaneo@tailspin.example"),
				EmployeeHireDate: ts("2023-04-17T00:00:00Z"), CreatedDateTime: ts("2023-03-30T09:00:00Z")},

			// No proxyAddresses; otherMails holds the mail again in upper case
			// (dropped from aliases) and one real alias.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000028", UserPrincipalName: "irvin.sayers@tailspin.example",
				Mail: s("irvin.sayers@tailspin.example"), GivenName: s("Irvin"), Surname: s("Sayers"), DisplayName: s("Irvin Sayers"),
				Department: s("Manufacturing"), JobTitle: s("Engineer"), EmployeeID: s("TS-0002"),
				OfficeLocation: s("Tailspin Plant A"), UserType: member, AccountEnabled: on,
				OtherMails:      []string{"IRVIN.SAYERS@TAILSPIN.EXAMPLE", "irvin@sayers-family.example"},
				CreatedDateTime: ts("2021-11-08T10:00:00Z")},

			// An alias (smtp:) in northwind.example, but UPN and mail in
			// tailspin.example: a northwind.example filter must not keep her
			// (aliases do not count for domains).
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000029", UserPrincipalName: "christie.cline@tailspin.example",
				Mail: s("christie.cline@tailspin.example"), GivenName: s("Christie"), Surname: s("Cline"), DisplayName: s("Christie Cline"),
				Department: s("Purchasing"), JobTitle: s("Buyer"), EmployeeID: s("TS-0003"),
				OfficeLocation: s("Tailspin Plant A"), UserType: member, AccountEnabled: on,
				ProxyAddresses: []string{
					"SMTP:christie.cline@tailspin.example",
					"smtp:christie.cline@northwind.example",
					"SIP:christie.cline@tailspin.example",
				},
				CreatedDateTime: ts("2022-07-25T08:00:00Z")},

			// Leading-zero employeeId; "Prague, Czechia".
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000030", UserPrincipalName: "tomas.novak@tailspin.example",
				Mail: s("tomas.novak@tailspin.example"), GivenName: s("Tomáš"), Surname: s("Novák"), DisplayName: s("Tomáš Novák"),
				Department: s("Logistics"), JobTitle: s("Coordinator"), EmployeeID: s("000123"),
				City: s("Prague"), Country: s("Czechia"), UserType: member, AccountEnabled: on,
				ProxyAddresses:   smtp("tomas.novak@tailspin.example"),
				EmployeeHireDate: ts("2024-01-08T00:00:00Z"), CreatedDateTime: ts("2023-12-18T10:00:00Z")},

			// --- guests (#EXT# UPNs in the initial domain) ---

			// The usual B2B guest: userType Guest, mail at the home domain,
			// otherMails = the invited address (same as mail).
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000031", UserPrincipalName: "lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com",
				Mail: s("lee@fabrikam.example"), GivenName: s("Lee"), Surname: s("Gu"), DisplayName: s("Lee Gu"),
				UserType: guest, AccountEnabled: on,
				ProxyAddresses:  smtp("lee@fabrikam.example"),
				OtherMails:      []string{"lee@fabrikam.example"},
				CreatedDateTime: ts("2024-07-02T15:00:00Z")},

			// Disabled guest.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000032", UserPrincipalName: "sam.taylor_contoso.example#EXT#@northwindtraders.onmicrosoft.com",
				Mail: s("sam.taylor@contoso.example"), GivenName: s("Sam"), Surname: s("Taylor"), DisplayName: s("Sam Taylor (Contoso)"),
				JobTitle: s("Consultant"), UserType: guest, AccountEnabled: off,
				ProxyAddresses:  smtp("sam.taylor@contoso.example"),
				OtherMails:      []string{"sam.taylor@contoso.example"},
				CreatedDateTime: ts("2023-05-10T13:00:00Z")},

			// Guest whose mail (mixed case) is in a verified domain: matches a
			// tailspin.example filter through mail, yet is left out unless
			// include_guests.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000033", UserPrincipalName: "rosa.diaz_tailspin.example#EXT#@northwindtraders.onmicrosoft.com",
				Mail: s("Rosa.Diaz@Tailspin.example"), GivenName: s("Rosa"), Surname: s("Diaz"), DisplayName: s("Rosa Diaz"),
				UserType: guest, AccountEnabled: on,
				ProxyAddresses:  smtp("Rosa.Diaz@Tailspin.example"),
				OtherMails:      []string{"rosa.diaz@tailspin.example"},
				CreatedDateTime: ts("2022-03-01T12:00:00Z")},

			// Guest without mail: email falls back to the #EXT# UPN; the home
			// address is only in otherMails.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000034", UserPrincipalName: "mo_outlook.example#EXT#@northwindtraders.onmicrosoft.com",
				DisplayName: s("mo@outlook.example"), UserType: guest, AccountEnabled: on,
				OtherMails:      []string{"mo@outlook.example"},
				CreatedDateTime: ts("2025-01-20T18:00:00Z")},

			// #EXT# UPN but userType Member (a guest converted to member):
			// kept without include_guests.
			{ID: "6b0e5d2c-7a41-4f3e-9c8d-000000000035", UserPrincipalName: "alba.ruiz_adatum.example#EXT#@northwindtraders.onmicrosoft.com",
				Mail: s("alba.ruiz@adatum.example"), GivenName: s("Alba"), Surname: s("Ruiz"), DisplayName: s("Alba Ruiz"),
				Department: s("Finance"), JobTitle: s("Auditor"), UserType: member, AccountEnabled: on,
				ProxyAddresses:  smtp("alba.ruiz@adatum.example"),
				OtherMails:      []string{"alba.ruiz@adatum.example"},
				CreatedDateTime: ts("2021-10-04T09:00:00Z")},
		},
	}
	// 30 days of sign-ins up to now, so that since = "720h" sees them all.
	now := time.Now().UTC().Truncate(time.Minute)
	t.SignIns = demoSignIns(t.Users, now)
	applyDemoLicences(t.Users, t.SignIns, now)
	t.M365ReportRefreshDate, t.M365ActiveUsers = demoM365ActiveUsers(t.Users, now) // demo_m365_usage.go
	// Consent grants and SAML certificates (demo_consent.go).
	addDemoConsent(t, now)
	// Registration details, guests' invitation state (demo_posture.go).
	addDemoPosture(t, now)
	// Who administers the tenant, and its role-assignable group (demo_roles.go).
	t.Groups = append(t.Groups, demoRoleGroups()...)
	t.RoleAssignments = demoRoleAssignments(now)
	// Owners of the service principals (demo_owners.go).
	addDemoOwners(t)
	return t
}
