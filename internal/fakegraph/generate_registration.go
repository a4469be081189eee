package fakegraph

import "time"

// AddGeneratedRegistrationDetails builds the registration report of a
// generated tenant: one row per enabled user (the report does not cover
// disabled ones), by user number: every 50th an admin, every fourth
// without MFA (so some admins have none), guests with no methods of
// their own. Refreshed at the given time.
func AddGeneratedRegistrationDetails(t *Tenant, refreshed time.Time) {
	t.UserRegistrationDetails = make([]UserRegistrationDetails, 0, len(t.Users))
	for i := range t.Users {
		u := &t.Users[i]
		if u.AccountEnabled != nil && !*u.AccountEnabled {
			continue
		}
		d := UserRegistrationDetails{
			ID: u.ID, UserPrincipalName: u.UserPrincipalName, UserDisplayName: u.UserPrincipalName, UserType: "member",
			IsAdmin: Ptr(i%50 == 0), IsSsprEnabled: true, MethodsRegistered: []string{}, SystemPreferredAuthenticationMethods: []string{},
			UserPreferredMethodForSecondaryAuthentication: Ptr("none"), LastUpdatedDateTime: refreshed,
		}
		if u.DisplayName != nil {
			d.UserDisplayName = *u.DisplayName
		}
		switch {
		case isGuest(u):
			d.UserType, d.IsSsprEnabled = "guest", false
			d.UserPreferredMethodForSecondaryAuthentication = Ptr("")
		case i%4 != 3:
			d.IsMfaCapable, d.IsMfaRegistered, d.IsSsprCapable, d.IsSsprRegistered = true, true, true, true
			d.MethodsRegistered = []string{"microsoftAuthenticatorPush", "softwareOneTimePasscode"}
			d.SystemPreferredAuthenticationMethods = []string{"push"}
			d.UserPreferredMethodForSecondaryAuthentication = Ptr("push")
		}
		t.UserRegistrationDetails = append(t.UserRegistrationDetails, d)
	}
}
