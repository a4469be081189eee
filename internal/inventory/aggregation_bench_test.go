package inventory

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// signInSlice serves sign-ins from memory, for the aggregation benchmark.
type signInSlice []graph.SignIn

func (s signInSlice) ListSignIns(_ context.Context, _ graph.SignInQuery, each func(graph.SignIn) error) error {
	for _, si := range s {
		if err := each(si); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkApplicationAccessAggregation aggregates 500,000 sign-ins of
// 2,000 users in 50 applications (no HTTP): the per-sign-in cost of
// SSO Application Access, and its heap (entries grow with user × app pairs,
// not with sign-ins).
//
//	go test ./internal/inventory -run '^$' -bench ApplicationAccessAggregation -benchtime 1x -benchmem
func BenchmarkApplicationAccessAggregation(b *testing.B) {
	zero := int64(0)
	end := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	logs := make(signInSlice, 500_000)
	for i := range logs {
		at := end.Add(-time.Duration(i) * 5 * time.Second)
		user, app := fmt.Sprintf("u%04d", i*7919%2000), fmt.Sprintf("a%02d", i/3%50)
		logs[i] = graph.SignIn{ID: fmt.Sprint(i), CreatedDateTime: &at, UserID: &user, AppID: &app,
			UserPrincipalName: sp(user + "@contoso.example"), AppDisplayName: sp("App " + app), City: sp("Oslo"), ErrorCode: &zero}
	}
	b.ReportAllocs()
	for b.Loop() {
		access, err := ApplicationAccess(context.Background(), logs, nil, AccessQuery{Users: UserFilter{IncludeGuests: true}})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(access)), "entries/op")
	}
}

// BenchmarkBuildRoster applies the roster rules to 500 applications sharing
// 200 groups of 2,500 to 5,000 members (millions of entries), without HTTP,
// with BuildRoster and with the reference implementation it replaced.
//
//	go test ./internal/inventory -run '^$' -bench BuildRoster -benchtime 1x -benchmem
func BenchmarkBuildRoster(b *testing.B) {
	data := RosterData{Assignments: map[string][]graph.AppRoleAssignment{}, GroupMembers: map[string][]graph.DirectoryObject{}}
	const users = 10_000
	for u := range users {
		id := fmt.Sprintf("u%05d", u)
		data.Users = append(data.Users, graph.User{ID: id, UserPrincipalName: sp(id + "@contoso.example"), UserType: sp("Member")})
	}
	for g := range 200 {
		key := fmt.Sprintf("g%03d", g)
		size := 2500 + g*2500/200
		for k := range size {
			u := data.Users[(g*997+k)%users]
			data.GroupMembers[key] = append(data.GroupMembers[key], graph.DirectoryObject{ID: u.ID, Type: graph.TypeUser,
				UserPrincipalName: u.UserPrincipalName, UserType: u.UserType})
		}
	}
	for a := range 500 {
		id := fmt.Sprintf("sp%03d", a)
		data.Apps = append(data.Apps, graph.AppInstance{ID: id, AppID: "app-" + id, DisplayName: sp(fmt.Sprintf("App %d", a)),
			AppRoleAssignmentRequired: a%10 != 9})
		for k := range 3 {
			data.Assignments[id] = append(data.Assignments[id], assigned("Group", fmt.Sprintf("g%03d", (a*7+k*61)%200), day(1+k)))
		}
		for k := range 5 {
			data.Assignments[id] = append(data.Assignments[id], assigned("User", fmt.Sprintf("u%05d", (a*13+k*101)%users), day(5)))
		}
	}
	for _, impl := range []struct {
		name  string
		build func(RosterData, UserFilter, bool) AppRoster
	}{{"interned", BuildRoster}, {"reference", buildRosterReference}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				roster := impl.build(data, UserFilter{IncludeGuests: true}, false)
				b.ReportMetric(float64(len(roster.Entries)), "entries/op")
			}
		})
	}
}
