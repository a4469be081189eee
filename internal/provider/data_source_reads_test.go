package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// readsRuns are the arguments TestDataSourceReadsMatchTheirRequests reads
// each data source with, against fakegraph's demo tenant. The first run is
// the default: only the required arguments. The others turn on what is off
// by default, so that every endpoint the data source declares in Sometimes
// is requested by some run. A data source without a row is read once
// without arguments.
func readsRuns(tenant *fakegraph.Tenant) map[string][]map[string]any {
	var spIDs []string
	for _, sp := range tenant.ServicePrincipals {
		spIDs = append(spIDs, sp.ID)
	}
	assigned := tenant.AppRoleAssignments[0]
	var appID string
	for _, sp := range tenant.ServicePrincipals {
		if sp.ID == assigned.ResourceID {
			appID = sp.AppID
		}
	}
	return map[string][]map[string]any{
		"azuresaas_users":               {nil, {"include_sign_in_activity": true}},
		"azuresaas_license_assignments": {nil, {"include_sign_in_activity": true}},
		"azuresaas_license_usage":       {nil, {"include_sign_in_activity": false}},
		"azuresaas_sign_ins":            {{"since": "719h"}},
		"azuresaas_application_access":  {{"since": "719h"}},
		"azuresaas_app_role_assignments": {{"service_principal_id": assigned.ResourceID},
			{"app_id": appID}},
		"azuresaas_group_members": {{"group_id": fakegraph.DemoSalesGroupID},
			{"group_id": fakegraph.DemoSalesGroupID, "transitive": true}},
		// Every application: groups, direct users and open access.
		"azuresaas_application_roster": {{"service_principal_ids": spIDs}},
		// Every enterprise app by default; the sign-ins (and, with guests
		// left out, the user list) with since.
		"azuresaas_application_usage": {nil, {"since": "719h"}},
		// The list and the id-only licence errors read; the second without it.
		"azuresaas_groups": {nil, {"license_errors_only": true, "unified": false}},
		// Owners by default (with the list); without them; filtered.
		"azuresaas_applications": {nil, {"include_owners": false, "credentials_expiring_within_days": 30}},
		// Owners: Northwind Intranet's 24 are read on their own.
		"azuresaas_service_principals": {nil, {"include_owners": true}},
	}
}

// readOnOtherTenants are Sometimes endpoints that no argument brings
// about on the demo tenant, each checked by the test named.
var readOnOtherTenants = map[string]bool{
	// roleAssignments, in a tenant without P2: TestDirectoryRoleAssignmentsReadsWithoutP2.
	"azuresaas_directory_role_assignments " + inventory.EndpointRoleAssignments: true,
}

// TestEveryDataSourceDeclaresItsReads: the integration status's
// data_sources say whether each data source can be read, so each must say
// what it reads, with endpoints the permission table knows.
func TestEveryDataSourceDeclaresItsReads(t *testing.T) {
	ctx := context.Background()
	var p azuresaasProvider
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		name := dataSourceTypeName(ctx, "azuresaas", ds)
		reader, ok := ds.(graphReader)
		if !ok {
			t.Errorf("%s declares no Graph reads, so the integration status cannot say whether it can be read. "+
				"Add next to its Metadata method:\n\n"+
				"// graphReads is what it reads from Graph (graphReader).\n"+
				"func (d *%s) graphReads() inventory.Reads {\n"+
				"\treturn inventory.Reads{Endpoints: []string{inventory.EndpointX}}\n}\n\n"+
				"with Endpoints the endpoints it reads with its default arguments and Sometimes (and When) those it "+
				"reads only with some arguments; an endpoint the table in internal/inventory/permission_coverage.go "+
				"does not have goes there first, with its permissions.", name, strings.TrimPrefix(fmt.Sprintf("%T", ds), "*provider."))
			continue
		}
		if unknown := reader.graphReads().Unknown(); len(unknown) > 0 {
			t.Errorf("%s declares %v, which internal/inventory/permission_coverage.go's endpointPermissions does not know: "+
				"add each there with the permissions Microsoft's documentation lists", name, unknown)
		}
	}
	if got := dataSourceReads(ctx); len(got) != len(p.DataSources(ctx)) {
		t.Errorf("dataSourceReads lists %d data sources of %d", len(got), len(p.DataSources(ctx)))
	}
}

// TestTasksReadWhatTheirDataSourcesRead: each integration task is ready
// exactly when the data source that does it is.
func TestTasksReadWhatTheirDataSourcesRead(t *testing.T) {
	declared := map[string]inventory.Reads{}
	for _, ds := range dataSourceReads(context.Background()) {
		declared[ds.Name] = ds.Reads
	}
	for _, task := range inventory.Tasks() {
		reads, ok := declared[task.DataSource]
		if !ok {
			t.Errorf("task %s: no data source %s", task.Name, task.DataSource)
			continue
		}
		if !reflect.DeepEqual(reads, task.Reads) {
			t.Errorf("task %s reads %+v, its data source %s declares %+v", task.Name, task.Reads, task.DataSource, reads)
		}
	}
}

// TestDataSourceReadsMatchTheirRequests reads every data source of the
// provider against fakegraph, signed in as an app holding exactly the
// least-privileged permissions its declaration asks for, and holds the
// declaration to the requests it makes: every request's endpoint is
// declared, every endpoint of Endpoints is requested by the default run,
// every endpoint of Sometimes by some run, and nothing is refused.
func TestDataSourceReadsMatchTheirRequests(t *testing.T) {
	clearCredentialEnv(t)
	ctx := context.Background()
	tenant := fakegraph.DemoTenant()
	recentSignInsOnly(tenant)
	declared := dataSourceReads(ctx)
	clientID := func(i int) string { return fmt.Sprintf("c2000000-0000-4000-8000-%012d", i) }
	const secret = "reads-test-secret-not-a-real-credential"
	for i, ds := range declared {
		tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: clientID(i), DisplayName: "reads of " + ds.Name,
			Secrets:     []fakegraph.Secret{{Value: secret}},
			Permissions: inventory.MissingPermissions(nil, append(slices.Clone(ds.Reads.Endpoints), ds.Reads.Sometimes...)...)})
	}
	server := startGraph(t, tenant)
	server.SetReportsThrottle(0, 0)
	runs := readsRuns(tenant)

	for i, ds := range declared {
		t.Run(strings.TrimPrefix(ds.Name, "azuresaas_"), func(t *testing.T) {
			h := newProtocolHarness(t, nil)
			h.configure(t, map[string]any{"tenant_id": tenant.ID, "client_id": clientID(i), "client_secret": secret,
				"graph_endpoint": server.URL(), "authority_host": server.URL()})
			configs, ok := runs[ds.Name]
			if !ok {
				configs = []map[string]any{nil}
			}
			requested := map[string]bool{}
			for run, config := range configs {
				server.ResetRequests()
				readCtx, cancel := context.WithTimeout(ctx, time.Minute)
				_, diags := h.read(readCtx, t, ds.Name, config)
				cancel()
				if hasError(diags) {
					t.Fatalf("reading %s with %v failed (a required argument missing? add its arguments to readsRuns in "+
						"internal/provider/data_source_reads_test.go):\n%s", ds.Name, config, diagnosticsText(diags))
				}
				inRun := map[string]bool{}
				for _, r := range server.Requests() {
					if !isGraphRequest(r.Path) {
						continue // the token endpoint
					}
					endpoint := inventory.EndpointOf(r.Method, r.Path, r.RawQuery)
					request := r.Method + " " + r.Path + "?" + r.RawQuery
					if len(request) > 160 {
						request = request[:160] + "…"
					}
					switch {
					case endpoint == "":
						t.Errorf("%s requested %s, which no endpoint of the permission table matches: add the endpoint and "+
							"its permissions to endpointPermissions in internal/inventory/permission_coverage.go (and a request "+
							"for it to TestPermissionTableAgreesWithFakegraph), then declare it in %s's graphReads", ds.Name, request, ds.Name)
					case !slices.Contains(ds.Reads.Endpoints, endpoint) && !slices.Contains(ds.Reads.Sometimes, endpoint):
						t.Errorf("%s requested %s (endpoint %q), which its graphReads does not declare: add it to Endpoints "+
							"when the default arguments read it, else to Sometimes (saying when in When)", ds.Name, request, endpoint)
					}
					if r.Status == 403 {
						t.Errorf("%s: %s was refused (403) with the permissions its declaration asks for, %v", ds.Name, request,
							tenant.Apps[len(tenant.Apps)-len(declared)+i].Permissions)
					}
					inRun[endpoint], requested[endpoint] = true, true
				}
				if run > 0 {
					continue
				}
				for _, e := range ds.Reads.Endpoints {
					if !inRun[e] {
						t.Errorf("%s declares %q in Endpoints, but its read with the default arguments (%v) did not request it: "+
							"move it to Sometimes, or drop it", ds.Name, e, config)
					}
				}
			}
			for _, e := range ds.Reads.Sometimes {
				if !requested[e] && !readOnOtherTenants[ds.Name+" "+e] {
					t.Errorf("%s declares %q in Sometimes, but no run requested it: add a run with the arguments that read "+
						"it to readsRuns in internal/provider/data_source_reads_test.go", ds.Name, e)
				}
			}
		})
	}
}

// isGraphRequest tells Graph's paths (/v1.0/…, /beta/…) from the login host's.
func isGraphRequest(path string) bool {
	return strings.HasPrefix(path, "/v1.0/") || strings.HasPrefix(path, "/beta/")
}
