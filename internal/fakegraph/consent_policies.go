package fakegraph

import (
	"encoding/json"
	"net/http"
	"strings"
)

// AuthorizationPolicy is the tenant's authorization policy
// (/policies/authorizationPolicy, graph-reference-3 §7.1): the settings
// the fake models, the others sent with Microsoft's sample values.
type AuthorizationPolicy struct {
	AllowInvitesFrom *string // none, adminsAndGuestInviters, adminsGuestInvitersAndAllMembers, everyone
	GuestUserRoleID  *string // a guest role template id
	// defaultUserRolePermissions
	AllowedToCreateApps             bool
	PermissionGrantPoliciesAssigned []string
}

// AdminConsentRequestPolicy is the admin consent request workflow
// (/policies/adminConsentRequestPolicy, graph-reference-3 §7.2).
type AdminConsentRequestPolicy struct {
	IsEnabled             bool
	RequestDurationInDays int
	ReviewerQueries       []string // each reviewer's query, e.g. /users/{id}
}

// Guest user role template ids (authorizationPolicy.guestUserRoleId).
const (
	GuestRoleSameAsMembers = "a0b1b346-4d3e-4e8b-98f8-753987be4970"
	GuestRoleLimited       = "10dae51f-b6af-4016-8d66-8c2a99b929b3"
	GuestRoleRestricted    = "2af84b1e-32c8-42b7-82bc-daa82404023b"
)

// defaultAuthorizationPolicy is what a tenant without one set answers:
// everyone may invite, limited guest access, users may register apps and
// consent to low-impact permissions of verified publishers.
func defaultAuthorizationPolicy() AuthorizationPolicy {
	return AuthorizationPolicy{
		AllowInvitesFrom: Ptr("everyone"), GuestUserRoleID: Ptr(GuestRoleLimited), AllowedToCreateApps: true,
		PermissionGrantPoliciesAssigned: []string{
			"ManagePermissionGrantsForSelf.microsoft-user-default-low",
			"ManagePermissionGrantsForOwnedResource.DeveloperConsent",
		},
	}
}

// policiesPermissions read both policies (the admin consent request policy
// also with Directory.Read.All, graph-reference-3 §7.2).
var (
	authorizationPolicyPermissions       = []string{"Policy.Read.All", "Policy.ReadWrite.Authorization"}
	adminConsentRequestPolicyPermissions = []string{"Policy.Read.All", "Policy.ReadWrite.ConsentRequest", "Directory.Read.All", "Directory.ReadWrite.All"}
)

// getAuthorizationPolicy is GET /v1.0/policies/authorizationPolicy: a
// single entity, no query options.
func (c *graphCall) getAuthorizationPolicy(w http.ResponseWriter) {
	r := c.r
	if _, qerr := parseQuery(r); qerr != nil {
		qerr.write(w, r)
		return
	}
	p := defaultAuthorizationPolicy()
	if c.s.tenant.AuthorizationPolicy != nil {
		p = *c.s.tenant.AuthorizationPolicy
	}
	assigned := p.PermissionGrantPoliciesAssigned
	if assigned == nil {
		assigned = []string{}
	}
	body, _ := json.Marshal(map[string]any{
		"id": "authorizationPolicy", "displayName": "Authorization Policy", "description": "Used to manage authorization related settings across the company.",
		"allowInvitesFrom": p.AllowInvitesFrom, "allowedToSignUpEmailBasedSubscriptions": true, "allowedToUseSSPR": true,
		"allowEmailVerifiedUsersToJoinOrganization": false, "allowUserConsentForRiskyApps": nil, "blockMsolPowerShell": nil,
		"guestUserRoleId": p.GuestUserRoleID,
		"defaultUserRolePermissions": map[string]any{
			"allowedToCreateApps": p.AllowedToCreateApps, "allowedToCreateSecurityGroups": true, "allowedToCreateTenants": true,
			"allowedToReadBitlockerKeysForOwnedDevice": true, "allowedToReadOtherUsers": true,
			"permissionGrantPoliciesAssigned": assigned,
		},
	})
	writeEntity(w, metadataURL(r)+"policies/authorizationPolicy/$entity", body)
}

var adminConsentRequestPolicyProperties = []string{"id", "isEnabled", "notifyReviewers", "remindersEnabled", "requestDurationInDays", "reviewers", "version"}

// getAdminConsentRequestPolicy is GET /v1.0/policies/adminConsentRequestPolicy
// with $select. A tenant without one set answers the workflow turned off.
func (c *graphCall) getAdminConsentRequestPolicy(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	var p AdminConsentRequestPolicy
	if c.s.tenant.AdminConsentRequestPolicy != nil {
		p = *c.s.tenant.AdminConsentRequestPolicy
	}
	reviewers := make([]map[string]any, 0, len(p.ReviewerQueries))
	for _, query := range p.ReviewerQueries {
		reviewers = append(reviewers, map[string]any{"query": query, "queryType": "MicrosoftGraph", "queryRoot": nil})
	}
	all := map[string]any{
		"id": nameGUID("adminConsentRequestPolicy/" + c.s.tenant.ID), "isEnabled": p.IsEnabled, "notifyReviewers": p.IsEnabled,
		"remindersEnabled": p.IsEnabled, "requestDurationInDays": p.RequestDurationInDays, "reviewers": reviewers, "version": 1,
	}
	obj := all
	if sel := strings.TrimSpace(q["$select"]); sel != "" {
		obj = map[string]any{}
		for _, name := range strings.Split(sel, ",") {
			found := false
			for _, known := range adminConsentRequestPolicyProperties {
				if strings.EqualFold(strings.TrimSpace(name), known) {
					obj[known], found = all[known], true
				}
			}
			if !found {
				badRequest("BadRequest", "Could not find a property named '%s' on type 'microsoft.graph.adminConsentRequestPolicy'.", name).write(w, r)
				return
			}
		}
	}
	body, _ := json.Marshal(obj)
	writeEntity(w, metadataURL(r)+"policies/adminConsentRequestPolicy/$entity", body)
}
