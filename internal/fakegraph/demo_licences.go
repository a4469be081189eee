package fakegraph

import (
	"fmt"
	"time"
)

// Well-known SKU and service plan ids (Microsoft's licensing service plan
// reference); the P1/P2 plan ids are what premium detection matches.
const (
	PlanTeams1             = "57ff2da0-773e-42df-b2af-ffb7a2317929" // TEAMS1, in SPE_E3
	PlanExchangeEnterprise = "efb87545-963c-4e0d-99df-69c6916d9eb0" // EXCHANGE_S_ENTERPRISE, in SPE_E3

	SkuM365E3      = "05e9a617-0261-4cee-bb44-138d3ef5d965" // SPE_E3: a bundle that carries Entra ID P1
	SkuPowerBIPro  = "f8a1db68-be16-40ed-86d5-cb42ce701560" // POWER_BI_PRO
	SkuVisioClient = "c5928f49-12ba-48f7-ada3-0d743a3601d5" // VISIOCLIENT

	PlanEntraIDP1 = "41781fb2-bc02-4b7c-bd55-b576c07bb09d" // AAD_PREMIUM
	PlanEntraIDP2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998" // AAD_PREMIUM_P2
)

// demoSubscribedSkus are the demo tenant's licences: a bundle that carries
// Entra ID P1 (which is what lets the tenant read sign-in logs), a suspended
// subscription that still has holders, and one with more seats assigned than
// bought. ConsumedUnits are the holders in the demo tenant's users
// (demoLicences; a test holds the two equal).
func demoSubscribedSkus() []SubscribedSku {
	plan := func(id, name, status string) ServicePlan {
		return ServicePlan{ID: id, Name: name, ProvisioningStatus: status, AppliesTo: "User"}
	}
	return []SubscribedSku{
		{SkuID: SkuM365E3, SkuPartNumber: "SPE_E3", AppliesTo: "User", CapabilityStatus: "Enabled",
			Enabled: 30, ConsumedUnits: 28,
			ServicePlans: []ServicePlan{
				plan(PlanExchangeEnterprise, "EXCHANGE_S_ENTERPRISE", "Success"),
				plan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE", "Success"),
				plan(PlanTeams1, "TEAMS1", "Success"),
				plan(PlanEntraIDP1, "AAD_PREMIUM", "Success"),
				plan("8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM", "Success"),
			}},
		{SkuID: SkuPowerBIPro, SkuPartNumber: "POWER_BI_PRO", AppliesTo: "User", CapabilityStatus: "Suspended",
			Suspended: 10, ConsumedUnits: 3,
			ServicePlans: []ServicePlan{plan("70d33638-9c74-4d01-bfd3-562de28bd4ba", "BI_AZURE_P2", "Disabled")}},
		{SkuID: SkuVisioClient, SkuPartNumber: "VISIOCLIENT", AppliesTo: "User", CapabilityStatus: "Enabled",
			Enabled: 2, ConsumedUnits: 3,
			ServicePlans: []ServicePlan{plan("663a804f-1c30-4ff0-9915-9db84f0d1cea", "VISIO_CLIENT_SUBSCRIPTION", "Success")}},
	}
}

// demoUserID is the demo tenant's user number n ("...0000000000nn"); user 1
// is Dana Rivera, whose id is different.
func demoUserID(n int) string {
	if n == 1 {
		return "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601"
	}
	return fmt.Sprintf("6b0e5d2c-7a41-4f3e-9c8d-%012d", n)
}

// demoLicencePath is one way a demo user holds a SKU: directly (group "")
// or through a group, with the plans it turns off and its error.
type demoLicencePath struct {
	sku, group    string
	disabledPlans []string
	state, err    string
}

// demoLicences are who holds what in the demo tenant, by user number:
//   - SPE_E3 held by 28 of its 30 seats: most members directly, the Research
//     Lab group's four members through the group (group-based licensing,
//     TEAMS1 turned off), Lidia Holloway both directly and by the group,
//     Alex Wilber directly without Teams;
//   - VISIOCLIENT held by 3 of 2 seats, all directly: Dan Park, Johanna
//     Lorenz, and Lynne Robbins, whose assignment is in error
//     (CountViolation: the seats ran out);
//   - POWER_BI_PRO held by 3 on a suspended subscription, one the guest Sam
//     Taylor;
//   - disabled accounts holding paid seats: Lynne Robbins, Diego Siciliani
//     and the Boardroom room account.
func demoLicences() map[int][]demoLicencePath {
	direct := func(sku string, disabled ...string) demoLicencePath {
		return demoLicencePath{sku: sku, disabledPlans: disabled, state: "Active"}
	}
	research := demoLicencePath{sku: SkuM365E3, group: DemoResearchGroupID, disabledPlans: []string{PlanTeams1}, state: "Active"}
	e3 := direct(SkuM365E3)
	m := map[int][]demoLicencePath{
		2:  {e3, direct(SkuVisioClient)},
		3:  {e3},
		4:  {direct(SkuM365E3, PlanTeams1, PlanExchangeEnterprise)},
		5:  {e3, direct(SkuPowerBIPro)},
		8:  {e3, {sku: SkuVisioClient, state: "ActiveWithError", err: "CountViolation"}},
		10: {research},
		11: {e3, direct(SkuVisioClient)},
		15: {e3, direct(SkuPowerBIPro)},
		18: {e3},
		32: {direct(SkuPowerBIPro)},
		22: {e3, research},
		23: {research},
		26: {research},
	}
	for _, n := range []int{1, 6, 7, 9, 13, 14, 17, 19, 21, 24, 25, 27, 28, 29, 30, 35} {
		m[n] = []demoLicencePath{e3}
	}
	return m
}

// demoSignInActivityWithoutLogs are the last successful sign-ins, in days
// before now (-1: never), of the demo users who have no sign-in in the 30
// days of logs; everyone else's signInActivity comes from the logs, so the
// two agree.
var demoSignInActivityWithoutLogs = map[int]int{
	8:  120, // Lynne Robbins, disabled
	25: 45,  // Diego Siciliani, disabled
	32: 120, // Sam Taylor, a guest holding Power BI
	18: -1,  // Boardroom, a room account holding E3
}

// applyDemoLicences gives the demo users their licences and their
// signInActivity: from the sign-in logs where they have any (the last
// attempt, successful or not, and the last success), else from
// demoSignInActivityWithoutLogs, dated back from now.
func applyDemoLicences(users []User, signIns []SignIn, now time.Time) {
	licences := demoLicences()
	updated := now.AddDate(0, -2, 0)
	lastAttempt, lastSuccess := map[string]time.Time{}, map[string]time.Time{}
	for _, si := range signIns {
		if si.CreatedDateTime.After(lastAttempt[si.UserID]) {
			lastAttempt[si.UserID] = si.CreatedDateTime
		}
		if si.ErrorCode == 0 && si.CreatedDateTime.After(lastSuccess[si.UserID]) {
			lastSuccess[si.UserID] = si.CreatedDateTime
		}
	}
	for i := range users {
		u := &users[i]
		n := demoUserNumber(u.ID)
		for _, p := range licences[n] {
			u.LicenseAssignmentStates = append(u.LicenseAssignmentStates, LicenseAssignmentState{
				SkuID: p.sku, AssignedByGroup: p.group, DisabledPlans: p.disabledPlans, State: p.state, Error: p.err, LastUpdated: &updated})
		}
		u.AssignedLicenses = assignedFromStates(u.LicenseAssignmentStates)
		if attempt, ok := lastAttempt[u.ID]; ok {
			a := &SignInActivity{LastSignIn: &attempt}
			if success, ok := lastSuccess[u.ID]; ok {
				nonInteractive := success.Add(time.Hour)
				if nonInteractive.After(now) {
					nonInteractive = success
				}
				a.LastSuccessfulSignIn, a.LastNonInteractiveSignIn = &success, &nonInteractive
			}
			u.SignInActivity = a
			continue
		}
		if days, ok := demoSignInActivityWithoutLogs[n]; ok && days >= 0 {
			last := now.AddDate(0, 0, -days)
			u.SignInActivity = &SignInActivity{LastSignIn: &last, LastNonInteractiveSignIn: &last, LastSuccessfulSignIn: &last}
		}
	}
}

func demoUserNumber(id string) int {
	for n := 1; n <= 99; n++ {
		if demoUserID(n) == id {
			return n
		}
	}
	return 0
}

// assignedFromStates is assignedLicenses as Graph derives it from the
// assignment paths: one entry per SKU, in first-path order, with the plans
// every path turns off (a plan one path enables is enabled).
func assignedFromStates(states []LicenseAssignmentState) []AssignedLicense {
	var out []AssignedLicense
	index := map[string]int{}
	for _, st := range states {
		i, seen := index[st.SkuID]
		if !seen {
			index[st.SkuID] = len(out)
			out = append(out, AssignedLicense{SkuID: st.SkuID, DisabledPlans: append([]string{}, st.DisabledPlans...)})
			continue
		}
		var kept []string
		for _, p := range out[i].DisabledPlans {
			for _, q := range st.DisabledPlans {
				if p == q {
					kept = append(kept, p)
				}
			}
		}
		out[i].DisabledPlans = append([]string{}, kept...)
	}
	return out
}
