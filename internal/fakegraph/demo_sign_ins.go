package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// DemoDeletedUserID signed in to the demo tenant's apps but is no longer in
// the directory: application access keeps it only with include_guests and
// no domain filter.
const DemoDeletedUserID = "6b0e5d2c-7a41-4f3e-9c8d-0000000000ff"

// signInApp is an application as the sign-in logs name it.
type signInApp struct {
	appID, name string
	users       float64 // share of the tenant's users who use it
}

// demoSignInApps are the demo tenant's SaaS apps (demo_service_principals.go)
// with how widely each is used. Trello (disabled) and Miro are left unused.
var demoSignInApps = []signInApp{
	{DemoSlackAppID, "Slack", 0.85},
	{DemoZoomAppID, "Zoom", 0.6},
	{DemoSalesforceAppID, "Salesforce", 0.35},
	{DemoWorkdayAppID, "Workday", 0.5},
	{DemoServiceNowAppID, "ServiceNow", 0.3},
	{DemoDropboxAppID, "Dropbox Business", 0.2},
	{DemoExpensesAppID, "Northwind Expenses", 0.25},
	{DemoIntranetAppID, "Northwind Intranet", 0.7},
}

// demoSignIns are 30 days of sign-ins ending at end: each enabled user signs
// in to some of the demo apps from their usual place, a few times a week,
// with wrong passwords and MFA failures among them; a deleted user's
// sign-ins remain. Deterministic but for end.
func demoSignIns(users []User, end time.Time) []SignIn {
	rng := rand.New(rand.NewPCG(20250130, 7))
	start := end.Add(-30 * 24 * time.Hour)
	var out []SignIn
	for i := range users {
		u := &users[i]
		if u.AccountEnabled != nil && !*u.AccountEnabled {
			continue // disabled accounts cannot sign in
		}
		for _, app := range demoSignInApps {
			if rng.Float64() >= app.users {
				continue
			}
			n := 1 + rng.IntN(6)
			for range n {
				at := start.Add(time.Duration(rng.Int64N(int64(end.Sub(start)))))
				out = append(out, signInOf(rng, len(out), u, app, at))
			}
		}
	}
	// Someone who left: their sign-ins outlive their account.
	gone := User{ID: DemoDeletedUserID, UserPrincipalName: "former.employee@northwind.example",
		DisplayName: Ptr("Former Employee"), City: Ptr("Seattle"), State: Ptr("WA"), Country: Ptr("United States")}
	for k := range 3 {
		out = append(out, signInOf(rng, len(out), &gone, demoSignInApps[k], end.Add(-time.Duration(20+k)*24*time.Hour)))
	}
	return out
}

// GenerateSignIns returns n sign-ins of t's users spread over span before
// end, newest and oldest alike, for benchmarks and paging tests: about 8%
// fail, a few come from guests (with their home UPN, as Graph logs them),
// apps are t's service principals (or a fixed list when it has none). The
// same arguments give the same sign-ins.
func GenerateSignIns(t *Tenant, seed int64, n int, span time.Duration, end time.Time) []SignIn {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x51611))
	apps := make([]signInApp, 0, len(t.ServicePrincipals))
	for _, sp := range t.ServicePrincipals {
		name := sp.AppID
		if sp.DisplayName != nil {
			name = *sp.DisplayName
		}
		apps = append(apps, signInApp{appID: sp.AppID, name: name})
	}
	if len(apps) == 0 {
		apps = demoSignInApps
	}
	out := make([]SignIn, 0, max(n, 0))
	if len(t.Users) == 0 {
		return out
	}
	for i := range max(n, 0) {
		u := &t.Users[rng.IntN(len(t.Users))]
		app := apps[rng.IntN(len(apps))]
		at := end.Add(-time.Duration(rng.Int64N(int64(max(span, time.Second)))))
		out = append(out, signInOf(rng, i, u, app, at))
	}
	return out
}

// failures are common sign-in error codes with their failure reasons.
var failures = []struct {
	code            int
	reason, details string
}{
	{50126, "Error validating credentials due to invalid username or password.", "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes."},
	{50074, "Strong Authentication is required.", "The user was presented options to provide a second factor to complete sign-in."},
	{50053, "Account is locked because user tried to sign in too many times with an incorrect user ID or password.", "The account is locked."},
}

var (
	signInClients  = []string{"Browser", "Browser", "Browser", "Mobile Apps and Desktop clients"}
	signInSystems  = []string{"Windows 10", "Windows 11", "MacOs", "Ios", "Android"}
	signInBrowsers = []string{"Edge 131.0.0", "Chrome 131.0.0", "Safari 18.1", "Firefox 133.0"}
)

// signInOf makes the i-th sign-in of u to app at at: from u's city when it
// is known (else a generated place), failing about one time in twelve.
func signInOf(rng *rand.Rand, i int, u *User, app signInApp, at time.Time) SignIn {
	si := SignIn{
		ID:                randomGUID(rng, i),
		CreatedDateTime:   at.UTC().Truncate(100 * time.Nanosecond),
		UserID:            u.ID,
		UserPrincipalName: homeUPN(u),
		AppID:             app.appID,
		AppDisplayName:    app.name,
		IPAddress:         fmt.Sprintf("203.0.113.%d", 1+rng.IntN(254)),
		ClientAppUsed:     signInClients[rng.IntN(len(signInClients))],
		IsInteractive:     true,
		OperatingSystem:   signInSystems[rng.IntN(len(signInSystems))],
		Browser:           signInBrowsers[rng.IntN(len(signInBrowsers))],
	}
	if u.DisplayName != nil {
		si.UserDisplayName = *u.DisplayName
	}
	switch {
	case u.City != nil || u.Country != nil:
		si.City, si.State, si.CountryOrRegion = u.City, u.State, countryCode(u.Country)
	default:
		place := generatedPlaces[rng.IntN(len(generatedPlaces))]
		si.City, si.CountryOrRegion = Ptr(place[0]), countryCode(&place[2])
		if place[1] != "" {
			si.State = Ptr(place[1])
		}
	}
	if rng.IntN(12) == 0 {
		f := failures[rng.IntN(len(failures))]
		si.ErrorCode, si.FailureReason, si.AdditionalDetails = f.code, Ptr(f.reason), Ptr(f.details)
	}
	return si
}

// homeUPN is the UPN the sign-in logs show: a guest's home address
// ("ann_partner.example#EXT#@…" is logged as "ann@partner.example").
func homeUPN(u *User) string {
	local, _, ok := strings.Cut(u.UserPrincipalName, "#EXT#")
	if !ok {
		return u.UserPrincipalName
	}
	if i := strings.LastIndexByte(local, '_'); i > 0 {
		return local[:i] + "@" + local[i+1:]
	}
	return u.UserPrincipalName
}

// countryCode is the two-letter countryOrRegion the logs carry.
func countryCode(country *string) *string {
	if country == nil {
		return nil
	}
	codes := map[string]string{"United States": "US", "Canada": "CA", "United Kingdom": "GB", "Germany": "DE",
		"India": "IN", "Australia": "AU", "France": "FR"}
	if c, ok := codes[*country]; ok {
		return &c
	}
	if len(*country) == 2 {
		return country
	}
	return nil
}
