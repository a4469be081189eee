package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
)

// Owner is one owner of an application or a service principal: a user, a
// service principal, or a type Graph added later (agentIdentity, ...). Type
// comes from @odata.type as for group members ("user", "servicePrincipal",
// ...). An owner the application may not read (a user, without a user-read
// permission) arrives with only its type and id: every other field is nil.
type Owner struct {
	ID                string
	Type              string
	DisplayName       *string
	UserPrincipalName *string // users only
	AppID             *string // service principals only
}

// OwnerCollection is a collection whose objects have owners: the path
// segment of GET /{collection}/{id}/owners and of the list that expands them.
type OwnerCollection string

// The collections with owners.
const (
	ServicePrincipalOwners OwnerCollection = "servicePrincipals"
	ApplicationOwners      OwnerCollection = "applications"
)

// MaxExpandedOwners is how many owners Graph puts in an expanded owners
// array at most, silently dropping the rest (no nextLink for the expanded
// set; graph-reference-3 §0.3, §1.3).
const MaxExpandedOwners = 20

// MaxExpandPageSize is the largest page Graph serves when the list expands a
// relationship: $top above it is capped (graph-reference-3 §0.3).
const MaxExpandPageSize = 100

// ownerFields is $select for GET /{collection}/{id}/owners. appId is left
// out: nothing reads it from the re-read, and the list's expanded form
// carries it anyway.
var ownerFields = []string{"id", "displayName", "userPrincipalName"}

// expandOwnersQuery is the query of a list that carries each item's owners:
// $select of fields, the largest page Graph allows with $expand, and the
// plain $expand=owners. The nested form owners($select=...) would send less,
// but Graph's sources disagree on whether it is accepted
// (graph-reference-3 CONFLICT 2); the plain form is documented everywhere.
func expandOwnersQuery(fields []string) string {
	return selectQuery(fields, MaxExpandPageSize) + "&$expand=owners"
}

// OwnerSet is the owners an object carried in a list read with
// $expand=owners. Expanded is false when the list did not carry them (read
// without $expand, or Graph sent null): then Owners is nil.
type OwnerSet struct {
	Owners   []Owner
	Expanded bool
}

// MayBeIncomplete reports whether the object's own /owners must be read for
// its whole set: not expanded, or expanded with MaxExpandedOwners or more
// (Graph truncates at 20 without saying so).
func (s OwnerSet) MayBeIncomplete() bool {
	return !s.Expanded || len(s.Owners) >= MaxExpandedOwners
}

// UnmarshalJSON decodes an expanded owners array; null leaves the set not
// expanded.
func (s *OwnerSet) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var wire []ownerWire
	if err := json.Unmarshal(b, &wire); err != nil {
		return fmt.Errorf("decoding owners: %w", err)
	}
	s.Owners = make([]Owner, len(wire))
	for i, w := range wire {
		s.Owners[i] = w.owner()
	}
	s.Expanded = true
	return nil
}

// ListOwners calls each for every owner of the object id in collection (GET
// /v1.0/{collection}/{id}/owners, every page). Graph documents no page size
// for owners, so none is asked for and every nextLink is followed. An object
// that does not exist is an *Error with StatusCode 404 (see IsNotFound).
// Needs Application.Read.All; user owners' names need a user-read permission
// too (User.Read.All), else they come with type and id only.
func (c *Client) ListOwners(ctx context.Context, collection OwnerCollection, id string, each func(Owner) error) error {
	switch collection {
	case ServicePrincipalOwners, ApplicationOwners:
	default:
		return fmt.Errorf("graph: %q is not a collection with owners", collection)
	}
	if !isGUID(id) {
		return fmt.Errorf("graph: object ID %q is not a GUID", id)
	}
	ctx = withLogging(ctx)
	lr := listRequest{
		path:       "/v1.0/" + string(collection) + "/" + url.PathEscape(id) + "/owners",
		query:      selectQuery(ownerFields, 0),
		permission: permissionApplicationReadAll,
	}
	return listAll(ctx, c, lr, func(w ownerWire) error { return each(w.owner()) })
}

type ownerWire struct {
	ODataType         string  `json:"@odata.type"`
	ID                string  `json:"id"`
	DisplayName       *string `json:"displayName"`
	UserPrincipalName *string `json:"userPrincipalName"`
	AppID             *string `json:"appId"`
}

// owner keeps the user principal name of users and the application ID of
// service principals (derived types such as agentUser and agentIdentity
// included, which carry the same properties).
func (w ownerWire) owner() Owner {
	o := Owner{ID: w.ID, Type: memberType(w.ODataType), DisplayName: w.DisplayName}
	switch o.Type {
	case TypeUser, "agentUser":
		o.UserPrincipalName = w.UserPrincipalName
	case TypeServicePrincipal, "agentIdentity", "agentIdentityBlueprintPrincipal":
		o.AppID = w.AppID
	}
	return o
}

func (w ownerWire) objectID() string { return w.ID }
