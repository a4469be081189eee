package inventory

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// AppOwner is one owner of a service principal or an app registration: whom
// to ask about the app. UserPrincipalName is nil for non-users, and
// DisplayName and UserPrincipalName are nil for a user the application may
// not read (no user-read permission).
type AppOwner struct {
	ID                string
	Type              string // "user", "servicePrincipal", or a newer type as Graph names it
	DisplayName       *string
	UserPrincipalName *string
}

// OwnersReader reads one object's owners; *graph.Client is one.
type OwnersReader interface {
	ListOwners(ctx context.Context, collection graph.OwnerCollection, id string, each func(graph.Owner) error) error
}

// ResolveOwners returns the owners of every object of sets (keyed by object
// id, as the list read them with $expand=owners): the expanded set when it is
// whole, else the object's own /owners, read at most maxConcurrency at a
// time. Each list is sorted (SortAppOwners) and never nil: an object without
// owners has an empty list. Any failed read fails the whole result.
func ResolveOwners(ctx context.Context, g OwnersReader, collection graph.OwnerCollection, sets map[string]graph.OwnerSet, maxConcurrency int) (map[string][]AppOwner, error) {
	out := make(map[string][]AppOwner, len(sets))
	var reread []string
	for id, set := range sets {
		if set.MayBeIncomplete() {
			reread = append(reread, id)
			continue
		}
		out[id] = appOwnersFrom(set.Owners)
	}
	var mu sync.Mutex
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(max(maxConcurrency, 1))
	for _, id := range reread {
		eg.Go(func() error {
			var owners []graph.Owner
			err := g.ListOwners(gctx, collection, id, func(o graph.Owner) error {
				owners = append(owners, o)
				return nil
			})
			if err != nil {
				return err
			}
			list := appOwnersFrom(owners)
			mu.Lock()
			out[id] = list
			mu.Unlock()
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// appOwnersFrom converts and sorts; the result is never nil.
func appOwnersFrom(owners []graph.Owner) []AppOwner {
	out := make([]AppOwner, len(owners))
	for i, o := range owners {
		out[i] = AppOwner{ID: o.ID, Type: o.Type, DisplayName: o.DisplayName}
		if o.Type == graph.TypeUser || o.Type == "agentUser" {
			out[i].UserPrincipalName = o.UserPrincipalName
		}
	}
	SortAppOwners(out)
	return out
}

// SortAppOwners orders owners by display name (case-insensitive; a null name
// first) then id.
func SortAppOwners(owners []AppOwner) {
	sortFold(owners, func(o *AppOwner) string { return deref(o.DisplayName) }, func(o *AppOwner) string { return o.ID })
}

// OwnedDiscoveryReader is what Application Discovery with owners reads;
// *graph.Client is one.
type OwnedDiscoveryReader interface {
	OrganizationReader
	OwnersReader
	ListServicePrincipalsWithOwners(ctx context.Context, each func(graph.ServicePrincipal) error) error
}

// DiscoverApplicationsWithOwners is DiscoverApplications with each kept
// application's owners: the list expands them (pages of 100), and only an
// application whose expanded set may be truncated has its /owners read, at
// most maxConcurrency at a time. Applications the filter drops are never
// re-read.
func DiscoverApplicationsWithOwners(ctx context.Context, g OwnedDiscoveryReader, filter DiscoveryFilter, maxConcurrency int) (Discovery, error) {
	d, sps, err := discover(ctx, g, g.ListServicePrincipalsWithOwners, filter)
	if err != nil {
		return Discovery{}, err
	}
	sets := make(map[string]graph.OwnerSet, len(sps))
	for _, sp := range sps {
		sets[sp.ID] = sp.Owners
	}
	owners, err := ResolveOwners(ctx, g, graph.ServicePrincipalOwners, sets, maxConcurrency)
	if err != nil {
		return Discovery{}, err
	}
	for i := range d.Applications {
		d.Applications[i].Owners = owners[d.Applications[i].ID]
	}
	SortApplications(d.Applications)
	return d, nil
}
