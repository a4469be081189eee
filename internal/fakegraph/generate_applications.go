package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generatedCredentialBase is the date generated credentials are spread
// around: fixed, so that generated tenants stay deterministic.
var generatedCredentialBase = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// GenerateApplications returns n app registrations for benchmarks and
// paging tests, owned by some of ownerIDs (object ids of the tenant's users
// or service principals). The same seed, n and owners give identical
// registrations, and registration i is the same whatever n is. About 10%
// have no owner, 2% more than 20 (Graph's $expand cap), the rest one to
// three; most have one to three secrets or certificates, ending from two
// years before generatedCredentialBase to three years after it; 5% are
// agentIdentityBlueprint items and 5% have a verified publisher.
func GenerateApplications(seed int64, n int, ownerIDs []string) []Application {
	apps := make([]Application, max(n, 0))
	for i := range apps {
		apps[i] = generateApplication(seed, i, ownerIDs)
	}
	return apps
}

func generateApplication(seed int64, i int, ownerIDs []string) Application {
	rng := rand.New(rand.NewPCG(uint64(seed)^0xa991, uint64(i)+1))
	chance := func(p float64) bool { return rng.Float64() < p }
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	created := generatedCredentialBase.AddDate(-3, 0, rng.IntN(1000))
	name := fmt.Sprintf("%s-%s-%d", pick(generatedProducts), pick([]string{"api", "web", "worker", "sync", "bot"}), i)
	a := Application{
		ID:                randomGUID(rng, i+1),
		AppID:             randomGUID(rng, i+1),
		DisplayName:       Ptr(name),
		CreatedDateTime:   Ptr(created),
		SignInAudience:    Ptr(pick([]string{"AzureADMyOrg", "AzureADMyOrg", "AzureADMultipleOrgs", "AzureADandPersonalMicrosoftAccount"})),
		PublisherDomain:   Ptr("contoso.example"),
		VerifiedPublisher: VerifiedPublisher{},
	}
	if chance(0.05) {
		a.ODataType = "#microsoft.graph.agentIdentityBlueprint"
	}
	if chance(0.05) {
		a.VerifiedPublisher = VerifiedPublisher{DisplayName: Ptr("Contoso Ltd"), VerifiedPublisherID: Ptr("1234567"),
			AddedDateTime: Ptr(created.AddDate(0, 1, 0))}
	}
	end := func() *time.Time {
		switch {
		case chance(0.03):
			return nil // Graph's CSDL allows it (graph-reference-3 §2.3)
		default:
			return Ptr(generatedCredentialBase.AddDate(0, 0, rng.IntN(365*5)-365*2))
		}
	}
	for j := range rng.IntN(3) {
		a.PasswordCredentials = append(a.PasswordCredentials, PasswordCredential{
			KeyID: randomGUID(rng, i*10+j+1), DisplayName: Ptr(fmt.Sprintf("secret-%d", j)), Hint: Ptr("Gx" + string(rune('a'+j))),
			StartDateTime: Ptr(created), EndDateTime: end(),
		})
	}
	for j := range rng.IntN(2) {
		thumb := make([]byte, 20)
		for k := range thumb {
			thumb[k] = byte(rng.IntN(256))
		}
		a.KeyCredentials = append(a.KeyCredentials, KeyCredential{
			KeyID: randomGUID(rng, i*10+j+5), Type: "AsymmetricX509Cert", Usage: "Verify", CustomKeyIdentifier: thumb,
			DisplayName: Ptr("CN=" + name), StartDateTime: Ptr(created), EndDateTime: end(),
		})
	}
	if len(ownerIDs) > 0 {
		owners := 1 + rng.IntN(3)
		switch p := rng.Float64(); {
		case p < 0.10:
			owners = 0
		case p < 0.12:
			owners = 21 + rng.IntN(10)
		}
		seen := map[string]bool{}
		for range min(owners, len(ownerIDs)) * 2 {
			if len(a.Owners) == owners {
				break
			}
			if id := pick(ownerIDs); !seen[id] {
				seen[id] = true
				a.Owners = append(a.Owners, id)
			}
		}
	}
	return a
}
