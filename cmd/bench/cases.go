package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// benchCase is one data source at one size.
type benchCase struct {
	name    string
	latency time.Duration
	tenant  func() *fakegraph.Tenant
	// read runs what the data source runs, in-process, and returns how many
	// objects it produced.
	read func(ctx context.Context, c *graph.Client) (int, error)
	// minimum is the fewest Graph requests the data needs.
	minimum func(t *fakegraph.Tenant) int
	// floor is the wall time latency makes unavoidable.
	floor func(t *fakegraph.Tenant, latency time.Duration) time.Duration
	// config is the data source block for the end-to-end run; its name is
	// data.<type>.bench. Empty: no end-to-end run (see why).
	config string
	// why says why a case has no end-to-end run.
	why string
	// providerArgs go into the provider block of the end-to-end run.
	providerArgs string
	// budget, when set, is the reports budget of the in-process client and
	// of the provider built for the end-to-end run; the fake Graph throttles
	// at the same requests per window.
	budget *graph.ReportsBudget
	// files are extra files for the end-to-end module, by name.
	files func() map[string]string
	// allocs notes the in-process read's allocations under the table.
	allocs bool
}

// pages is how many requests a collection of n objects needs at page size size.
func pages(n, size int) int {
	if n == 0 {
		return 1
	}
	return (n + size - 1) / size
}

func usersCase(n int) benchCase {
	return benchCase{
		name:    "azuresaas_users " + thousands(n),
		latency: 20 * time.Millisecond,
		tenant:  func() *fakegraph.Tenant { return fakegraph.GenerateTenant(1, n) },
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			people, err := inventory.HRRoster(ctx, c, inventory.UserFilter{IncludeGuests: true})
			return len(people), err
		},
		minimum: func(t *fakegraph.Tenant) int { return pages(len(t.Users), 999) },
		// Each page's link comes from the page before it: the pages are a
		// chain of round trips, whatever the concurrency.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(pages(len(t.Users), 999)) * latency
		},
		config: `data "azuresaas_users" "bench" {
  include_guests = true
}`,
	}
}

// servicePrincipalsCase is Application Discovery over n service principals:
// the organization, then the pages of the list.
func servicePrincipalsCase(n int) benchCase {
	return benchCase{
		name:    "azuresaas_service_principals " + thousands(n),
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, 100)
			t.ServicePrincipals = fakegraph.GenerateServicePrincipals(1, n)
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			d, err := inventory.DiscoverApplications(ctx, c, inventory.DiscoveryFilter{})
			return len(d.Applications), err
		},
		minimum: func(t *fakegraph.Tenant) int { return 1 + pages(len(t.ServicePrincipals), 999) },
		// The organization comes first (its name decides publishers), then
		// the chain of pages.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(1+pages(len(t.ServicePrincipals), 999)) * latency
		},
		config: `data "azuresaas_service_principals" "bench" {}`,
	}
}

// rosterConcurrency is the case's max_concurrency.
const rosterConcurrency = 8

// rosterCase is the SSO Application Roster of apps applications sharing
// groups groups of up to members members (fakegraph.GenerateRoster).
func rosterCase(apps, groups, members int, endToEnd bool) benchCase {
	var ids []string
	c := benchCase{
		name:    fmt.Sprintf("azuresaas_application_roster %s apps, %s groups ≤ %s", thousands(apps), thousands(groups), thousands(members)),
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t, generated := fakegraph.GenerateRoster(1, apps, groups, members)
			ids = generated
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			r, err := inventory.ApplicationRoster(ctx, c, ids, inventory.RosterOptions{
				Filter: inventory.UserFilter{IncludeGuests: true}, MaxConcurrency: rosterConcurrency})
			return len(r.Entries), err
		},
		minimum: func(t *fakegraph.Tenant) int { return rosterRequests(t, ids).total() },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return rosterRequests(t, ids).floor(rosterConcurrency, latency)
		},
		providerArgs: fmt.Sprintf("  max_concurrency = %d\n", rosterConcurrency),
	}
	if !endToEnd {
		c.why = "a roster of millions of entries is beyond what terraform can hold in a plan here"
		return c
	}
	c.config = "data \"azuresaas_application_roster\" \"bench\" {\n  include_guests = true\n  service_principal_ids = local.roster_ids\n}\nlocals {\n  roster_ids = jsondecode(file(\"${path.module}/ids.json\"))\n}"
	c.files = func() map[string]string {
		raw, _ := json.Marshal(ids)
		return map[string]string{"ids.json": string(raw)}
	}
	return c
}

// rosterPlan is what a roster read needs from Graph: the requests in each
// listing, and the longest chain of requests that must follow each other.
type rosterPlan struct {
	appBatches, assignments, members, users int
	longestChain                            int
}

func (p rosterPlan) total() int { return p.appBatches + p.assignments + p.members + p.users }

// floor: the requests spread over the concurrency, but no faster than the
// longest chain (a listing's pages follow each other, and a group's pages
// follow the assignments page that names the group).
func (p rosterPlan) floor(concurrency int, latency time.Duration) time.Duration {
	spread := (p.total() + concurrency - 1) / concurrency
	return time.Duration(max(spread, p.longestChain)) * latency
}

// rosterRequests counts the fewest requests the roster of ids needs in t:
// ceil(apps/15) batches of $filter=id in, each app's assignment pages, each
// assigned group's member pages once, and the user list once when an app is
// open access or a directly assigned user is in none of the groups.
func rosterRequests(t *fakegraph.Tenant, ids []string) rosterPlan {
	return rosterRequestsFor(t, ids, false)
}

// rosterRequestsFor is rosterRequests; with assignedOnly (as
// azuresaas_application_usage reads), open access needs no user list.
func rosterRequestsFor(t *fakegraph.Tenant, ids []string, assignedOnly bool) rosterPlan {
	var p rosterPlan
	p.appBatches = (len(ids) + graph.MaxIDsPerFilter - 1) / graph.MaxIDsPerFilter
	roster := map[string]bool{}
	for _, id := range ids {
		roster[strings.ToLower(id)] = true
	}
	groups := map[string]*fakegraph.Group{}
	for i := range t.Groups {
		groups[strings.ToLower(t.Groups[i].ID)] = &t.Groups[i]
	}
	users := map[string]bool{}
	for _, u := range t.Users {
		users[strings.ToLower(u.ID)] = true
	}
	perApp := map[string]int{}
	assigned := map[string]bool{}
	direct := map[string]bool{}
	for _, a := range t.AppRoleAssignments {
		key := strings.ToLower(a.ResourceID)
		if !roster[key] {
			continue
		}
		perApp[key]++
		principal := strings.ToLower(a.PrincipalID)
		if groups[principal] != nil {
			assigned[principal] = true
		} else if users[principal] {
			direct[principal] = true
		}
	}
	for _, id := range ids {
		p.assignments += pages(perApp[strings.ToLower(id)], 999)
	}
	inGroups := map[string]bool{}
	for key := range assigned {
		g := groups[key]
		n := 0
		for _, m := range g.Members {
			if users[strings.ToLower(m)] || groups[strings.ToLower(m)] != nil {
				n++ // direct members: users and groups (service principals are left out)
				inGroups[strings.ToLower(m)] = true
			}
		}
		p.members += pages(n, 999)
		p.longestChain = max(p.longestChain, 1+pages(n, 999))
	}
	needUsers := false
	for _, sp := range t.ServicePrincipals {
		if roster[strings.ToLower(sp.ID)] && !sp.AppRoleAssignmentRequired && !assignedOnly {
			needUsers = true
		}
	}
	for u := range direct {
		if !inGroups[u] {
			needUsers = true
		}
	}
	if needUsers {
		p.users = pages(len(t.Users), 999)
		p.longestChain = max(p.longestChain, 1+p.users)
	}
	return p
}

// The reports budget of the access cases: Graph's 5 requests per 10 s with
// the window scaled down 20 times (500 ms) so that 500 pages take under a
// minute. The margin (arrivals lag sends) is not scaled as much: 50 ms, as
// a 20 ms margin drew a 429 on a loaded machine.
var scaledReportsBudget = graph.ReportsBudget{Requests: 5, Window: 500 * time.Millisecond, Margin: 50 * time.Millisecond}

// accessCase is SSO Application Access over n sign-ins (about 92% of them
// successful) of 1,000 users in 20 apps, spread over 30 days: from 100,000
// sign-ins on, nearly every (user, app) pair has signed in, so the result
// has about 20,000 entries at every size and what grows with n is only the
// stream of sign-ins, which memory must not follow.
func accessCase(n int) benchCase {
	end := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	since := end.Add(-30 * 24 * time.Hour)
	budget := scaledReportsBudget
	return benchCase{
		name:    "azuresaas_application_access " + thousands(n) + " sign-ins",
		latency: 20 * time.Millisecond,
		budget:  &budget,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(3, 1000)
			t.ServicePrincipals = fakegraph.GenerateServicePrincipals(3, 20)
			t.SignIns = fakegraph.GenerateSignIns(t, 3, n, 30*24*time.Hour-time.Minute, end)
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			access, err := inventory.ApplicationAccess(ctx, c, c, inventory.AccessQuery{Since: since, Until: end,
				Users: inventory.UserFilter{IncludeGuests: true}})
			return len(access), err
		},
		minimum: func(t *fakegraph.Tenant) int { return pages(successfulSignIns(t), 1000) },
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return reportsFloor(pages(successfulSignIns(t), 1000), budget, latency)
		},
		config: fmt.Sprintf(`data "azuresaas_application_access" "bench" {
  since          = %q
  until          = %q
  include_guests = true
}`, since.Format(time.RFC3339), end.Format(time.RFC3339)),
	}
}

func successfulSignIns(t *fakegraph.Tenant) int {
	n := 0
	for _, s := range t.SignIns {
		if s.ErrorCode == 0 {
			n++
		}
	}
	return n
}

// reportsFloor is when the last of n chained pages can be answered when
// Graph admits at most budget.Requests arrivals in any budget.Window: the
// k-th request arrives no sooner than a round trip after the one before it
// (it needs its link) and no sooner than a window after the (k-Requests)-th.
// The client's margin is not part of the floor: it is the price of never
// being throttled, and shows in the ratio.
func reportsFloor(n int, budget graph.ReportsBudget, latency time.Duration) time.Duration {
	at := make([]time.Duration, n)
	for k := range at {
		if k > 0 {
			at[k] = at[k-1] + latency
		}
		if k >= budget.Requests {
			at[k] = max(at[k], at[k-budget.Requests]+budget.Window)
		}
	}
	if n == 0 {
		return latency
	}
	return at[n-1] + latency
}

// licenceCase is azuresaas_license_assignments over n users holding three
// SKUs each (3n entries), with or without sign-in activity: /subscribedSkus
// once, then the users at 999 a page, or 500 with signInActivity.
func licenceCase(n int, signIns bool) benchCase {
	pageSize, suffix := 999, ""
	if signIns {
		pageSize, suffix = 500, " with sign-in activity"
	}
	c := benchCase{
		name:    "azuresaas_license_assignments " + thousands(n) + " users × 3 SKUs" + suffix,
		latency: 20 * time.Millisecond,
		tenant: func() *fakegraph.Tenant {
			t := fakegraph.GenerateTenant(1, n)
			fakegraph.AddGeneratedLicences(t, time.Now().UTC())
			return t
		},
		read: func(ctx context.Context, c *graph.Client) (int, error) {
			seats, err := inventory.LicenseAssignments(ctx, c, inventory.LicenseFilter{
				Users: inventory.UserFilter{IncludeGuests: true}, SignInActivity: signIns})
			return len(seats), err
		},
		minimum: func(t *fakegraph.Tenant) int { return 1 + pages(len(t.Users), pageSize) },
		// The SKUs first (their names resolve the users' licences), then the
		// chain of user pages.
		floor: func(t *fakegraph.Tenant, latency time.Duration) time.Duration {
			return time.Duration(1+pages(len(t.Users), pageSize)) * latency
		},
	}
	c.config = fmt.Sprintf("data \"azuresaas_license_assignments\" \"bench\" {\n  include_guests           = true\n  include_sign_in_activity = %t\n}", signIns)
	return c
}

// licenceUsageCase is azuresaas_license_usage over n users holding three
// SKUs each with sign-in activity: the seat list's read (the SKUs, then the
// users at 500 a page), answered with one row per SKU.
func licenceUsageCase(n int) benchCase {
	c := licenceCase(n, true)
	c.name = "azuresaas_license_usage " + thousands(n) + " users × 3 SKUs with sign-in activity"
	c.read = func(ctx context.Context, c *graph.Client) (int, error) {
		usage, err := inventory.LicenseUsage(ctx, c, inventory.LicenseUsageFilter{
			Users:          inventory.UserFilter{IncludeGuests: true, SignInActivity: true},
			InactiveBefore: inventory.InactiveBefore(time.Now(), 90)})
		return len(usage), err
	}
	c.config = "data \"azuresaas_license_usage\" \"bench\" {\n  include_guests = true\n  inactive_days  = 90\n}"
	return c
}

// idleLicenceCase is azuresaas_license_assignments with inactive_days = 90
// over n users holding three SKUs each, 5 % of them idle
// (fakegraph.AddGeneratedIdleLicences): the seat list's requests, a twentieth
// of its seats.
func idleLicenceCase(n int) benchCase {
	c := licenceCase(n, true)
	c.name = "azuresaas_license_assignments " + thousands(n) + " users × 3 SKUs, inactive_days = 90, 5 % idle"
	c.tenant = func() *fakegraph.Tenant {
		t := fakegraph.GenerateTenant(1, n)
		fakegraph.AddGeneratedIdleLicences(t, time.Now().UTC())
		return t
	}
	c.read = func(ctx context.Context, c *graph.Client) (int, error) {
		seats, err := inventory.LicenseAssignments(ctx, c, inventory.LicenseFilter{
			Users: inventory.UserFilter{IncludeGuests: true, InactiveBefore: inventory.InactiveBefore(time.Now(), 90)}})
		return len(seats), err
	}
	c.config = "data \"azuresaas_license_assignments\" \"bench\" {\n  include_guests = true\n  inactive_days  = 90\n}"
	return c
}

// cases are the benchmark's cases, smallest first.
func cases() []benchCase {
	return append([]benchCase{
		usersCase(10_000),
		usersCase(50_000),
		usersCase(100_000),
		servicePrincipalsCase(5_000),
		servicePrincipalOwnersCase(5_000, false),
		servicePrincipalOwnersCase(5_000, true),
		oauth2PermissionGrantsCase(20_000, 2_000, 5_000),
		consentedApplicationsCase(20_000, 2_000, 5_000),
		licenceCase(10_000, true),
		licenceCase(100_000, false),
		licenceCase(100_000, true),
		licenceUsageCase(100_000),
		idleLicenceCase(100_000),
		m365Case(100_000),
		rosterCase(50, 20, 200, true),
		rosterCase(500, 200, 5_000, false),
		accessCase(100_000),
		accessCase(500_000),
		registrationDetailsCase(100_000),
		directoryRolesCase(300, true),
		directoryRolesCase(300, false),
		applicationsCase(2_000, false),
		applicationsCase(2_000, true),
		usageCase(500, 200, 5_000),
		usageActivityCase(100_000),
	}, groupsCases(20_000)...)
}
