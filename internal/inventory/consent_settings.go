package inventory

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// ConsentPolicyReader reads the tenant policies behind consent and guest
// access; *graph.Client is one.
type ConsentPolicyReader interface {
	GetAuthorizationPolicy(ctx context.Context) (graph.AuthorizationPolicy, error)
	GetAdminConsentRequestPolicy(ctx context.Context) (graph.AdminConsentRequestPolicy, error)
}

// User consent levels (ConsentSettings.UserConsent).
const (
	UserConsentNone      = "none"       // no ManagePermissionGrantsForSelf policy: users cannot consent
	UserConsentLowImpact = "low_impact" // verified publishers or this tenant's apps, low-impact permissions
	UserConsentAllApps   = "all_apps"   // the legacy policy: any app, any permission not needing an admin
	UserConsentCustom    = "custom"     // any other app consent policy
)

const (
	selfConsentPrefix   = "managepermissiongrantsforself."
	legacyConsentPolicy = "microsoft-user-default-legacy"
	lowConsentPolicy    = "microsoft-user-default-low"
)

// guestRoles are the guest user role template ids Microsoft documents
// (graph-reference-3 §7.1).
var guestRoles = map[string]string{
	"a0b1b346-4d3e-4e8b-98f8-753987be4970": "same_as_members",
	"10dae51f-b6af-4016-8d66-8c2a99b929b3": "limited",
	"2af84b1e-32c8-42b7-82bc-daa82404023b": "restricted",
}

// ConsentSettings is who may let apps and guests into the tenant. A part
// that could not be read is nil, with a sentence in Notes and the refusal
// in Unreadable.
type ConsentSettings struct {
	// From the authorization policy.
	UserConsent             *string
	UserConsentPolicies     []string
	UsersCanRegisterApps    *bool
	GuestInvitesAllowedFrom *string
	GuestAccess             *string
	// From the admin consent request policy.
	AdminConsentRequestsEnabled     *bool
	AdminConsentReviewers           []string
	AdminConsentRequestDurationDays *int64

	Notes      []string
	Unreadable []UnreadablePart
}

// UnreadablePart is a policy the read could not get, and why.
type UnreadablePart struct {
	Endpoint string // e.g. GET /v1.0/policies/authorizationPolicy
	What     string // the attributes left null
	Err      error
	Denied   bool // Graph refused it (403): a permission is missing
}

// ReadConsentSettings reads both policies at once. It fails only when no
// token can be had or the read was cancelled; any other failure leaves its
// part null and says so.
func ReadConsentSettings(ctx context.Context, g ConsentPolicyReader) (ConsentSettings, error) {
	var (
		wg           sync.WaitGroup
		authz        graph.AuthorizationPolicy
		requests     graph.AdminConsentRequestPolicy
		authzErr     error
		requestsErr  error
		settings     ConsentSettings
		unreadableOf = func(endpoint, what string, err error) UnreadablePart {
			var gerr *graph.Error
			denied := errors.As(err, &gerr) && gerr.StatusCode == http.StatusForbidden
			return UnreadablePart{Endpoint: endpoint, What: what, Err: err, Denied: denied}
		}
	)
	wg.Add(2)
	go func() { defer wg.Done(); authz, authzErr = g.GetAuthorizationPolicy(ctx) }()
	go func() { defer wg.Done(); requests, requestsErr = g.GetAdminConsentRequestPolicy(ctx) }()
	wg.Wait()
	for _, err := range []error{authzErr, requestsErr} {
		if err != nil && fatal(ctx, err) {
			return ConsentSettings{}, err
		}
	}

	if authzErr != nil {
		part := unreadableOf("GET /v1.0/policies/authorizationPolicy",
			"user_consent, user_consent_policies, users_can_register_apps, guest_invites_allowed_from and guest_access", authzErr)
		settings.unreadable(part)
	} else {
		settings.UserConsentPolicies = selfConsentPolicies(authz.PermissionGrantPoliciesAssigned)
		level := UserConsentLevel(settings.UserConsentPolicies)
		settings.UserConsent = &level
		settings.UsersCanRegisterApps = authz.AllowedToCreateApps
		settings.GuestInvitesAllowedFrom = authz.AllowInvitesFrom
		settings.GuestAccess = guestAccess(authz.GuestUserRoleID)
		if level == UserConsentCustom {
			settings.Notes = append(settings.Notes, "Users may consent under a custom app consent policy ("+
				strings.Join(settings.UserConsentPolicies, ", ")+"): what it allows is in GET /v1.0/policies/permissionGrantPolicies/{id}, which this data source does not read.")
		}
	}
	if requestsErr != nil {
		part := unreadableOf("GET /v1.0/policies/adminConsentRequestPolicy",
			"admin_consent_requests_enabled, admin_consent_reviewers and admin_consent_request_duration_days", requestsErr)
		settings.unreadable(part)
	} else {
		settings.AdminConsentRequestsEnabled = requests.IsEnabled
		settings.AdminConsentReviewers = append([]string{}, requests.ReviewerQueries...)
		slices.Sort(settings.AdminConsentReviewers)
		settings.AdminConsentRequestDurationDays = requests.RequestDurationInDays
	}
	return settings, nil
}

func (s *ConsentSettings) unreadable(p UnreadablePart) {
	s.Unreadable = append(s.Unreadable, p)
	why := "it could not be read: " + p.Err.Error()
	if p.Denied {
		why = "Graph refused " + p.Endpoint + ": grant the application permission Policy.Read.All and admin consent for it. " + p.Err.Error()
	}
	s.Notes = append(s.Notes, p.What+" are null because "+why)
}

// selfConsentPolicies are the ManagePermissionGrantsForSelf.* entries (the
// ones that govern user consent; the prefix is compared case-insensitively
// since Microsoft writes it both ways) without the prefix, sorted.
func selfConsentPolicies(assigned []string) []string {
	out := []string{}
	for _, a := range assigned {
		if len(a) > len(selfConsentPrefix) && strings.EqualFold(a[:len(selfConsentPrefix)], selfConsentPrefix) {
			out = append(out, a[len(selfConsentPrefix):])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// UserConsentLevel names what the assigned self-consent policies allow:
// none without any; all_apps when the legacy policy is among them (the
// widest wins, so a rule about it cannot miss it); low_impact when the
// low-impact policy is the only one; custom otherwise.
func UserConsentLevel(policies []string) string {
	switch {
	case len(policies) == 0:
		return UserConsentNone
	case slices.ContainsFunc(policies, func(p string) bool { return strings.EqualFold(p, legacyConsentPolicy) }):
		return UserConsentAllApps
	case len(policies) == 1 && strings.EqualFold(policies[0], lowConsentPolicy):
		return UserConsentLowImpact
	}
	return UserConsentCustom
}

// guestAccess names a guest user role id, or returns the id when it is not
// one Microsoft documents; nil stays nil.
func guestAccess(roleID *string) *string {
	if roleID == nil {
		return nil
	}
	if name, ok := guestRoles[strings.ToLower(*roleID)]; ok {
		return &name
	}
	return roleID
}
