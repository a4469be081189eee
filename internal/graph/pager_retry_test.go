package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pageFault is one way a page can fail and pass when sent again.
type pageFault struct {
	name string
	// answer writes the faulty answer to page; whole is the real body.
	answer func(t *testing.T, w http.ResponseWriter, whole string)
	// inBody: the fault shows only once the body is read (a 200 whose body
	// is broken), not when the answer's headers arrive.
	inBody bool
	// resent: net/http itself may send the request once more when a reused
	// connection closes before any answer, so the server can see one more.
	resent bool
}

func pageFaults() []pageFault {
	withStatus := func(code int, retryAfter string) func(*testing.T, http.ResponseWriter, string) {
		return func(_ *testing.T, w http.ResponseWriter, _ string) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			graphError(w, code, "UnknownError", "rid-"+strconv.Itoa(code))
		}
	}
	body := func(contentType, b string) func(*testing.T, http.ResponseWriter, string) {
		return func(_ *testing.T, w http.ResponseWriter, _ string) {
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(200)
			_, _ = io.WriteString(w, b)
		}
	}
	return []pageFault{
		{name: "408", answer: withStatus(http.StatusRequestTimeout, "")},
		{name: "429 with Retry-After", answer: withStatus(http.StatusTooManyRequests, "0")},
		{name: "500", answer: withStatus(http.StatusInternalServerError, "")},
		{name: "502", answer: withStatus(http.StatusBadGateway, "")},
		{name: "503", answer: withStatus(http.StatusServiceUnavailable, "")},
		{name: "504", answer: withStatus(http.StatusGatewayTimeout, "")},
		{name: "connection reset before the answer", answer: func(t *testing.T, w http.ResponseWriter, _ string) { hijack(t, w, "") }, resent: true},
		{name: "connection reset mid-body", answer: func(t *testing.T, w http.ResponseWriter, whole string) {
			hijack(t, w, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(whole), whole[:len(whole)/2]))
		}, inBody: true},
		{name: "truncated JSON", answer: func(_ *testing.T, w http.ResponseWriter, whole string) {
			body("application/json", whole[:len(whole)/2])(nil, w, "")
		}, inBody: true},
		{name: "HTML page", answer: body("text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>"), inBody: true},
		{name: "not JSON under a JSON Content-Type", answer: body("application/json", "<html><body>upstream error</body></html>"), inBody: true},
		{name: "empty 200", answer: body("application/json", ""), inBody: true},
	}
}

func pageFaultNamed(t *testing.T, name string) pageFault {
	t.Helper()
	for _, f := range pageFaults() {
		if f.name == name {
			return f
		}
	}
	t.Fatalf("no fault %q", name)
	return pageFault{}
}

// threePages serves users in three pages (link first, so each next page is
// requested ahead) and answers page bad with fault for its first n requests.
type threePages struct {
	*fakeGraph
	hits [4]atomic.Int32 // by page number
}

func newThreePages(t *testing.T, bad int, n int32, fault pageFault) *threePages {
	p := &threePages{}
	p.fakeGraph = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		k := 1
		if tok := r.URL.Query().Get("$skiptoken"); tok != "" {
			k, _ = strconv.Atoi(tok)
		}
		next := ""
		if k < 3 {
			next = fmt.Sprintf("%s/v1.0/users?$skiptoken=%d", p.URL, k+1)
		}
		whole := page(next, true, fmt.Sprintf("p%da", k), fmt.Sprintf("p%db", k))
		if p.hits[k].Add(1) <= n && k == bad {
			fault.answer(t, w, whole)
			return
		}
		writeJSON(w, 200, whole)
	})
	return p
}

var threePageIDs = []string{"p1a", "p1b", "p2a", "p2b", "p3a", "p3b"}

// TestListRetriesTheFailedPageAlone: every fault, at the first, a middle
// and the last page, twice in a row: the list is whole, each item once, the
// failed page was sent three times and every other page once (a retry is of
// that page, never of the read from the start).
func TestListRetriesTheFailedPageAlone(t *testing.T) {
	for _, f := range pageFaults() {
		for _, bad := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s on page %d", f.name, bad), func(t *testing.T) {
				p := newThreePages(t, bad, 2, f)
				ids, err := listIDs(t.Context(), p.client(t))
				if err != nil {
					t.Fatalf("ListUsers: %v", err)
				}
				if !equalStrings(ids, threePageIDs) {
					t.Errorf("ids = %v, want each exactly once: %v", ids, threePageIDs)
				}
				for k := 1; k <= 3; k++ {
					want := int32(1)
					if k == bad {
						want = 3
					}
					if got := p.hits[k].Load(); got != want && (k != bad || !f.resent || got > 2*want) {
						t.Errorf("page %d requests = %d, want %d", k, got, want)
					}
				}
			})
		}
	}
}

// TestListGivesUpOnAPageThatNeverPasses: the error is today's, names the
// attempts, and the pages before were not read again.
func TestListGivesUpOnAPageThatNeverPasses(t *testing.T) {
	want := map[string]string{
		"408": "after 3 attempts", "429 with Retry-After": "after 3 attempts", "500": "after 3 attempts",
		"502": "after 3 attempts", "503": "after 3 attempts", "504": "after 3 attempts",
		"connection reset before the answer": "after 3 attempt(s)",
		"connection reset mid-body":          "broke while reading the answer to GET /v1.0/users",
		"truncated JSON":                     "the JSON body ended before it was complete",
		"HTML page":                          "Content-Type is text/html",
		"not JSON under a JSON Content-Type": "not valid JSON",
		"empty 200":                          "the JSON body ended before it was complete",
	}
	for _, f := range pageFaults() {
		t.Run(f.name, func(t *testing.T) {
			p := newThreePages(t, 2, 1000, f)
			ids, err := listIDs(t.Context(), p.client(t, func(c *Config) { c.MaxRetries = 2 }))
			if err == nil {
				t.Fatalf("got %v and no error: a page that never passes must fail the read", ids)
			}
			for _, s := range []string{want[f.name], "GET /v1.0/users"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			var gerr *Error
			if errors.As(err, &gerr) && gerr.Attempts != 3 {
				t.Errorf("Attempts = %d, want 3", gerr.Attempts)
			}
			if errors.As(err, &gerr) && gerr.StatusCode == 200 && !strings.Contains(err.Error(), "after 3 attempts") {
				t.Errorf("error %q does not say how often the page was tried", err)
			}
			if p.hits[1].Load() != 1 || (p.hits[2].Load() != 3 && !f.resent) || p.hits[3].Load() != 0 {
				t.Errorf("requests by page = %d, %d, %d; want 1, 3, 0", p.hits[1].Load(), p.hits[2].Load(), p.hits[3].Load())
			}
		})
	}
}

// TestListRetriesTheRequestAheadWhileThePageDecodes: page 2, requested
// ahead as soon as page 1's link is read, fails twice and passes while page
// 1's body is still held back; the list is whole and page 2 was sent three
// times, all before page 1 was complete. A fault inside page 2's body shows
// only when page 2 is decoded, after page 1: it is retried then.
func TestListRetriesTheRequestAheadWhileThePageDecodes(t *testing.T) {
	for _, f := range pageFaults() {
		t.Run(f.name, func(t *testing.T) {
			var page2 atomic.Int32
			page2Passed := make(chan struct{})
			var g *fakeGraph
			g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("$skiptoken") == "2" {
					whole := page("", true, "u3", "u4")
					if page2.Add(1) <= 2 {
						f.answer(t, w, whole)
						return
					}
					writeJSON(w, 200, whole)
					close(page2Passed)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"@odata.nextLink":"` + g.URL + `/v1.0/users?$skiptoken=2","value":[{"id":"u1"},`))
				_ = http.NewResponseController(w).Flush()
				if !f.inBody {
					select { // the rest of page 1 waits for page 2's retries
					case <-page2Passed:
					case <-time.After(5 * time.Second):
						t.Error("page 2 was not retried while page 1 was being decoded")
					}
				}
				_, _ = w.Write([]byte(`{"id":"u2"}]}`))
			})
			ids, err := listIDs(t.Context(), g.client(t))
			if err != nil {
				t.Fatalf("ListUsers: %v", err)
			}
			if want := []string{"u1", "u2", "u3", "u4"}; !equalStrings(ids, want) {
				t.Errorf("ids = %v, want %v", ids, want)
			}
			if got := page2.Load(); got != 3 && (!f.resent || got > 4) {
				t.Errorf("page 2 requests = %d, want 3", got)
			}
		})
	}
}

// TestListUsesTheRequestAheadOnceWhenThePageIsRetried: page 1's link is
// read (page 2 is requested ahead), then its body breaks and page 1 is sent
// again with the same link: page 2 is not requested a second time, and no
// item is repeated.
func TestListUsesTheRequestAheadOnceWhenThePageIsRetried(t *testing.T) {
	var page1, page2 atomic.Int32
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "2" {
			page2.Add(1)
			writeJSON(w, 200, page("", true, "u3"))
			return
		}
		whole := page(g.URL+"/v1.0/users?$skiptoken=2", true, "u1", "u2")
		if page1.Add(1) == 1 {
			cut := strings.Index(whole, `{"id":"u2"`) // the link and u1 are read
			writeJSON(w, 200, whole[:cut])
			return
		}
		writeJSON(w, 200, whole)
	})
	ids, err := listIDs(t.Context(), g.client(t))
	if err != nil {
		t.Fatalf("ListUsers: %v", err)
	}
	if want := []string{"u1", "u2", "u3"}; !equalStrings(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if page1.Load() != 2 || page2.Load() != 1 {
		t.Errorf("requests: page 1 %d, page 2 %d; want 2 and 1", page1.Load(), page2.Load())
	}
}

// TestPageRetryBudgetIsShared: a page that fails in turn with a status, a
// broken connection and a broken body has one budget across them, not one
// per kind: MaxRetries 2 means three attempts in all.
func TestPageRetryBudgetIsShared(t *testing.T) {
	pick := func(name string) pageFault { return pageFaultNamed(t, name) }
	sequence := []pageFault{pick("503"), pick("connection reset mid-body"), pick("truncated JSON"), pick("502")}
	var n atomic.Int32
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		whole := page("", true, "u1")
		if i < len(sequence) {
			sequence[i].answer(t, w, whole)
			return
		}
		writeJSON(w, 200, whole)
	})
	_, err := listIDs(t.Context(), g.client(t, func(c *Config) { c.MaxRetries = 2 }))
	if err == nil {
		t.Fatal("want an error: the page failed three times with MaxRetries 2")
	}
	if got := n.Load(); got != 3 {
		t.Errorf("requests = %d, want 3", got)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error %q should count every attempt of the page", err)
	}
}

// TestGetObjectRetriesABrokenBody: single objects (the organization) get
// the same treatment as pages.
func TestGetObjectRetriesABrokenBody(t *testing.T) {
	var n atomic.Int32
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html>proxy</html>")
		case 2:
			writeJSON(w, 200, `{"value":[{"id":"org-1","displayName":"Contoso"`)
		default:
			writeJSON(w, 200, `{"value":[{"id":"org-1","displayName":"Contoso","verifiedDomains":[]}]}`)
		}
	})
	org, err := g.client(t).GetOrganization(t.Context())
	if err != nil {
		t.Fatalf("GetOrganization: %v", err)
	}
	if org.ID != "org-1" || n.Load() != 3 {
		t.Errorf("organization %q after %d requests; want org-1 after 3", org.ID, n.Load())
	}
}

// TestTokenRequestRetries: the identity platform's transient answers are
// retried (with their Retry-After); its refusals are not.
func TestTokenRequestRetries(t *testing.T) {
	tests := []struct {
		name     string
		fail     func(w http.ResponseWriter)
		wantHits int32
		wantErr  string
	}{
		{"503", func(w http.ResponseWriter) { tokenFailure(w, 503, "temporarily_unavailable", 90033) }, 3, ""},
		{"500 without an OAuth body", func(w http.ResponseWriter) { w.WriteHeader(500) }, 3, ""},
		{"429 with Retry-After", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0")
			tokenFailure(w, 429, "temporarily_unavailable", 90024)
		}, 3, ""},
		{"400 temporarily_unavailable", func(w http.ResponseWriter) { tokenFailure(w, 400, "temporarily_unavailable", 90006) }, 3, ""},
		{"400 invalid_request is not retried", func(w http.ResponseWriter) { tokenFailure(w, 400, "invalid_request", 90002) }, 1, "tenant was not found"},
		{"401 invalid_client is not retried", func(w http.ResponseWriter) { tokenFailure(w, 401, "invalid_client", 7000215) }, 1, "client secret is wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, page("", true, "u1")) })
			var fails atomic.Int32
			g.token = func(w http.ResponseWriter, r *http.Request) {
				if fails.Add(1) <= 2 {
					tt.fail(w)
					return
				}
				writeJSON(w, http.StatusOK, fmt.Sprintf(`{"token_type":"Bearer","expires_in":3599,"access_token":%q}`, g.issue()))
			}
			ids, err := listIDs(t.Context(), g.client(t))
			if g.tokenHits.Load() != tt.wantHits {
				t.Errorf("token requests = %d, want %d", g.tokenHits.Load(), tt.wantHits)
			}
			if tt.wantErr == "" {
				if err != nil || !equalStrings(ids, []string{"u1"}) {
					t.Fatalf("ids = %v, err = %v; want [u1]", ids, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestTokenRequestThatNeverPassesSaysHowOften(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { t.Error("Graph called without a token") })
	g.token = func(w http.ResponseWriter, r *http.Request) { tokenFailure(w, 503, "temporarily_unavailable", 90033) }
	_, err := listIDs(t.Context(), g.client(t, func(c *Config) { c.MaxRetries = 2 }))
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "failed 3 times in a row") {
		t.Fatalf("err = %v, want the token error saying it was tried 3 times", err)
	}
	if g.tokenHits.Load() != 3 {
		t.Errorf("token requests = %d, want 3", g.tokenHits.Load())
	}
}

// TestListLeavesNoGoroutineBehind: after reads that retried pages, pages
// requested ahead and reads that failed, every goroutine the client started
// has ended (the request ahead included).
func TestListLeavesNoGoroutineBehind(t *testing.T) {
	faults := pageFaults()
	p := newThreePages(t, 2, 1, faults[len(faults)-3]) // truncated JSON once
	broken := newThreePages(t, 2, 1000, faults[3])     // 502 every time
	// Page 1 always breaks after its link, while page 2 (requested ahead)
	// is still on its way: the read fails with a request ahead in flight.
	var ahead *fakeGraph
	ahead = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "2" {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"@odata.nextLink":"`+ahead.URL+`/v1.0/users?$skiptoken=2","value":[{"id":"u1"} not json`)
	})
	c, cb, ca := p.client(t), broken.client(t, func(c *Config) { c.MaxRetries = 1 }), ahead.client(t, func(c *Config) { c.MaxRetries = 1 })
	settle := func() {
		p.Client().CloseIdleConnections()
		broken.Client().CloseIdleConnections()
		ahead.Client().CloseIdleConnections()
	}
	// One read first, so that lazily started runtime and pool goroutines
	// are part of the baseline.
	if _, err := listIDs(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	settle()
	before := settledGoroutines(t, -1)
	for range 20 {
		if _, err := listIDs(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		if _, err := listIDs(t.Context(), cb); err == nil {
			t.Fatal("want an error from the page that never passes")
		}
		if _, err := listIDs(t.Context(), ca); err == nil {
			t.Fatal("want an error from the page that breaks after its link")
		}
	}
	settle()
	if after := settledGoroutines(t, before); after > before {
		t.Errorf("goroutines: %d before, %d after 60 reads", before, after)
	}
}

// settledGoroutines waits (up to 5 s) for the goroutine count to reach at
// most want (any count when want < 0 once it stops falling) and returns it.
func settledGoroutines(t *testing.T, want int) int {
	t.Helper()
	n := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if (want >= 0 && m <= want) || (want < 0 && m == n) {
			return m
		}
		n = m
	}
	return n
}

// TestBrokenPageRetryStopsAtTheDeadline: when the wait before the next
// attempt would pass the context's deadline, the read ends at once with the
// page's error, saying so and wrapping the deadline.
func TestBrokenPageRetryStopsAtTheDeadline(t *testing.T) {
	p := newThreePages(t, 2, 1000, pageFaultNamed(t, "HTML page"))
	c := p.client(t, func(c *Config) { c.RetryBaseDelay, c.RetryMaxDelay = time.Hour, time.Hour })
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	// The first backoff is uniform in [0, 1h]: retry until one draw passes
	// the deadline (the chance that three in a row do not is 1e-6).
	var err error
	for range 3 {
		if _, err = listIDs(ctx, c); err != nil && strings.Contains(err.Error(), "deadline") {
			break
		}
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting to try again would pass this operation's deadline") ||
		!strings.Contains(err.Error(), "Content-Type is text/html") {
		t.Fatalf("err = %v, want the HTML page's error saying the deadline stopped the retry", err)
	}
	if ctx.Err() != nil {
		t.Error("the read waited until the deadline instead of giving up at once")
	}
}
