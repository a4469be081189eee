package graph

import (
	"context"
	"fmt"
)

// Organization is the tenant, as GET /v1.0/organization returns it.
type Organization struct {
	ID              string
	DisplayName     *string
	VerifiedDomains []VerifiedDomain
}

// VerifiedDomain is a domain verified in the tenant. Capabilities is Graph's
// comma-separated string, e.g. "Email, OfficeCommunicationsOnline".
type VerifiedDomain struct {
	Name         string `json:"name"`
	IsDefault    bool   `json:"isDefault"`
	IsInitial    bool   `json:"isInitial"`
	Type         string `json:"type"`
	Capabilities string `json:"capabilities"`
}

const permissionOrganizationReadAll = "Organization.Read.All"

var organizationFields = []string{"id", "displayName", "verifiedDomains"}

// GetOrganization returns the tenant the client signs in to. Graph answers
// with a collection that must hold exactly one organization. Needs
// Organization.Read.All.
func (c *Client) GetOrganization(ctx context.Context) (Organization, error) {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/organization", query: selectQuery(organizationFields, 0), permission: permissionOrganizationReadAll}
	var orgs []Organization
	err := listAll(ctx, c, lr, func(w organizationWire) error {
		orgs = append(orgs, Organization(w))
		return nil
	})
	if err != nil {
		return Organization{}, err
	}
	if len(orgs) != 1 {
		return Organization{}, fmt.Errorf("graph: GET %s returned %d organizations, expected exactly one (the tenant): check graph_endpoint", lr.path, len(orgs))
	}
	return orgs[0], nil
}

type organizationWire struct {
	ID              string           `json:"id"`
	DisplayName     *string          `json:"displayName"`
	VerifiedDomains []VerifiedDomain `json:"verifiedDomains"`
}
