package inventory

import (
	"context"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// LicenseUsageFilter selects the holders a licence usage counts.
type LicenseUsageFilter struct {
	// Users are the domain and guest rules, as for the seat list. Its
	// SignInActivity reads the holders' last sign-ins, without which the
	// inactivity counts are unknown (nil).
	Users UserFilter
	// InactiveBefore is the cutoff of the inactive and reclaimable counts
	// (see InactiveBefore); used only with Users.SignInActivity.
	InactiveBefore time.Time
}

// SkuUsage is one SKU's licence-reclamation numbers: counts of distinct
// holders that pass the filter. Each equals the number of seats
// LicenseAssignments returns for that SKU with the same user rules and the
// matching filter (see the fields).
type SkuUsage struct {
	SkuID         string
	SkuPartNumber *string // nil when the tenant no longer subscribes to the SKU
	// Enabled, Consumed and Available are the subscription's units (as
	// SubscribedSkus); nil for a SKU users hold but the tenant no longer
	// subscribes to.
	Enabled, Consumed, Available *int64

	AssignedUsers   int64 // every seat
	DirectUsers     int64 // seats with AssignedDirectly
	GroupUsers      int64 // seats with at least one AssignedByGroups
	UsersWithErrors int64 // seats with an AssignmentError
	DisabledUsers   int64 // seats with the filter AccountEnabled = false
	GuestUsers      int64 // seats whose UserType is Guest

	// With sign-in activity only; nil without.
	InactiveUsers      *int64 // seats with the filter InactiveBefore
	NeverSignedInUsers *int64 // seats whose holder has no successful sign-in
	ReclaimableUsers   *int64 // disabled or inactive, each holder once
}

// LicenseUsage reads what LicenseAssignments reads (the SKUs once, then the
// users with their licences) and returns one row per SKU: every subscribed
// SKU, with zeros when no one the filter keeps holds it, and every SKU held
// but no longer subscribed. Sorted as SubscribedSkus. It keeps a handful of
// counters per SKU and nothing per user: the listing delivers each user
// once (the pager drops repeated ids) and readSeats each SKU once per user,
// so counting a seat is counting a distinct holder.
func LicenseUsage(ctx context.Context, source LicenceReader, f LicenseUsageFilter) ([]SkuUsage, error) {
	withActivity := f.Users.SignInActivity
	seatFilter := LicenseFilter{Users: f.Users, SignInActivity: withActivity}
	seatFilter.Users.AccountEnabled, seatFilter.Users.InactiveBefore = nil, time.Time{}
	rows := map[string]*SkuUsage{}
	row := func(skuID string) *SkuUsage {
		key := strings.ToLower(skuID)
		r := rows[key]
		if r == nil {
			r = &SkuUsage{SkuID: skuID}
			if withActivity {
				r.InactiveUsers, r.NeverSignedInUsers, r.ReclaimableUsers = new(int64), new(int64), new(int64)
			}
			rows[key] = r
		}
		return r
	}
	skus, err := readSeats(ctx, source, seatFilter, func(u *graph.User, l graph.AssignedLicense, sku *graph.SubscribedSku) {
		r := row(l.SkuID)
		seat := assignmentFrom(*u, l, sku)
		r.AssignedUsers++
		r.DirectUsers += countIf(seat.AssignedDirectly)
		r.GroupUsers += countIf(len(seat.AssignedByGroups) > 0)
		r.UsersWithErrors += countIf(seat.AssignmentError != nil)
		disabled := enabledMatches(&accountDisabled, u.AccountEnabled)
		r.DisabledUsers += countIf(disabled)
		r.GuestUsers += countIf(isGuest(u.UserType))
		if withActivity {
			idle := inactive(f.InactiveBefore, u.SignInActivity)
			*r.InactiveUsers += countIf(idle)
			*r.NeverSignedInUsers += countIf(neverSignedIn(u.SignInActivity))
			*r.ReclaimableUsers += countIf(disabled || idle)
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]SkuUsage, 0, max(len(skus), len(rows)))
	for i := range skus {
		s := skuFrom(skus[i])
		r := row(s.SkuID)
		r.SkuPartNumber = s.SkuPartNumber
		r.Enabled, r.Consumed, r.Available = &s.Enabled, &s.Consumed, &s.Available
		out = append(out, *r)
		delete(rows, strings.ToLower(s.SkuID))
	}
	for _, r := range rows { // held, no longer subscribed
		out = append(out, *r)
	}
	sortFold(out, func(u *SkuUsage) string { return deref(u.SkuPartNumber) }, func(u *SkuUsage) string { return u.SkuID })
	return out, nil
}

var accountDisabled = false

func countIf(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
