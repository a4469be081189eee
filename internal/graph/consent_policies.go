package graph

import (
	"context"
	"encoding/json"
	"fmt"
)

// AuthorizationPolicy is the part of the tenant's authorization policy
// (GET /v1.0/policies/authorizationPolicy, graph-reference-3 §7.1) that
// says who may consent to apps, register apps and invite guests.
type AuthorizationPolicy struct {
	AllowInvitesFrom *string // none, adminsAndGuestInviters, adminsGuestInvitersAndAllMembers, everyone
	GuestUserRoleID  *string // a role template id (GUID)
	// From defaultUserRolePermissions:
	AllowedToCreateApps             *bool
	PermissionGrantPoliciesAssigned []string
}

// AdminConsentRequestPolicy is the admin consent request workflow
// (GET /v1.0/policies/adminConsentRequestPolicy, graph-reference-3 §7.2).
type AdminConsentRequestPolicy struct {
	IsEnabled             *bool
	RequestDurationInDays *int64
	ReviewerQueries       []string // each reviewer's query (e.g. /users/{id}); null queries are left out
}

const permissionPolicyReadAll = "Policy.Read.All"

// GetAuthorizationPolicy reads /policies/authorizationPolicy. v1.0 serves
// it as a single entity; beta has served it as a collection, and
// Microsoft's own consent article addresses it that way, so a body wrapped
// in "value" is accepted too (its first policy). No $select: Microsoft
// documents none for this request. Needs Policy.Read.All.
func (c *Client) GetAuthorizationPolicy(ctx context.Context) (AuthorizationPolicy, error) {
	ctx = withLogging(ctx)
	const path = "/v1.0/policies/authorizationPolicy"
	w, err := getObject[authorizationPolicyEnvelope](ctx, c, path, "", permissionPolicyReadAll)
	if err != nil {
		return AuthorizationPolicy{}, err
	}
	p := w.authorizationPolicyWire
	if w.Value != nil {
		if len(w.Value) == 0 {
			return AuthorizationPolicy{}, fmt.Errorf("graph: GET %s answered an empty collection: the tenant's authorization policy always exists; check graph_endpoint", path)
		}
		p = w.Value[0]
	}
	if p.DefaultUserRolePermissions == nil {
		// Non-null in the metadata: a body without it is not the policy.
		return AuthorizationPolicy{}, fmt.Errorf("graph: GET %s answered without defaultUserRolePermissions: check graph_endpoint", path)
	}
	return AuthorizationPolicy{
		AllowInvitesFrom:                p.AllowInvitesFrom,
		GuestUserRoleID:                 p.GuestUserRoleID,
		AllowedToCreateApps:             p.DefaultUserRolePermissions.AllowedToCreateApps,
		PermissionGrantPoliciesAssigned: p.DefaultUserRolePermissions.PermissionGrantPoliciesAssigned,
	}, nil
}

type authorizationPolicyWire struct {
	AllowInvitesFrom           *string `json:"allowInvitesFrom"`
	GuestUserRoleID            *string `json:"guestUserRoleId"`
	DefaultUserRolePermissions *struct {
		AllowedToCreateApps             *bool    `json:"allowedToCreateApps"`
		PermissionGrantPoliciesAssigned []string `json:"permissionGrantPoliciesAssigned"`
	} `json:"defaultUserRolePermissions"`
}

// authorizationPolicyEnvelope is the entity, or a collection of it.
type authorizationPolicyEnvelope struct {
	authorizationPolicyWire
	Value []authorizationPolicyWire
}

func (e *authorizationPolicyEnvelope) UnmarshalJSON(b []byte) error {
	var raw struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw.Value) > 0 && raw.Value[0] == '[' {
		e.Value = []authorizationPolicyWire{}
		return json.Unmarshal(raw.Value, &e.Value)
	}
	return json.Unmarshal(b, &e.authorizationPolicyWire)
}

// GetAdminConsentRequestPolicy reads /policies/adminConsentRequestPolicy
// with $select (documented for this request). Needs Policy.Read.All.
func (c *Client) GetAdminConsentRequestPolicy(ctx context.Context) (AdminConsentRequestPolicy, error) {
	ctx = withLogging(ctx)
	const path = "/v1.0/policies/adminConsentRequestPolicy"
	w, err := getObject[adminConsentRequestPolicyWire](ctx, c, path, "$select=id,isEnabled,requestDurationInDays,reviewers", permissionPolicyReadAll)
	if err != nil {
		return AdminConsentRequestPolicy{}, err
	}
	if w.IsEnabled == nil {
		// Non-null in the metadata: a body without it is not the policy.
		return AdminConsentRequestPolicy{}, fmt.Errorf("graph: GET %s answered without isEnabled: check graph_endpoint", path)
	}
	p := AdminConsentRequestPolicy{IsEnabled: w.IsEnabled, RequestDurationInDays: w.RequestDurationInDays, ReviewerQueries: []string{}}
	for _, r := range w.Reviewers {
		if r.Query != nil {
			p.ReviewerQueries = append(p.ReviewerQueries, *r.Query)
		}
	}
	return p, nil
}

type adminConsentRequestPolicyWire struct {
	IsEnabled             *bool  `json:"isEnabled"`
	RequestDurationInDays *int64 `json:"requestDurationInDays"`
	Reviewers             []struct {
		Query *string `json:"query"`
	} `json:"reviewers"`
}
