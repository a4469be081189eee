package fakegraph

import "time"

// GeneratedLicenceGroupID is the group through which some generated users
// hold their licences.
const GeneratedLicenceGroupID = "6a000000-0000-4000-8000-0000000000aa"

// AddGeneratedLicences gives every user of a generated tenant the demo
// tenant's three SKUs (so a licence read of n users yields 3n entries):
// directly, and for every fifth user through a group as well. Each user's
// last sign-in is 0 to 179 days before now by user number, and every tenth
// user never signed in. The SKUs' consumedUnits are the holders.
func AddGeneratedLicences(t *Tenant, now time.Time) {
	t.SubscribedSkus = demoSubscribedSkus()
	for i := range t.SubscribedSkus {
		t.SubscribedSkus[i].ConsumedUnits = len(t.Users)
		t.SubscribedSkus[i].Enabled = len(t.Users)
	}
	for i := range t.Users {
		u := &t.Users[i]
		u.AssignedLicenses = nil
		u.LicenseAssignmentStates = nil
		for _, sku := range t.SubscribedSkus {
			u.AssignedLicenses = append(u.AssignedLicenses, AssignedLicense{SkuID: sku.SkuID})
			u.LicenseAssignmentStates = append(u.LicenseAssignmentStates, LicenseAssignmentState{SkuID: sku.SkuID, State: "Active"})
			if i%5 == 0 {
				u.LicenseAssignmentStates = append(u.LicenseAssignmentStates,
					LicenseAssignmentState{SkuID: sku.SkuID, AssignedByGroup: GeneratedLicenceGroupID, State: "Active"})
			}
		}
		if i%10 == 9 {
			u.SignInActivity = nil
			continue
		}
		last := now.AddDate(0, 0, -(i % 180))
		u.SignInActivity = &SignInActivity{LastSignIn: &last, LastNonInteractiveSignIn: &last, LastSuccessfulSignIn: &last}
	}
}

// AddGeneratedM365Usage gives a generated tenant a Microsoft 365 active
// users report with one row per user, refreshed on refresh: every user holds
// Exchange, OneDrive, SharePoint and Teams ("MICROSOFT 365 E3"); user i was
// last active in Exchange i%120 days before refresh, in Teams i%45 days
// before, in OneDrive and SharePoint never unless i is even; every seventh
// user used none of them; every fiftieth row is a deleted account.
func AddGeneratedM365Usage(t *Tenant, refresh time.Time) {
	refresh = refresh.UTC().Truncate(24 * time.Hour)
	t.M365ReportRefreshDate = refresh
	t.M365ActiveUsers = make([]M365ActiveUser, len(t.Users))
	for i, u := range t.Users {
		row := M365ActiveUser{UserPrincipalName: u.UserPrincipalName, HasExchange: true, HasOneDrive: true,
			HasSharePoint: true, HasTeams: true, AssignedProducts: []string{"MICROSOFT 365 E3"}}
		if u.DisplayName != nil {
			row.DisplayName = *u.DisplayName
		}
		if i%50 == 49 {
			row.IsDeleted, row.DeletedDate = true, &refresh
		}
		if i%7 != 6 {
			exchange, teams := refresh.AddDate(0, 0, -(i%120)), refresh.AddDate(0, 0, -(i%45))
			row.ExchangeLastActivity, row.TeamsLastActivity = &exchange, &teams
			if i%2 == 0 {
				row.OneDriveLastActivity, row.SharePointLastActivity = &teams, &exchange
			}
		}
		t.M365ActiveUsers[i] = row
	}
}
