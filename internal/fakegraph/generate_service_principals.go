package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var (
	generatedVendors  = []string{"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Soylent", "Cyberdyne", "Wonka"}
	generatedProducts = []string{"CRM", "Payroll", "Analytics", "Chat", "Docs", "Tickets", "Wiki", "Expenses", "Recruiting", "Backup", "Design", "Boards"}
	generatedSSOModes = []string{"saml", "saml", "saml", "oidc", "oidc", "password", "notSupported", ""}
)

// GenerateServicePrincipals returns n service principals for the tenant
// GenerateTenant(seed, …) makes, for benchmarks and paging tests. The same
// seed and n give identical apps, and app i is the same whatever n is. About
// 20% are Microsoft first-party (both owner tenants), 10% managed
// identities, 35% owned by the tenant; the rest belong to vendor tenants.
// SSO modes, verified publishers, tags, reply URLs, disabled apps and
// assignment requirements vary.
func GenerateServicePrincipals(seed int64, n int) []ServicePrincipal {
	tenantID := randomGUID(rand.New(rand.NewPCG(uint64(seed), 0x7e4a47)), 0) // as GenerateTenant
	sps := make([]ServicePrincipal, max(n, 0))
	for i := range sps {
		sps[i] = generateServicePrincipal(seed, i, tenantID)
	}
	return sps
}

func generateServicePrincipal(seed int64, i int, tenantID string) ServicePrincipal {
	rng := rand.New(rand.NewPCG(uint64(seed)^0x5a5a, uint64(i)+1))
	chance := func(p float64) bool { return rng.Float64() < p }
	pick := func(list []string) string { return list[rng.IntN(len(list))] }

	vendor, product := pick(generatedVendors), pick(generatedProducts)
	name := fmt.Sprintf("%s %s %d", vendor, product, i)
	sp := ServicePrincipal{
		ID:                   randomGUID(rng, i+1),
		AppID:                randomGUID(rng, i+1),
		DisplayName:          Ptr(name),
		AppDisplayName:       Ptr(name),
		AccountEnabled:       Ptr(!chance(0.05)),
		ServicePrincipalType: Ptr("Application"),
		Tags:                 []string{},
		ReplyURLs:            []string{},
	}
	switch p := rng.Float64(); {
	case p < 0.10:
		sp.ServicePrincipalType = Ptr("ManagedIdentity")
		sp.DisplayName = Ptr(fmt.Sprintf("mi-%s-%d", product, i))
		sp.AppDisplayName = nil
		return sp
	case p < 0.20:
		owner := MicrosoftServicesTenantID
		if chance(0.3) {
			owner = MicrosoftCorporateTenantID
		}
		sp.DisplayName = Ptr(fmt.Sprintf("Microsoft %s %d", product, i))
		sp.AppDisplayName = sp.DisplayName
		sp.AppOwnerOrganizationID = Ptr(owner)
		sp.SignInAudience = Ptr("AzureADMultipleOrgs")
	case p < 0.55:
		sp.AppOwnerOrganizationID = Ptr(tenantID)
		sp.SignInAudience = Ptr("AzureADMyOrg")
	default:
		sp.AppOwnerOrganizationID = Ptr(randomGUID(rng, 0))
		sp.SignInAudience = Ptr("AzureADMultipleOrgs")
		if chance(0.3) {
			sp.VerifiedPublisher = VerifiedPublisher{DisplayName: Ptr(vendor + ", Inc."),
				VerifiedPublisherID: Ptr(fmt.Sprint(1000000 + rng.IntN(9000000))), AddedDateTime: ts("2022-03-01T00:00:00Z")}
		}
	}
	if mode := pick(generatedSSOModes); mode != "" {
		sp.PreferredSingleSignOnMode = Ptr(mode)
	}
	if chance(0.7) {
		sp.Tags = append(sp.Tags, TagIntegratedApp)
	}
	if sp.PreferredSingleSignOnMode == nil && chance(0.3) {
		sp.Tags = append(sp.Tags, TagCustomSSO)
	}
	if chance(0.6) {
		sp.ReplyURLs = []string{fmt.Sprintf("https://app%d.%s.example/sso/callback", i, strings.ToLower(vendor))}
	}
	sp.AppRoleAssignmentRequired = chance(0.5)
	return sp
}
