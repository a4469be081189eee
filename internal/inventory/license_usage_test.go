package inventory_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// licenceUsageSeeds are the generated tenants the equivalence tests run
// on: fixed seeds, and one drawn per run (logged, so a failure can be
// replayed).
func licenceUsageSeeds(t *testing.T) []int64 {
	drawn := rand.Int64N(1 << 40)
	t.Logf("drawn seed: %d", drawn)
	return []int64{1, 7, 42, drawn}
}

// userFilters are the domain and guest rules the equivalence tests vary.
var userFilters = map[string]inventory.UserFilter{
	"members":            {},
	"with guests":        {IncludeGuests: true},
	"contoso and guests": {IncludeGuests: true, DomainNames: []string{"Contoso.example", "loadtest.onmicrosoft.com"}},
	"fabrikam members":   {DomainNames: []string{"fabrikam.example"}},
}

func TestLicenseUsageEqualsAssignmentRows(t *testing.T) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	cutoff := inventory.InactiveBefore(now, 90)
	for _, seed := range licenceUsageSeeds(t) {
		tenant := fakegraph.GenerateLicenceUsageTenant(seed, 400, now)
		server := fakegraph.Start(tenant)
		client := rosterClient(t, server)
		for name, users := range userFilters {
			seats := func(change func(*inventory.LicenseFilter)) []inventory.LicenseAssignment {
				f := inventory.LicenseFilter{Users: users, SignInActivity: true}
				if change != nil {
					change(&f)
				}
				list, err := inventory.LicenseAssignments(ctx, client, f)
				if err != nil {
					t.Fatalf("seed %d, %s: %v", seed, name, err)
				}
				return list
			}
			withActivity := users
			withActivity.SignInActivity = true
			usage, err := inventory.LicenseUsage(ctx, client, inventory.LicenseUsageFilter{Users: withActivity, InactiveBefore: cutoff})
			if err != nil {
				t.Fatalf("seed %d, %s: %v", seed, name, err)
			}
			all := seats(nil)
			disabled := seats(func(f *inventory.LicenseFilter) { f.Users.AccountEnabled = new(bool) })
			idle := seats(func(f *inventory.LicenseFilter) { f.Users.InactiveBefore = cutoff })

			if len(usage) != len(tenant.SubscribedSkus)+1 {
				t.Fatalf("seed %d, %s: %d rows, want the %d subscribed SKUs and the retired one", seed, name, len(usage), len(tenant.SubscribedSkus))
			}
			for _, u := range usage {
				of := func(list []inventory.LicenseAssignment, keep func(inventory.LicenseAssignment) bool) int64 {
					n := int64(0)
					for _, a := range list {
						if strings.EqualFold(a.SkuID, u.SkuID) && (keep == nil || keep(a)) {
							n++
						}
					}
					return n
				}
				reclaimable := map[string]bool{}
				for _, a := range append(append([]inventory.LicenseAssignment{}, disabled...), idle...) {
					if strings.EqualFold(a.SkuID, u.SkuID) {
						reclaimable[a.UserID] = true
					}
				}
				want := map[string][2]int64{
					"assigned_users":        {u.AssignedUsers, of(all, nil)},
					"direct_users":          {u.DirectUsers, of(all, func(a inventory.LicenseAssignment) bool { return a.AssignedDirectly })},
					"group_users":           {u.GroupUsers, of(all, func(a inventory.LicenseAssignment) bool { return len(a.AssignedByGroups) > 0 })},
					"users_with_errors":     {u.UsersWithErrors, of(all, func(a inventory.LicenseAssignment) bool { return a.AssignmentError != nil })},
					"disabled_users":        {u.DisabledUsers, of(disabled, nil)},
					"guest_users":           {u.GuestUsers, of(all, func(a inventory.LicenseAssignment) bool { return a.UserType != nil && *a.UserType == "Guest" })},
					"inactive_users":        {*u.InactiveUsers, of(idle, nil)},
					"never_signed_in_users": {*u.NeverSignedInUsers, of(all, func(a inventory.LicenseAssignment) bool { return a.LastSuccessfulSignIn == nil })},
					"reclaimable_users":     {*u.ReclaimableUsers, int64(len(reclaimable))},
				}
				for count, got := range want {
					if got[0] != got[1] {
						t.Errorf("seed %d, %s, SKU %s: %s = %d, the seat list has %d", seed, name, u.SkuID, count, got[0], got[1])
					}
				}
				if u.SkuPartNumber == nil {
					if !strings.EqualFold(u.SkuID, fakegraph.GeneratedRetiredSkuID) || u.Enabled != nil || u.Available != nil {
						t.Errorf("seed %d, %s: a row without part number: %+v", seed, name, u)
					}
					continue
				}
				// One SKU by name is pushed down to Graph; the count must not move.
				if n := int64(len(seats(func(f *inventory.LicenseFilter) { f.SkuPartNumbers = []string{*u.SkuPartNumber} }))); n != u.AssignedUsers {
					t.Errorf("seed %d, %s, %s: assigned_users = %d, sku_part_numbers = [%q] lists %d", seed, name, *u.SkuPartNumber, u.AssignedUsers, *u.SkuPartNumber, n)
				}
				// Non-trivial tenants: the generator must give every count something to count.
				if name == "with guests" && (u.DisabledUsers == 0 || u.GuestUsers == 0 || *u.InactiveUsers == 0 || *u.NeverSignedInUsers == 0 ||
					u.UsersWithErrors == 0 || u.GroupUsers == 0 || u.DirectUsers == 0 || u.AssignedUsers == u.DirectUsers) {
					t.Errorf("seed %d: the generated tenant leaves a count of %s at zero: %+v", seed, *u.SkuPartNumber, u)
				}
			}
		}
		server.Close()
	}
}

// TestLicenseUsageWithoutSignInActivity: without sign-in activity the
// holder counts stay and the inactivity counts are unknown; the read selects
// no signInActivity.
func TestLicenseUsageWithoutSignInActivity(t *testing.T) {
	ctx := context.Background()
	now := time.Now().UTC()
	server := fakegraph.Start(fakegraph.GenerateLicenceUsageTenant(3, 200, now))
	defer server.Close()
	client := rosterClient(t, server)
	with, err := inventory.LicenseUsage(ctx, client, inventory.LicenseUsageFilter{
		Users: inventory.UserFilter{IncludeGuests: true, SignInActivity: true}, InactiveBefore: inventory.InactiveBefore(now, 30)})
	if err != nil {
		t.Fatal(err)
	}
	before := len(server.Requests())
	without, err := inventory.LicenseUsage(ctx, client, inventory.LicenseUsageFilter{Users: inventory.UserFilter{IncludeGuests: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range server.Requests()[before:] {
		if strings.Contains(r.RawQuery, "signInActivity") {
			t.Errorf("read without sign-in activity selected it: %s?%s", r.Path, r.RawQuery)
		}
	}
	for i := range without {
		w, o := with[i], without[i]
		if o.InactiveUsers != nil || o.NeverSignedInUsers != nil || o.ReclaimableUsers != nil {
			t.Errorf("%s: inactivity counts without sign-in activity: %+v", o.SkuID, o)
		}
		if usageString(w) != usageString(o) {
			t.Errorf("row %d differs without sign-in activity:\n with    %s\n without %s", i, usageString(w), usageString(o))
		}
	}
}

// TestInactivityFiltersEqualFilteringTheRows: inactive_days and
// account_enabled give what filtering the unfiltered rows by the same rule
// gives, on users and on seats.
func TestInactivityFiltersEqualFilteringTheRows(t *testing.T) {
	ctx := context.Background()
	now := time.Now().UTC()
	for _, seed := range licenceUsageSeeds(t) {
		server := fakegraph.Start(fakegraph.GenerateLicenceUsageTenant(seed, 300, now))
		client := rosterClient(t, server)
		for _, days := range []int64{7, 30, 90, 180} {
			cutoff := inventory.InactiveBefore(now, days)
			idle := func(last *time.Time) bool { return last == nil || last.Before(cutoff) }
			for name, users := range userFilters {
				everyone := users
				everyone.SignInActivity = true
				people, err := inventory.HRRoster(ctx, client, everyone)
				if err != nil {
					t.Fatal(err)
				}
				filtered := users
				filtered.InactiveBefore = cutoff
				got, err := inventory.HRRoster(ctx, client, filtered)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for _, p := range people {
					if idle(p.LastSuccessfulSignIn) {
						want = append(want, p.ID)
					}
				}
				if ids := personIDs(got); strings.Join(ids, ",") != strings.Join(want, ",") {
					t.Errorf("seed %d, %d days, %s: users %d, filtering the roster gives %d", seed, days, name, len(ids), len(want))
				}
				if name == "with guests" && (len(want) == 0 || len(want) == len(people)) {
					t.Errorf("seed %d, %d days, %s: the filter keeps %d of %d users: nothing to tell apart", seed, days, name, len(want), len(people))
				}

				seats, err := inventory.LicenseAssignments(ctx, client, inventory.LicenseFilter{Users: everyone, SignInActivity: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, enabled := range []*bool{nil, fakegraph.Ptr(true), fakegraph.Ptr(false)} {
					f := inventory.LicenseFilter{Users: users}
					f.Users.InactiveBefore, f.Users.AccountEnabled = cutoff, enabled
					got, err := inventory.LicenseAssignments(ctx, client, f)
					if err != nil {
						t.Fatal(err)
					}
					var want []string
					for _, a := range seats {
						if idle(a.LastSuccessfulSignIn) && (enabled == nil || (a.AccountEnabled != nil && *a.AccountEnabled == *enabled)) {
							want = append(want, a.UserID+"/"+a.SkuID)
						}
					}
					if ids := seatIDs(got); strings.Join(ids, ",") != strings.Join(want, ",") {
						t.Errorf("seed %d, %d days, %s, account_enabled %v: %d seats, filtering the seat list gives %d", seed, days, name, enabled, len(ids), len(want))
					}
				}
			}
		}
		server.Close()
	}
}

func personIDs(people []inventory.Person) []string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	return ids
}

func seatIDs(seats []inventory.LicenseAssignment) []string {
	ids := make([]string, len(seats))
	for i, a := range seats {
		ids[i] = a.UserID + "/" + a.SkuID
	}
	return ids
}

// usageString is a row with its pointers followed, without the inactivity
// counts.
func usageString(u inventory.SkuUsage) string {
	deref := func(p *int64) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprint(*p)
	}
	part := "null"
	if u.SkuPartNumber != nil {
		part = *u.SkuPartNumber
	}
	return fmt.Sprintf("%s %s units %s/%s/%s users %d direct %d group %d errors %d disabled %d guests %d", u.SkuID, part,
		deref(u.Enabled), deref(u.Consumed), deref(u.Available),
		u.AssignedUsers, u.DirectUsers, u.GroupUsers, u.UsersWithErrors, u.DisabledUsers, u.GuestUsers)
}
