package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// usageTestTenant is the roster test tenant with sign-ins from base on: to
// Multi App, bob twice (at +1 h and +3 h), eve (a guest, at +2 h), fay (not
// assigned, at +4 h), and a failed one of cat (not counted); to Group App,
// a user no longer in the directory (at +5 h); one of ann to Direct App
// before the window (at -48 h). The demo app may read everything.
func usageTestTenant(base time.Time) *fakegraph.Tenant {
	t := ssoRosterTenant()
	t.Apps[0].Permissions = append(t.Apps[0].Permissions, "AuditLog.Read.All", "Directory.Read.All")
	signIn := func(i int, user, upn, appID string, hours int, code int) fakegraph.SignIn {
		return fakegraph.SignIn{ID: fmt.Sprintf("50000000-0000-4000-8000-%012d", i), CreatedDateTime: base.Add(time.Duration(hours) * time.Hour),
			UserID: user, UserPrincipalName: upn, AppID: appID, AppDisplayName: "x", ErrorCode: code, IsInteractive: true}
	}
	appGroupAppl := "b0000000-0000-4000-8000-000000000002"
	t.SignIns = []fakegraph.SignIn{
		signIn(1, ssoBob, "bob@contoso.example", appMultiAppl, 1, 0),
		signIn(2, ssoBob, "bob@contoso.example", appMultiAppl, 3, 0),
		signIn(3, ssoEve, "eve@partner.example", appMultiAppl, 2, 0),
		signIn(4, ssoFay, "fay@fabrikam.example", appMultiAppl, 4, 0),
		signIn(5, ssoCat, "cat@fabrikam.example", appMultiAppl, 5, 50126),
		signIn(6, "10000000-0000-4000-8000-0000000000ff", "gone@contoso.example", appGroupAppl, 5, 0),
		signIn(7, ssoAnn, "ann@contoso.example", "b0000000-0000-4000-8000-000000000001", -48, 0),
	}
	return t
}

// usageOutput lists each row as "name|assigned|direct|group|groups|nested|
// active|active assigned|inactive assigned|sign-ins|last".
func usageOutput(name string) string {
	return fmt.Sprintf(`
output %[1]q {
  value = [for a in data.azuresaas_application_usage.%[1]s.applications :
    join("|", [a.display_name, a.assigned_users, a.direct_users, a.group_users, a.assigned_groups, a.nested_groups,
      coalesce(a.active_users, "-"), coalesce(a.active_assigned_users, "-"), coalesce(a.inactive_assigned_users, "-"),
      coalesce(a.sign_in_count, "-"), coalesce(a.last_sign_in, "-")])]
}
`, name)
}

func TestApplicationUsageDataSource(t *testing.T) {
	clearCredentialEnv(t)
	base := time.Now().UTC().Truncate(time.Second).Add(-24 * time.Hour)
	server := startSignInGraph(t, usageTestTenant(base))
	at := func(h int) string { return rfc3339(base.Add(time.Duration(h) * time.Hour)) }
	all := fmt.Sprintf("service_principal_ids = [%q, %q, %q, %q]", appDirect, appGroup, appMulti, appOpen)
	since := fmt.Sprintf("since = %q", at(0))
	cases := []struct {
		name, args string
		want       []string
	}{
		// Group App: bob and cat through A (dan is in the nested group);
		// Multi App: bob directly and through A and B, cat through A;
		// Open App: bob through B (open access adds nothing).
		{"no_window", all, []string{
			"Direct App|1|1|0|0|0|-|-|-|-|-", "Group App|2|0|2|1|1|-|-|-|-|-",
			"Multi App|2|1|2|2|1|-|-|-|-|-", "Open App|1|0|1|1|0|-|-|-|-|-"}},
		// Members only: eve (a guest) is neither counted nor active, the
		// deleted user drops out, fay is active but not assigned.
		{"window_members_only", all + "\n" + since, []string{
			"Direct App|1|1|0|0|0|0|0|1|0|-", "Group App|2|0|2|1|1|0|0|2|0|-",
			"Multi App|2|1|2|2|1|2|1|1|3|" + at(4), "Open App|1|0|1|1|0|0|0|1|0|-"}},
		{"window_with_guests", all + "\n" + since + "\ninclude_guests = true", []string{
			"Direct App|1|1|0|0|0|0|0|1|0|-", "Group App|2|0|2|1|1|1|0|2|1|" + at(5),
			"Multi App|3|1|3|2|1|3|2|1|4|" + at(4), "Open App|2|0|2|1|0|0|0|2|0|-"}},
		{"domain", fmt.Sprintf("service_principal_ids = [%q]\n%s\ndomain_names = [\"fabrikam.example\"]", appMulti, since),
			[]string{"Multi App|1|0|1|2|1|1|0|1|1|" + at(4)}},
		// Unset ids: the enterprise apps that are not first-party; the
		// roster tenant's apps have no tags, so none.
		{"discovered", "", []string{}},
	}
	config := providerBlock(server)
	var checks []statecheck.StateCheck
	for _, c := range cases {
		config += fmt.Sprintf("data \"azuresaas_application_usage\" %q {\n%s\n}\n", c.name, c.args) + usageOutput(c.name)
		values := make([]knownvalue.Check, 0, len(c.want))
		for _, row := range c.want {
			values = append(values, knownvalue.StringExact(row))
		}
		checks = append(checks, statecheck.ExpectKnownOutputValue(c.name, knownvalue.ListExact(values)))
	}
	checks = append(checks, statecheck.ExpectKnownValue("data.azuresaas_application_usage.no_window",
		tfjsonpath.New("applications").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"app_instance_id": knownvalue.StringExact(appOpen), "app_id": knownvalue.StringExact("b0000000-0000-4000-8000-000000000004"),
			"display_name": knownvalue.StringExact("Open App"), "assignment_required": knownvalue.Bool(false),
			"open_access": knownvalue.Bool(true), "assigned_users": knownvalue.Int64Exact(1), "direct_users": knownvalue.Int64Exact(0),
			"group_users": knownvalue.Int64Exact(1), "assigned_groups": knownvalue.Int64Exact(1), "nested_groups": knownvalue.Int64Exact(0),
			"active_users": knownvalue.Null(), "active_assigned_users": knownvalue.Null(), "inactive_assigned_users": knownvalue.Null(),
			"sign_in_count": knownvalue.Null(), "last_sign_in": knownvalue.Null(),
		})))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: signInTestProviders,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// TestApplicationUsageDiscoveredApps: without service_principal_ids, the
// rows are the enterprise apps that are not Microsoft's.
func TestApplicationUsageDiscoveredApps(t *testing.T) {
	clearCredentialEnv(t)
	tenant := ssoRosterTenant()
	for i := range tenant.ServicePrincipals {
		if i != 0 { // Direct App stays out: not an enterprise app
			tenant.ServicePrincipals[i].Tags = []string{fakegraph.TagIntegratedApp}
		}
	}
	tenant.ServicePrincipals[3].AppOwnerOrganizationID = ptr("f8cdef31-a31e-4b4a-93e4-5f571e91255a") // Open App: first-party
	server := startGraph(t, tenant)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + "data \"azuresaas_application_usage\" \"all\" {}\n" + usageOutput("all"),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("all", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("Group App|2|0|2|1|1|-|-|-|-|-"), knownvalue.StringExact("Multi App|2|1|2|2|1|-|-|-|-|-"),
			}))},
		}},
	})
}

// TestApplicationUsageBadInput: plan-time errors on the arguments, and an
// unknown service principal named on its attribute.
func TestApplicationUsageBadInput(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, ssoRosterTenant())
	for _, c := range []struct{ args, want string }{
		{`service_principal_ids = []`, `service_principal_ids set must contain at least 1 elements`},
		{`service_principal_ids = ["not-a-guid"]`, `GUID`},
		{`since = "yesterday"`, `neither an RFC 3339 time`},
		{`since = "2999-01-01T00:00:00Z"`, `Since Is in the Future`},
		{`domain_names = ["not a domain"]`, `domain`},
		{fmt.Sprintf("service_principal_ids = [%q]", "30000000-0000-4000-8000-0000000000ee"), `Unknown Service Principal`},
	} {
		t.Run(c.want, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      providerBlock(server) + "data \"azuresaas_application_usage\" \"x\" {\n" + c.args + "\n}\n",
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
		})
	}
}
