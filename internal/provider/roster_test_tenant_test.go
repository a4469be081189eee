package provider

import (
	"fmt"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// Ids of the roster test tenant.
const (
	ssoAnn  = "10000000-0000-4000-8000-000000000001" // ann@contoso.example
	ssoBob  = "10000000-0000-4000-8000-000000000002" // bob@contoso.example
	ssoCat  = "10000000-0000-4000-8000-000000000003" // cat@fabrikam.example
	ssoEve  = "10000000-0000-4000-8000-000000000004" // a guest
	ssoDan  = "10000000-0000-4000-8000-000000000005" // only in the nested group
	ssoFay  = "10000000-0000-4000-8000-000000000006" // fay@fabrikam.example, no group, no assignment
	ssoBigU = "10000000-0000-4000-8000-1"            // prefix of the 1,200 users of bigRosterTenant

	groupA      = "20000000-0000-4000-8000-00000000000a" // bob, cat, nested group N, a device, a service principal
	groupB      = "20000000-0000-4000-8000-00000000000b" // bob, eve (guest)
	groupNested = "20000000-0000-4000-8000-00000000000c" // dan; member of A
	groupBig    = "20000000-0000-4000-8000-0000000000ff" // 1,200 users
	groupGone   = "20000000-0000-4000-8000-0000000000dd" // not in any tenant

	appDirect    = "30000000-0000-4000-8000-000000000001" // "Direct App": ann directly
	appGroup     = "30000000-0000-4000-8000-000000000002" // "Group App": group A
	appMulti     = "30000000-0000-4000-8000-000000000003" // "Multi App": bob directly and through A and B
	appOpen      = "30000000-0000-4000-8000-000000000004" // "Open App": open access, group B, a service principal
	appBig       = "30000000-0000-4000-8000-000000000005" // "Big App": 1,200 direct users, in bigRosterTenant
	appBigGroup  = "30000000-0000-4000-8000-000000000006" // "Big Group App": groupBig, in bigRosterTenant
	appMultiAppl = "b0000000-0000-4000-8000-000000000003" // Multi App's application ID

	ssoDevice = "40000000-0000-4000-8000-000000000001"
)

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func rosterApps() []fakegraph.App {
	return []fakegraph.App{{
		ClientID: fakegraph.DemoClientID, DisplayName: "azuresaas tests",
		Secrets:     []fakegraph.Secret{{Value: fakegraph.DemoClientSecret}},
		Permissions: []string{"User.Read.All", "Application.Read.All", "GroupMember.Read.All"},
	}, {
		ClientID: fakegraph.NoUsersClientID, DisplayName: "no group members",
		Secrets:     []fakegraph.Secret{{Value: fakegraph.NoUsersClientSecret}},
		Permissions: []string{"User.Read.All", "Application.Read.All"},
	}, {
		ClientID: fakegraph.NoRolesClientID, DisplayName: "groups only",
		Secrets:     []fakegraph.Secret{{Value: fakegraph.NoRolesClientSecret}},
		Permissions: []string{"GroupMember.Read.All"},
	}}
}

func ssoApp(id, appID, name string, required bool) fakegraph.ServicePrincipal {
	return fakegraph.ServicePrincipal{ID: id, AppID: appID, DisplayName: ptr(name), AppRoleAssignmentRequired: required,
		AccountEnabled: ptr(true), Tags: []string{}, ReplyURLs: []string{}}
}

// ssoRosterTenant has one application per roster rule.
func ssoRosterTenant() *fakegraph.Tenant {
	user := func(id, upn string, userType *string, created string) fakegraph.User {
		return fakegraph.User{ID: id, UserPrincipalName: upn, Mail: ptr(upn), UserType: userType, AccountEnabled: ptr(true),
			GivenName: ptr(upn[:3]), Surname: ptr("Test"), DisplayName: ptr(upn), CreatedDateTime: at(created)}
	}
	member, guest := ptr("Member"), ptr("Guest")
	a := func(resource, principal, created string) fakegraph.AppRoleAssignment {
		return fakegraph.AppRoleAssignment{ResourceID: resource, PrincipalID: principal, CreatedDateTime: at(created)}
	}
	return &fakegraph.Tenant{
		ID: fakegraph.DemoTenantID, DisplayName: "Contoso Roster",
		Domains: []fakegraph.Domain{{Name: "contoso.example", IsDefault: true, IsInitial: true, Type: "Managed"}},
		Apps:    rosterApps(),
		Users: []fakegraph.User{
			user(ssoAnn, "ann@contoso.example", member, "2020-01-01T00:00:00Z"),
			user(ssoBob, "bob@contoso.example", member, "2020-01-02T00:00:00Z"),
			user(ssoCat, "cat@fabrikam.example", member, "2020-01-03T00:00:00Z"),
			user(ssoEve, "eve_partner.example#EXT#@contoso.example", guest, "2020-01-04T00:00:00Z"),
			user(ssoDan, "dan@contoso.example", nil, "2020-01-05T00:00:00Z"),
			user(ssoFay, "fay@fabrikam.example", member, "2020-01-06T00:00:00Z"),
		},
		ServicePrincipals: []fakegraph.ServicePrincipal{
			ssoApp(appDirect, "b0000000-0000-4000-8000-000000000001", "Direct App", true),
			ssoApp(appGroup, "b0000000-0000-4000-8000-000000000002", "Group App", true),
			ssoApp(appMulti, appMultiAppl, "Multi App", true),
			ssoApp(appOpen, "b0000000-0000-4000-8000-000000000004", "Open App", false),
		},
		Groups: []fakegraph.Group{
			{ID: groupA, DisplayName: ptr("Group A"), Members: []string{ssoBob, ssoCat, groupNested, ssoDevice, appDirect}},
			{ID: groupB, DisplayName: ptr("Group B"), Members: []string{ssoBob, ssoEve}},
			{ID: groupNested, DisplayName: ptr("Nested"), Members: []string{ssoDan}},
		},
		Devices: []fakegraph.Device{{ID: ssoDevice, DisplayName: ptr("LAPTOP-1")}},
		AppRoleAssignments: []fakegraph.AppRoleAssignment{
			a(appDirect, ssoAnn, "2023-01-01T10:00:00Z"),
			a(appGroup, groupA, "2023-02-01T10:00:00Z"),
			a(appMulti, ssoBob, "2023-03-03T10:00:00Z"),
			a(appMulti, groupB, "2023-03-01T10:00:00Z"),
			a(appMulti, groupA, "2023-03-02T10:00:00Z"),
			a(appOpen, groupB, "2023-04-01T10:00:00Z"),
			a(appOpen, appGroup, "2023-04-02T10:00:00Z"), // a service principal: left out
		},
	}
}

// bigRosterTenant has 1,200 users, all assigned to Big App directly and
// members of groupBig, which is assigned to Big Group App.
func bigRosterTenant() *fakegraph.Tenant {
	t := &fakegraph.Tenant{
		ID: fakegraph.DemoTenantID, DisplayName: "Contoso Big",
		Domains: []fakegraph.Domain{{Name: "contoso.example", IsDefault: true, IsInitial: true, Type: "Managed"}},
		Apps:    rosterApps(),
		ServicePrincipals: []fakegraph.ServicePrincipal{
			ssoApp(appBig, "b0000000-0000-4000-8000-000000000005", "Big App", true),
			ssoApp(appBigGroup, "b0000000-0000-4000-8000-000000000006", "Big Group App", true),
		},
	}
	group := fakegraph.Group{ID: groupBig, DisplayName: ptr("Everyone Big")}
	for i := range 1200 {
		id := fmt.Sprintf("%s%011d", ssoBigU, i)
		t.Users = append(t.Users, fakegraph.User{ID: id, UserPrincipalName: fmt.Sprintf("user%04d@contoso.example", i),
			UserType: ptr("Member"), AccountEnabled: ptr(true)})
		group.Members = append(group.Members, id)
		t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{ResourceID: appBig, PrincipalID: id,
			CreatedDateTime: at("2024-05-01T00:00:00Z")})
	}
	t.Groups = []fakegraph.Group{group}
	t.AppRoleAssignments = append(t.AppRoleAssignments, fakegraph.AppRoleAssignment{ResourceID: appBigGroup, PrincipalID: groupBig,
		CreatedDateTime: at("2024-06-01T00:00:00Z")})
	return t
}

// rosterProviderAs is providerBlock with another application's credentials.
func rosterProviderAs(server *fakegraph.Server, clientID, secret string) string {
	return fmt.Sprintf(`
provider "azuresaas" {
  tenant_id      = %q
  client_id      = %q
  client_secret  = %q
  graph_endpoint = %q
  authority_host = %q
}
`, fakegraph.DemoTenantID, clientID, secret, server.URL(), server.URL())
}
