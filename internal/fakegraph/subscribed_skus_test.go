package fakegraph

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestSubscribedSkus(t *testing.T) {
	demo := startDemo(t)
	resp, body := get(t, demo.URL()+"/v1.0/subscribedSkus", demoToken(t, demo))
	var page struct {
		NextLink *string `json:"@odata.nextLink"`
		Value    []struct {
			ID               string `json:"id"`
			SkuID            string `json:"skuId"`
			SkuPartNumber    string `json:"skuPartNumber"`
			CapabilityStatus string `json:"capabilityStatus"`
			ConsumedUnits    int    `json:"consumedUnits"`
			PrepaidUnits     map[string]int
			ServicePlans     []map[string]string `json:"servicePlans"`
		} `json:"value"`
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	if page.NextLink != nil || len(page.Value) != 3 {
		t.Fatalf("want the demo's 3 SKUs in one page, got %d (nextLink %v)", len(page.Value), page.NextLink)
	}
	e3 := page.Value[0]
	if e3.ID != DemoTenantID+"_"+SkuM365E3 || e3.SkuPartNumber != "SPE_E3" || e3.PrepaidUnits["enabled"] != 30 ||
		e3.ServicePlans[3]["servicePlanId"] != PlanEntraIDP1 || e3.ServicePlans[3]["provisioningStatus"] != "Success" {
		t.Errorf("E3 = %+v", e3)
	}
	if v := page.Value[2]; v.ConsumedUnits <= v.PrepaidUnits["enabled"] {
		t.Errorf("the Visio SKU should be over-assigned: %+v", v)
	}
	if keys := keys(t, body); fmt.Sprint(keys) != "[@odata.context value]" {
		t.Errorf("envelope keys = %v", keys)
	}

	// No $top: the service metadata says it is not supported.
	resp, body = get(t, demo.URL()+"/v1.0/subscribedSkus?$top=5", demoToken(t, demo))
	expectGraphError(t, resp, body, 400, "BadRequest")

	// LicenseAssignment.Read.All reads it; User.Read.All does not.
	tenant := DemoTenant()
	tenant.Apps = append(tenant.Apps,
		App{ClientID: "00000000-0000-4000-8000-00000000000a", Secrets: []Secret{{Value: "s"}}, Permissions: []string{"LicenseAssignment.Read.All"}},
		App{ClientID: "00000000-0000-4000-8000-00000000000b", Secrets: []Secret{{Value: "s"}}, Permissions: []string{"User.Read.All"}})
	s := startTenant(t, tenant)
	if resp, _ := get(t, s.URL()+"/v1.0/subscribedSkus", token(t, s, "00000000-0000-4000-8000-00000000000a", "s")); resp.StatusCode != 200 {
		t.Errorf("LicenseAssignment.Read.All: %d, want 200", resp.StatusCode)
	}
	resp, body = get(t, s.URL()+"/v1.0/subscribedSkus", token(t, s, "00000000-0000-4000-8000-00000000000b", "s"))
	expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")
}

// The demo SKUs' consumedUnits are written by hand: they must be the number
// of demo users holding each.
func TestDemoConsumedUnitsAreTheHolders(t *testing.T) {
	tenant := DemoTenant()
	for _, sku := range tenant.SubscribedSkus {
		holders := 0
		for i := range tenant.Users {
			if holdsSku(&tenant.Users[i], sku.SkuID) {
				holders++
			}
		}
		if holders != sku.ConsumedUnits {
			t.Errorf("%s: consumedUnits %d, but %d demo users hold it", sku.SkuPartNumber, sku.ConsumedUnits, holders)
		}
	}
}
