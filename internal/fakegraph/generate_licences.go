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
