package fakegraph

// Template ids of built-in directory roles the demo and tests name
// (Microsoft's "Microsoft Entra built-in roles" reference; for built-ins
// the role definition's id is its template id).
const (
	RoleGlobalAdministrator                   = "62e90394-69f5-4237-9190-012177145e10"
	RolePrivilegedRoleAdministrator           = "e8611ab8-c189-46e8-94e1-60213ab1f814"
	RolePrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
	RoleSecurityAdministrator                 = "194ae4cb-b126-40b2-bd5b-6091b380977d"
	RoleUserAdministrator                     = "fe930be7-5e62-47db-91af-98c3a49a38b1"
	RoleApplicationAdministrator              = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
	RoleCloudApplicationAdministrator         = "158c047a-c907-4556-b7ef-446551a6b5f7"
	RoleHelpdeskAdministrator                 = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
	RoleGlobalReader                          = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
	RoleExchangeAdministrator                 = "29232cdf-9323-42fd-ade2-1d097af3e4de"
	RoleBillingAdministrator                  = "b0f54661-2d74-4c50-afa3-1ec803f12efe"
	RoleSecurityReader                        = "5d6b6bb7-de71-4623-b4af-96380a352509"
)

// builtInRoles are a part of Microsoft's catalogue (display name, template
// id): enough to resolve names and to show roles nobody holds.
var builtInRoles = [][2]string{
	{"Global Administrator", RoleGlobalAdministrator},
	{"Privileged Role Administrator", RolePrivilegedRoleAdministrator},
	{"Privileged Authentication Administrator", RolePrivilegedAuthenticationAdministrator},
	{"Security Administrator", RoleSecurityAdministrator},
	{"User Administrator", RoleUserAdministrator},
	{"Application Administrator", RoleApplicationAdministrator},
	{"Cloud Application Administrator", RoleCloudApplicationAdministrator},
	{"Helpdesk Administrator", RoleHelpdeskAdministrator},
	{"Global Reader", RoleGlobalReader},
	{"Exchange Administrator", RoleExchangeAdministrator},
	{"Billing Administrator", RoleBillingAdministrator},
	{"Security Reader", RoleSecurityReader},
	{"Authentication Administrator", "c4e39bd9-1100-46d3-8c65-fb160da0071f"},
	{"Conditional Access Administrator", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"},
	{"Password Administrator", "966707d0-3269-4727-9be2-8c3a10f19b9d"},
	{"SharePoint Administrator", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"},
	{"Intune Administrator", "3a2c62db-5318-420d-8d74-23affee5d9d5"},
	{"Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"},
}

// BuiltInRoleDefinitions returns a fresh copy of the built-in roles the
// fake knows, each with id == templateId.
func BuiltInRoleDefinitions() []RoleDefinition {
	out := make([]RoleDefinition, len(builtInRoles))
	for i, r := range builtInRoles {
		out[i] = RoleDefinition{ID: r[1], TemplateID: r[1], DisplayName: r[0], IsBuiltIn: true, IsEnabled: true,
			Description: "Built-in role: " + r[0] + "."}
	}
	return out
}
