package graph

import (
	"context"
	"fmt"
	"net/url"
	"time"
)

// ServicePrincipal is an application's instance in the tenant (an
// enterprise application, a Microsoft first-party app, a managed identity).
// A property Graph sends as null or leaves out is nil.
type ServicePrincipal struct {
	ID                        string
	AppID                     string
	DisplayName               *string
	AppOwnerOrganizationID    *string
	AppRoleAssignmentRequired bool
	AccountEnabled            *bool
	PreferredSingleSignOnMode *string
	ServicePrincipalType      *string
	SignInAudience            *string
	Tags                      []string
	Homepage                  *string
	LoginURL                  *string
	ReplyURLs                 []string
	VerifiedPublisher         VerifiedPublisher
	// KeyCredentials are the certificates (public and private parts) the
	// service principal holds; PreferredTokenSigningKeyThumbprint picks the
	// one a SAML app signs tokens with.
	KeyCredentials                     []KeyCredential
	PreferredTokenSigningKeyThumbprint *string
	// Owners are the owners the list carried (ListServicePrincipalsWithOwners);
	// not Expanded otherwise.
	Owners OwnerSet
}

// KeyCredential is one certificate credential. The certificate itself
// (key) is not read. CustomKeyIdentifier is Graph's base64 string as sent
// (by default the certificate's thumbprint bytes).
type KeyCredential struct {
	KeyID               *string    `json:"keyId"`
	Type                *string    `json:"type"`
	Usage               *string    `json:"usage"`
	CustomKeyIdentifier *string    `json:"customKeyIdentifier"`
	DisplayName         *string    `json:"displayName"`
	StartDateTime       *graphTime `json:"startDateTime"`
	EndDateTime         *graphTime `json:"endDateTime"`
}

// EndsAt is when the credential expires, or nil.
func (k KeyCredential) EndsAt() *time.Time { return k.EndDateTime.time() }

// VerifiedPublisher is a service principal's verified publisher; its fields
// are nil when the publisher is not verified (often, on service principals).
type VerifiedPublisher struct {
	DisplayName         *string    `json:"displayName"`
	VerifiedPublisherID *string    `json:"verifiedPublisherId"`
	AddedDateTime       *graphTime `json:"addedDateTime"`
}

// AddedAt is when the publisher was verified, or nil.
func (v VerifiedPublisher) AddedAt() *time.Time { return v.AddedDateTime.time() }

const permissionApplicationReadAll = "Application.Read.All"

// servicePrincipalFields is $select for service principals: exactly the
// properties of ServicePrincipal. publisherName and
// preferredTokenSigningKeyEndDateTime are beta-only and must not be selected
// on v1.0; the SAML certificate's expiry comes from keyCredentials.
var servicePrincipalFields = []string{
	"id", "appId", "displayName", "appOwnerOrganizationId", "appRoleAssignmentRequired",
	"accountEnabled", "preferredSingleSignOnMode", "servicePrincipalType", "signInAudience",
	"tags", "homepage", "loginUrl", "replyUrls", "verifiedPublisher",
	"keyCredentials", "preferredTokenSigningKeyThumbprint",
}

// ListServicePrincipals calls each for every service principal in the tenant
// (GET /v1.0/servicePrincipals, all pages, 999 per page). On any error the
// list is incomplete. Needs Application.Read.All.
func (c *Client) ListServicePrincipals(ctx context.Context, each func(ServicePrincipal) error) error {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/servicePrincipals", query: selectQuery(servicePrincipalFields, 999), permission: permissionApplicationReadAll}
	return listAll(ctx, c, lr, func(w servicePrincipalWire) error { return each(w.servicePrincipal()) })
}

// ListServicePrincipalsWithOwners is ListServicePrincipals with each service
// principal's owners expanded ($expand=owners): pages of at most 100, and at
// most MaxExpandedOwners owners each, so a set that MayBeIncomplete must be
// read whole with ListOwners.
func (c *Client) ListServicePrincipalsWithOwners(ctx context.Context, each func(ServicePrincipal) error) error {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/servicePrincipals", query: expandOwnersQuery(servicePrincipalFields), permission: permissionApplicationReadAll}
	return listAll(ctx, c, lr, func(w servicePrincipalWire) error { return each(w.servicePrincipal()) })
}

// GetServicePrincipal reads one service principal by object id. An id that
// does not exist is an *Error with StatusCode 404 (see IsNotFound).
func (c *Client) GetServicePrincipal(ctx context.Context, id string) (ServicePrincipal, error) {
	ctx = withLogging(ctx)
	w, err := getObject[servicePrincipalWire](ctx, c, "/v1.0/servicePrincipals/"+url.PathEscape(id),
		selectQuery(servicePrincipalFields, 0), permissionApplicationReadAll)
	if err != nil {
		return ServicePrincipal{}, err
	}
	return w.servicePrincipal(), nil
}

// FindServicePrincipalByAppID returns the tenant's service principal of an
// application (client) ID, and false when the tenant has none. appID must
// be a GUID: it goes into $filter, and anything else is refused before a
// request is sent.
func (c *Client) FindServicePrincipalByAppID(ctx context.Context, appID string) (ServicePrincipal, bool, error) {
	if !isGUID(appID) {
		return ServicePrincipal{}, false, fmt.Errorf("graph: application ID %q is not a GUID", appID)
	}
	ctx = withLogging(ctx)
	query := selectQuery(servicePrincipalFields, 0) + "&$filter=" + url.QueryEscape("appId eq '"+appID+"'")
	lr := listRequest{path: "/v1.0/servicePrincipals", query: query, permission: permissionApplicationReadAll}
	var found []ServicePrincipal
	err := listAll(ctx, c, lr, func(w servicePrincipalWire) error {
		found = append(found, w.servicePrincipal())
		return nil
	})
	if err != nil || len(found) == 0 {
		return ServicePrincipal{}, false, err
	}
	return found[0], true, nil
}

// servicePrincipalWire is a service principal as Graph sends it.
type servicePrincipalWire struct {
	ID                        string            `json:"id"`
	AppID                     string            `json:"appId"`
	DisplayName               *string           `json:"displayName"`
	AppOwnerOrganizationID    *string           `json:"appOwnerOrganizationId"`
	AppRoleAssignmentRequired bool              `json:"appRoleAssignmentRequired"`
	AccountEnabled            *bool             `json:"accountEnabled"`
	PreferredSingleSignOnMode *string           `json:"preferredSingleSignOnMode"`
	ServicePrincipalType      *string           `json:"servicePrincipalType"`
	SignInAudience            *string           `json:"signInAudience"`
	Tags                      []string          `json:"tags"`
	Homepage                  *string           `json:"homepage"`
	LoginURL                  *string           `json:"loginUrl"`
	ReplyURLs                 []string          `json:"replyUrls"`
	VerifiedPublisher         VerifiedPublisher `json:"verifiedPublisher"`

	KeyCredentials                     []KeyCredential `json:"keyCredentials"`
	PreferredTokenSigningKeyThumbprint *string         `json:"preferredTokenSigningKeyThumbprint"`
	Owners                             OwnerSet        `json:"owners"`
}

func (w servicePrincipalWire) servicePrincipal() ServicePrincipal { return ServicePrincipal(w) }
