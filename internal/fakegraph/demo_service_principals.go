package fakegraph

// Microsoft's two owner tenants: apps registered in either are Microsoft's
// own (first-party).
const (
	MicrosoftServicesTenantID  = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
	MicrosoftCorporateTenantID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
)

// The demo tenant's SaaS applications (service principal object ids, all
// starting 5a000000, and application ids). The roster, sign-in and access
// data of later datasets refer to these.
const (
	// Gallery SAML apps instantiated from an application template: the
	// application object lives in the demo tenant, so the publisher is
	// "Northwind Traders" and sso_integration is true. Assignment required.
	DemoSalesforceID    = "5a000000-0000-4000-8000-000000000001"
	DemoSalesforceAppID = "a1000000-5f0c-4e8a-9b3d-000000000001"
	DemoSlackID         = "5a000000-0000-4000-8000-000000000002"
	DemoSlackAppID      = "a1000000-5f0c-4e8a-9b3d-000000000002"
	DemoWorkdayID       = "5a000000-0000-4000-8000-000000000003"
	DemoWorkdayAppID    = "a1000000-5f0c-4e8a-9b3d-000000000003"

	// ServiceNow: gallery SAML app owned by the tenant, open access
	// (appRoleAssignmentRequired false).
	DemoServiceNowID    = "5a000000-0000-4000-8000-000000000004"
	DemoServiceNowAppID = "a1000000-5f0c-4e8a-9b3d-000000000004"

	// Zoom: multi-tenant OIDC app of its vendor's tenant with a verified
	// publisher; open access.
	DemoZoomID    = "5a000000-0000-4000-8000-000000000005"
	DemoZoomAppID = "a1000000-5f0c-4e8a-9b3d-000000000005"

	// Dropbox: multi-tenant app of its vendor's tenant, verified publisher,
	// preferredSingleSignOnMode null with reply URLs (OAuth integration);
	// assignment required.
	DemoDropboxID    = "5a000000-0000-4000-8000-000000000006"
	DemoDropboxAppID = "a1000000-5f0c-4e8a-9b3d-000000000006"

	// Twitter: gallery password-SSO app owned by the tenant; open access.
	DemoTwitterID    = "5a000000-0000-4000-8000-000000000007"
	DemoTwitterAppID = "a1000000-5f0c-4e8a-9b3d-000000000007"

	// Northwind Expenses: non-gallery SAML app (tagged
	// WindowsAzureActiveDirectoryCustomSingleSignOnApplication) whose SSO
	// mode is null and which has reply URLs: not an OAuth integration.
	// Assignment required.
	DemoExpensesID    = "5a000000-0000-4000-8000-000000000008"
	DemoExpensesAppID = "a1000000-5f0c-4e8a-9b3d-000000000008"

	// Northwind Intranet: the tenant's own OIDC line-of-business app, SSO
	// mode null, reply URLs, no custom-SSO tag: an OAuth integration.
	// Assignment required.
	DemoIntranetID    = "5a000000-0000-4000-8000-000000000009"
	DemoIntranetAppID = "a1000000-5f0c-4e8a-9b3d-000000000009"

	// Trello: gallery SAML app owned by the tenant, disabled
	// (accountEnabled false); assignment required.
	DemoTrelloID    = "5a000000-0000-4000-8000-000000000010"
	DemoTrelloAppID = "a1000000-5f0c-4e8a-9b3d-000000000010"

	// Miro: vendor tenant, no verified publisher (publisher null), SSO mode
	// notSupported; open access but not an enterprise app (no
	// WindowsAzureActiveDirectoryIntegratedApp tag).
	DemoMiroID    = "5a000000-0000-4000-8000-000000000011"
	DemoMiroAppID = "a1000000-5f0c-4e8a-9b3d-000000000011"

	// Northwind Field Service: registered in a partner tenant but verified
	// under the publisher name "  northwind TRADERS " — equal to the
	// organization's name once trimmed and case-folded: sso_integration true.
	DemoFieldServiceID    = "5a000000-0000-4000-8000-000000000012"
	DemoFieldServiceAppID = "a1000000-5f0c-4e8a-9b3d-000000000012"
)

// NoOrganizationClientID may read users and applications but not the
// organization (no Organization.Read.All): /organization answers 403.
const (
	NoOrganizationClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f55"
	NoOrganizationClientSecret = "no-organization-secret-not-a-real-credential"
)

// Other vendors' tenants (invented).
const (
	demoZoomTenantID    = "b0000000-7a3c-4d2e-9f10-000000000001"
	demoDropboxTenantID = "b0000000-7a3c-4d2e-9f10-000000000002"
	demoMiroTenantID    = "b0000000-7a3c-4d2e-9f10-000000000003"
	demoPartnerTenantID = "b0000000-7a3c-4d2e-9f10-000000000004"
)

// Tags Entra ID puts on service principals.
const (
	TagIntegratedApp   = "WindowsAzureActiveDirectoryIntegratedApp"
	TagCustomSSO       = "WindowsAzureActiveDirectoryCustomSingleSignOnApplication"
	tagGalleryPrimary  = "WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1"
	tagGalleryNonPrim  = "WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1"
	tagHideApp         = "HideApp"
	tagWindowsAzureApp = "WindowsAzureActiveDirectoryV2Endpoint"
)

// demoServicePrincipals are the demo tenant's service principals: SaaS apps
// (the Demo…ID constants), Microsoft first-party apps of both Microsoft
// owner tenants, managed identities, a legacy principal, and the demo
// client application itself.
func demoServicePrincipals() []ServicePrincipal {
	s := Ptr[string]
	on, off := Ptr(true), Ptr(false)
	app, mi := s("Application"), s("ManagedIdentity")
	myOrg, multiOrg := s("AzureADMyOrg"), s("AzureADMultipleOrgs")
	demo, microsoft, microsoftCorp := s(DemoTenantID), s(MicrosoftServicesTenantID), s(MicrosoftCorporateTenantID)
	galleryTags := []string{TagIntegratedApp, tagGalleryPrimary}

	// saas is an app the tenant runs (both names equal, as for most apps).
	saas := func(id, appID, name string) ServicePrincipal {
		return ServicePrincipal{ID: id, AppID: appID, DisplayName: s(name), AppDisplayName: s(name),
			AccountEnabled: on, ServicePrincipalType: app}
	}
	with := func(sp ServicePrincipal, f func(*ServicePrincipal)) ServicePrincipal { f(&sp); return sp }

	return []ServicePrincipal{
		// --- SaaS apps ---
		with(saas(DemoSalesforceID, DemoSalesforceAppID, "Salesforce"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AppRoleAssignmentRequired = true
			sp.PreferredSingleSignOnMode = s("saml")
			sp.Tags = galleryTags
			sp.Homepage = s("https://northwind.my.salesforce.com?metadata=salesforce|ISV|northwind")
			sp.LoginURL = s("https://northwind.my.salesforce.com")
			sp.ReplyURLs = []string{"https://northwind.my.salesforce.com"}
		}),
		with(saas(DemoSlackID, DemoSlackAppID, "Slack"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AppRoleAssignmentRequired = true
			sp.PreferredSingleSignOnMode = s("saml")
			sp.Tags = galleryTags
			sp.LoginURL = s("https://northwind.slack.com")
			sp.ReplyURLs = []string{"https://northwind.slack.com/sso/saml"}
		}),
		with(saas(DemoWorkdayID, DemoWorkdayAppID, "Workday"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AppRoleAssignmentRequired = true
			sp.PreferredSingleSignOnMode = s("saml")
			sp.Tags = []string{TagIntegratedApp, tagGalleryPrimary, tagHideApp}
			sp.LoginURL = s("https://wd5.myworkday.com/northwind/login-saml2.htmld")
			sp.ReplyURLs = []string{"https://wd5.myworkday.com/northwind/login-saml.htmld", "https://impl.workday.com/northwind/login-saml.htmld"}
		}),
		with(saas(DemoServiceNowID, DemoServiceNowAppID, "ServiceNow"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.PreferredSingleSignOnMode = s("saml")
			sp.Tags = galleryTags
			sp.LoginURL = s("https://northwind.service-now.com/login_with_sso.do?glide_sso_id=1")
			sp.ReplyURLs = []string{"https://northwind.service-now.com/navpage.do"}
		}),
		with(saas(DemoZoomID, DemoZoomAppID, "Zoom"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = s(demoZoomTenantID), multiOrg
			sp.PreferredSingleSignOnMode = s("oidc")
			sp.Tags = []string{TagIntegratedApp, tagWindowsAzureApp}
			sp.Homepage = s("https://zoom.us/")
			sp.ReplyURLs = []string{"https://zoom.us/oauth/microsoft/callback"}
			sp.VerifiedPublisher = VerifiedPublisher{DisplayName: s("Zoom Video Communications, Inc."),
				VerifiedPublisherID: s("5188012"), AddedDateTime: ts("2020-06-11T17:42:03Z")}
		}),
		with(saas(DemoDropboxID, DemoDropboxAppID, "Dropbox Business"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = s(demoDropboxTenantID), multiOrg
			sp.AppRoleAssignmentRequired = true
			sp.Tags = []string{TagIntegratedApp, tagWindowsAzureApp}
			sp.Homepage = s("https://www.dropbox.com/business")
			sp.ReplyURLs = []string{"https://www.dropbox.com/sso/oidc/callback", "https://www.dropbox.com/sso/oidc/logout"}
			sp.VerifiedPublisher = VerifiedPublisher{DisplayName: s("Dropbox, Inc."),
				VerifiedPublisherID: s("6021433"), AddedDateTime: ts("2021-02-24T08:10:51Z")}
		}),
		with(saas(DemoTwitterID, DemoTwitterAppID, "Twitter"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.PreferredSingleSignOnMode = s("password")
			sp.Tags = galleryTags
			sp.LoginURL = s("https://twitter.com/login")
			sp.ReplyURLs = []string{}
		}),
		with(saas(DemoExpensesID, DemoExpensesAppID, "Northwind Expenses"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AppRoleAssignmentRequired = true
			sp.Tags = []string{TagIntegratedApp, TagCustomSSO}
			sp.Homepage = s("https://expenses.northwind.example/")
			sp.ReplyURLs = []string{"https://expenses.northwind.example/saml/acs"}
		}),
		with(saas(DemoIntranetID, DemoIntranetAppID, "Northwind Intranet"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AppRoleAssignmentRequired = true
			sp.Tags = []string{TagIntegratedApp}
			sp.Homepage = s("https://intranet.northwind.example/")
			sp.LogoutURL = s("https://intranet.northwind.example/signout")
			sp.ReplyURLs = []string{"https://intranet.northwind.example/signin-oidc"}
		}),
		with(saas(DemoTrelloID, DemoTrelloAppID, "Trello"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = demo, myOrg
			sp.AccountEnabled = off
			sp.AppRoleAssignmentRequired = true
			sp.PreferredSingleSignOnMode = s("saml")
			sp.Tags = []string{TagIntegratedApp, tagGalleryNonPrim}
			sp.ReplyURLs = []string{"https://trello.com/auth/saml/consume/northwind"}
		}),
		with(saas(DemoMiroID, DemoMiroAppID, "Miro"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = s(demoMiroTenantID), multiOrg
			sp.PreferredSingleSignOnMode = s("notSupported")
			sp.Homepage = s("https://miro.com/")
			sp.ReplyURLs = []string{"https://miro.com/sso/microsoft/callback"}
		}),
		with(saas(DemoFieldServiceID, DemoFieldServiceAppID, "Northwind Field Service"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = s(demoPartnerTenantID), multiOrg
			sp.AppRoleAssignmentRequired = true
			sp.PreferredSingleSignOnMode = s("oidc")
			sp.Tags = []string{TagIntegratedApp}
			sp.ReplyURLs = []string{"https://field.northwind.example/auth/callback"}
			sp.VerifiedPublisher = VerifiedPublisher{DisplayName: s("  northwind TRADERS "),
				VerifiedPublisherID: s("7340119"), AddedDateTime: ts("2023-09-05T12:00:00Z")}
		}),

		// --- Microsoft first-party apps (f8cdef31-… and 72f988bf-…) ---
		// Publisher "Microsoft" (no verified publisher), except Teams whose
		// verified publisher name wins.
		with(saas("5a0f0000-0000-4000-8000-000000000001", "00000003-0000-0000-c000-000000000000", "Microsoft Graph"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoft, multiOrg
			sp.ReplyURLs = []string{}
		}),
		with(saas("5a0f0000-0000-4000-8000-000000000002", "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoft, multiOrg
			sp.ReplyURLs = []string{"https://outlook.office365.com/", "https://outlook.office.com/owa/"}
		}),
		with(saas("5a0f0000-0000-4000-8000-000000000003", "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoft, multiOrg
			sp.Tags = []string{TagIntegratedApp}
			sp.ReplyURLs = []string{"https://teams.microsoft.com/go"}
			sp.VerifiedPublisher = VerifiedPublisher{DisplayName: s("Microsoft Corporation"),
				VerifiedPublisherID: s("1000001"), AddedDateTime: ts("2019-11-01T00:00:00Z")}
		}),
		with(saas("5a0f0000-0000-4000-8000-000000000004", "00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoft, multiOrg
			sp.PreferredSingleSignOnMode = s("notSupported")
			sp.ReplyURLs = []string{"https://northwindtraders.sharepoint.com/_forms/default.aspx"}
		}),
		with(saas("5a0f0000-0000-4000-8000-000000000005", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoftCorp, multiOrg
			sp.ReplyURLs = []string{"https://portal.azure.com/signin/index/"}
		}),
		with(saas("5a0f0000-0000-4000-8000-000000000006", "00000009-0000-0000-c000-000000000000", "Power BI Service"), func(sp *ServicePrincipal) {
			sp.AppOwnerOrganizationID, sp.SignInAudience = microsoftCorp, multiOrg
			sp.Tags = []string{TagIntegratedApp}
			sp.ReplyURLs = []string{"https://app.powerbi.com/"}
		}),

		// --- managed identities and a legacy principal: no owner tenant, no
		// audience, no SSO ---
		{ID: "5a0e0000-0000-4000-8000-000000000001", AppID: "c0000000-1d2e-4f3a-8b4c-000000000001",
			DisplayName: s("nw-func-payroll"), AccountEnabled: on, ServicePrincipalType: mi,
			Tags: []string{}, ReplyURLs: []string{}},
		{ID: "5a0e0000-0000-4000-8000-000000000002", AppID: "c0000000-1d2e-4f3a-8b4c-000000000002",
			DisplayName: s("nw-uami-inventory-sync"), AccountEnabled: on, ServicePrincipalType: mi,
			Tags: []string{}, ReplyURLs: []string{}},
		{ID: "5a0e0000-0000-4000-8000-000000000003", AppID: "c0000000-1d2e-4f3a-8b4c-000000000003",
			DisplayName: s("Legacy Fax Gateway"), AccountEnabled: off, ServicePrincipalType: s("Legacy"),
			Tags: []string{}, ReplyURLs: []string{}},

		// --- the demo client application itself, registered in the tenant ---
		{ID: ServicePrincipalID(&Tenant{ID: DemoTenantID}, DemoClientID),
			AppID: DemoClientID, DisplayName: s("Northwind Inventory (demo)"), AppDisplayName: s("Northwind Inventory (demo)"),
			AppOwnerOrganizationID: demo, AccountEnabled: on, ServicePrincipalType: app, SignInAudience: myOrg,
			Tags: []string{tagHideApp}, ReplyURLs: []string{}},
	}
}
