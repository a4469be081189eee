package inventory

import (
	"context"
	"sort"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// OrganizationReader reads the tenant's organization; *graph.Client is one.
type OrganizationReader interface {
	GetOrganization(ctx context.Context) (graph.Organization, error)
}

// Organization is the tenant with its verified domains sorted by name.
type Organization struct {
	TenantID        string
	DisplayName     *string
	VerifiedDomains []VerifiedDomain
}

// VerifiedDomain is one of the tenant's verified domains.
type VerifiedDomain struct {
	Name    string
	Default bool
	Initial bool
	Type    string
}

// ReadOrganization reads the tenant and sorts its domains by name
// (case-insensitive).
func ReadOrganization(ctx context.Context, org OrganizationReader) (Organization, error) {
	o, err := org.GetOrganization(ctx)
	if err != nil {
		return Organization{}, err
	}
	domains := make([]VerifiedDomain, 0, len(o.VerifiedDomains))
	for _, d := range o.VerifiedDomains {
		domains = append(domains, VerifiedDomain{Name: d.Name, Default: d.IsDefault, Initial: d.IsInitial, Type: d.Type})
	}
	sort.Slice(domains, func(i, j int) bool { return lessFold(domains[i].Name, domains[j].Name, "", "") })
	return Organization{TenantID: o.ID, DisplayName: o.DisplayName, VerifiedDomains: domains}, nil
}
