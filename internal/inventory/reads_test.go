package inventory

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestEndpointOf(t *testing.T) {
	cases := []struct{ method, path, query, want string }{
		{"GET", "/v1.0/users", "$select=id,mail&$top=999", EndpointUsers},
		{"GET", "/v1.0/users", "$select=id,signInActivity&$top=500", EndpointUsersSignInActivity},
		{"GET", "/v1.0/users", "$filter=signInActivity%2FlastSuccessfulSignInDateTime+le+2025-01-01T00%3A00%3A00Z", EndpointUsersSignInActivity},
		{"GET", "/v1.0/users/$count", "", EndpointUsers},
		{"GET", "/v1.0/servicePrincipals", "$filter=id+in+%28%27a%27%29", EndpointServicePrincipals},
		{"GET", "/v1.0/servicePrincipals/$count", "", EndpointServicePrincipals},
		{"GET", "/v1.0/servicePrincipals/5a000000-0000-4000-8000-000000000001/appRoleAssignedTo", "$top=999", EndpointAppRoleAssignedTo},
		{"GET", "/v1.0/groups/6a000000/members/microsoft.graph.user", "$select=id", EndpointGroupMembers},
		{"GET", "/v1.0/groups/6a000000/transitiveMembers", "", EndpointGroupTransitiveMembers},
		{"GET", "/v1.0/applications(appId='c2000000-0000-4000-8000-000000000008')", "$select=id", EndpointApplication},
		{"GET", "/v1.0/auditLogs/signIns", "$top=1000", EndpointSignIns},
		{"get", "/beta/ORGANIZATION", "", EndpointOrganization},         // Graph's paths are case-insensitive
		{"GET", "/v1.0/applications", "$top=999", EndpointApplications}, // the list is not the application by appId
		{"GET", "/v1.0/groups/6a000000/members/6b000000", "", ""},       // one member is not the list
		{"POST", "/v1.0/users", "", ""},
		{"GET", "/v1.0/servicePrincipals/x/appRoleAssignments", "", ""},
	}
	for _, tc := range cases {
		if got := EndpointOf(tc.method, tc.path, tc.query); got != tc.want {
			t.Errorf("EndpointOf(%s %s?%s) = %q, want %q", tc.method, tc.path, tc.query, got, tc.want)
		}
	}
}

// TestDataSourceReadiness: each data source is ready by the tasks' rules,
// from the endpoints it always reads; the list is sorted by name.
func TestDataSourceReadiness(t *testing.T) {
	list := []DataSourceReads{
		{Name: "azuresaas_users", Reads: HRRosterReads},
		{Name: "azuresaas_sign_ins", Reads: Reads{Endpoints: []string{EndpointSignIns}}},
		{Name: "azuresaas_idle_seats", Reads: Reads{Endpoints: []string{EndpointSubscribedSkus, EndpointUsersSignInActivity}}},
		{Name: "azuresaas_integration_status", Reads: Reads{Sometimes: []string{EndpointSubscribedSkus}}},
	}
	type want struct {
		ready    bool
		missing  []string
		blockers int
	}
	check := func(t *testing.T, s IntegrationStatus, wants map[string]want) {
		t.Helper()
		var names []string
		for _, ds := range s.DataSources {
			names = append(names, ds.Name)
			w := wants[ds.Name]
			if ds.Ready == nil || *ds.Ready != w.ready || !slices.Equal(ds.MissingPermissions, w.missing) || len(ds.Blockers) != w.blockers {
				t.Errorf("%s: %+v, want %+v", ds.Name, ds, w)
			}
		}
		if !slices.Equal(names, []string{"azuresaas_idle_seats", "azuresaas_integration_status", "azuresaas_sign_ins", "azuresaas_users"}) {
			t.Errorf("names %v: not sorted, or not every data source", names)
		}
	}

	t.Run("users only", func(t *testing.T) {
		s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: []string{"User.Read.All"}}, testAppID, list)
		if err != nil {
			t.Fatal(err)
		}
		check(t, s, map[string]want{
			"azuresaas_users":              {ready: true, missing: []string{}}, // sign-in activity is off by default
			"azuresaas_sign_ins":           {missing: []string{"AuditLog.Read.All", "Directory.Read.All"}},
			"azuresaas_idle_seats":         {missing: []string{"LicenseAssignment.Read.All", "AuditLog.Read.All"}},
			"azuresaas_integration_status": {ready: true, missing: []string{}},
		})
	})
	t.Run("everything in a tenant without P1 or P2", func(t *testing.T) {
		s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: allPermissions, premium: "none"}, testAppID, list)
		if err != nil {
			t.Fatal(err)
		}
		check(t, s, map[string]want{
			"azuresaas_users":              {ready: true, missing: []string{}},
			"azuresaas_sign_ins":           {missing: []string{}, blockers: 1},
			"azuresaas_idle_seats":         {missing: []string{}, blockers: 1}, // signInActivity by default
			"azuresaas_integration_status": {ready: true, missing: []string{}},
		})
		if w := s.Warnings(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); len(w) != 1 {
			t.Errorf("warnings %+v: data sources add none, only the task", w)
		}
	})
	t.Run("opaque token", func(t *testing.T) {
		s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{unreadable: true, premium: "P1"}, testAppID, list)
		if err != nil || len(s.DataSources) != len(list) {
			t.Fatalf("%+v, %v", s.DataSources, err)
		}
		for _, ds := range s.DataSources {
			if ds.Ready != nil || ds.MissingPermissions != nil {
				t.Errorf("%s: readiness should be unknown: %+v", ds.Name, ds)
			}
		}
	})
}

func TestReadsUnknown(t *testing.T) {
	r := Reads{Endpoints: []string{EndpointUsers, "GET /nowhere"}, Sometimes: []string{EndpointUsersSignInActivity, "GET /elsewhere"}}
	if got := r.Unknown(); !slices.Equal(got, []string{"GET /nowhere", "GET /elsewhere"}) {
		t.Errorf("Unknown() = %v", got)
	}
}
