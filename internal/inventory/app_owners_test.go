package inventory

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// ownersReader serves /owners from a map, counting reads and the most that
// ran at once.
type ownersReader struct {
	owners     map[string][]graph.Owner
	fail       string
	mu         sync.Mutex
	reads      []string
	running    atomic.Int32
	maxRunning atomic.Int32
}

func (r *ownersReader) ListOwners(ctx context.Context, collection graph.OwnerCollection, id string, each func(graph.Owner) error) error {
	n := r.running.Add(1)
	defer r.running.Add(-1)
	for {
		m := r.maxRunning.Load()
		if n <= m || r.maxRunning.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(2 * time.Millisecond)
	r.mu.Lock()
	r.reads = append(r.reads, string(collection)+"/"+id)
	r.mu.Unlock()
	if id == r.fail {
		return errors.New("graph: 503")
	}
	for _, o := range r.owners[id] {
		if err := each(o); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func TestResolveOwners(t *testing.T) {
	s := func(v string) *string { return &v }
	user := func(id, name, upn string) graph.Owner {
		return graph.Owner{ID: id, Type: graph.TypeUser, DisplayName: s(name), UserPrincipalName: s(upn)}
	}
	many := make([]graph.Owner, 25)
	for i := range many {
		many[i] = user(fmt.Sprintf("u%02d", 24-i), fmt.Sprintf("User %02d", 24-i), "x")
	}
	sets := map[string]graph.OwnerSet{
		"none": {Expanded: true, Owners: []graph.Owner{}},
		"two": {Expanded: true, Owners: []graph.Owner{
			{ID: "sp1", Type: graph.TypeServicePrincipal, DisplayName: s("ci-deployer"), AppID: s("a"), UserPrincipalName: s("ignored")},
			user("u9", "Alex", "alex@example.com"),
			{ID: "u0", Type: graph.TypeUser}, // a user the app may not read: no name, first
		}},
		"twenty": {Expanded: true, Owners: many[:20]},
	}
	for i := range 10 {
		sets[fmt.Sprintf("unexpanded%d", i)] = graph.OwnerSet{}
	}
	reader := &ownersReader{owners: map[string][]graph.Owner{"twenty": many}}
	got, err := ResolveOwners(context.Background(), reader, graph.ApplicationOwners, sets, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(reader.reads) != 11 {
		t.Errorf("%d reads (%v), want 11: the 20-owner set and the 10 not expanded, never a complete one", len(reader.reads), reader.reads)
	}
	for _, r := range reader.reads {
		if r[:len("applications/")] != "applications/" {
			t.Errorf("read %s: the collection must be passed through", r)
		}
	}
	if m := reader.maxRunning.Load(); m > 3 || m < 2 {
		t.Errorf("%d reads ran at once, want at most 3 (and more than 1)", m)
	}
	if l, ok := got["none"]; !ok || l == nil || len(l) != 0 {
		t.Errorf("an app without owners: %#v, want an empty, non-nil list", l)
	}
	if l := got["unexpanded3"]; l == nil || len(l) != 0 {
		t.Errorf("a re-read without owners: %#v", l)
	}
	two := got["two"]
	if len(two) != 3 || two[0].ID != "u0" || two[1].ID != "u9" || two[2].ID != "sp1" {
		t.Fatalf("order by display name (null first) then id: %+v", two)
	}
	if two[2].UserPrincipalName != nil || two[1].UserPrincipalName == nil {
		t.Errorf("UPN only for users: %+v", two)
	}
	if tw := got["twenty"]; len(tw) != 25 || tw[0].ID != "u00" || tw[24].ID != "u24" {
		t.Errorf("the 20-owner set must be replaced by the whole, sorted: %d owners %+v", len(tw), tw)
	}

	reader = &ownersReader{fail: "unexpanded4"}
	if _, err := ResolveOwners(context.Background(), reader, graph.ServicePrincipalOwners, sets, 2); err == nil {
		t.Error("a failed re-read must fail the whole result")
	}
}
