package fakegraph

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// chaosStatuses asks for every page of /users (5 per page) n times over and
// returns the status of each request, in order.
func chaosStatuses(t *testing.T, s *Server, tok string, pages, rounds int) []int {
	t.Helper()
	var out []int
	for range rounds {
		for p := 1; p <= pages; p++ {
			u := s.URL() + "/v1.0/users?$top=5"
			if p > 1 {
				u += "&$skiptoken=" + url.QueryEscape(encodeSkipToken(skipToken{page: p, key: fmt.Sprint(p)}))
			}
			resp, _ := get(t, u, tok)
			out = append(out, resp.StatusCode)
		}
	}
	return out
}

func TestChaosIsSeededAndCounted(t *testing.T) {
	only500 := []ChaosFault{{Name: "500", Fault: Fault{Status: http.StatusInternalServerError}}}
	run := func(seed uint64, rate float64) ([]int, ChaosReport) {
		s := startDemo(t)
		tok := demoToken(t, s)
		s.SetChaos(Chaos{Seed: seed, Rate: rate, Faults: only500})
		return chaosStatuses(t, s, tok, 4, 50), s.ChaosReport()
	}
	a, ra := run(7, 0.2)
	b, rb := run(7, 0.2)
	c, _ := run(8, 0.2)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the same seed gave different faults:\n%v\n%v", a, b)
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Errorf("seeds 7 and 8 gave the same faults")
	}
	failed := 0
	for _, st := range a {
		if st == 500 {
			failed++
		}
	}
	// 200 requests at 20 %: 40 expected; far outside [15, 70] is a broken draw.
	if failed < 15 || failed > 70 {
		t.Errorf("%d of %d requests failed at a 20 %% rate", failed, len(a))
	}
	if ra.Requests != len(a) || ra.Injected["500"] != failed || ra.Total() != failed || rb.Total() != failed {
		t.Errorf("report %+v, want %d requests and %d faults", ra, len(a), failed)
	}
	if none, _ := run(7, 0); fmt.Sprint(none) == fmt.Sprint(a) {
		t.Error("rate 0 should give no faults")
	}
}

func TestChaosFaultsTokenRequests(t *testing.T) {
	s := startDemo(t)
	s.SetChaos(Chaos{Seed: 1, Rate: 1, Faults: []ChaosFault{
		{Name: "503", Fault: Fault{Status: http.StatusServiceUnavailable, RetryAfter: "3"}, Token: true},
		{Name: "HTML page", Fault: Fault{Body: BodyFault{Kind: HTMLPage}}},
	}})
	resp, body := postToken(t, s, DemoTenantID, clientCredentials(DemoClientID, DemoClientSecret, "https://graph.microsoft.com/.default"))
	if resp.StatusCode != 503 || body.Error != "temporarily_unavailable" || resp.Header.Get("Retry-After") != "3" {
		t.Errorf("token request: %d %q Retry-After %q; want 503 temporarily_unavailable 3", resp.StatusCode, body.Error, resp.Header.Get("Retry-After"))
	}
	if r := s.ChaosReport(); r.Injected["503"] != 1 || r.Injected["HTML page"] != 0 {
		t.Errorf("report %v: a token request gets only token faults", r)
	}
}

func TestResetFault(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/organization", Reset: true})
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/v1.0/organization", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	// A fresh transport: a new connection is not re-sent by net/http.
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d, want the connection reset", resp.StatusCode)
	}
	if resp, _ := get(t, s.URL()+"/v1.0/organization", tok); resp.StatusCode != 200 {
		t.Errorf("after the fault: %d", resp.StatusCode)
	}
}
