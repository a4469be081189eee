package fakegraph

import (
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// ChaosFault is one fault the chaos mode can give a request, with the name
// it is counted under.
type ChaosFault struct {
	Name  string
	Fault Fault
	// Token: the fault may also hit token requests (status faults and
	// resets; the body faults only make sense on a Graph page).
	Token bool
}

// Chaos makes every request independently fail with probability Rate, with
// one of Faults chosen at random. The choice is a hash of Seed, the
// request's path and page number, and how many times that page was asked
// for before: the same seed gives every page the same fate in every run,
// whatever order concurrent reads arrive in (two reads of the same page at
// once may swap theirs). Queued faults (InjectFault) go first.
type Chaos struct {
	Seed   uint64
	Rate   float64      // 0.05 is 5 %
	Faults []ChaosFault // nil: StandardChaosFaults
}

// StandardChaosFaults are the transient faults a long read meets: the
// statuses Graph and gateways send, connections reset before and during
// the answer, and 200 pages cut off or replaced by a proxy's HTML page.
func StandardChaosFaults() []ChaosFault {
	return []ChaosFault{
		{Name: "408", Fault: Fault{Status: http.StatusRequestTimeout}, Token: true},
		{Name: "429", Fault: Fault{Status: http.StatusTooManyRequests}, Token: true},
		{Name: "429 Retry-After 0", Fault: Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"}},
		{Name: "500", Fault: Fault{Status: http.StatusInternalServerError}, Token: true},
		{Name: "502", Fault: Fault{Status: http.StatusBadGateway}, Token: true},
		{Name: "503", Fault: Fault{Status: http.StatusServiceUnavailable}, Token: true},
		{Name: "504", Fault: Fault{Status: http.StatusGatewayTimeout}, Token: true},
		{Name: "reset before the answer", Fault: Fault{Reset: true}, Token: true},
		{Name: "reset mid-body", Fault: Fault{Drop: true}},
		{Name: "truncated JSON", Fault: Fault{Body: BodyFault{Kind: TruncatedJSON}}},
		{Name: "HTML page", Fault: Fault{Body: BodyFault{Kind: HTMLPage}}},
	}
}

// chaosState is the chaos mode's configuration and what it did.
type chaosState struct {
	on       bool
	cfg      Chaos
	seen     map[string]int // requests per page key so far
	injected map[string]int // by ChaosFault.Name
	requests int            // requests the chaos mode looked at
}

// SetChaos turns the chaos mode on (Rate > 0) or off, and resets its counts.
func (s *Server) SetChaos(c Chaos) {
	if c.Faults == nil {
		c.Faults = StandardChaosFaults()
	}
	s.mu.Lock()
	s.chaos = chaosState{on: c.Rate > 0, cfg: c, seen: map[string]int{}, injected: map[string]int{}}
	s.mu.Unlock()
}

// ChaosReport is what the chaos mode did since SetChaos.
type ChaosReport struct {
	Requests int            // Graph and token requests it looked at
	Injected map[string]int // faults given, by ChaosFault.Name
}

// Total is the number of faults given.
func (r ChaosReport) Total() int {
	n := 0
	for _, v := range r.Injected {
		n += v
	}
	return n
}

// String lists the faults by name, in name order.
func (r ChaosReport) String() string {
	names := make([]string, 0, len(r.Injected))
	for k := range r.Injected {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = k + ": " + strconv.Itoa(r.Injected[k])
	}
	return strings.Join(parts, ", ")
}

// ChaosReport returns what the chaos mode did since SetChaos.
func (s *Server) ChaosReport() ChaosReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := ChaosReport{Requests: s.chaos.requests, Injected: make(map[string]int, len(s.chaos.injected))}
	for k, v := range s.chaos.injected {
		out.Injected[k] = v
	}
	return out
}

// chaosFault decides r's fate; nil means no fault. token is true for a
// token request, which only gets the faults marked Token.
func (s *Server) chaosFault(r *http.Request, token bool) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &s.chaos
	if !c.on {
		return nil
	}
	c.requests++
	key := strings.ToLower(r.URL.Path)
	if !token {
		key += "#" + strconv.Itoa(requestPage(r))
	}
	n := c.seen[key]
	c.seen[key] = n + 1
	roll, pick := chaosDraws(c.cfg.Seed, key, n)
	if roll >= c.cfg.Rate {
		return nil
	}
	faults := c.cfg.Faults
	if token {
		faults = nil
		for _, f := range c.cfg.Faults {
			if f.Token {
				faults = append(faults, f)
			}
		}
	}
	if len(faults) == 0 {
		return nil
	}
	f := faults[pick%uint64(len(faults))]
	c.injected[f.Name]++
	out := f.Fault
	return &out
}

// chaosDraws turns (seed, key, n) into a uniform number in [0, 1) and an
// independent choice: the key and n are hashed into the stream of a PCG
// generator seeded with seed (FNV alone mixes too little: keys that differ
// in their last bytes drew alike).
func chaosDraws(seed uint64, key string, n int) (float64, uint64) {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()^uint64(n)*0x9e3779b97f4a7c15))
	return rng.Float64(), rng.Uint64()
}

// reset closes the connection before any answer is written: the client
// sees the connection reset.
func reset(w *statusWriter) {
	w.markDropped()
	conn, _, err := w.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
