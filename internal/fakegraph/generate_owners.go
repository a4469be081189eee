package fakegraph

import (
	"math/rand/v2"
	"strings"
)

// AddGeneratedOwners gives the service principals of a generated tenant
// owners drawn from its users and its other service principals, for
// benchmarks and tests: Microsoft's first-party apps and managed identities
// have none; of the others about 25% have none, 60% one to three, 14% four
// to nineteen, 0.5% exactly twenty and 0.5% twenty-one to forty, so that a
// read with $expand=owners meets sets it may not carry whole (rare in a
// real tenant, where few apps have that many owners). About 10% of the owned apps own
// themselves too. The same seed and tenant give the same owners.
func AddGeneratedOwners(t *Tenant, seed int64) {
	if len(t.Users) == 0 {
		return
	}
	for i := range t.ServicePrincipals {
		sp := &t.ServicePrincipals[i]
		if ownerless(sp) {
			sp.Owners = nil
			continue
		}
		rng := rand.New(rand.NewPCG(uint64(seed)^0x0e4e, uint64(i)+1))
		var n int
		switch p := rng.Float64(); {
		case p < 0.25:
			n = 0
		case p < 0.85:
			n = 1 + rng.IntN(3)
		case p < 0.99:
			n = 4 + rng.IntN(16)
		case p < 0.995:
			n = 20
		default:
			n = 21 + rng.IntN(20)
		}
		owners := make([]string, 0, n+1)
		for _, u := range distinctInts(rng, len(t.Users), min(n, len(t.Users))) {
			owners = append(owners, t.Users[u].ID)
		}
		if n > 0 && rng.Float64() < 0.10 {
			owners = append(owners, sp.ID)
		}
		sp.Owners = owners
	}
}

// ownerless: Microsoft's own apps and managed identities have no owners in
// a tenant.
func ownerless(sp *ServicePrincipal) bool {
	if sp.ServicePrincipalType != nil && *sp.ServicePrincipalType == "ManagedIdentity" {
		return true
	}
	if sp.AppOwnerOrganizationID == nil {
		return false
	}
	owner := strings.ToLower(*sp.AppOwnerOrganizationID)
	return owner == MicrosoftServicesTenantID || owner == MicrosoftCorporateTenantID
}
