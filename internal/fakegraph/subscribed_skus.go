package fakegraph

import (
	"encoding/json"
	"net/http"
	"strings"
)

// subscribedSkusPermissions read /subscribedSkus: LicenseAssignment.Read.All
// is the least, the others include it (graph-reference-2 §1.1).
var subscribedSkusPermissions = []string{"LicenseAssignment.Read.All", "Organization.Read.All",
	"Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}

// SubscribedSku is a microsoft.graph.subscribedSku: a licence SKU the tenant
// subscribes to. Pointers model nullable properties.
type SubscribedSku struct {
	SkuID                                  string
	SkuPartNumber                          string
	AppliesTo                              string // User or Company
	CapabilityStatus                       string // Enabled, Warning, Suspended, Deleted, LockedOut
	ConsumedUnits                          int
	Enabled, Suspended, Warning, LockedOut int // prepaidUnits
	ServicePlans                           []ServicePlan
}

// ServicePlan is one servicePlanInfo of a SKU.
type ServicePlan struct {
	ID                 string
	Name               string
	ProvisioningStatus string // Success, Disabled, Error, PendingInput, PendingActivation, PendingProvisioning
	AppliesTo          string
}

// subscribedSkuWire is the JSON Graph sends, in its property order.
type subscribedSkuWire struct {
	AccountID        string            `json:"accountId"`
	AccountName      string            `json:"accountName"`
	AppliesTo        string            `json:"appliesTo"`
	CapabilityStatus string            `json:"capabilityStatus"`
	ConsumedUnits    int               `json:"consumedUnits"`
	ID               string            `json:"id"`
	PrepaidUnits     prepaidUnitsWire  `json:"prepaidUnits"`
	ServicePlans     []servicePlanWire `json:"servicePlans"`
	SkuID            string            `json:"skuId"`
	SkuPartNumber    string            `json:"skuPartNumber"`
	SubscriptionIDs  []string          `json:"subscriptionIds"`
}

type prepaidUnitsWire struct {
	Enabled   int `json:"enabled"`
	LockedOut int `json:"lockedOut"`
	Suspended int `json:"suspended"`
	Warning   int `json:"warning"`
}

type servicePlanWire struct {
	ServicePlanID      string `json:"servicePlanId"`
	ServicePlanName    string `json:"servicePlanName"`
	ProvisioningStatus string `json:"provisioningStatus"`
	AppliesTo          string `json:"appliesTo"`
}

// listSubscribedSkus is GET /v1.0/subscribedSkus: everything in one page,
// never a nextLink (none has been documented or reported). $select is
// accepted, as Microsoft's page says, and ignored, as the service metadata
// suggests; $top, $filter and the rest are refused.
func (c *graphCall) listSubscribedSkus(w http.ResponseWriter) {
	r := c.r
	if _, qerr := parseQuery(r, "$select"); qerr != nil {
		qerr.write(w, r)
		return
	}
	t := c.s.tenant
	b := writeCollectionStart(nil, metadataURL(r)+"subscribedSkus", -1, "")
	for i, sku := range t.SubscribedSkus {
		if i > 0 {
			b = append(b, ',')
		}
		wire := subscribedSkuWire{
			AccountID: t.ID, AccountName: t.DisplayName,
			AppliesTo: sku.AppliesTo, CapabilityStatus: sku.CapabilityStatus, ConsumedUnits: sku.ConsumedUnits,
			ID:           t.ID + "_" + sku.SkuID,
			PrepaidUnits: prepaidUnitsWire{Enabled: sku.Enabled, LockedOut: sku.LockedOut, Suspended: sku.Suspended, Warning: sku.Warning},
			ServicePlans: []servicePlanWire{}, // not nullable: [] when empty
			SkuID:        sku.SkuID, SkuPartNumber: sku.SkuPartNumber,
			SubscriptionIDs: []string{nameGUID("subscription:" + t.ID + ":" + strings.ToLower(sku.SkuID))},
		}
		for _, p := range sku.ServicePlans {
			wire.ServicePlans = append(wire.ServicePlans, servicePlanWire{
				ServicePlanID: p.ID, ServicePlanName: p.Name, ProvisioningStatus: p.ProvisioningStatus, AppliesTo: p.AppliesTo})
		}
		obj, err := json.Marshal(wire)
		if err != nil {
			writeGraphError(w, r, http.StatusInternalServerError, "generalException", "fakegraph could not encode a SKU.")
			return
		}
		b = append(b, obj...)
	}
	setSuccessHeaders(w, 3) // 3 resource units (graph-reference-2 §1.1)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append(b, "]}"...))
}
