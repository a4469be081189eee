package fakegraph

import "fmt"

// demoUser is the object id of the demo tenant's user n (2 to 35).
func demoUser(n int) string { return fmt.Sprintf("6b0e5d2c-7a41-4f3e-9c8d-%012d", n) }

// DemoIntranetOwners is how many owners Northwind Intranet has: more than
// the 20 Graph expands in a list, so its owners are read again on their own.
const DemoIntranetOwners = 24

// addDemoOwners gives the demo tenant's service principals their owners
// (graph-reference-3 §1.4: users, other service principals, the service
// principal itself). ServiceNow, Dropbox Business and Twitter are enterprise
// applications that nobody owns: "no one to ask" is the finding. Microsoft's
// first-party apps and the managed identities have no owners, as in a real
// tenant.
func addDemoOwners(t *Tenant) {
	demoClientSP := ServicePrincipalID(&Tenant{ID: DemoTenantID}, DemoClientID)
	owners := map[string][]string{
		DemoSalesforceID: {demoUser(2), demoUser(4)}, // Dan Park, Alex Wilber
		DemoSlackID:      {demoUser(5)},              // Megan Bowen
		DemoWorkdayID:    {demoUser(14), demoUser(2)},
		DemoZoomID:       {demoUser(7)},
		// The expenses app owns itself (its deployment rotates its own
		// certificate) and has a finance owner.
		DemoExpensesID: {DemoExpensesID, demoUser(8)},
		DemoTrelloID:   {demoUser(5)},
		// A partner's app, looked after by a guest from the partner.
		DemoFieldServiceID: {demoUser(22)},
		DemoMiroID:         {demoUser(9)},
		demoClientSP:       {demoUser(19)}, // admin@
	}
	// Northwind Intranet: 23 people and the pipeline that deploys it.
	intranet := []string{demoClientSP}
	for n := 2; len(intranet) < DemoIntranetOwners; n++ {
		intranet = append(intranet, demoUser(n))
	}
	owners[DemoIntranetID] = intranet
	for i := range t.ServicePrincipals {
		if o, ok := owners[t.ServicePrincipals[i].ID]; ok {
			t.ServicePrincipals[i].Owners = o
		}
	}
}
