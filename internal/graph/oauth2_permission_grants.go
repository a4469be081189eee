package graph

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// OAuth2PermissionGrant is one delegated permission grant: a client app may
// call a resource API with the scopes, for one user (ConsentType
// "Principal") or for everyone (ConsentType "AllPrincipals", an admin's
// consent). ClientID and ResourceID are service principal object ids.
type OAuth2PermissionGrant struct {
	ID          string  `json:"id"`
	ClientID    string  `json:"clientId"`
	ConsentType *string `json:"consentType"`
	PrincipalID *string `json:"principalId"`
	ResourceID  string  `json:"resourceId"`
	Scope       *string `json:"scope"` // space-separated scope values
}

// permissionGrantsRead is the permission a grants read needs. Graph's
// per-API tables document Directory.Read.All; the narrower
// DelegatedPermissionGrant.Read.All exists and works where granted
// (graph-reference-2 §3, conflict 5).
const permissionGrantsRead = "Directory.Read.All (or DelegatedPermissionGrant.Read.All)"

// oauth2PermissionGrantFields is $select for grants: every property.
var oauth2PermissionGrantFields = []string{"id", "clientId", "consentType", "principalId", "resourceId", "scope"}

// ListOAuth2PermissionGrants calls each for every delegated permission
// grant of the tenant (GET /v1.0/oauth2PermissionGrants, all pages, 999 per
// page), or only the client service principal clientID's when it is not
// empty ($filter=clientId eq '…'; it must be a GUID). On any error the list
// is incomplete. Needs Directory.Read.All.
func (c *Client) ListOAuth2PermissionGrants(ctx context.Context, clientID string, each func(OAuth2PermissionGrant) error) error {
	query := selectQuery(oauth2PermissionGrantFields, 999)
	if clientID != "" {
		if !isGUID(clientID) {
			return fmt.Errorf("graph: client service principal ID %q is not a GUID", clientID)
		}
		query += "&$filter=" + url.QueryEscape("clientId eq '"+clientID+"'")
	}
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/oauth2PermissionGrants", query: query, permission: permissionGrantsRead}
	return listAll(ctx, c, lr, each)
}

// ServicePrincipalBrief is what a grant's client and resource need of a
// service principal: names and the publisher facts, without the
// keyCredentials whose $select Graph limits to 150 requests a minute.
type ServicePrincipalBrief struct {
	ID                     string            `json:"id"`
	AppID                  string            `json:"appId"`
	DisplayName            *string           `json:"displayName"`
	AppOwnerOrganizationID *string           `json:"appOwnerOrganizationId"`
	VerifiedPublisher      VerifiedPublisher `json:"verifiedPublisher"`
}

// servicePrincipalBriefFields is $select for ServicePrincipalBrief.
var servicePrincipalBriefFields = []string{"id", "appId", "displayName", "appOwnerOrganizationId", "verifiedPublisher"}

// ListServicePrincipalBriefs calls each for the service principals among
// ids that exist (GET /v1.0/servicePrincipals?$filter=id in (...), at most
// MaxIDsPerFilter ids, every one a GUID), or for every service principal
// of the tenant when ids is nil (all pages, 999 per page). An id the tenant
// does not have is simply not reported. Needs Application.Read.All.
func (c *Client) ListServicePrincipalBriefs(ctx context.Context, ids []string, each func(ServicePrincipalBrief) error) error {
	query := selectQuery(servicePrincipalBriefFields, 999)
	if ids != nil {
		filter, err := idInFilter(ids)
		if err != nil || filter == "" {
			return err
		}
		query += "&$filter=" + url.QueryEscape(filter)
	}
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/servicePrincipals", query: query, permission: permissionApplicationReadAll}
	return listAll(ctx, c, lr, each)
}

// idInFilter is "id in ('…','…')" for up to MaxIDsPerFilter GUIDs, or ""
// for none.
func idInFilter(ids []string) (string, error) {
	switch {
	case len(ids) == 0:
		return "", nil
	case len(ids) > MaxIDsPerFilter:
		return "", fmt.Errorf("graph: %d service principal IDs in one filter; at most %d", len(ids), MaxIDsPerFilter)
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		if !isGUID(id) {
			return "", fmt.Errorf("graph: service principal ID %q is not a GUID", id)
		}
		quoted[i] = "'" + id + "'"
	}
	return "id in (" + strings.Join(quoted, ",") + ")", nil
}

// CountServicePrincipals returns how many service principals the tenant has
// (GET /v1.0/servicePrincipals/$count with ConsistencyLevel: eventual, an
// advanced query: the count may lag recent changes by a little). Graph
// answers with the number as plain text. Needs Application.Read.All.
func (c *Client) CountServicePrincipals(ctx context.Context) (int, error) {
	ctx = withLogging(ctx)
	req := newGraphRequest(c.endpointURL("/v1.0/servicePrincipals/$count", ""), permissionApplicationReadAll)
	req.eventual = true
	var tries pageTries
	resp, err := c.send(ctx, req, &tries)
	if err != nil {
		return 0, err
	}
	defer closeBody(resp)
	raw, rerr := io.ReadAll(io.LimitReader(resp.Body, 64))
	if rerr != nil {
		return 0, fmt.Errorf("graph: GET %s: reading the count failed: %s", req.path, describeNetError(rerr))
	}
	// Graph has been seen to start the text with a byte order mark.
	text := strings.TrimSpace(strings.TrimPrefix(string(raw), "\ufeff"))
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 {
		return 0, &Error{
			StatusCode: resp.StatusCode,
			Message:    "the body is not a count of objects",
			RequestID:  resp.Header.Get("request-id"),
			Method:     http.MethodGet,
			Path:       req.path,
			Permission: permissionApplicationReadAll,
			Attempts:   tries.attempts,
			reason:     reasonBadPage,
		}
	}
	return n, nil
}

// Grants and briefs are de-duplicated by id like every listed object
// (limits.go): a page Graph repeats must not count a consent twice.
func (g OAuth2PermissionGrant) objectID() string { return g.ID }
func (b ServicePrincipalBrief) objectID() string { return b.ID }
