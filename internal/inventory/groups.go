package inventory

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// GroupsLister streams GET /groups; *graph.Client is one.
type GroupsLister interface {
	ListGroups(ctx context.Context, q graph.GroupsQuery, each func(graph.Group) error) error
	ListGroupIDs(ctx context.Context, q graph.GroupsQuery, each func(id string) error) error
}

// GroupFilter selects groups. Each set field narrows the list.
type GroupFilter struct {
	SecurityEnabled *bool
	MailEnabled     *bool
	// Unified and Dynamic: groupTypes contains Unified / DynamicMembership
	// (true) or does not (false).
	Unified *bool
	Dynamic *bool
	// LicenseErrorsOnly keeps the groups that have members with licence
	// errors; false keeps every group.
	LicenseErrorsOnly bool
	// DisplayNamePrefix keeps the groups whose display name starts with it,
	// case-insensitively (Graph's startswith); "" keeps every group.
	DisplayNamePrefix string
}

// query is what Graph is asked to filter: every clause it supports as a
// standard query. unified = false and dynamic = false would need
// not(groupTypes/any(…)), an advanced query (ConsistencyLevel: eventual and
// $count=true on every page, graph-reference-3 §0.1-0.2) whose index may
// lag recent changes; they are applied after the read instead, so the list
// stays as fresh as every other list and a read costs at most what the
// unfiltered list costs (about one request per 999 groups).
func (f GroupFilter) query() graph.GroupsQuery {
	return graph.GroupsQuery{
		SecurityEnabled:   f.SecurityEnabled,
		MailEnabled:       f.MailEnabled,
		Unified:           f.Unified != nil && *f.Unified,
		Dynamic:           f.Dynamic != nil && *f.Dynamic,
		LicenseErrors:     f.LicenseErrorsOnly,
		DisplayNamePrefix: f.DisplayNamePrefix,
	}
}

// keeps applies the whole filter (Graph has applied most of it already;
// checking again costs nothing and holds a Graph that ignored a clause to
// the filter). Licence errors are checked by the caller.
func (f GroupFilter) keeps(g *graph.Group) bool {
	is := func(want *bool, got *bool) bool { return want == nil || (got != nil && *got == *want) }
	has := func(want *bool, kind string) bool {
		return want == nil || slices.ContainsFunc(g.GroupTypes, func(t string) bool { return strings.EqualFold(t, kind) }) == *want
	}
	return is(f.SecurityEnabled, g.SecurityEnabled) && is(f.MailEnabled, g.MailEnabled) &&
		has(f.Unified, "Unified") && has(f.Dynamic, "DynamicMembership") &&
		(f.DisplayNamePrefix == "" || (g.DisplayName != nil && hasPrefixFold(*g.DisplayName, f.DisplayNamePrefix)))
}

// hasPrefixFold compares lower-cased strings rather than slicing s at the
// prefix's length: a letter and its other case need not have the same
// length in UTF-8 (K and the Kelvin sign).
func hasPrefixFold(s, prefix string) bool {
	return strings.HasPrefix(strings.ToLower(s), strings.ToLower(prefix))
}

// Group is one group of the list (graph-reference-3 §4.3). A property Graph
// sent as null is nil.
type Group struct {
	ID                    string
	DisplayName           *string
	Mail                  *string
	MailEnabled           *bool
	SecurityEnabled       *bool
	GroupTypes            []string // sorted
	MembershipRule        *string
	Visibility            *string
	CreatedDateTime       *time.Time
	IsAssignableToRole    *bool
	OnPremisesSyncEnabled *bool
	// AssignedLicenseSkuIDs are sorted; nil when Graph sent
	// assignedLicenses as null (see GroupList.NullLicences).
	AssignedLicenseSkuIDs []string
	// HasMembersWithLicenseErrors comes from a filtered read: Graph never
	// returns the property itself.
	HasMembersWithLicenseErrors bool
}

// GroupList is the groups a filter keeps, sorted by display name
// (case-insensitive) then id, and what Graph left unsaid.
type GroupList struct {
	Groups []Group
	// NullLicences counts the groups whose assignedLicenses Graph sent as
	// null, NullRules the dynamic groups whose membershipRule it sent as
	// null. graph-reference-3 UNKNOWN 9: an application with
	// GroupMember.Read.All alone may get these properties as null, which
	// Group.Read.All would return; the provider says so rather than
	// showing "no licences".
	NullLicences, NullRules int
	// LicenseErrorsRead is whether the id-only read of the groups with
	// licence errors was made (not when the filter asked for those only,
	// nor for an empty list).
	LicenseErrorsRead bool
}

// Groups reads the groups f selects. has_members_with_license_errors is
// known without a further request when f asks for them only; otherwise
// the groups with licence errors are read as ids alone, narrowed by the
// same filter ($select=id, usually one request: they are few), and
// joined. An empty list needs no second read.
func Groups(ctx context.Context, lister GroupsLister, f GroupFilter) (GroupList, error) {
	var out GroupList
	shared := sharedStrings{}
	err := lister.ListGroups(ctx, f.query(), func(g graph.Group) error {
		if !f.keeps(&g) {
			return nil
		}
		slices.Sort(g.GroupTypes)
		slices.Sort(g.AssignedLicenseSkuIDs)
		shared.share(&g.Visibility)
		out.Groups = append(out.Groups, Group{
			ID: g.ID, DisplayName: g.DisplayName, Mail: g.Mail, MailEnabled: g.MailEnabled, SecurityEnabled: g.SecurityEnabled,
			GroupTypes: g.GroupTypes, MembershipRule: g.MembershipRule, Visibility: g.Visibility, CreatedDateTime: g.CreatedDateTime,
			IsAssignableToRole: g.IsAssignableToRole, OnPremisesSyncEnabled: g.OnPremisesSyncEnabled,
			AssignedLicenseSkuIDs: g.AssignedLicenseSkuIDs, HasMembersWithLicenseErrors: f.LicenseErrorsOnly,
		})
		return nil
	})
	if err != nil {
		return GroupList{}, err
	}
	if !f.LicenseErrorsOnly && len(out.Groups) > 0 {
		q := f.query()
		q.LicenseErrors = true
		withErrors := map[string]bool{}
		err := lister.ListGroupIDs(ctx, q, func(id string) error {
			withErrors[strings.ToLower(id)] = true
			return nil
		})
		if err != nil {
			return GroupList{}, err
		}
		out.LicenseErrorsRead = true
		for i := range out.Groups {
			out.Groups[i].HasMembersWithLicenseErrors = withErrors[strings.ToLower(out.Groups[i].ID)]
		}
	}
	for _, g := range out.Groups {
		if g.AssignedLicenseSkuIDs == nil {
			out.NullLicences++
		}
		if g.MembershipRule == nil && slices.Contains(g.GroupTypes, "DynamicMembership") {
			out.NullRules++
		}
	}
	sortFold(out.Groups, func(g *Group) string { return deref(g.DisplayName) }, func(g *Group) string { return g.ID })
	return out, nil
}
