package fakegraph

import (
	"math/rand/v2"
	"strings"
)

// generatedScopes are the delegated scopes generated grants draw from.
var generatedScopes = []string{"openid", "profile", "email", "offline_access", "User.Read", "User.ReadBasic.All",
	"Mail.Read", "Mail.Send", "Calendars.Read", "Calendars.ReadWrite", "Files.Read", "Files.ReadWrite.All",
	"Sites.Read.All", "Contacts.Read", "Chat.Read", "Tasks.ReadWrite", "Notes.Read.All", "Directory.Read.All"}

// GenerateGrants returns n delegated permission grants among the service
// principals sps, for benchmarks: the clients are clients service
// principals (the first ones of sps), the resources the next resources
// ones; about one grant in ten is an admin's (AllPrincipals), the others
// name one of users. The same arguments give the same grants; grants that
// would repeat a (client, resource, principal) triple are left out, so
// fewer than n may come back when the space is small.
func GenerateGrants(seed int64, sps []ServicePrincipal, users []User, clients, resources, n int) []OAuth2PermissionGrant {
	clients = min(clients, len(sps))
	resources = min(resources, len(sps)-clients)
	if clients == 0 || resources <= 0 || n <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6a4e7))
	seen := make(map[string]bool, n)
	grants := make([]OAuth2PermissionGrant, 0, n)
	for attempts := 0; len(grants) < n && attempts < 4*n; attempts++ {
		// Every client gets grants before any gets a second round.
		client := sps[len(grants)%clients].ID
		resource := sps[clients+rng.IntN(resources)].ID
		g := OAuth2PermissionGrant{ClientID: client, ResourceID: resource, ConsentType: "AllPrincipals"}
		if len(users) > 0 && rng.IntN(10) > 0 {
			g.ConsentType = "Principal"
			g.PrincipalID = Ptr(users[rng.IntN(len(users))].ID)
		}
		key := GrantID(g)
		if seen[key] {
			continue
		}
		seen[key] = true
		scopes := make([]string, 1+rng.IntN(5))
		for i := range scopes {
			scopes[i] = generatedScopes[rng.IntN(len(generatedScopes))]
		}
		g.Scope = strings.Join(scopes, " ")
		grants = append(grants, g)
	}
	return grants
}
