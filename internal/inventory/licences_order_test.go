package inventory

import (
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// TestLicenseAssignmentsOrderFoldsCaseThenIDs holds the seats to the
// documented order: sku_part_number and email compared case-insensitively,
// then user_id, then sku_id. Names that differ only in case tie, so the ids
// decide and never the spelling.
func TestLicenseAssignmentsOrderFoldsCaseThenIDs(t *testing.T) {
	skus := []graph.SubscribedSku{
		{SkuID: "sku-2", SkuPartNumber: ptr("ABC")},
		{SkuID: "sku-1", SkuPartNumber: ptr("abc")},
	}
	src := &licenceSource{skus: skus, users: []graph.User{
		{ID: "u2", UserPrincipalName: ptr("A@x.com"), UserType: ptr("Member"), AssignedLicenses: []graph.AssignedLicense{{SkuID: "sku-2"}}},
		{ID: "u1", UserPrincipalName: ptr("a@x.com"), UserType: ptr("Member"), AssignedLicenses: []graph.AssignedLicense{{SkuID: "sku-2"}, {SkuID: "sku-1"}}},
	}}
	got, err := LicenseAssignments(t.Context(), src, LicenseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, a := range got {
		order = append(order, a.UserID+"/"+a.SkuID)
	}
	if want := "u1/sku-1,u1/sku-2,u2/sku-2"; strings.Join(order, ",") != want {
		t.Errorf("order = %v, want %s", order, want)
	}
}
