package graph

import "context"

// SubscribedSku is one licence SKU the tenant subscribes to, as
// GET /v1.0/subscribedSkus returns it (graph-reference-2 §1.1). Counts Graph
// sends as null are 0: the service documents them as nullable but a SKU
// always carries them.
type SubscribedSku struct {
	ID               string  `json:"id"` // "<tenant>_<skuId>"
	SkuID            string  `json:"skuId"`
	SkuPartNumber    *string `json:"skuPartNumber"`
	AppliesTo        *string `json:"appliesTo"`        // User or Company
	CapabilityStatus *string `json:"capabilityStatus"` // Enabled, Warning, Suspended, Deleted, LockedOut
	ConsumedUnits    int64   `json:"consumedUnits"`
	PrepaidUnits     struct {
		Enabled   int64 `json:"enabled"`
		Suspended int64 `json:"suspended"`
		Warning   int64 `json:"warning"`
		LockedOut int64 `json:"lockedOut"`
	} `json:"prepaidUnits"`
	ServicePlans []ServicePlanInfo `json:"servicePlans"`
}

// ServicePlanInfo is one service plan of a SKU.
type ServicePlanInfo struct {
	ServicePlanID      string  `json:"servicePlanId"`
	ServicePlanName    *string `json:"servicePlanName"`
	ProvisioningStatus *string `json:"provisioningStatus"` // Success, Disabled, Error, PendingInput, ...
	AppliesTo          *string `json:"appliesTo"`
}

func (s SubscribedSku) objectID() string { return s.ID }

// permissionSubscribedSkus is the least permission that reads /subscribedSkus;
// Organization.Read.All and Directory.Read.All, which the seed's tasks
// already grant, read it too.
const permissionSubscribedSkus = "LicenseAssignment.Read.All (or Organization.Read.All)"

// ListSubscribedSkus returns the tenant's SKUs in Graph's order. It sends no
// query options: Microsoft's page says $select works, the service metadata
// says it does not (graph-reference-2 §1.1), and the whole object is small.
// The collection comes in one page in practice; a nextLink is followed all
// the same.
func (c *Client) ListSubscribedSkus(ctx context.Context) ([]SubscribedSku, error) {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/subscribedSkus", permission: permissionSubscribedSkus}
	var skus []SubscribedSku
	err := listAll(ctx, c, lr, func(s SubscribedSku) error {
		skus = append(skus, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return skus, nil
}
