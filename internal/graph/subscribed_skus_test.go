package graph

import (
	"net/http"
	"strings"
	"testing"
)

func TestListSubscribedSkus(t *testing.T) {
	var requests []string
	g := newFakeGraph(t, nil)
	g.graph = func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.RequestURI())
		if r.URL.Query().Get("$skiptoken") == "" {
			// Graph's envelope; nulls where the CSDL allows them; an extra property.
			writeJSON(w, 200, `{"@odata.context":"x","@odata.nextLink":"`+g.URL+`/v1.0/subscribedSkus?$skiptoken=p2","value":[
				{"accountId":"a","appliesTo":"User","capabilityStatus":"Enabled","consumedUnits":7,"id":"t_sku-1",
				 "prepaidUnits":{"enabled":5,"lockedOut":0,"suspended":1,"warning":2},
				 "servicePlans":[{"servicePlanId":"41781fb2-bc02-4b7c-bd55-b576c07bb09d","servicePlanName":"AAD_PREMIUM","provisioningStatus":"Success","appliesTo":"User"}],
				 "skuId":"sku-1","skuPartNumber":"SPE_E3","subscriptionIds":["s"]}]}`)
			return
		}
		writeJSON(w, 200, `{"value":[{"id":"t_sku-2","skuId":"sku-2","skuPartNumber":null,"appliesTo":null,"capabilityStatus":null,
			"consumedUnits":null,"prepaidUnits":null,"servicePlans":[]}]}`)
	}
	skus, err := g.client(t).ListSubscribedSkus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(requests) != 2 || requests[0] != "/v1.0/subscribedSkus" {
		t.Errorf("requests = %q, want /v1.0/subscribedSkus without query options, then the nextLink", requests)
	}
	if len(skus) != 2 {
		t.Fatalf("got %d SKUs, want 2 (the nextLink must be followed)", len(skus))
	}
	first := skus[0]
	if first.SkuID != "sku-1" || *first.SkuPartNumber != "SPE_E3" || *first.CapabilityStatus != "Enabled" || first.ConsumedUnits != 7 ||
		first.PrepaidUnits.Enabled != 5 || first.PrepaidUnits.Suspended != 1 || first.PrepaidUnits.Warning != 2 ||
		len(first.ServicePlans) != 1 || *first.ServicePlans[0].ServicePlanName != "AAD_PREMIUM" || *first.ServicePlans[0].ProvisioningStatus != "Success" {
		t.Errorf("first SKU = %+v", first)
	}
	second := skus[1]
	if second.SkuPartNumber != nil || second.CapabilityStatus != nil || second.ConsumedUnits != 0 || second.PrepaidUnits.Enabled != 0 {
		t.Errorf("nulls: second SKU = %+v", second)
	}
}

func TestListSubscribedSkusForbiddenNamesThePermission(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
		graphError(w, http.StatusForbidden, "Authorization_RequestDenied", "req-403")
	})
	_, err := g.client(t).ListSubscribedSkus(t.Context())
	if err == nil || !strings.Contains(err.Error(), "LicenseAssignment.Read.All (or Organization.Read.All)") || !strings.Contains(err.Error(), "req-403") {
		t.Fatalf("err = %v", err)
	}
}
