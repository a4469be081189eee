package fakegraph

import "time"

// AddGeneratedRoleAssignments gives a generated tenant n directory role
// assignments over the built-in roles, one per user from the first (so n
// must not exceed the users): every third eligible, every seventh
// time-bound, every eleventh active one an activation, every 13th scoped
// to an administrative unit. Times are relative to now.
func AddGeneratedRoleAssignments(t *Tenant, n int, now time.Time) {
	n = min(n, len(t.Users))
	t.RoleAssignments = make([]RoleAssignment, 0, n)
	start := now.Add(-24 * time.Hour).UTC().Truncate(time.Second)
	end := now.Add(30 * 24 * time.Hour).UTC().Truncate(time.Second)
	for i := 0; i < n; i++ {
		a := RoleAssignment{RoleDefinitionID: builtInRoles[i%len(builtInRoles)][1], PrincipalID: t.Users[i].ID, Eligible: i%3 == 0}
		if i%7 == 0 {
			a.Start, a.End = &start, &end
		}
		if !a.Eligible && i%11 == 0 {
			a.Activated, a.Start, a.End = true, &start, &end
		}
		if i%13 == 0 {
			a.DirectoryScopeID = "/administrativeUnits/7a000000-0000-4000-8000-000000000002"
		}
		t.RoleAssignments = append(t.RoleAssignments, a)
	}
}
