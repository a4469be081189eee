package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// GenerateRoster returns a tenant for SSO Application Roster benchmarks, and
// the object ids of its roster applications (in order): apps SaaS
// applications sharing groups groups. Group 0 has exactly membersPerGroup
// direct members, the others between half of it and all of it; every tenth
// group has the group before it as a nested member. Each application is
// assigned three groups, five users directly and, one in twenty, another
// application's service principal; one application in ten is open access.
// The users are GenerateTenant(seed, max(2*membersPerGroup, 100))'s, so the
// same seed and sizes give an identical tenant.
func GenerateRoster(seed int64, apps, groups, membersPerGroup int) (*Tenant, []string) {
	apps, groups, membersPerGroup = max(apps, 0), max(groups, 1), max(membersPerGroup, 1)
	t := GenerateTenant(seed, max(2*membersPerGroup, 100))
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5505))
	n := len(t.Users)

	t.Groups = make([]Group, groups)
	for g := range t.Groups {
		size := membersPerGroup
		if g > 0 {
			size = membersPerGroup/2 + rng.IntN(membersPerGroup-membersPerGroup/2+1)
		}
		size = min(size, n)
		first := rng.IntN(n)
		members := make([]string, 0, size+1)
		for k := 0; k < size; k++ {
			members = append(members, t.Users[(first+k)%n].ID)
		}
		if g%10 == 9 {
			members = append(members, generatedGroupID(g-1))
		}
		t.Groups[g] = Group{ID: generatedGroupID(g), DisplayName: Ptr(fmt.Sprintf("Roster Group %d", g)), Members: members}
	}

	ids := make([]string, apps)
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	created := func() *time.Time {
		v := base.Add(time.Duration(rng.Int64N(6*365*24*3600)) * time.Second)
		return &v
	}
	for i := range ids {
		ids[i] = fmt.Sprintf("5b000000-0000-4000-8000-%012d", i)
		name := fmt.Sprintf("Roster App %d", i)
		t.ServicePrincipals = append(t.ServicePrincipals, ServicePrincipal{
			ID: ids[i], AppID: fmt.Sprintf("b1000000-0000-4000-8000-%012d", i),
			DisplayName: Ptr(name), AppDisplayName: Ptr(name), AccountEnabled: Ptr(true),
			AppRoleAssignmentRequired: i%10 != 9, ServicePrincipalType: Ptr("Application"),
			Tags: []string{TagIntegratedApp}, ReplyURLs: []string{},
		})
		for _, g := range distinctInts(rng, groups, 3) {
			t.AppRoleAssignments = append(t.AppRoleAssignments, AppRoleAssignment{ResourceID: ids[i], PrincipalID: t.Groups[g].ID, CreatedDateTime: created()})
		}
		for _, u := range distinctInts(rng, n, 5) {
			t.AppRoleAssignments = append(t.AppRoleAssignments, AppRoleAssignment{ResourceID: ids[i], PrincipalID: t.Users[u].ID, CreatedDateTime: created()})
		}
		if i%20 == 0 && i > 0 {
			t.AppRoleAssignments = append(t.AppRoleAssignments, AppRoleAssignment{ResourceID: ids[i], PrincipalID: ids[i-1], CreatedDateTime: created()})
		}
	}
	return t, ids
}

func generatedGroupID(g int) string { return fmt.Sprintf("6b100000-0000-4000-8000-%012d", g) }

// distinctInts draws min(k, n) distinct integers in [0, n).
func distinctInts(rng *rand.Rand, n, k int) []int {
	k = min(k, n)
	seen := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		if v := rng.IntN(n); !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
