package graph_test

import (
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// Against fakegraph with both signInActivity switches on (the 120 limit
// and a reports-like throttle): the read falls back to 120, survives the
// 429s, and returns every user with the sign-in dates the tenant holds.
func TestSignInActivityAgainstAThrottlingGraphOf120(t *testing.T) {
	tenant := fakegraph.GenerateTenant(7, 1000)
	fakegraph.AddGeneratedLicences(tenant, time.Now().UTC().Truncate(time.Second))
	fake := fakegraph.Start(tenant)
	defer fake.Close()
	fake.SetSignInActivityMaxPageSize(120)
	fake.SetSignInActivityThrottle(3, 300*time.Millisecond)

	c := signInsClient(t, fake, graph.ReportsBudget{Requests: 3, Window: 300 * time.Millisecond, Margin: 50 * time.Millisecond})
	want := map[string]*time.Time{}
	for _, u := range tenant.Users {
		want[u.ID] = nil
		if u.SignInActivity != nil {
			want[u.ID] = u.SignInActivity.LastSuccessfulSignIn
		}
	}
	got := 0
	err := c.ListUsersWith(t.Context(), graph.UserListOptions{Licenses: true, SignInActivity: true}, func(u graph.User) error {
		got++
		w, known := want[u.ID]
		var last *time.Time
		if u.SignInActivity != nil {
			last = u.SignInActivity.LastSuccessfulSignIn
		}
		if !known || (w == nil) != (last == nil) || (w != nil && !w.Equal(*last)) || len(u.AssignedLicenses) != 3 {
			t.Errorf("user %s: last successful sign-in %v, want %v; %d licences", u.ID, last, w, len(u.AssignedLicenses))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(tenant.Users) {
		t.Fatalf("%d users, want %d", got, len(tenant.Users))
	}
	if fake.SignInActivityThrottled() == 0 {
		t.Error("the fake never throttled: the test did not exercise the 429 path")
	}
	tops := map[string]int{}
	for _, r := range fake.Requests() {
		if r.Path == "/v1.0/users" && r.Status == 400 {
			tops["refused"]++
		}
	}
	if tops["refused"] != 1 {
		t.Errorf("%d requests refused with 400, want only the first (500 a page)", tops["refused"])
	}
}
