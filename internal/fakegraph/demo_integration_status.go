package fakegraph

import "time"

// Demo apps that show the integration status's cases (beside DemoClientID,
// which has every permission, and NoRolesClientID, which has no consent).
const (
	// NoAuditLogClientID has every permission of the seed but
	// AuditLog.Read.All: SSO Application Access is not ready.
	NoAuditLogClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f56"
	NoAuditLogClientSecret = "nal-no-audit-log-secret-not-a-real-credential"

	// ExpiringClientID has every permission; its only secret expires
	// ExpiringSecretDays days after the tenant is built.
	ExpiringClientID     = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f57"
	ExpiringClientSecret = "exp-expiring-secret-not-a-real-credential"
	ExpiringSecretDays   = 12
)

// The second demo tenant: a Free tenant (no Entra ID P1 or P2), where
// sign-in logs cannot be read. The demo apps exist there too.
const (
	NonPremiumTenantID          = "3c1d5e7f-9a2b-4c4d-8e6f-1a2b3c4d5e6f"
	NonPremiumTenantDisplayName = "Tailwind Startups (Free)"
	NonPremiumInitialDomain     = "tailwindstartups.onmicrosoft.com"
)

// seedPermissions are the six application permissions of the seed's four
// integration tasks.
func seedPermissions() []string {
	return []string{"User.Read.All", "Organization.Read.All", "Application.Read.All",
		"GroupMember.Read.All", "AuditLog.Read.All", "Directory.Read.All"}
}

// integrationStatusApps are the apps added for the integration status.
// Their secrets carry no dates here, so that generated tenants stay
// deterministic; datedDemoApps dates them for the demo tenants.
func integrationStatusApps() []App {
	noAuditLog := []string{"User.Read.All", "Organization.Read.All", "Application.Read.All",
		"GroupMember.Read.All", "Directory.Read.All"}
	return []App{
		{ClientID: NoAuditLogClientID, DisplayName: "Northwind Inventory without sign-in logs",
			Secrets:     []Secret{{Value: NoAuditLogClientSecret, DisplayName: "pipeline"}},
			Permissions: noAuditLog},
		{ClientID: ExpiringClientID, DisplayName: "Northwind Inventory (secret expiring)",
			Secrets:     []Secret{{Value: ExpiringClientSecret, DisplayName: "pipeline (renew me)"}},
			Permissions: seedPermissions()},
	}
}

// datedDemoApps are demoApps with secret dates around now, as a real tenant
// would show them: valid secrets created months ago and ending within two
// years (Entra's longest), the rotated one ended two months ago, and the
// expiring app's secret ending ExpiringSecretDays from now.
func datedDemoApps(now time.Time) []App {
	apps := demoApps()
	day := now.UTC().Truncate(24 * time.Hour)
	for i := range apps {
		for j := range apps[i].Secrets {
			s := &apps[i].Secrets[j]
			switch {
			case apps[i].ClientID == ExpiringClientID:
				s.StartDateTime, s.EndDateTime = day.AddDate(0, -6, 0), now.UTC().Add(ExpiringSecretDays*24*time.Hour)
			case s.Expired:
				s.StartDateTime, s.EndDateTime = day.AddDate(-2, -2, 0), day.AddDate(0, -2, 0)
			default:
				s.StartDateTime, s.EndDateTime = day.AddDate(0, -2, 0), day.AddDate(1, 10, 0)
			}
		}
	}
	return apps
}

// NonPremiumTenant is a small Free tenant: an Office licence without Entra
// ID P1/P2, names shown in usage reports, and the demo apps.
func NonPremiumTenant() *Tenant {
	s := Ptr[string]
	return &Tenant{
		ID:          NonPremiumTenantID,
		DisplayName: NonPremiumTenantDisplayName,
		Domains: []Domain{{Name: NonPremiumInitialDomain, IsDefault: true, IsInitial: true, Type: "Managed",
			Capabilities: "Email, OfficeCommunicationsOnline"}},
		Apps: datedDemoApps(time.Now()),
		Users: []User{{ID: "7c000000-0000-4000-8000-000000000001", UserPrincipalName: "founder@" + NonPremiumInitialDomain,
			DisplayName: s("Founder"), UserType: s("Member"), AccountEnabled: Ptr(true)}},
		WithoutPremium: true,
		SubscribedSkus: []SubscribedSku{
			{SkuID: "3b555118-da6a-4418-894f-7df1e2096870", SkuPartNumber: "O365_BUSINESS_ESSENTIALS", AppliesTo: "User",
				CapabilityStatus: "Enabled", Enabled: 5, ConsumedUnits: 1,
				ServicePlans: []ServicePlan{
					{ID: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", Name: "EXCHANGE_S_STANDARD", ProvisioningStatus: "Success", AppliesTo: "User"},
					{ID: "c4da7f8a-5ee2-4c99-a7e1-87d2df57f6fe", Name: "AAD_BASIC", ProvisioningStatus: "Success", AppliesTo: "User"},
				}},
		},
		DisplayConcealedNames: false,
	}
}
