package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

func ptr[T any](v T) *T { return &v }

func demoApps() []fakegraph.App {
	return []fakegraph.App{{
		ClientID:    fakegraph.DemoClientID,
		DisplayName: "azuresaas tests",
		Secrets:     []fakegraph.Secret{{Value: fakegraph.DemoClientSecret}},
		Permissions: []string{"User.Read.All", "Organization.Read.All"},
	}}
}

// rosterTenant has one user per rule of the HR Roster, named after it.
func rosterTenant() *fakegraph.Tenant {
	created := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	hired := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	return &fakegraph.Tenant{
		ID:          fakegraph.DemoTenantID,
		DisplayName: "Contoso Test",
		Domains: []fakegraph.Domain{
			{Name: "contoso.onmicrosoft.example", IsInitial: true, Type: "Managed", Capabilities: "Email"},
			{Name: "contoso.example", IsDefault: true, Type: "Managed", Capabilities: "Email"},
			{Name: "fabrikam.example", Type: "Federated", Capabilities: "Email"},
		},
		Apps: demoApps(),
		Users: []fakegraph.User{
			// a plain member
			{ID: "00000000-0000-0000-0000-00000000000a", UserPrincipalName: "ann@contoso.example", Mail: ptr("ann@contoso.example"),
				UserType: ptr("Member"), AccountEnabled: ptr(true), CreatedDateTime: &created, EmployeeHireDate: &hired,
				GivenName: ptr("Ann"), Surname: ptr("Archer"), DisplayName: ptr("Ann Archer"), OfficeLocation: ptr("Building 4"),
				City: ptr("Seattle"), Department: ptr("Finance"), JobTitle: ptr("Controller"), EmployeeID: ptr("E001")},
			// fabrikam.example through mail only, mixed case
			{ID: "00000000-0000-0000-0000-00000000000b", UserPrincipalName: "ben@contoso.onmicrosoft.example", Mail: ptr("Ben.Mail@Fabrikam.Example"),
				UserType: ptr("Member"), AccountEnabled: ptr(true), CreatedDateTime: &created},
			// contoso.example through a mixed-case UPN only
			{ID: "00000000-0000-0000-0000-00000000000c", UserPrincipalName: "Cara@Contoso.Example", Mail: ptr("cara@elsewhere.example"),
				UserType: ptr("Member"), AccountEnabled: ptr(true), CreatedDateTime: &created, City: ptr("Lyon"), Country: ptr("FR")},
			// null userType, no mail: email falls back to the UPN
			{ID: "00000000-0000-0000-0000-00000000000d", UserPrincipalName: "dan@fabrikam.example", AccountEnabled: ptr(true)},
			// a guest, whose mail is at the home domain
			{ID: "00000000-0000-0000-0000-00000000000e", UserPrincipalName: "eve_partner.example#EXT#@contoso.onmicrosoft.example",
				Mail: ptr("eve@partner.example"), UserType: ptr("Guest"), AccountEnabled: ptr(true), CreatedDateTime: &created},
			// empty mail, aliases with duplicates in other cases and non-SMTP proxies
			{ID: "00000000-0000-0000-0000-00000000000f", UserPrincipalName: "fay@contoso.example", Mail: ptr(""),
				UserType: ptr("Member"), AccountEnabled: ptr(true), CreatedDateTime: &created, GivenName: ptr(""),
				ProxyAddresses: []string{"SMTP:fay@contoso.example", "smtp:Fay.Alias@contoso.example", "x500:/o=Contoso/cn=fay",
					"sip:fay@contoso.example", "smtp:FAY.ALIAS@contoso.example"},
				OtherMails: []string{"fay.alias@CONTOSO.example", "fay@home.example"}},
			// a disabled member stays on the roster
			{ID: "00000000-0000-0000-0000-000000000010", UserPrincipalName: "gil@fabrikam.example", Mail: ptr("gil@fabrikam.example"),
				UserType: ptr("Member"), AccountEnabled: ptr(false), CreatedDateTime: &created},
		},
	}
}

// upnsOutput lists the users' principal names in the order returned.
const upnsOutput = `
output "upns" {
  value = [for u in data.azuresaas_users.test.users : u.user_principal_name]
}
`

func expectUPNs(upns ...string) statecheck.StateCheck {
	values := make([]knownvalue.Check, 0, len(upns))
	for _, upn := range upns {
		values = append(values, knownvalue.StringExact(upn))
	}
	return statecheck.ExpectKnownOutputValue("upns", knownvalue.ListExact(values))
}

func TestUsersDataSourceFilters(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, rosterTenant())

	cases := []struct {
		name     string
		provider []string
		args     string
		want     []string
	}{
		{"defaults: members and null userType, sorted case-insensitively", nil, ``,
			[]string{"ann@contoso.example", "ben@contoso.onmicrosoft.example", "Cara@Contoso.Example", "dan@fabrikam.example", "fay@contoso.example", "gil@fabrikam.example"}},
		{"domain through mail only and UPN only, any case", nil, `domain_names = ["fabrikam.example"]`,
			[]string{"ben@contoso.onmicrosoft.example", "dan@fabrikam.example", "gil@fabrikam.example"}},
		{"mixed-case filter matches mixed-case UPN", nil, `domain_names = ["CONTOSO.EXAMPLE"]`,
			[]string{"ann@contoso.example", "Cara@Contoso.Example", "fay@contoso.example"}},
		{"guests with include_guests", nil, `include_guests = true`,
			[]string{"ann@contoso.example", "ben@contoso.onmicrosoft.example", "Cara@Contoso.Example", "dan@fabrikam.example",
				"eve_partner.example#EXT#@contoso.onmicrosoft.example", "fay@contoso.example", "gil@fabrikam.example"}},
		{"a guest's home domain without include_guests", nil, `domain_names = ["partner.example"]`, []string{}},
		{"a guest's home domain with include_guests", nil, "domain_names = [\"partner.example\"]\ninclude_guests = true",
			[]string{"eve_partner.example#EXT#@contoso.onmicrosoft.example"}},
		{"provider defaults apply", []string{`domain_names = ["partner.example", "fabrikam.example"]`, `include_guests = true`}, ``,
			[]string{"ben@contoso.onmicrosoft.example", "dan@fabrikam.example", "eve_partner.example#EXT#@contoso.onmicrosoft.example", "gil@fabrikam.example"}},
		{"data source arguments override provider defaults", []string{`domain_names = ["partner.example"]`, `include_guests = true`},
			"domain_names = []\ninclude_guests = false",
			[]string{"ann@contoso.example", "ben@contoso.onmicrosoft.example", "Cara@Contoso.Example", "dan@fabrikam.example", "fay@contoso.example", "gil@fabrikam.example"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerBlock(server, c.provider...) + fmt.Sprintf("data \"azuresaas_users\" \"test\" {\n%s\n}\n", c.args) + upnsOutput,
					ConfigStateChecks: []statecheck.StateCheck{expectUPNs(c.want...)},
				}},
			})
		})
	}
}

func TestUsersDataSourceAttributes(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, rosterTenant())
	user := func(i int) tfjsonpath.Path { return tfjsonpath.New("users").AtSliceIndex(i) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_users" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                  knownvalue.StringExact("00000000-0000-0000-0000-00000000000a"),
					"user_principal_name": knownvalue.StringExact("ann@contoso.example"),
					"email":               knownvalue.StringExact("ann@contoso.example"),
					"email_aliases":       knownvalue.ListExact([]knownvalue.Check{}),
					"first_name":          knownvalue.StringExact("Ann"),
					"last_name":           knownvalue.StringExact("Archer"),
					"display_name":        knownvalue.StringExact("Ann Archer"),
					"active_date":         knownvalue.StringExact("2021-06-01T00:00:00Z"),
					"created_date_time":   knownvalue.StringExact("2020-01-02T03:04:05Z"),
					"department":          knownvalue.StringExact("Finance"),
					"job_title":           knownvalue.StringExact("Controller"),
					"employee_id":         knownvalue.StringExact("E001"),
					"location":            knownvalue.StringExact("Building 4"),
					"user_type":           knownvalue.StringExact("Member"),
					"account_enabled":     knownvalue.Bool(true),
					// null for a user who was not invited
					"external_user_state":                  knownvalue.Null(),
					"external_user_state_change_date_time": knownvalue.Null(),
					// null without include_sign_in_activity
					"last_sign_in":                 knownvalue.Null(),
					"last_non_interactive_sign_in": knownvalue.Null(),
					"last_successful_sign_in":      knownvalue.Null(),
				})),
				// mail in another domain and case is the email; location from city and country
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(1).AtMapKey("email"), knownvalue.StringExact("Ben.Mail@Fabrikam.Example")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(2).AtMapKey("location"), knownvalue.StringExact("Lyon, FR")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(1).AtMapKey("location"), knownvalue.Null()),
				// no mail: email is the UPN; null userType and null createdDateTime stay null
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(3).AtMapKey("email"), knownvalue.StringExact("dan@fabrikam.example")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(3).AtMapKey("user_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(3).AtMapKey("active_date"), knownvalue.Null()),
				// empty mail falls back; aliases de-duplicated case-insensitively, without the primary, sorted
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(4).AtMapKey("email"), knownvalue.StringExact("fay@contoso.example")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(4).AtMapKey("email_aliases"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("Fay.Alias@contoso.example"), knownvalue.StringExact("fay@home.example"),
				})),
				// an empty string Graph sends stays empty
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(4).AtMapKey("first_name"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("data.azuresaas_users.test", user(5).AtMapKey("account_enabled"), knownvalue.Bool(false)),
			},
		}},
	})
}

// pagedTenant has more users than one Graph page holds: user0000 ... with
// every seventh a guest.
func pagedTenant(n int) (tenant *fakegraph.Tenant, members int) {
	tenant = rosterTenant()
	tenant.Users = nil
	for i := 0; i < n; i++ {
		userType := "Member"
		if i%7 == 0 {
			userType = "Guest"
		} else {
			members++
		}
		tenant.Users = append(tenant.Users, fakegraph.User{
			ID:                fmt.Sprintf("10000000-0000-0000-0000-%012d", i),
			UserPrincipalName: fmt.Sprintf("user%04d@contoso.example", i),
			Mail:              ptr(fmt.Sprintf("user%04d@contoso.example", i)),
			UserType:          ptr(userType),
		})
	}
	return tenant, members
}

func TestUsersDataSourceReadsEveryPage(t *testing.T) {
	clearCredentialEnv(t)
	tenant, members := pagedTenant(2500)
	server := startGraph(t, tenant)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_users" "test" {}` + upnsOutput + `
output "sorted" {
  value = join(",", [for u in data.azuresaas_users.test.users : u.user_principal_name]) == join(",", sort([for u in data.azuresaas_users.test.users : u.user_principal_name]))
}
output "count" {
  value = length(data.azuresaas_users.test.users)
}
output "first_and_last" {
  value = [data.azuresaas_users.test.users[0].user_principal_name, data.azuresaas_users.test.users[length(data.azuresaas_users.test.users) - 1].user_principal_name]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(int64(members))),
				statecheck.ExpectKnownOutputValue("sorted", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("first_and_last", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("user0001@contoso.example"), knownvalue.StringExact("user2498@contoso.example"), // 2499 is a guest
				})),
			},
		}},
	})
	pages := 0
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/users" {
			pages++
			if !regexp.MustCompile(`(^|&)%24top=999(&|$)|(^|&)\$top=999(&|$)`).MatchString(r.RawQuery) {
				t.Errorf("users request without $top=999: %s", r.RawQuery)
			}
		}
	}
	if pages == 0 || pages%3 != 0 {
		t.Errorf("expected whole reads of 3 pages each (2500 users, 999 a page), got %d users requests", pages)
	}
}

// TestUsersDataSourceGraphSideFilters: guests_only and account_enabled keep
// the right users and are sent to Graph as $filter, so only those users are
// read.
func TestUsersDataSourceGraphSideFilters(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, rosterTenant())
	cases := []struct {
		args, filter string
		want         []string
	}{
		{"guests_only = true", "userType eq 'Guest'", []string{"eve_partner.example#EXT#@contoso.onmicrosoft.example"}},
		{"account_enabled = false", "accountEnabled eq false", []string{"gil@fabrikam.example"}},
		{"guests_only = true\naccount_enabled = true", "userType eq 'Guest' and accountEnabled eq true",
			[]string{"eve_partner.example#EXT#@contoso.onmicrosoft.example"}},
		{"account_enabled = true\ndomain_names = [\"fabrikam.example\"]", "accountEnabled eq true",
			[]string{"ben@contoso.onmicrosoft.example", "dan@fabrikam.example"}},
	}
	for _, c := range cases {
		t.Run(c.args, func(t *testing.T) {
			server.ResetRequests()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:            providerBlock(server) + "data \"azuresaas_users\" \"test\" {\n" + c.args + "\n}\n" + upnsOutput,
					ConfigStateChecks: []statecheck.StateCheck{expectUPNs(c.want...)},
				}},
			})
			sent := 0
			for _, r := range server.Requests() {
				if r.Path != "/v1.0/users" {
					continue
				}
				query, err := url.ParseQuery(r.RawQuery)
				if err != nil || query.Get("$filter") != c.filter {
					t.Errorf("users request with $filter %q, want %q", query.Get("$filter"), c.filter)
				}
				sent++
			}
			if sent == 0 {
				t.Error("no users request was made")
			}
		})
	}
}
