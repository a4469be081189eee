package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// DirectoryObject is a member of a group: a user, a group, a service
// principal, a device or an organizational contact. Type comes from
// @odata.type ("user", "group", "servicePrincipal", "device", "orgContact").
// A member the application may not read arrives with only its type and id:
// every other field is nil. User fields are nil for other types.
type DirectoryObject struct {
	ID                string
	Type              string
	DisplayName       *string
	UserPrincipalName *string
	Mail              *string
	GivenName         *string
	Surname           *string
	UserType          *string
}

// Member types, as DirectoryObject.Type spells them.
const (
	TypeUser             = "user"
	TypeGroup            = "group"
	TypeServicePrincipal = "servicePrincipal"
	TypeDevice           = "device"
	TypeOrgContact       = "orgContact"
)

const permissionGroupMemberReadAll = "GroupMember.Read.All"

// groupMemberFields is $select for ListGroupMembers: the properties of
// DirectoryObject (@odata.type always comes).
var groupMemberFields = []string{"id", "displayName", "userPrincipalName", "mail", "givenName", "surname", "userType"}

// rosterMemberFields is $select for ListDirectMemberUsers: what an SSO roster
// entry and the user filters need.
var rosterMemberFields = []string{"id", "userPrincipalName", "mail", "givenName", "surname", "userType"}

// ListGroupMembers calls each for every member of the group groupID: its
// direct members (GET /v1.0/groups/{id}/members), or with transitive every
// member of its nested groups too (/transitiveMembers); all pages, 999 per
// page. Graph v1.0 leaves service principals out of direct members (a known
// issue); they are among the transitive ones. A group that does not exist is
// an *Error with StatusCode 404 (see IsNotFound). Needs GroupMember.Read.All.
func (c *Client) ListGroupMembers(ctx context.Context, groupID string, transitive bool, each func(DirectoryObject) error) error {
	relation := "members"
	if transitive {
		relation = "transitiveMembers"
	}
	return c.listMembers(ctx, groupID, relation, groupMemberFields, each)
}

// ListDirectMemberUsers is ListGroupMembers(groupID, false) with only the
// properties an SSO roster uses: DisplayName is always nil.
func (c *Client) ListDirectMemberUsers(ctx context.Context, groupID string, each func(DirectoryObject) error) error {
	return c.listMembers(ctx, groupID, "members", rosterMemberFields, each)
}

func (c *Client) listMembers(ctx context.Context, groupID, relation string, fields []string, each func(DirectoryObject) error) error {
	if !isGUID(groupID) {
		return fmt.Errorf("graph: group ID %q is not a GUID", groupID)
	}
	ctx = withLogging(ctx)
	lr := listRequest{
		path:       "/v1.0/groups/" + url.PathEscape(groupID) + "/" + relation,
		query:      selectQuery(fields, 999),
		permission: permissionGroupMemberReadAll,
	}
	return listAll(ctx, c, lr, func(w directoryObjectWire) error { return each(w.object()) })
}

type directoryObjectWire struct {
	ODataType         string  `json:"@odata.type"`
	ID                string  `json:"id"`
	DisplayName       *string `json:"displayName"`
	UserPrincipalName *string `json:"userPrincipalName"`
	Mail              *string `json:"mail"`
	GivenName         *string `json:"givenName"`
	Surname           *string `json:"surname"`
	UserType          *string `json:"userType"`
}

func (w directoryObjectWire) object() DirectoryObject {
	o := DirectoryObject{ID: w.ID, Type: memberType(w.ODataType), DisplayName: w.DisplayName}
	if o.Type == TypeUser {
		o.UserPrincipalName, o.Mail, o.GivenName, o.Surname, o.UserType = w.UserPrincipalName, w.Mail, w.GivenName, w.Surname, w.UserType
	}
	return o
}

// memberType turns "#microsoft.graph.servicePrincipal" into
// "servicePrincipal"; a type outside microsoft.graph is kept whole.
func memberType(odataType string) string {
	t := strings.TrimPrefix(odataType, "#")
	if rest, ok := strings.CutPrefix(t, "microsoft.graph."); ok {
		return rest
	}
	return t
}

// userBriefFields is $select for ListUserBriefs.
var userBriefFields = []string{"id", "userPrincipalName", "mail", "givenName", "surname", "userType", "employeeHireDate", "createdDateTime"}

// ListUserBriefs is ListUsers with only id, userPrincipalName, mail,
// givenName, surname, userType, employeeHireDate and createdDateTime set:
// what an SSO roster needs of every user. Needs User.Read.All.
func (c *Client) ListUserBriefs(ctx context.Context, each func(User) error) error {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/users", query: selectQuery(userBriefFields, 999), permission: permissionUserReadAll}
	return listAll(ctx, c, lr, func(w userWire) error { return each(w.user()) })
}
