package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

const (
	ownersReaderClientID = "0c000000-0000-4000-8000-0000000000a1" // Application, Organization and User.Read.All
	ownersReaderSecret   = "owners-reader-secret-not-a-real-credential"
)

func ownerUserID(n int) string { return fmt.Sprintf("1d000000-0000-4000-8000-%012d", n) }

// ownersTestTenant is discoveryTenant with 30 users and owners: Salesforce
// SAML has two users and Zoom's service principal, Intranet OAuth 25 users
// and itself (more than a list expands), Custom SAML exactly 20 users (which
// may be truncated, so read again), the others none.
func ownersTestTenant() *fakegraph.Tenant {
	t := discoveryTenant()
	t.Apps = append(t.Apps, fakegraph.App{ClientID: ownersReaderClientID, Secrets: []fakegraph.Secret{{Value: ownersReaderSecret}},
		Permissions: []string{"Application.Read.All", "Organization.Read.All", "User.Read.All"}})
	for n := range 30 {
		name := fmt.Sprintf("Owner %02d", n)
		if n == 7 {
			name = "alex Owner" // sorts before "Owner …" case-insensitively, after it by bytes
		}
		t.Users = append(t.Users, fakegraph.User{ID: ownerUserID(n), UserPrincipalName: fmt.Sprintf("owner%02d@contoso.example", n),
			DisplayName: ptr(name), UserType: ptr("Member")})
	}
	for i := range t.ServicePrincipals {
		sp := &t.ServicePrincipals[i]
		switch sp.ID {
		case "00000000-0000-4000-8000-000000000002": // Salesforce SAML
			sp.Owners = []string{ownerUserID(3), "00000000-0000-4000-8000-000000000001", ownerUserID(7)}
		case "00000000-0000-4000-8000-000000000008": // Intranet OAuth
			for n := range 25 {
				sp.Owners = append(sp.Owners, ownerUserID(n))
			}
			sp.Owners = append(sp.Owners, sp.ID)
		case "00000000-0000-4000-8000-000000000007": // Custom SAML
			for n := 10; n < 30; n++ {
				sp.Owners = append(sp.Owners, ownerUserID(n))
			}
		}
	}
	return t
}

const ownersOutputs = `
locals {
  sps = { for sp in data.azuresaas_service_principals.test.service_principals : coalesce(sp.display_name, sp.id) => sp }
}
output "owner_counts" { value = { for name, sp in local.sps : name => sp.owners == null ? -1 : length(sp.owners) } }
output "salesforce"   { value = local.sps["Salesforce SAML"].owners }
output "no_owner"     { value = sort([for name, sp in local.sps : name if try(length(sp.owners), -1) == 0 && sp.enterprise_app && !sp.first_party]) }
`

func TestServicePrincipalsOwners(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ownersTestTenant())
	owner := func(id, typ, name, upn string) knownvalue.Check {
		nullable := func(v string) knownvalue.Check {
			if v == "" {
				return knownvalue.Null()
			}
			return knownvalue.StringExact(v)
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(id), "type": knownvalue.StringExact(typ),
			"display_name": nullable(name), "user_principal_name": nullable(upn)})
	}
	// counts: -1 is null owners.
	counts := func(others, intranet, custom, salesforce int64) knownvalue.Check {
		m := map[string]knownvalue.Check{}
		for _, name := range []string{"00000000-0000-4000-8000-000000000011", "Disabled Vendor", "mi-payroll", "microsoft graph",
			"Partner Portal", "Power BI", "SALESFORCE SAML", "Teams Verified", "Zoom OIDC"} {
			m[name] = knownvalue.Int64Exact(others)
		}
		m["Intranet OAuth"], m["Custom SAML"], m["Salesforce SAML"] = knownvalue.Int64Exact(intranet), knownvalue.Int64Exact(custom), knownvalue.Int64Exact(salesforce)
		return knownvalue.MapExact(m)
	}
	ds := "data.azuresaas_service_principals.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// With User.Read.All: every name; sorted by name
				// case-insensitively, then id; UPN for users only.
				Config: providerBlockAs(server, ownersReaderClientID, ownersReaderSecret) +
					"data \"azuresaas_service_principals\" \"test\" {\n  include_owners = true\n}\n" + ownersOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("owner_counts", counts(0, 26, 20, 3)),
					statecheck.ExpectKnownOutputValue("salesforce", knownvalue.ListExact([]knownvalue.Check{
						owner(ownerUserID(7), "user", "alex Owner", "owner07@contoso.example"),
						owner(ownerUserID(3), "user", "Owner 03", "owner03@contoso.example"),
						owner("00000000-0000-4000-8000-000000000001", "servicePrincipal", "Zoom OIDC", ""),
					})),
					statecheck.ExpectKnownOutputValue("no_owner", stringList("Disabled Vendor", "Partner Portal", "SALESFORCE SAML", "Zoom OIDC")),
					// The app that owns itself sorts among its 25 users by name.
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_principals").AtSliceIndex(3).AtMapKey("owners").AtSliceIndex(1),
						owner("00000000-0000-4000-8000-000000000008", "servicePrincipal", "Intranet OAuth", "")),
				},
			},
			{
				// Application.Read.All alone: user owners come bare, with
				// null names, first; the service principal keeps its name.
				Config: providerBlockAs(server, fakegraph.DemoClientID, fakegraph.DemoClientSecret) +
					"data \"azuresaas_service_principals\" \"test\" {\n  include_owners = true\n}\n" + ownersOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("owner_counts", counts(0, 26, 20, 3)),
					statecheck.ExpectKnownOutputValue("salesforce", knownvalue.ListExact([]knownvalue.Check{
						owner(ownerUserID(3), "user", "", ""),
						owner(ownerUserID(7), "user", "", ""),
						owner("00000000-0000-4000-8000-000000000001", "servicePrincipal", "Zoom OIDC", ""),
					})),
				},
			},
			{
				// Without include_owners, owners are null and never read.
				PreConfig: server.ResetRequests,
				Config:    providerBlock(server) + `data "azuresaas_service_principals" "test" {}` + ownersOutputs,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("owner_counts", counts(-1, -1, -1, -1)),
				},
			},
		},
	})
	for _, r := range server.Requests() {
		if strings.Contains(r.RawQuery, "expand") || strings.HasSuffix(r.Path, "/owners") {
			t.Errorf("a read without include_owners requested %s?%s", r.Path, r.RawQuery)
		}
	}
}

// TestServicePrincipalsOwnersRequests: the list expands owners in pages of
// 100, and only the apps whose expanded set may be truncated (20 or more)
// get a request of their own; apps the filter drops never do.
func TestServicePrincipalsOwnersRequests(t *testing.T) {
	clearCredentialEnv(t)
	tenant := ownersTestTenant()
	for n := range 230 { // 242 apps: three pages with $expand
		tenant.ServicePrincipals = append(tenant.ServicePrincipals, fakegraph.ServicePrincipal{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", 100+n), AppID: fmt.Sprintf("a0000000-0000-4000-8000-%012d", 100+n),
			DisplayName: ptr(fmt.Sprintf("Filler %03d", n)), Tags: []string{}, ReplyURLs: []string{},
			Owners: []string{ownerUserID(n % 30)}})
	}
	server := startGraph(t, tenant)
	for _, c := range []struct {
		args        string
		wantRereads []string
	}{
		{"include_owners = true", []string{"00000000-0000-4000-8000-000000000007", "00000000-0000-4000-8000-000000000008"}},
		{"include_owners = true\n  enterprise_apps_only = true", []string{"00000000-0000-4000-8000-000000000007"}},
	} {
		server.ResetRequests()
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config: providerBlock(server) + fmt.Sprintf("data \"azuresaas_service_principals\" \"test\" {\n  %s\n}\n", c.args) +
					`output "owned" { value = length([for sp in data.azuresaas_service_principals.test.service_principals : sp if length(sp.owners) > 0]) }`,
			}},
		})
		listPages := 0
		var rereads []string
		for _, r := range server.Requests() {
			switch {
			case r.Path == "/v1.0/servicePrincipals":
				listPages++
				if !strings.Contains(r.RawQuery, "$top=100") || !strings.Contains(r.RawQuery, "$expand=owners") {
					t.Errorf("list query %q: want $top=100 and $expand=owners", r.RawQuery)
				}
			case strings.HasSuffix(r.Path, "/owners"):
				rereads = append(rereads, strings.TrimSuffix(strings.TrimPrefix(r.Path, "/v1.0/servicePrincipals/"), "/owners"))
			}
		}
		// Terraform reads the data source at plan and again at apply.
		if listPages%3 != 0 || listPages == 0 {
			t.Errorf("%s: %d list pages, want 3 a read", c.args, listPages)
		}
		reads := listPages / 3
		want := map[string]int{}
		for _, id := range c.wantRereads {
			want[id] = reads
		}
		got := map[string]int{}
		for _, id := range rereads {
			got[id]++
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: owners read again for %v, want %v", c.args, got, want)
		}
	}
}

// TestServicePrincipalsOwnersFailWhole: a failed owners read fails the data
// source; it never returns an app with part of its owners.
func TestServicePrincipalsOwnersFailWhole(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ownersTestTenant())
	server.InjectFault(fakegraph.Fault{PathPrefix: "/v1.0/servicePrincipals/00000000-0000-4000-8000-000000000008/owners", Status: 403, Times: -1})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerBlock(server) + "data \"azuresaas_service_principals\" \"test\" {\n  include_owners = true\n}\n",
			ExpectError: messagePattern(`(?s)Cannot Read Service Principals From Microsoft Graph.*owners.*Authorization_RequestDenied`),
		}},
	})
}
