package inventory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// SkuLister reads the tenant's SKUs; *graph.Client is one.
type SkuLister interface {
	ListSubscribedSkus(ctx context.Context) ([]graph.SubscribedSku, error)
}

// LicenceReader reads SKUs and users with their licences; *graph.Client is
// one.
type LicenceReader interface {
	SkuLister
	ListUsersWith(ctx context.Context, opts graph.UserListOptions, each func(graph.User) error) error
}

// Sku is one subscribed SKU with its units. Available is Enabled minus
// Consumed: negative when more seats are assigned than bought.
type Sku struct {
	SkuID            string
	SkuPartNumber    *string
	AppliesTo        *string
	CapabilityStatus *string
	Enabled          int64
	Suspended        int64
	Warning          int64
	LockedOut        int64
	Consumed         int64
	Available        int64
	ServicePlans     []ServicePlan // sorted by name (case-insensitive), then id
}

// ServicePlan is one service plan of a SKU.
type ServicePlan struct {
	ID                 string
	Name               *string
	ProvisioningStatus *string
	AppliesTo          *string
}

// SubscribedSkus returns the tenant's SKUs sorted by part number
// (case-insensitive), then SKU id.
func SubscribedSkus(ctx context.Context, skus SkuLister) ([]Sku, error) {
	listed, err := skus.ListSubscribedSkus(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Sku, len(listed))
	for i, s := range listed {
		out[i] = skuFrom(s)
	}
	sortFold(out, func(s *Sku) string { return deref(s.SkuPartNumber) }, func(s *Sku) string { return s.SkuID })
	return out, nil
}

func skuFrom(s graph.SubscribedSku) Sku {
	plans := make([]ServicePlan, len(s.ServicePlans))
	for i, p := range s.ServicePlans {
		plans[i] = ServicePlan{ID: p.ServicePlanID, Name: p.ServicePlanName, ProvisioningStatus: p.ProvisioningStatus, AppliesTo: p.AppliesTo}
	}
	sortFold(plans, func(p *ServicePlan) string { return deref(p.Name) }, func(p *ServicePlan) string { return p.ID })
	u := s.PrepaidUnits
	return Sku{
		SkuID: s.SkuID, SkuPartNumber: s.SkuPartNumber, AppliesTo: s.AppliesTo, CapabilityStatus: s.CapabilityStatus,
		Enabled: u.Enabled, Suspended: u.Suspended, Warning: u.Warning, LockedOut: u.LockedOut,
		Consumed: s.ConsumedUnits, Available: u.Enabled - s.ConsumedUnits,
		ServicePlans: plans,
	}
}

// LicenseFilter selects the seats of a licence read.
type LicenseFilter struct {
	Users UserFilter // domains and guests, as the HR Roster
	// SkuPartNumbers keeps only these SKUs, compared case-insensitively;
	// empty keeps every SKU. A name the tenant does not subscribe to is an
	// UnknownSkuError.
	SkuPartNumbers []string
	// SignInActivity reads each holder's last sign-ins.
	SignInActivity bool
}

// LicenseAssignment is one (user, SKU) the user holds.
type LicenseAssignment struct {
	UserID            string
	UserPrincipalName *string
	Email             *string
	DisplayName       *string
	UserType          *string
	AccountEnabled    *bool
	SkuID             string
	SkuPartNumber     *string // nil when the SKU is no longer subscribed
	AssignedDirectly  bool
	AssignedByGroups  []string // sorted, without repeats; empty when none
	AssignmentError   *string
	DisabledPlans     []string // plan names (unknown ids as the id), sorted; empty when none

	LastSignIn               *time.Time
	LastNonInteractiveSignIn *time.Time
	LastSuccessfulSignIn     *time.Time
}

// UnknownSkuError names the part numbers the tenant does not subscribe to,
// and the ones it does.
type UnknownSkuError struct {
	Unknown []string
	Known   []string // sorted
}

func (e *UnknownSkuError) Error() string {
	known := "none"
	if len(e.Known) > 0 {
		known = strings.Join(e.Known, ", ")
	}
	return fmt.Sprintf("the tenant subscribes to no SKU with the part number %s; its SKUs are: %s",
		strings.Join(quoteAll(e.Unknown), ", "), known)
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// LicenseAssignments reads the SKUs once and the users with their licences
// (only one SKU's holders when the filter names exactly one), and returns
// one entry per (user, SKU) the filter keeps, sorted by part number
// (case-insensitive), email (case-insensitive), user id, then SKU id.
func LicenseAssignments(ctx context.Context, source LicenceReader, f LicenseFilter) ([]LicenseAssignment, error) {
	skus, err := source.ListSubscribedSkus(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*graph.SubscribedSku, len(skus))
	for i := range skus {
		byID[strings.ToLower(skus[i].SkuID)] = &skus[i]
	}
	wanted, err := wantedSkus(skus, f.SkuPartNumbers)
	if err != nil {
		return nil, err
	}
	opts := graph.UserListOptions{Licenses: true, SignInActivity: f.SignInActivity}
	if len(wanted) == 1 {
		for id := range wanted {
			opts.HoldingSku = byID[id].SkuID
		}
	}
	keep := f.Users.keeper()
	var out []LicenseAssignment
	err = source.ListUsersWith(ctx, opts, func(u graph.User) error {
		if !keep(u.UserType, u.UserPrincipalName, u.Mail) {
			return nil
		}
		for _, l := range u.AssignedLicenses {
			id := strings.ToLower(l.SkuID)
			if wanted != nil && !wanted[id] {
				continue
			}
			out = append(out, assignmentFrom(u, l, byID[id]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortAssignments(out)
	return out, nil
}

// wantedSkus is the set of lower-case SKU ids the part numbers name, nil
// for every SKU.
func wantedSkus(skus []graph.SubscribedSku, partNumbers []string) (map[string]bool, error) {
	if len(partNumbers) == 0 {
		return nil, nil
	}
	wanted := map[string]bool{}
	var unknown []string
	for _, name := range partNumbers {
		found := false
		for _, s := range skus {
			if s.SkuPartNumber != nil && strings.EqualFold(*s.SkuPartNumber, strings.TrimSpace(name)) {
				wanted[strings.ToLower(s.SkuID)] = true
				found = true
			}
		}
		if !found {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		var known []string
		for _, s := range skus {
			if s.SkuPartNumber != nil {
				known = append(known, *s.SkuPartNumber)
			}
		}
		sort.Slice(known, func(i, j int) bool { return lessFold(known[i], known[j], "", "") })
		sort.Strings(unknown)
		return nil, &UnknownSkuError{Unknown: unknown, Known: known}
	}
	return wanted, nil
}

// assignmentFrom applies the licence rules to one user's SKU: the paths
// come from licenseAssignmentStates (none listed: assigned directly), the
// error is the first that is not None, the direct path's before the
// groups' in id order, and disabled plans are named through the SKU.
func assignmentFrom(u graph.User, l graph.AssignedLicense, sku *graph.SubscribedSku) LicenseAssignment {
	a := LicenseAssignment{
		UserID: u.ID, UserPrincipalName: u.UserPrincipalName, Email: EmailOf(u.Mail, u.UserPrincipalName),
		DisplayName: u.DisplayName, UserType: u.UserType, AccountEnabled: u.AccountEnabled,
		SkuID: l.SkuID, AssignedByGroups: []string{}, DisabledPlans: planNames(l.DisabledPlans, sku),
	}
	if sku != nil {
		a.SkuPartNumber = sku.SkuPartNumber
	}
	var directErr *string
	groupErrs := map[string]*string{}
	for _, st := range u.LicenseAssignmentStates {
		if !strings.EqualFold(st.SkuID, l.SkuID) {
			continue
		}
		failed := st.Error
		if failed != nil && (*failed == "" || strings.EqualFold(*failed, "None")) {
			failed = nil
		}
		if st.AssignedByGroup == nil || *st.AssignedByGroup == "" {
			a.AssignedDirectly = true
			if directErr == nil {
				directErr = failed
			}
			continue
		}
		g := *st.AssignedByGroup
		if _, seen := groupErrs[g]; !seen {
			a.AssignedByGroups = append(a.AssignedByGroups, g)
			groupErrs[g] = failed
		} else if groupErrs[g] == nil {
			groupErrs[g] = failed
		}
	}
	if !a.AssignedDirectly && len(a.AssignedByGroups) == 0 {
		a.AssignedDirectly = true // no path listed (graph-reference-2 §2: states may miss a licence)
	}
	slices.Sort(a.AssignedByGroups)
	a.AssignmentError = directErr
	for _, g := range a.AssignedByGroups {
		if a.AssignmentError == nil {
			a.AssignmentError = groupErrs[g]
		}
	}
	if act := u.SignInActivity; act != nil {
		a.LastSignIn, a.LastNonInteractiveSignIn, a.LastSuccessfulSignIn = act.LastSignIn, act.LastNonInteractiveSignIn, act.LastSuccessfulSignIn
	}
	return a
}

// planNames names disabled plan ids through the SKU's service plans; an id
// the SKU does not list stays as the id.
func planNames(ids []string, sku *graph.SubscribedSku) []string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		if sku != nil {
			for _, p := range sku.ServicePlans {
				if strings.EqualFold(p.ServicePlanID, id) && p.ServicePlanName != nil {
					name = *p.ServicePlanName
				}
			}
		}
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return lessFold(names[i], names[j], "", "") })
	return names
}

// sortAssignments orders seats as the data source documents: part number
// and email case-insensitively, then user id and SKU id. Spellings that
// differ only in case tie on the name, so the ids decide (a user holds a
// SKU once, so the order is total without the exact bytes).
func sortAssignments(list []LicenseAssignment) {
	type key struct {
		sku, email string
		i          int
	}
	keys := make([]key, len(list))
	for i := range list {
		a := &list[i]
		keys[i] = key{strings.ToLower(deref(a.SkuPartNumber)), strings.ToLower(deref(a.Email)), i}
	}
	slices.SortStableFunc(keys, func(x, y key) int {
		a, b := &list[x.i], &list[y.i]
		return cmp.Or(strings.Compare(x.sku, y.sku), strings.Compare(x.email, y.email),
			strings.Compare(a.UserID, b.UserID), strings.Compare(a.SkuID, b.SkuID))
	})
	sorted := make([]LicenseAssignment, len(list))
	for k, key := range keys {
		sorted[k] = list[key.i]
	}
	copy(list, sorted)
}
