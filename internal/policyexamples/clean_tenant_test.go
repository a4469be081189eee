package policyexamples

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// demoBreakGlassID is the demo's emergency access account, excepted from
// the permanent privileged role rule in policy.json.
const demoBreakGlassID = "6b0e5d2c-7a41-4f3e-9c8d-000000000020"

// cleanTenant is the demo tenant with every violation of the policies
// removed: its SaaS apps require assignment, guests come from allowed
// partner domains only, disabled accounts hold no assignment, everyone
// who holds an app (and someone for every app) signed in to it an hour ago,
// everyone registered MFA, guests accepted, user consent is low-impact, and
// no group has members in licence error, and every SaaS app has an owner
// (Adele Vance looks after those nobody did).
func cleanTenant(allowedGuestDomains []string) *fakegraph.Tenant {
	t := fakegraph.DemoTenant()
	saas := map[string]*fakegraph.ServicePrincipal{}
	for i := range t.ServicePrincipals {
		sp := &t.ServicePrincipals[i]
		if strings.HasPrefix(sp.ID, "5a000000-") {
			sp.AppRoleAssignmentRequired = true
			saas[sp.ID] = sp
			if len(sp.Owners) == 0 {
				sp.Owners = []string{"6b0e5d2c-7a41-4f3e-9c8d-000000000003"}
			}
		}
	}

	// Users' consents to apps without a verified publisher are revoked, and
	// the SAML apps' signing certificates renewed for two years.
	t.OAuth2PermissionGrants = slices.DeleteFunc(t.OAuth2PermissionGrants, func(g fakegraph.OAuth2PermissionGrant) bool {
		return g.ClientID == fakegraph.DemoFileSyncID
	})
	renewed := time.Now().UTC().Add(2 * 365 * 24 * time.Hour).Truncate(time.Second)
	for _, sp := range saas {
		for k := range sp.KeyCredentials {
			sp.KeyCredentials[k].EndDateTime = &renewed
		}
	}

	// Every app registration's credentials that end within the next year
	// are renewed for two (those that already ended stay: they break
	// nothing).
	now := time.Now().UTC()
	soon := now.AddDate(1, 0, 0)
	renew := func(end *time.Time) *time.Time {
		if end != nil && end.After(now) && end.Before(soon) {
			return &renewed
		}
		return end
	}
	for i := range t.Applications {
		a := &t.Applications[i]
		for k := range a.PasswordCredentials {
			a.PasswordCredentials[k].EndDateTime = renew(a.PasswordCredentials[k].EndDateTime)
		}
		for k := range a.KeyCredentials {
			a.KeyCredentials[k].EndDateTime = renew(a.KeyCredentials[k].EndDateTime)
		}
	}
	for i := range t.Apps {
		for k := range t.Apps[i].Secrets {
			if end := t.Apps[i].Secrets[k].EndDateTime; end.After(now) && end.Before(soon) {
				t.Apps[i].Secrets[k].EndDateTime = renewed
			}
		}
	}

	// Guests outside the allowed domains leave; disabled accounts lose
	// their groups and assignments.
	gone := map[string]bool{}
	users := t.Users[:0]
	for _, u := range t.Users {
		if u.UserType != nil && *u.UserType == "Guest" && !slices.Contains(allowedGuestDomains, guestDomain(u)) {
			gone[u.ID] = true
			continue
		}
		if u.AccountEnabled != nil && !*u.AccountEnabled {
			gone[u.ID] = true
		}
		users = append(users, u)
	}
	t.Users = users
	// Disabled accounts' licences are reclaimed; everyone signed in yesterday.
	yesterday := time.Now().UTC().AddDate(0, 0, -1)
	for i := range t.Users {
		if gone[t.Users[i].ID] {
			t.Users[i].AssignedLicenses, t.Users[i].LicenseAssignmentStates = nil, nil
		}
		if t.Users[i].SignInActivity != nil || len(t.Users[i].AssignedLicenses) > 0 {
			t.Users[i].SignInActivity = &fakegraph.SignInActivity{LastSignIn: &yesterday, LastSuccessfulSignIn: &yesterday}
		}
	}
	// Every Microsoft 365 holder worked in Exchange on the report's last day.
	for i := range t.M365ActiveUsers {
		refreshed := t.M365ReportRefreshDate
		t.M365ActiveUsers[i].ExchangeLastActivity = &refreshed
	}
	for i := range t.Groups {
		t.Groups[i].Members = slices.DeleteFunc(t.Groups[i].Members, func(id string) bool { return gone[id] })
		t.Groups[i].HasMembersWithLicenseErrors = false // group-based licensing works for everyone
	}
	t.AppRoleAssignments = slices.DeleteFunc(t.AppRoleAssignments, func(a fakegraph.AppRoleAssignment) bool { return gone[a.PrincipalID] })
	// Roles are held just in time (eligible, time-bound or activated), by
	// no guest, and permanently only by the break-glass account
	// (permanent_privileged_exceptions): three Global Administrators.
	t.RoleAssignments = slices.DeleteFunc(t.RoleAssignments, func(a fakegraph.RoleAssignment) bool {
		return !a.Eligible && a.End == nil && a.PrincipalID != demoBreakGlassID && a.RoleDefinitionID != fakegraph.RoleExchangeAdministrator
	})

	// Who holds each app: direct assignments and direct members of
	// assigned groups.
	members := map[string][]string{}
	for _, g := range t.Groups {
		members[g.ID] = g.Members
	}
	byID := map[string]*fakegraph.User{}
	for i := range t.Users {
		byID[t.Users[i].ID] = &t.Users[i]
	}
	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	signIn := func(sp *fakegraph.ServicePrincipal, u *fakegraph.User) {
		t.SignIns = append(t.SignIns, fakegraph.SignIn{
			ID:              fmt.Sprintf("c1ea0000-0000-4000-8000-%012d", len(t.SignIns)),
			CreatedDateTime: at, UserID: u.ID, UserPrincipalName: u.UserPrincipalName,
			AppID: sp.AppID, AppDisplayName: *sp.DisplayName, IsInteractive: true,
			ClientAppUsed: "Browser",
		})
	}
	for _, a := range t.AppRoleAssignments {
		sp := saas[a.ResourceID]
		if sp == nil {
			continue
		}
		for _, id := range append([]string{a.PrincipalID}, members[a.PrincipalID]...) {
			if u := byID[id]; u != nil {
				signIn(sp, u)
			}
		}
	}
	// Someone uses every app.
	adele := byID["6b0e5d2c-7a41-4f3e-9c8d-000000000003"]
	for _, sp := range saas {
		signIn(sp, adele)
	}

	// Access posture: everyone registered MFA, every invited guest
	// accepted, and user consent is Microsoft's low-impact default.
	for i := range t.UserRegistrationDetails {
		t.UserRegistrationDetails[i].IsMfaRegistered = true
	}
	for i := range t.Users {
		if s := t.Users[i].ExternalUserState; s != nil && *s == "PendingAcceptance" {
			t.Users[i].ExternalUserState = fakegraph.Ptr("Accepted")
		}
	}
	t.AuthorizationPolicy = nil
	return t
}

// guestDomain is a guest's home domain as the policies read it: from an
// #EXT# user principal name, else from mail.
func guestDomain(u fakegraph.User) string {
	if local, _, ok := strings.Cut(u.UserPrincipalName, "#EXT#"); ok {
		if i := strings.LastIndexByte(local, '_'); i >= 0 {
			return strings.ToLower(local[i+1:])
		}
		return ""
	}
	mail := u.UserPrincipalName
	if u.Mail != nil {
		mail = *u.Mail
	}
	_, domain, _ := strings.Cut(mail, "@")
	return strings.ToLower(domain)
}
