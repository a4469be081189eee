package inventory

import (
	"context"
	"slices"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// RegistrationDetailsLister streams the authentication methods registration
// report; *graph.Client is one.
type RegistrationDetailsLister interface {
	ListUserRegistrationDetails(ctx context.Context, q graph.RegistrationDetailsQuery, each func(graph.UserRegistrationDetails) error) error
}

// RegistrationFilter selects rows of the registration report.
type RegistrationFilter struct {
	// DomainNames and IncludeGuests are the users rules, on the row's
	// userPrincipalName (the report has no mail) and userType.
	DomainNames   []string
	IncludeGuests bool
	// MfaRegistered, when set, keeps the rows whose isMfaRegistered equals
	// it; Graph is asked for those only.
	MfaRegistered *bool
	// AdminsOnly keeps the rows whose isAdmin is true. Graph documents no
	// $filter on isAdmin, so it is applied here.
	AdminsOnly bool
}

// UserRegistrations reads the registration report and returns the rows the
// filter keeps, their lists sorted, sorted by user principal name
// (case-insensitive) then id. A null isAdmin is not an admin.
func UserRegistrations(ctx context.Context, report RegistrationDetailsLister, f RegistrationFilter) ([]graph.UserRegistrationDetails, error) {
	keep := UserFilter{DomainNames: f.DomainNames, IncludeGuests: f.IncludeGuests}.keeper()
	var rows []graph.UserRegistrationDetails
	shared := sharedStrings{}
	err := report.ListUserRegistrationDetails(ctx, graph.RegistrationDetailsQuery{MfaRegistered: f.MfaRegistered}, func(d graph.UserRegistrationDetails) error {
		if !keep(d.UserType, d.UserPrincipalName, nil) {
			return nil
		}
		if f.MfaRegistered != nil && (d.IsMfaRegistered == nil || *d.IsMfaRegistered != *f.MfaRegistered) {
			return nil
		}
		if f.AdminsOnly && (d.IsAdmin == nil || !*d.IsAdmin) {
			return nil
		}
		d.MethodsRegistered = sortedStrings(d.MethodsRegistered)
		d.SystemPreferredAuthenticationMethods = sortedStrings(d.SystemPreferredAuthenticationMethods)
		shared.share(&d.UserType, &d.UserPreferredMethodForSecondaryAuthentication)
		rows = append(rows, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortFold(rows, func(d *graph.UserRegistrationDetails) string { return deref(d.UserPrincipalName) },
		func(d *graph.UserRegistrationDetails) string { return d.ID })
	return rows, nil
}

// sortedStrings sorts list in place and returns it; nil (Graph sent null
// or left the list out) stays nil, which is null in Terraform.
func sortedStrings(list []string) []string {
	slices.Sort(list)
	return list
}
