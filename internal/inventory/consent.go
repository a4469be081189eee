package inventory

import (
	"context"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// GrantReader reads delegated permission grants and the service principals
// they name; *graph.Client is one.
type GrantReader interface {
	ListOAuth2PermissionGrants(ctx context.Context, clientID string, each func(graph.OAuth2PermissionGrant) error) error
	ListServicePrincipalBriefs(ctx context.Context, ids []string, each func(graph.ServicePrincipalBrief) error) error
	CountServicePrincipals(ctx context.Context) (int, error)
}

// Consent types of a grant.
const (
	ConsentAllPrincipals = "AllPrincipals" // an admin consented for everyone
	ConsentPrincipal     = "Principal"     // one user consented for themselves
)

// Grant is one delegated permission grant with its client's and resource's
// names. The names are nil when the tenant no longer has the service
// principal (a grant may outlive it) or Graph sends none.
type Grant struct {
	ID                  string
	ClientID            string // the client service principal's object id
	ClientAppID         *string
	ClientDisplayName   *string
	ResourceID          string
	ResourceDisplayName *string
	ConsentType         *string
	PrincipalID         *string  // nil for AllPrincipals grants
	Scopes              []string // SplitScopes of scope
}

// servicePrincipalPageSize is how many service principals one page of the
// whole list carries ($top=999).
const servicePrincipalPageSize = 999

// PermissionGrants reads the tenant's delegated permission grants (only the
// client service principal clientID's when it is not empty) with the names
// of their clients and resources, sorted by client display name
// (case-insensitive), resource display name, consent type, principal id,
// then id. Names are read with as few requests as ResolveServicePrincipals
// can manage, at most maxConcurrency at a time.
func PermissionGrants(ctx context.Context, g GrantReader, clientID string, maxConcurrency int) ([]Grant, error) {
	raw, names, err := readGrants(ctx, g, clientID, maxConcurrency)
	if err != nil {
		return nil, err
	}
	grants := make([]Grant, 0, len(raw))
	for _, r := range raw {
		client, resource := names[strings.ToLower(r.ClientID)], names[strings.ToLower(r.ResourceID)]
		gr := Grant{
			ID: r.ID, ClientID: r.ClientID, ResourceID: r.ResourceID,
			ConsentType: r.ConsentType, PrincipalID: r.PrincipalID, Scopes: SplitScopes(r.Scope),
		}
		if client != nil {
			gr.ClientAppID, gr.ClientDisplayName = &client.AppID, client.DisplayName
		}
		if resource != nil {
			gr.ResourceDisplayName = resource.DisplayName
		}
		grants = append(grants, gr)
	}
	SortGrants(grants)
	return grants, nil
}

// readGrants lists the grants, then the service principals they name, by
// lower-cased id.
func readGrants(ctx context.Context, g GrantReader, clientID string, maxConcurrency int) ([]graph.OAuth2PermissionGrant, map[string]*graph.ServicePrincipalBrief, error) {
	var raw []graph.OAuth2PermissionGrant
	err := g.ListOAuth2PermissionGrants(ctx, clientID, func(gr graph.OAuth2PermissionGrant) error {
		raw = append(raw, gr)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, 2*len(raw))
	for _, r := range raw {
		ids = append(ids, r.ClientID, r.ResourceID)
	}
	names, err := ResolveServicePrincipals(ctx, g, ids, maxConcurrency)
	return raw, names, err
}

// ResolveServicePrincipals reads the service principals ids names, by
// lower-cased id, taking whichever way needs fewer requests: the ids 15 to
// a request ($filter=id in (...)), or every page of the whole list. When
// the ids need more than one batch, the tenant's count (one request,
// GET /servicePrincipals/$count) tells how many pages the whole list takes;
// a tie goes to the batches, which carry less. Ids that are not GUIDs
// cannot be asked for, and ids the tenant does not have are simply not in
// the result. Batches run at most maxConcurrency at a time.
func ResolveServicePrincipals(ctx context.Context, g GrantReader, ids []string, maxConcurrency int) (map[string]*graph.ServicePrincipalBrief, error) {
	wanted := map[string]bool{}
	var unique []string
	for _, id := range ids {
		key := strings.ToLower(id)
		if !wanted[key] && graph.IsGUID(id) {
			unique = append(unique, id)
		}
		wanted[key] = true
	}
	found := make(map[string]*graph.ServicePrincipalBrief, len(unique))
	if len(unique) == 0 {
		return found, nil
	}
	slices.SortFunc(unique, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	batches := (len(unique) + graph.MaxIDsPerFilter - 1) / graph.MaxIDsPerFilter

	var mu sync.Mutex
	// keep records a wanted service principal; a canceled read stops
	// decoding the page it is in.
	keep := func(b graph.ServicePrincipalBrief) error {
		key := strings.ToLower(b.ID)
		if wanted[key] {
			mu.Lock()
			found[key] = &b
			mu.Unlock()
		}
		return ctx.Err()
	}
	if batches > 1 {
		total, err := g.CountServicePrincipals(ctx)
		if err != nil {
			return nil, err
		}
		if pages := max((total+servicePrincipalPageSize-1)/servicePrincipalPageSize, 1); pages < batches {
			if err := g.ListServicePrincipalBriefs(ctx, nil, keep); err != nil {
				return nil, err
			}
			return found, nil
		}
	}
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(max(maxConcurrency, 1))
	for start := 0; start < len(unique); start += graph.MaxIDsPerFilter {
		batch := unique[start:min(start+graph.MaxIDsPerFilter, len(unique))]
		eg.Go(func() error { return g.ListServicePrincipalBriefs(gctx, batch, keep) })
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	return found, nil
}

// SplitScopes splits a grant's space-separated scope into its values:
// without empty items, de-duplicated case-insensitively keeping the first
// spelling, sorted case-insensitively (then by bytes). Never nil.
func SplitScopes(scope *string) []string {
	if scope == nil {
		return []string{}
	}
	return uniqueFold(strings.Fields(*scope))
}

// uniqueFold de-duplicates values case-insensitively, keeping the first
// spelling, and sorts them case-insensitively, then by bytes.
func uniqueFold(values []string) []string {
	seen := make(map[string]bool, len(values))
	out := make([]string, 0, len(values))
	for _, v := range values {
		if key := strings.ToLower(v); !seen[key] {
			seen[key] = true
			out = append(out, v)
		}
	}
	slices.SortFunc(out, compareFold)
	return out
}

// SortGrants orders grants by client display name, resource display name
// (both case-insensitive, a null name first), consent type, principal id,
// then id.
func SortGrants(grants []Grant) {
	type key struct {
		client, resource, consent, principal, id string
		i                                        int
	}
	keys := make([]key, len(grants))
	for i, g := range grants {
		keys[i] = key{
			client: deref(g.ClientDisplayName), resource: deref(g.ResourceDisplayName),
			consent: deref(g.ConsentType), principal: strings.ToLower(deref(g.PrincipalID)), id: g.ID, i: i,
		}
	}
	slices.SortStableFunc(keys, func(a, b key) int {
		if c := compareFold(a.client, b.client); c != 0 {
			return c
		}
		if c := compareFold(a.resource, b.resource); c != 0 {
			return c
		}
		if c := strings.Compare(a.consent, b.consent); c != 0 {
			return c
		}
		if c := strings.Compare(a.principal, b.principal); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	sorted := make([]Grant, len(grants))
	for k, key := range keys {
		sorted[k] = grants[key.i]
	}
	copy(grants, sorted)
}
