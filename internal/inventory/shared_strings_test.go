package inventory

import (
	"fmt"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

func TestHRRosterSharesRepeatedStrings(t *testing.T) {
	var users []graph.User
	for i := range 6 {
		upn := fmt.Sprintf("u%d@contoso.example", i)
		users = append(users, graph.User{ID: fmt.Sprint(i), UserPrincipalName: &upn, UserType: ptr("Member"),
			Department: ptr([]string{"Sales", "Finance"}[i%2]), JobTitle: ptr("Clerk"), OfficeLocation: ptr("HQ")})
	}
	users[5].Department = nil
	roster, err := HRRoster(t.Context(), fakeUsers(users), UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]*string{}
	for _, p := range roster {
		for field, v := range map[string]*string{"user type": p.UserType, "department": p.Department, "job title": p.JobTitle, "location": p.Location} {
			if v == nil {
				continue
			}
			key := field + "=" + *v
			if seen, ok := first[key]; ok && seen != v {
				t.Errorf("%s of %s is a copy, not the shared value", key, *p.UserPrincipalName)
			} else if !ok {
				first[key] = v
			}
		}
	}
	if roster[5].Department != nil || *roster[1].Department != "Finance" || *roster[0].Department != "Sales" {
		t.Errorf("sharing changed values: %v %v %v", roster[0].Department, roster[1].Department, roster[5].Department)
	}
}

func TestSharedStringsStopsGrowing(t *testing.T) {
	s := sharedStrings{}
	for i := range maxSharedStrings + 10 {
		v := fmt.Sprint(i)
		p := &v
		s.share(&p)
	}
	if len(s) != maxSharedStrings {
		t.Errorf("%d values held, want at most %d", len(s), maxSharedStrings)
	}
}
