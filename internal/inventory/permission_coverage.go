package inventory

import "slices"

// The Graph endpoints the integration status knows, as "METHOD /path".
const (
	EndpointUsers             = "GET /users"
	EndpointServicePrincipals = "GET /servicePrincipals"
	EndpointOrganization      = "GET /organization"
	EndpointAppRoleAssignedTo = "GET /servicePrincipals/{id}/appRoleAssignedTo"
	EndpointGroupMembers      = "GET /groups/{id}/members"
	EndpointGroups            = "GET /groups"
	EndpointSignIns           = "GET /auditLogs/signIns"
	EndpointSubscribedSkus    = "GET /subscribedSkus"
	EndpointReportSettings    = "GET /admin/reportSettings"
	EndpointApplication       = "GET /applications(appId='{id}')"
	EndpointApplications      = "GET /applications"
	EndpointPermissionGrants  = "GET /oauth2PermissionGrants"
	EndpointM365ActiveUsers   = "GET /reports/getOffice365ActiveUserDetail(period='{period}')"

	EndpointRegistrationDetails       = "GET /reports/authenticationMethods/userRegistrationDetails"
	EndpointAuthorizationPolicy       = "GET /policies/authorizationPolicy"
	EndpointAdminConsentRequestPolicy = "GET /policies/adminConsentRequestPolicy"

	EndpointRoleDefinitions          = "GET /roleManagement/directory/roleDefinitions"
	EndpointRoleAssignments          = "GET /roleManagement/directory/roleAssignments"
	EndpointRoleAssignmentInstances  = "GET /roleManagement/directory/roleAssignmentScheduleInstances"
	EndpointRoleEligibilityInstances = "GET /roleManagement/directory/roleEligibilityScheduleInstances"
	permissionRoleManagementRead     = "RoleManagement.Read.Directory"
	permissionPolicyRead             = "Policy.Read.All"
	permissionDirectoryRead          = "Directory.Read.All"
	permissionDirectoryWrite         = "Directory.ReadWrite.All"
	permissionAuditLogRead           = "AuditLog.Read.All"
	permissionReportSettings         = "ReportSettings.Read.All"
	permissionApplicationRead        = "Application.Read.All"
	permissionSubscribedSkus         = "LicenseAssignment.Read.All"
	permissionOrganizationRead       = "Organization.Read.All"
)

// Endpoints that some reads of a data source make, depending on its
// arguments.
const (
	// EndpointUsersSignInActivity is the users list with signInActivity
	// selected or filtered: a request matches it when its $select, $filter
	// or $orderby names the property (EndpointOf).
	EndpointUsersSignInActivity    = "GET /users?$select=signInActivity"
	EndpointGroupTransitiveMembers = "GET /groups/{id}/transitiveMembers"
	// EndpointServicePrincipalOwners is a service principal's owners with
	// the user owners' names: Graph answers with Application.Read.All
	// alone, but a user owner then comes as a bare type and id, its names
	// null (graph-reference-3 §0.4), so the names need a user-read
	// permission too. The provider reads it only for an app whose expanded
	// owners may be truncated; the list's $expand=owners carries the same
	// names under the same rule.
	EndpointServicePrincipalOwners = "GET /servicePrincipals/{id}/owners?$select=userPrincipalName"
	// EndpointApplicationOwners is the same for an app registration's
	// owners. Its least permission is a CONFLICT in Microsoft's pages
	// (graph-reference-3 §1.2): Application.Read.All, as the current page
	// and the list say; OwnedBy covers only the caller's own objects.
	EndpointApplicationOwners = "GET /applications/{id}/owners?$select=userPrincipalName"
)

// endpointPermissions is the one table of which application permissions
// let an app-only token read each endpoint. An endpoint needs every group;
// a group is satisfied by any of its permissions, the first being the
// least privileged (the one to ask for). A higher permission is listed only
// where Microsoft's tables say it covers the read.
//
// Sources: graph-reference.md §4 (users, servicePrincipals, organization,
// appRoleAssignedTo, group members, signIns: the docs' permission tables)
// and graph-reference-2.md §1.1/§11 (subscribedSkus), §3 (grants), §5
// (reportSettings), §6.1 (applications), graph-reference-3.md §8.1 (usage reports), all from the permissions.json of
// microsoftgraph/microsoft-graph-devx-content. Sign-in logs need both
// AuditLog.Read.All and Directory.Read.All, as the seed and the sign-in
// list page say (field reports: AuditLog.Read.All is never optional).
// The access posture endpoints are graph-reference-3 §5.1 and §7: the
// registration report lists UserAuthenticationMethod.Read.All as well, but
// an app holding only that was refused naming AuditLog.Read.All, so only
// AuditLog.Read.All counts.
// signInActivity on users needs AuditLog.Read.All besides the users
// permission (graph-reference.md, users permissions); transitiveMembers
// has the members' table (graph-reference.md §3.5 and its table).
var endpointPermissions = map[string][][]string{
	EndpointUsers: {{"User.Read.All", "User.ReadWrite.All", permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointUsersSignInActivity: {{"User.Read.All", "User.ReadWrite.All", permissionDirectoryRead, permissionDirectoryWrite},
		{permissionAuditLogRead}},
	EndpointServicePrincipals: {{permissionApplicationRead, "Application.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointOrganization: {{permissionOrganizationRead, "Organization.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointAppRoleAssignedTo: {{permissionApplicationRead, "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointGroupMembers: {{"GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	// graph-reference-3 §4.1, CONFLICT 4: GroupMember.Read.All is the least
	// Microsoft's current page lists ("Group-NestingSupport.ReadWrite.All"
	// in one generated version is taken for an artefact); every higher
	// permission it lists counts too. Whether GroupMember.Read.All returns
	// assignedLicenses and membershipRule is UNKNOWN 9: the data source says
	// so when they come back null (inventory.GroupList).
	EndpointGroups: {{"GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointServicePrincipalOwners: {{permissionApplicationRead, "Application.ReadWrite.All", permissionDirectoryRead, permissionDirectoryWrite},
		{"User.Read.All", "User.ReadWrite.All", permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointApplicationOwners: {{permissionApplicationRead, "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}, {"User.Read.All", "User.ReadWrite.All", permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointGroupTransitiveMembers: {{"GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointSignIns: {{permissionAuditLogRead}, {permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointSubscribedSkus: {{permissionSubscribedSkus, permissionOrganizationRead, "Organization.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointReportSettings: {{permissionReportSettings, "ReportSettings.ReadWrite.All"}},
	EndpointApplication: {{permissionApplicationRead, "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	// graph-reference-3 §2.1: the list has the single read's table.
	EndpointApplications: {{permissionApplicationRead, "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
		permissionDirectoryRead, permissionDirectoryWrite}},
	EndpointPermissionGrants: {{permissionDirectoryRead, "DelegatedPermissionGrant.ReadWrite.All", permissionDirectoryWrite}},

	EndpointRegistrationDetails: {{permissionAuditLogRead}},
	EndpointAuthorizationPolicy: {{permissionPolicyRead, "Policy.ReadWrite.Authorization"}},
	EndpointAdminConsentRequestPolicy: {{permissionPolicyRead, "Policy.ReadWrite.ConsentRequest",
		permissionDirectoryRead, permissionDirectoryWrite}},
	// graph-reference-3 §3.1-3.3. RoleManagement.Read.Directory comes first
	// on the PIM lists although RoleAssignmentSchedule.Read.Directory and
	// RoleEligibilitySchedule.Read.Directory are less privileged: it alone
	// covers all four role endpoints, so a data source that reads them
	// asks for one permission, not three. Directory.Read.All covers the
	// definitions and roleAssignments but not the PIM lists.
	EndpointRoleDefinitions: {{permissionRoleManagementRead, permissionDirectoryRead,
		"RoleManagement.ReadWrite.Directory", permissionDirectoryWrite}},
	EndpointRoleAssignments: {{permissionRoleManagementRead, "RoleManagement.Read.All", permissionDirectoryRead,
		"RoleManagement.ReadWrite.Directory", permissionDirectoryWrite}},
	EndpointRoleAssignmentInstances: {{permissionRoleManagementRead, "RoleAssignmentSchedule.Read.Directory",
		"RoleManagement.Read.All", "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"}},
	EndpointRoleEligibilityInstances: {{permissionRoleManagementRead, "RoleEligibilitySchedule.Read.Directory",
		"RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.Read.All", "RoleManagement.ReadWrite.Directory"}},
	// graph-reference-3 §8.1: Reports.Read.All only; Directory.Read.All
	// does not cover usage reports.
	EndpointM365ActiveUsers: {{"Reports.Read.All"}},
}

// premiumEndpoints are readable only in a tenant with Entra ID P1 or P2
// (graph-reference.md's 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant,
// for sign-in logs and signInActivity; graph-reference-3 §5.1 for the
// registration report): a data source or task that always reads one is
// blocked in a tenant without.
var premiumEndpoints = map[string]bool{EndpointSignIns: true, EndpointUsersSignInActivity: true, EndpointRegistrationDetails: true}

// MissingPermissions are the least-privileged permissions to grant so that
// granted covers every endpoint, in the order the endpoints and groups
// come, without duplicates. An endpoint the table does not know panics: it
// is a programming error, caught by the tests.
func MissingPermissions(granted []string, endpoints ...string) []string {
	missing := []string{}
	for _, e := range endpoints {
		groups, ok := endpointPermissions[e]
		if !ok {
			panic("inventory: no permissions known for " + e)
		}
		for _, anyOf := range groups {
			if !slices.ContainsFunc(anyOf, func(p string) bool { return slices.Contains(granted, p) }) &&
				!slices.Contains(missing, anyOf[0]) {
				missing = append(missing, anyOf[0])
			}
		}
	}
	return missing
}

// Covers reports whether granted lets the app read every endpoint.
func Covers(granted []string, endpoints ...string) bool {
	return len(MissingPermissions(granted, endpoints...)) == 0
}
