package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// AppRoleAssignment is one grant of an application's app role to a user, a
// group or another service principal (GET .../appRoleAssignedTo). Its ID is
// not a GUID: Graph encodes the principal and a second GUID in base64url.
type AppRoleAssignment struct {
	ID                   string
	PrincipalID          string
	PrincipalType        *string // User, Group or ServicePrincipal
	PrincipalDisplayName *string
	AppRoleID            *string // 00000000-0000-0000-0000-000000000000 is "default access"
	CreatedDateTime      *time.Time
	ResourceID           *string
	ResourceDisplayName  *string
}

// appRoleAssignmentFields is $select for appRoleAssignedTo: exactly the
// properties of AppRoleAssignment.
var appRoleAssignmentFields = []string{
	"id", "principalId", "principalType", "principalDisplayName", "appRoleId",
	"createdDateTime", "resourceId", "resourceDisplayName",
}

// ListAppRoleAssignedTo calls each for every app role assignment granted for
// the service principal servicePrincipalID (GET
// /v1.0/servicePrincipals/{id}/appRoleAssignedTo, all pages, 999 per page).
// A service principal that does not exist is an *Error with StatusCode 404
// (see IsNotFound). On any error the list is incomplete. Needs
// Application.Read.All.
func (c *Client) ListAppRoleAssignedTo(ctx context.Context, servicePrincipalID string, each func(AppRoleAssignment) error) error {
	if !isGUID(servicePrincipalID) {
		return fmt.Errorf("graph: service principal ID %q is not a GUID", servicePrincipalID)
	}
	ctx = withLogging(ctx)
	lr := listRequest{
		path:       "/v1.0/servicePrincipals/" + url.PathEscape(servicePrincipalID) + "/appRoleAssignedTo",
		query:      selectQuery(appRoleAssignmentFields, 999),
		permission: permissionApplicationReadAll,
	}
	return listAll(ctx, c, lr, func(w appRoleAssignmentWire) error { return each(w.assignment()) })
}

type appRoleAssignmentWire struct {
	ID                   string     `json:"id"`
	PrincipalID          string     `json:"principalId"`
	PrincipalType        *string    `json:"principalType"`
	PrincipalDisplayName *string    `json:"principalDisplayName"`
	AppRoleID            *string    `json:"appRoleId"`
	CreatedDateTime      *graphTime `json:"createdDateTime"`
	ResourceID           *string    `json:"resourceId"`
	ResourceDisplayName  *string    `json:"resourceDisplayName"`
}

func (w appRoleAssignmentWire) assignment() AppRoleAssignment {
	return AppRoleAssignment{
		ID:                   w.ID,
		PrincipalID:          w.PrincipalID,
		PrincipalType:        w.PrincipalType,
		PrincipalDisplayName: w.PrincipalDisplayName,
		AppRoleID:            w.AppRoleID,
		CreatedDateTime:      w.CreatedDateTime.time(),
		ResourceID:           w.ResourceID,
		ResourceDisplayName:  w.ResourceDisplayName,
	}
}

// AppInstance is the part of a service principal an SSO roster needs.
type AppInstance struct {
	ID                        string
	AppID                     string
	DisplayName               *string
	AppRoleAssignmentRequired bool
}

// appInstanceFields is $select for AppInstance.
var appInstanceFields = []string{"id", "appId", "displayName", "appRoleAssignmentRequired"}

// MaxIDsPerFilter is how many ids one "id in (...)" filter carries: Graph's
// default limit on the in operator's list (graph-reference §2.4).
const MaxIDsPerFilter = 15

// ListAppInstances calls each for the service principals among ids that
// exist (GET /v1.0/servicePrincipals?$filter=id in (...), at most
// MaxIDsPerFilter ids, every one a GUID; one request for up to 15 apps
// instead of one each). An id the tenant does not have is simply not
// reported. Needs Application.Read.All.
func (c *Client) ListAppInstances(ctx context.Context, ids []string, each func(AppInstance) error) error {
	switch {
	case len(ids) == 0:
		return nil
	case len(ids) > MaxIDsPerFilter:
		return fmt.Errorf("graph: %d service principal IDs in one filter; at most %d", len(ids), MaxIDsPerFilter)
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		if !isGUID(id) {
			return fmt.Errorf("graph: service principal ID %q is not a GUID", id)
		}
		quoted[i] = "'" + id + "'"
	}
	ctx = withLogging(ctx)
	query := selectQuery(appInstanceFields, 999) + "&$filter=" + url.QueryEscape("id in ("+strings.Join(quoted, ",")+")")
	lr := listRequest{path: "/v1.0/servicePrincipals", query: query, permission: permissionApplicationReadAll}
	return listAll(ctx, c, lr, func(w appInstanceWire) error { return each(AppInstance(w)) })
}

type appInstanceWire struct {
	ID                        string  `json:"id"`
	AppID                     string  `json:"appId"`
	DisplayName               *string `json:"displayName"`
	AppRoleAssignmentRequired bool    `json:"appRoleAssignmentRequired"`
}
