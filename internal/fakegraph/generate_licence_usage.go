package fakegraph

import (
	"math/rand/v2"
	"time"
)

// GeneratedRetiredSkuID is a SKU some users of GenerateLicenceUsageTenant
// still hold but the tenant no longer subscribes to.
const GeneratedRetiredSkuID = "6a000000-0000-4000-8000-00000000dead"

// generatedLicenceGroups are the groups through which generated users hold
// licences; a user may hold one SKU through several of them and directly.
var generatedLicenceGroups = []string{
	GeneratedLicenceGroupID,
	"6a000000-0000-4000-8000-0000000000bb",
	"6a000000-0000-4000-8000-0000000000cc",
}

// GenerateLicenceUsageTenant is GenerateTenant(seed, n) (guests, null
// userTypes, disabled accounts, users without mail) with licences drawn at
// random, for tests that hold a summary equal to its rows: each user holds
// each of the demo tenant's three SKUs, and the retired SKU
// (GeneratedRetiredSkuID), by chance, through any mix of a direct path and
// up to three groups, sometimes with an assignment error, sometimes with no
// path listed, sometimes listed twice in assignedLicenses. Sign-in activity
// is null, or has no successful sign-in, or a last successful sign-in 0 to
// 199 days and 12 hours before now (so a cutoff of whole days never falls
// within minutes of one).
func GenerateLicenceUsageTenant(seed int64, n int, now time.Time) *Tenant {
	t := GenerateTenant(seed, n)
	t.SubscribedSkus = demoSubscribedSkus()
	skus := []string{GeneratedRetiredSkuID}
	for _, s := range t.SubscribedSkus {
		skus = append(skus, s.SkuID)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x11ce5e))
	chance := func(p float64) bool { return rng.Float64() < p }
	for i := range t.Users {
		u := &t.Users[i]
		for k, sku := range skus {
			p := 0.5
			if k == 0 {
				p = 0.08
			}
			if !chance(p) {
				continue
			}
			u.AssignedLicenses = append(u.AssignedLicenses, AssignedLicense{SkuID: sku})
			if chance(0.02) { // Graph is not known to repeat a SKU; the reads must not count it twice if it does
				u.AssignedLicenses = append(u.AssignedLicenses, AssignedLicense{SkuID: sku})
			}
			if chance(0.05) {
				continue // no licenseAssignmentStates for it: counts as direct
			}
			direct := chance(0.6)
			groups := 0
			if !direct || chance(0.3) {
				groups = 1 + rng.IntN(len(generatedLicenceGroups))
			}
			path := func(group string) {
				s := LicenseAssignmentState{SkuID: sku, AssignedByGroup: group, State: "Active"}
				switch p := rng.Float64(); {
				case p < 0.06:
					s.State, s.Error = "Error", "CountViolation"
				case p < 0.09:
					s.State, s.Error = "ActiveWithError", "MutuallyExclusiveViolation"
				case p < 0.2:
					s.Error = "None"
				}
				u.LicenseAssignmentStates = append(u.LicenseAssignmentStates, s)
			}
			if direct {
				path("")
			}
			for _, g := range rng.Perm(len(generatedLicenceGroups))[:groups] {
				path(generatedLicenceGroups[g])
			}
		}
		switch p := rng.Float64(); {
		case p < 0.12:
			u.SignInActivity = nil
		case p < 0.2:
			attempt := now.Add(-time.Duration(rng.IntN(200)) * 24 * time.Hour)
			u.SignInActivity = &SignInActivity{LastSignIn: &attempt}
		default:
			last := now.Add(-time.Duration(rng.IntN(200))*24*time.Hour - 12*time.Hour)
			u.SignInActivity = &SignInActivity{LastSignIn: &last, LastNonInteractiveSignIn: &last, LastSuccessfulSignIn: &last}
		}
	}
	holders := map[string]int{}
	for _, u := range t.Users {
		seen := map[string]bool{}
		for _, l := range u.AssignedLicenses {
			if !seen[l.SkuID] {
				seen[l.SkuID] = true
				holders[l.SkuID]++
			}
		}
	}
	for i := range t.SubscribedSkus {
		t.SubscribedSkus[i].ConsumedUnits = holders[t.SubscribedSkus[i].SkuID]
	}
	return t
}

// AddGeneratedIdleLicences is AddGeneratedLicences with a licence
// reclamation's usual shape: one user in twenty (5 %) is idle, half of them
// never signed in and half last 100 to 179 days ago; everyone else signed in
// successfully in the last 60 days.
func AddGeneratedIdleLicences(t *Tenant, now time.Time) {
	AddGeneratedLicences(t, now)
	for i := range t.Users {
		u := &t.Users[i]
		switch {
		case i%40 == 39:
			u.SignInActivity = nil
		case i%20 == 19:
			last := now.AddDate(0, 0, -(100 + i%80))
			u.SignInActivity = &SignInActivity{LastSignIn: &last, LastNonInteractiveSignIn: &last, LastSuccessfulSignIn: &last}
		default:
			last := now.AddDate(0, 0, -(i % 60))
			u.SignInActivity = &SignInActivity{LastSignIn: &last, LastNonInteractiveSignIn: &last, LastSuccessfulSignIn: &last}
		}
	}
}
