package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Group is one group of GET /v1.0/groups (graph-reference-3 §4.3). A
// property Graph sends as null or leaves out is nil.
// hasMembersWithLicenseErrors is not here: Graph never returns it, not even
// with $select; it can only be learnt by filtering on it (ListGroupIDs).
type Group struct {
	ID                    string
	DisplayName           *string
	Mail                  *string
	MailEnabled           *bool
	SecurityEnabled       *bool
	GroupTypes            []string // Unified, DynamicMembership; [] for neither
	MembershipRule        *string
	Visibility            *string // Public, Private, HiddenMembership (or Hidden: CONFLICT 16)
	CreatedDateTime       *time.Time
	IsAssignableToRole    *bool
	OnPremisesSyncEnabled *bool
	// AssignedLicenseSkuIDs are the SKUs the group assigns to its members
	// (group-based licensing), in Graph's order; nil when Graph sent
	// assignedLicenses as null or left it out (graph-reference-3 UNKNOWN 9:
	// maybe under GroupMember.Read.All alone), empty when it assigns none.
	AssignedLicenseSkuIDs []string
}

// GroupsQuery is what Graph is asked to filter on /groups: only the
// clauses it supports without advanced query parameters (graph-reference-3
// §4.2), joined by "and". The negative forms of groupTypes need `not`, an
// advanced query, and are left to the caller.
type GroupsQuery struct {
	SecurityEnabled *bool // securityEnabled eq
	MailEnabled     *bool // mailEnabled eq
	Unified         bool  // groupTypes/any(c:c eq 'Unified')
	Dynamic         bool  // groupTypes/any(c:c eq 'DynamicMembership')
	// LicenseErrors is hasMembersWithLicenseErrors eq true, the only form
	// Graph documents for it.
	LicenseErrors     bool
	DisplayNamePrefix string // startswith(displayName,'…'), quotes doubled
}

const (
	groupsPath               = "/v1.0/groups"
	codeUnsupportedQuery     = "Request_UnsupportedQuery"
	groupsPageSize           = 999
	groupLicenseErrorsClause = "hasMembersWithLicenseErrors eq true"
	advancedCountOption      = "$count=true" // sent with ConsistencyLevel: eventual
)

// groupFields is $select for ListGroups: Group's properties. assignedLicenses
// is $select-only, so the default set would not do.
var groupFields = []string{"id", "displayName", "mail", "mailEnabled", "securityEnabled", "groupTypes",
	"membershipRule", "visibility", "createdDateTime", "isAssignableToRole", "onPremisesSyncEnabled", "assignedLicenses"}

func (q GroupsQuery) filter() string {
	var clauses []string
	if q.SecurityEnabled != nil {
		clauses = append(clauses, "securityEnabled eq "+boolLiteral(*q.SecurityEnabled))
	}
	if q.MailEnabled != nil {
		clauses = append(clauses, "mailEnabled eq "+boolLiteral(*q.MailEnabled))
	}
	if q.Unified {
		clauses = append(clauses, "groupTypes/any(c:c eq 'Unified')")
	}
	if q.Dynamic {
		clauses = append(clauses, "groupTypes/any(c:c eq 'DynamicMembership')")
	}
	if q.DisplayNamePrefix != "" {
		clauses = append(clauses, "startswith(displayName,'"+strings.ReplaceAll(q.DisplayNamePrefix, "'", "''")+"')")
	}
	if q.LicenseErrors {
		clauses = append(clauses, groupLicenseErrorsClause)
	}
	return strings.Join(clauses, " and ")
}

func boolLiteral(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// groupsRequest is the list request for q with $select=fields; advanced
// adds $count=true and ConsistencyLevel: eventual on every page.
func groupsRequest(q GroupsQuery, fields []string, advanced bool) listRequest {
	query := selectQuery(fields, groupsPageSize)
	if f := q.filter(); f != "" {
		query += "&$filter=" + strings.ReplaceAll(url.QueryEscape(f), "+", "%20")
	}
	if advanced {
		query += "&" + advancedCountOption
	}
	return listRequest{path: groupsPath, query: query, permission: permissionGroupMemberReadAll, eventual: advanced}
}

// ListGroups calls each for every group q selects, all pages, 999 a page.
// Needs GroupMember.Read.All (or Group.Read.All, Directory.Read.All).
func (c *Client) ListGroups(ctx context.Context, q GroupsQuery, each func(Group) error) error {
	ctx = withLogging(ctx)
	return listGroups(ctx, c, q, groupFields, func(w groupWire) error { return each(w.group()) })
}

// ListGroupIDs calls each with the id of every group q selects ($select=id:
// the cheapest page Graph serves). With q.LicenseErrors it is how the
// groups whose members have licence errors are learnt.
func (c *Client) ListGroupIDs(ctx context.Context, q GroupsQuery, each func(id string) error) error {
	ctx = withLogging(ctx)
	return listGroups(ctx, c, q, []string{"id"}, func(w groupWire) error { return each(w.ID) })
}

// listGroups reads the list as a standard query. graph-reference-3 UNKNOWN
// 10: Graph does not say whether hasMembersWithLicenseErrors eq true works
// without advanced query parameters (its one example adds them because it
// counts). It is expected to, so it is sent as a standard query (strongly
// consistent); if Graph refuses it with 400 Request_UnsupportedQuery before
// anything was delivered, the same read is sent once more as an advanced
// query.
func listGroups(ctx context.Context, c *Client, q GroupsQuery, fields []string, each func(groupWire) error) error {
	delivered := 0
	visit := func(w groupWire) error {
		delivered++
		return each(w)
	}
	err := listAll(ctx, c, groupsRequest(q, fields, false), visit)
	if q.LicenseErrors && delivered == 0 && refusedAsAdvancedOnly(err) {
		logWarn(ctx, "Graph refused hasMembersWithLicenseErrors as a standard query; sending it as an advanced query",
			map[string]any{"path": groupsPath})
		err = listAll(ctx, c, groupsRequest(q, fields, true), visit)
	}
	return err
}

// refusedAsAdvancedOnly is Graph's answer to an operator it serves only as
// an advanced query (graph-reference-3 §0.2).
func refusedAsAdvancedOnly(err error) bool {
	var gerr *Error
	return errors.As(err, &gerr) && gerr.StatusCode == http.StatusBadRequest && gerr.Code == codeUnsupportedQuery
}

type groupWire struct {
	ID                    string     `json:"id"`
	DisplayName           *string    `json:"displayName"`
	Mail                  *string    `json:"mail"`
	MailEnabled           *bool      `json:"mailEnabled"`
	SecurityEnabled       *bool      `json:"securityEnabled"`
	GroupTypes            []string   `json:"groupTypes"`
	MembershipRule        *string    `json:"membershipRule"`
	Visibility            *string    `json:"visibility"`
	CreatedDateTime       *graphTime `json:"createdDateTime"`
	IsAssignableToRole    *bool      `json:"isAssignableToRole"`
	OnPremisesSyncEnabled *bool      `json:"onPremisesSyncEnabled"`
	AssignedLicenses      []struct {
		SkuID *string `json:"skuId"`
	} `json:"assignedLicenses"`
}

func (w groupWire) group() Group {
	g := Group{
		ID:                    w.ID,
		DisplayName:           w.DisplayName,
		Mail:                  w.Mail,
		MailEnabled:           w.MailEnabled,
		SecurityEnabled:       w.SecurityEnabled,
		GroupTypes:            w.GroupTypes,
		MembershipRule:        w.MembershipRule,
		Visibility:            w.Visibility,
		CreatedDateTime:       w.CreatedDateTime.time(),
		IsAssignableToRole:    w.IsAssignableToRole,
		OnPremisesSyncEnabled: w.OnPremisesSyncEnabled,
	}
	if w.AssignedLicenses != nil {
		g.AssignedLicenseSkuIDs = make([]string, 0, len(w.AssignedLicenses))
		for _, l := range w.AssignedLicenses {
			if l.SkuID != nil { // skuId is nullable in the CSDL; a null one names no SKU
				g.AssignedLicenseSkuIDs = append(g.AssignedLicenseSkuIDs, *l.SkuID)
			}
		}
	}
	return g
}

// objectID de-duplicates groups by id across pages (identified).
func (w groupWire) objectID() string { return w.ID }
