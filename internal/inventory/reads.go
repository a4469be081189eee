package inventory

import (
	"slices"
	"sort"
)

// Reads are the Graph endpoints a data source reads, as keys of the
// permission table (endpointPermissions). Each data source of the provider
// declares its own; the tests hold the declaration to the requests the
// data source makes against fakegraph.
type Reads struct {
	// Endpoints are read with the default arguments: the data source is
	// ready when granted permissions cover every one of them.
	Endpoints []string
	// Sometimes are read only with some arguments or some data (When says
	// which): not a readiness condition, a note for the tasks.
	Sometimes []string
	When      string
}

// DataSourceReads are the reads of the data source Name (its type name,
// such as azuresaas_users).
type DataSourceReads struct {
	Name  string
	Reads Reads
}

// The reads of the data sources that do the seed's four tasks. The tasks'
// readiness is theirs: each task is one data source.
var (
	HRRosterReads             = Reads{Endpoints: []string{EndpointUsers}, Sometimes: []string{EndpointUsersSignInActivity}, When: "with include_sign_in_activity or inactive_days"}
	ApplicationDiscoveryReads = Reads{Endpoints: []string{EndpointServicePrincipals, EndpointOrganization},
		Sometimes: []string{EndpointServicePrincipalOwners},
		When:      "with include_owners (user owners' names and user principal names need User.Read.All: without it they are null)"}
	// ApplicationsReads are azuresaas_applications': the list, with its
	// owners expanded by default, and a registration's own owners where
	// Graph may have cut the expanded set short.
	ApplicationsReads = Reads{Endpoints: []string{EndpointApplications},
		Sometimes: []string{EndpointApplicationOwners},
		When:      "with include_owners (the default) for a registration with 20 owners or more (user owners' names and user principal names need User.Read.All: without it they are null)"}
	ApplicationRosterReads = Reads{Endpoints: []string{EndpointServicePrincipals, EndpointAppRoleAssignedTo, EndpointGroupMembers},
		Sometimes: []string{EndpointUsers}, When: "for open-access applications and directly assigned users"}
	ApplicationAccessReads = Reads{Endpoints: []string{EndpointSignIns},
		Sometimes: []string{EndpointUsers}, When: "when a guest or domain filter is set (the provider's default leaves guests out)"}
)

// Task is one of the seed's integration tasks and the data source that
// does it.
type Task struct {
	Name       string
	DataSource string
	Reads      Reads
}

// seedTasks are the four tasks in the seed's order.
var seedTasks = []Task{
	{Name: TaskHRRoster, DataSource: "azuresaas_users", Reads: HRRosterReads},
	{Name: TaskApplicationDiscovery, DataSource: "azuresaas_service_principals", Reads: ApplicationDiscoveryReads},
	{Name: TaskSSOApplicationRoster, DataSource: "azuresaas_application_roster", Reads: ApplicationRosterReads},
	{Name: TaskSSOApplicationAccess, DataSource: "azuresaas_application_access", Reads: ApplicationAccessReads},
}

// Tasks are the seed's four tasks, in its order.
func Tasks() []Task { return slices.Clone(seedTasks) }

// readiness is the status of something that reads r: nil Ready and
// MissingPermissions when the granted permissions are unknown, and the
// premium blocker when it always reads an endpoint that needs Entra ID P1
// or P2 and the tenant has neither (unknown premium blocks nothing).
func readiness(name string, r Reads, granted []string, known bool, premium *string) TaskStatus {
	t := TaskStatus{Name: name, Blockers: []string{}}
	if premium != nil && *premium == PremiumNone && slices.ContainsFunc(r.Endpoints, func(e string) bool { return premiumEndpoints[e] }) {
		t.Blockers = append(t.Blockers, premiumBlocker)
	}
	if known {
		t.MissingPermissions = MissingPermissions(granted, r.Endpoints...)
		ready := len(t.MissingPermissions) == 0 && len(t.Blockers) == 0
		t.Ready = &ready
	}
	return t
}

// dataSourceStatuses are the readiness of each data source, sorted by name.
func dataSourceStatuses(list []DataSourceReads, granted []string, known bool, premium *string) []TaskStatus {
	out := make([]TaskStatus, 0, len(list))
	for _, ds := range list {
		out = append(out, readiness(ds.Name, ds.Reads, granted, known, premium))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Unknown are the endpoints of r that the permission table does not have.
func (r Reads) Unknown() []string {
	var out []string
	for _, e := range append(slices.Clone(r.Endpoints), r.Sometimes...) {
		if _, ok := endpointPermissions[e]; !ok {
			out = append(out, e)
		}
	}
	return out
}
