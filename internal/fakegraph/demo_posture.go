package fakegraph

import (
	"strings"
	"time"
)

// The demo tenant's access posture: who registered MFA, which guests never
// accepted their invitation (demo users by user principal name).
var (
	// demoAdmins hold an admin role in the registration report (isAdmin).
	demoAdmins = map[string]bool{
		"admin@northwindtraders.onmicrosoft.com": true, "breakglass@northwindtraders.onmicrosoft.com": true,
		"dana.rivera@northwind.example": true,
	}
	// demoWithoutMFA are members who registered no strong method: an admin
	// among them, and members of three other domains.
	demoWithoutMFA = map[string]bool{
		"admin@northwindtraders.onmicrosoft.com": true, "kai@northwind.example": true,
		"wei.chen@fabrikam-labs.example": true, "tomas.novak@tailspin.example": true,
	}
	// demoPendingGuests were invited this many days before the demo's now
	// and never accepted; the tenant's other guests accepted.
	demoPendingGuests = map[string]int{
		"rosa.diaz_tailspin.example#ext#@northwindtraders.onmicrosoft.com": 45,
		"mo_outlook.example#ext#@northwindtraders.onmicrosoft.com":         12,
	}
)

// addDemoPosture sets the guests' invitation state and the consent
// settings, and builds the registration report: one row per enabled user
// (Graph documents the report as not covering disabled users), refreshed a
// few hours before now.
func addDemoPosture(t *Tenant, now time.Time) {
	// An older tenant's consent settings: users may still consent to any
	// app (the legacy policy), everyone may invite guests, and the admin
	// consent workflow is off.
	t.AuthorizationPolicy = &AuthorizationPolicy{
		AllowInvitesFrom: Ptr("everyone"), GuestUserRoleID: Ptr(GuestRoleLimited), AllowedToCreateApps: true,
		PermissionGrantPoliciesAssigned: []string{
			"ManagePermissionGrantsForSelf.microsoft-user-default-legacy",
			"ManagePermissionGrantsForOwnedResource.DeveloperConsent",
		},
	}
	t.AdminConsentRequestPolicy = &AdminConsentRequestPolicy{IsEnabled: false, RequestDurationInDays: 30}
	refreshed := now.Add(-3 * time.Hour).Truncate(time.Hour)
	for i := range t.Users {
		u := &t.Users[i]
		key := strings.ToLower(u.UserPrincipalName)
		if isGuest(u) {
			changed := u.CreatedDateTime
			state := "Accepted"
			if days, pending := demoPendingGuests[key]; pending {
				state = "PendingAcceptance"
				invited := now.AddDate(0, 0, -days)
				changed = &invited
			} else if changed != nil {
				accepted := changed.Add(26 * time.Hour)
				changed = &accepted
			}
			u.ExternalUserState, u.ExternalUserStateChangeDateTime = Ptr(state), changed
		}
		if u.AccountEnabled != nil && !*u.AccountEnabled {
			continue
		}
		t.UserRegistrationDetails = append(t.UserRegistrationDetails, demoRegistration(u, key, refreshed))
	}
}

func demoRegistration(u *User, key string, refreshed time.Time) UserRegistrationDetails {
	userType := "member"
	if isGuest(u) {
		userType = "guest"
	}
	name := u.UserPrincipalName
	if u.DisplayName != nil {
		name = *u.DisplayName
	}
	d := UserRegistrationDetails{
		ID: u.ID, UserPrincipalName: u.UserPrincipalName, UserDisplayName: name, UserType: userType,
		IsAdmin: Ptr(demoAdmins[key]), IsSsprEnabled: userType == "member",
		IsSystemPreferredAuthenticationMethodEnabled: Ptr(true),
		MethodsRegistered:                             []string{},
		SystemPreferredAuthenticationMethods:          []string{},
		UserPreferredMethodForSecondaryAuthentication: Ptr("none"),
		LastUpdatedDateTime:                           refreshed,
	}
	switch {
	case userType == "guest":
		// A guest's methods live in their home tenant: none here, and an
		// empty preferred method, as in Microsoft's sample.
		d.UserPreferredMethodForSecondaryAuthentication = Ptr("")
	case demoWithoutMFA[key]:
		d.MethodsRegistered = []string{"email"}
		d.IsSsprRegistered = true
	case strings.HasPrefix(key, "breakglass@"):
		d.MethodsRegistered = []string{"fido2"}
		d.IsMfaCapable, d.IsMfaRegistered, d.IsPasswordlessCapable = true, true, true
	default:
		d.MethodsRegistered = []string{"softwareOneTimePasscode", "microsoftAuthenticatorPush", "mobilePhone"}
		d.IsMfaCapable, d.IsMfaRegistered, d.IsSsprCapable, d.IsSsprRegistered = true, true, true, true
		d.SystemPreferredAuthenticationMethods = []string{"push"}
		d.UserPreferredMethodForSecondaryAuthentication = Ptr("push")
	}
	return d
}
