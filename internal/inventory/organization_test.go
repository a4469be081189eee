package inventory

import (
	"context"
	"reflect"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

type orgFunc func() (graph.Organization, error)

func (f orgFunc) GetOrganization(context.Context) (graph.Organization, error) { return f() }

func TestReadOrganizationSortsDomains(t *testing.T) {
	org, err := ReadOrganization(context.Background(), orgFunc(func() (graph.Organization, error) {
		return graph.Organization{ID: "t", DisplayName: str("Contoso"), VerifiedDomains: []graph.VerifiedDomain{
			{Name: "contoso.onmicrosoft.example", IsInitial: true, Type: "Managed"},
			{Name: "Beta.example", Type: "Federated"},
			{Name: "alpha.example", IsDefault: true, Type: "Managed"},
		}}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range org.VerifiedDomains {
		names = append(names, d.Name)
	}
	if want := []string{"alpha.example", "Beta.example", "contoso.onmicrosoft.example"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("domains = %v, want %v", names, want)
	}
	if !org.VerifiedDomains[0].Default || !org.VerifiedDomains[2].Initial || org.VerifiedDomains[1].Type != "Federated" {
		t.Fatalf("domain flags lost: %+v", org.VerifiedDomains)
	}
}
