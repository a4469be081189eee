package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generatedGroupPrefixes start the generated groups' names.
var generatedGroupPrefixes = []string{"Sales", "Engineering", "Finance", "Project", "Team", "Site", "Ops", "HR"}

// GenerateGroups returns n groups for the group list's benchmarks and chaos
// tenant, without members: 25% Microsoft 365 groups (mail-enabled, Unified,
// one in five of them private), 10% dynamic security groups, 2%
// role-assignable, the rest security groups; one in twenty licenses its
// members (group-based licensing, E3) and one in 97 has members with
// licence errors. Names start with one of
// generatedGroupPrefixes. The same seed and n give the same groups.
func GenerateGroups(seed int64, n int) []Group {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6709))
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	groups := make([]Group, n)
	for i := range groups {
		prefix := generatedGroupPrefixes[rng.IntN(len(generatedGroupPrefixes))]
		g := Group{
			ID:              fmt.Sprintf("6b200000-0000-4000-8000-%012d", i),
			DisplayName:     Ptr(fmt.Sprintf("%s Group %05d", prefix, i)),
			MailEnabled:     Ptr(false),
			SecurityEnabled: Ptr(true),
			GroupTypes:      []string{},
			CreatedDateTime: Ptr(base.Add(time.Duration(rng.IntN(6*365*24)) * time.Hour)),
		}
		switch draw := rng.IntN(100); {
		case draw < 25:
			g.GroupTypes = []string{"Unified"}
			g.MailEnabled, g.SecurityEnabled = Ptr(true), Ptr(false)
			g.Mail = Ptr(fmt.Sprintf("group%05d@generated.example", i))
			g.Visibility = Ptr("Public")
			if draw < 5 {
				g.Visibility = Ptr("Private")
			}
		case draw < 35:
			g.GroupTypes = []string{"DynamicMembership"}
			g.MembershipRule = Ptr(fmt.Sprintf(`(user.department -eq "%s")`, prefix))
			g.MembershipRuleProcessingState = Ptr("On")
		case draw < 37:
			g.IsAssignableToRole = Ptr(true)
			g.Visibility = Ptr("Private")
		}
		if i%20 == 3 {
			g.AssignedLicenses = []string{SkuM365E3}
		}
		g.HasMembersWithLicenseErrors = i%97 == 5
		groups[i] = g
	}
	return groups
}
