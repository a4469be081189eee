package fakegraph

import (
	"net/http"
	"sort"
	"strings"
	"sync"
)

// groupsPermissions grant GET /groups (graph-reference-3 §4.1: GroupMember.Read.All
// least, then the higher ones; CONFLICT 4's "Group-NestingSupport.ReadWrite.All"
// is taken for a generator artefact).
var groupsPermissions = []string{"GroupMember.Read.All", "Group.Read.All", "Directory.Read.All",
	"GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"}

// groupFullReadPermissions read every property of a group whatever
// Tenant.GroupPropertiesNeedGroupReadAll says.
var groupFullReadPermissions = []string{"Group.Read.All", "Directory.Read.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"}

func groupString(name string, get func(*Group) *string) property[*Group] {
	return property[*Group]{name, func(b []byte, g *Group) []byte { return appendStringPtr(b, get(g)) }}
}

func groupBool(name string, get func(*Group) *bool) property[*Group] {
	return property[*Group]{name, func(b []byte, g *Group) []byte { return appendBoolPtr(b, get(g)) }}
}

func groupNull(name string) property[*Group] {
	return property[*Group]{name, func(b []byte, _ *Group) []byte { return append(b, "null"...) }}
}

func groupEmpty(name string) property[*Group] {
	return property[*Group]{name, func(b []byte, _ *Group) []byte { return append(b, "[]"...) }}
}

func appendGroupLicenses(b []byte, g *Group) []byte {
	if g.withheld {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, sku := range g.AssignedLicenses {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"disabledPlans":[],"skuId":`...)
		b = appendString(b, sku)
		b = append(b, '}')
	}
	return append(b, ']')
}

// groupEntity is microsoft.graph.group as GET /groups serves it
// (graph-reference-3 §4.3): the default set without $select,
// assignedLicenses only when $selected, hasMembersWithLicenseErrors never
// (its write is nil: $select accepts it and nothing is sent).
var groupEntity = newEntityType("microsoft.graph.group", []property[*Group]{
	{"id", func(b []byte, g *Group) []byte { return appendString(b, g.ID) }},
	groupString("displayName", func(g *Group) *string { return g.DisplayName }),
	groupString("mail", func(g *Group) *string { return g.Mail }),
	groupBool("mailEnabled", func(g *Group) *bool { return g.MailEnabled }),
	groupBool("securityEnabled", func(g *Group) *bool { return g.SecurityEnabled }),
	{"groupTypes", func(b []byte, g *Group) []byte { return appendStrings(b, g.GroupTypes) }},
	groupString("membershipRule", func(g *Group) *string {
		if g.withheld {
			return nil
		}
		return g.MembershipRule
	}),
	groupString("membershipRuleProcessingState", func(g *Group) *string { return g.MembershipRuleProcessingState }),
	groupString("visibility", func(g *Group) *string { return g.Visibility }),
	{"createdDateTime", func(b []byte, g *Group) []byte { return appendTimePtr(b, g.CreatedDateTime) }},
	groupBool("isAssignableToRole", func(g *Group) *bool { return g.IsAssignableToRole }),
	groupBool("onPremisesSyncEnabled", func(g *Group) *bool { return g.OnPremisesSyncEnabled }),
	{"assignedLicenses", appendGroupLicenses},
	{"hasMembersWithLicenseErrors", nil},
	groupNull("description"),
	groupNull("classification"),
	{"mailNickname", func(b []byte, g *Group) []byte {
		if g.Mail == nil {
			return append(b, "null"...)
		}
		nick, _, _ := strings.Cut(*g.Mail, "@")
		return appendString(b, nick)
	}},
	groupNull("expirationDateTime"),
	groupNull("renewedDateTime"),
	groupNull("preferredDataLocation"),
	groupNull("preferredLanguage"),
	groupNull("theme"),
	groupNull("securityIdentifier"),
	groupNull("onPremisesDomainName"),
	groupNull("onPremisesLastSyncDateTime"),
	groupNull("onPremisesNetBiosName"),
	groupNull("onPremisesSamAccountName"),
	groupNull("onPremisesSecurityIdentifier"),
	groupEmpty("proxyAddresses"),
	groupEmpty("resourceBehaviorOptions"),
	groupEmpty("resourceProvisioningOptions"),
	groupEmpty("onPremisesProvisioningErrors"),
	groupEmpty("serviceProvisioningErrors"),
}, []string{
	// Graph's default set (graph-reference-3 §4.3), without assignedLicenses.
	"id", "createdDateTime", "description", "displayName", "expirationDateTime", "groupTypes",
	"isAssignableToRole", "mail", "mailEnabled", "mailNickname", "membershipRule",
	"membershipRuleProcessingState", "onPremisesSyncEnabled", "securityEnabled", "visibility",
}, []string{"allowExternalSenders", "autoSubscribeNewMembers", "hideFromAddressLists",
	"hideFromOutlookClients", "isSubscribedByMail", "unseenCount"})

// groupOrder holds the tenant's groups in paging order (by id), built once.
type groupOrder struct {
	once sync.Once
	list []*Group
}

func (s *Server) groups() []*Group {
	s.groupOrder.once.Do(func() {
		all := s.tenant.Groups
		list := make([]*Group, len(all))
		for i := range all {
			list[i] = &all[i]
		}
		sort.Slice(list, func(i, j int) bool { return strings.ToLower(list[i].ID) < strings.ToLower(list[j].ID) })
		s.groupOrder.list = list
	})
	return s.groupOrder.list
}

// listGroups is GET /v1.0/groups with $select, $top (100 by default, 999
// at most), $skiptoken, $count and the $filter forms of groups_filter.go.
func (c *graphCall) listGroups(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count", "$filter")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	groups := c.s.groups()
	if filter, ok := q["$filter"]; ok {
		advanced, _ := wantCount(r, q) // $count=true with ConsistencyLevel: eventual
		match, qerr := parseGroupFilter(filter, advanced, c.s.tenant.GroupLicenseErrorsFilterAdvancedOnly)
		if qerr != nil {
			qerr.write(w, r)
			return
		}
		var kept []*Group
		for _, g := range groups {
			if match(g) {
				kept = append(kept, g)
			}
		}
		groups = kept
	}
	if c.s.tenant.GroupPropertiesNeedGroupReadAll && !c.hasAnyRole(groupFullReadPermissions) {
		withheld := make([]*Group, len(groups))
		for i, g := range groups {
			copied := *g
			copied.withheld = true
			withheld[i] = &copied
		}
		groups = withheld
	}
	servePage(w, r, q, page[*Group]{
		entity:    groupEntity,
		items:     groups,
		cursor:    func(g *Group) string { return "Group_" + strings.ToLower(g.ID) },
		context:   "groups",
		baseUnits: 1,
	})
}
