package inventory

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// licenceSource is a LicenceReader over fixed SKUs and users; it applies
// HoldingSku as Graph would and remembers the options it was asked for.
type licenceSource struct {
	skus  []graph.SubscribedSku
	users []graph.User
	asked []graph.UserListOptions
}

func (s *licenceSource) ListSubscribedSkus(context.Context) ([]graph.SubscribedSku, error) {
	return s.skus, nil
}

func (s *licenceSource) ListUsersWith(_ context.Context, opts graph.UserListOptions, each func(graph.User) error) error {
	s.asked = append(s.asked, opts)
	for _, u := range s.users {
		holds := opts.HoldingSku == ""
		for _, l := range u.AssignedLicenses {
			holds = holds || l.SkuID == opts.HoldingSku
		}
		if holds {
			if err := each(u); err != nil {
				return err
			}
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func testSkus() []graph.SubscribedSku {
	e3 := graph.SubscribedSku{SkuID: "sku-e3", SkuPartNumber: ptr("SPE_E3"), ConsumedUnits: 3,
		ServicePlans: []graph.ServicePlanInfo{{ServicePlanID: "p-teams", ServicePlanName: ptr("TEAMS1")}, {ServicePlanID: "p-exo", ServicePlanName: ptr("EXCHANGE_S_ENTERPRISE")}}}
	e3.PrepaidUnits.Enabled = 2
	visio := graph.SubscribedSku{SkuID: "sku-visio", SkuPartNumber: ptr("VISIOCLIENT")}
	return []graph.SubscribedSku{visio, e3}
}

func TestSubscribedSkusUnitsAndOrder(t *testing.T) {
	got, err := SubscribedSkus(t.Context(), &licenceSource{skus: testSkus()})
	if err != nil {
		t.Fatal(err)
	}
	if *got[0].SkuPartNumber != "SPE_E3" || got[0].Available != -1 || *got[0].ServicePlans[0].Name != "EXCHANGE_S_ENTERPRISE" {
		t.Errorf("got %+v: want SPE_E3 first, available 2-3 = -1, plans by name", got[0])
	}
}

func TestAssignmentPathsErrorsAndPlans(t *testing.T) {
	sku := testSkus()[1]
	groupA, groupB := "g-a", "g-b"
	for _, tc := range []struct {
		name      string
		states    []graph.LicenseAssignmentState
		disabled  []string
		direct    bool
		groups    []string
		errWant   string
		planNames []string
	}{
		{name: "no states: direct", direct: true, groups: []string{}, planNames: []string{}},
		{name: "direct and two groups, repeated", states: []graph.LicenseAssignmentState{
			{SkuID: "sku-e3", AssignedByGroup: &groupB, Error: ptr("CountViolation")},
			{SkuID: "sku-e3", Error: ptr("None")},
			{SkuID: "sku-e3", AssignedByGroup: &groupA, Error: ptr("MutuallyExclusiveViolation")},
			{SkuID: "sku-e3", AssignedByGroup: &groupB},
			{SkuID: "other", Error: ptr("Other")},
		}, direct: true, groups: []string{"g-a", "g-b"}, errWant: "MutuallyExclusiveViolation", planNames: []string{}},
		{name: "direct error first", states: []graph.LicenseAssignmentState{
			{SkuID: "sku-e3", AssignedByGroup: &groupA, Error: ptr("CountViolation")},
			{SkuID: "sku-e3", Error: ptr("DependencyViolation")},
		}, direct: true, groups: []string{"g-a"}, errWant: "DependencyViolation", planNames: []string{}},
		{name: "group only, plans named, unknown id kept", states: []graph.LicenseAssignmentState{
			{SkuID: "SKU-E3", AssignedByGroup: &groupA},
		}, disabled: []string{"p-teams", "zz-unknown", "p-exo"}, groups: []string{"g-a"},
			planNames: []string{"EXCHANGE_S_ENTERPRISE", "TEAMS1", "zz-unknown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := graph.User{ID: "u", LicenseAssignmentStates: tc.states}
			a := assignmentFrom(u, graph.AssignedLicense{SkuID: "sku-e3", DisabledPlans: tc.disabled}, &sku)
			gotErr := ""
			if a.AssignmentError != nil {
				gotErr = *a.AssignmentError
			}
			if a.AssignedDirectly != tc.direct || !reflect.DeepEqual(a.AssignedByGroups, tc.groups) || gotErr != tc.errWant ||
				!reflect.DeepEqual(a.DisabledPlans, tc.planNames) {
				t.Errorf("got direct=%v groups=%v error=%q plans=%v", a.AssignedDirectly, a.AssignedByGroups, gotErr, a.DisabledPlans)
			}
		})
	}
}

func TestLicenseAssignmentsFilterPushDownAndOrder(t *testing.T) {
	last := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	lic := func(ids ...string) []graph.AssignedLicense {
		var out []graph.AssignedLicense
		for _, id := range ids {
			out = append(out, graph.AssignedLicense{SkuID: id})
		}
		return out
	}
	src := &licenceSource{skus: testSkus(), users: []graph.User{
		{ID: "u2", UserPrincipalName: ptr("b@contoso.example"), UserType: ptr("Member"), AssignedLicenses: lic("sku-e3", "sku-gone")},
		{ID: "u1", UserPrincipalName: ptr("A@contoso.example"), UserType: ptr("Member"), AssignedLicenses: lic("sku-visio", "sku-e3"),
			SignInActivity: &graph.SignInActivity{LastSuccessfulSignIn: &last}},
		{ID: "u3", UserPrincipalName: ptr("g@guest.example"), UserType: ptr("Guest"), AssignedLicenses: lic("sku-e3")},
		{ID: "u4", UserPrincipalName: ptr("none@contoso.example")},
	}}
	got, err := LicenseAssignments(t.Context(), src, LicenseFilter{SignInActivity: true})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, a := range got {
		order = append(order, deref(a.SkuPartNumber)+"/"+a.UserID)
	}
	// The unsubscribed SKU (part number null) sorts first; no guest without
	// include_guests; users without licences do not appear.
	if strings.Join(order, ",") != "/u2,SPE_E3/u1,SPE_E3/u2,VISIOCLIENT/u1" {
		t.Errorf("order = %v", order)
	}
	if got[1].LastSuccessfulSignIn == nil || !got[1].LastSuccessfulSignIn.Equal(last) || !src.asked[0].SignInActivity || src.asked[0].HoldingSku != "" {
		t.Errorf("sign-in activity or options: %+v, %+v", got[1], src.asked)
	}

	// One SKU named in other case: pushed down to Graph.
	src.asked = nil
	got, err = LicenseAssignments(t.Context(), src, LicenseFilter{SkuPartNumbers: []string{"visioclient"}, Users: UserFilter{IncludeGuests: true}})
	if err != nil || len(got) != 1 || got[0].UserID != "u1" || src.asked[0].HoldingSku != "sku-visio" {
		t.Errorf("one SKU: %+v, asked %+v, err %v", got, src.asked, err)
	}
	// Two SKUs: read everyone, keep both.
	src.asked = nil
	got, _ = LicenseAssignments(t.Context(), src, LicenseFilter{SkuPartNumbers: []string{"VISIOCLIENT", "spe_e3"}, Users: UserFilter{IncludeGuests: true}})
	if len(got) != 4 || src.asked[0].HoldingSku != "" {
		t.Errorf("two SKUs: %d entries, asked %+v", len(got), src.asked)
	}

	_, err = LicenseAssignments(t.Context(), src, LicenseFilter{SkuPartNumbers: []string{"SPE_E5", "visioclient"}})
	var unknown *UnknownSkuError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `"SPE_E5"`) || !strings.Contains(err.Error(), "SPE_E3, VISIOCLIENT") {
		t.Errorf("err = %v, want the unknown name and the tenant's SKUs", err)
	}
}
