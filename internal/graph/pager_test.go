package graph

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const wantUsersQuery = "$select=id,userPrincipalName,mail,proxyAddresses,otherMails,givenName,surname,displayName,employeeHireDate,createdDateTime,department,jobTitle,employeeId,officeLocation,city,state,country,userType,accountEnabled,externalUserState,externalUserStateChangeDateTime&$top=999"

func TestListUsersFollowsEveryPageInOrder(t *testing.T) {
	var (
		mu       sync.Mutex
		queries  []string
		headers  []http.Header
		tokenOK  = true
		g        *fakeGraph
		guidLike = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	)
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		headers = append(headers, r.Header.Clone())
		tokenOK = tokenOK && g.hasFirstToken(r)
		mu.Unlock()
		link := func(tok string) string { return g.URL + "/v1.0/users?" + wantUsersQuery + "&$skiptoken=" + tok }
		switch r.URL.Query().Get("$skiptoken") {
		case "":
			writeJSON(w, 200, page(link("RFNwdAIAAQ-2"), true, "u1", "u2"))
		case "RFNwdAIAAQ-2": // link after value
			writeJSON(w, 200, page(link("RFNwdAIAAQ-3"), false, "u3"))
		case "RFNwdAIAAQ-3": // unknown keys around, nested values skipped
			writeJSON(w, 200, `{"@odata.count":6,"@odata.nextLink":"`+link("RFNwdAIAAQ-4")+`","extra":{"a":[1,{"b":null}]},"value":[{"id":"u4","unknown":{"x":[1,2]}},{"id":"u5"}],"@odata.deltaLink":null}`)
		case "RFNwdAIAAQ-4":
			writeJSON(w, 200, page("", true, "u6"))
		default:
			http.NotFound(w, r)
		}
	})

	ids, err := listIDs(t.Context(), g.client(t))
	if err != nil {
		t.Fatalf("ListUsers: %v", err)
	}
	if want := []string{"u1", "u2", "u3", "u4", "u5", "u6"}; !equalStrings(ids, want) {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	if len(queries) != 4 {
		t.Fatalf("requests = %d, want 4", len(queries))
	}
	if queries[0] != wantUsersQuery {
		t.Errorf("first query = %q, want %q", queries[0], wantUsersQuery)
	}
	for i, tok := range []string{"RFNwdAIAAQ-2", "RFNwdAIAAQ-3", "RFNwdAIAAQ-4"} {
		if want := wantUsersQuery + "&$skiptoken=" + tok; queries[i+1] != want {
			t.Errorf("query %d = %q, want the nextLink verbatim %q", i+1, queries[i+1], want)
		}
	}
	if !tokenOK || g.tokenHits.Load() != 1 {
		t.Errorf("token reuse: every request should carry the one token fetched (token requests = %d)", g.tokenHits.Load())
	}
	seen := map[string]bool{}
	for _, h := range headers {
		id := h.Get("client-request-id")
		if !guidLike.MatchString(id) || seen[id] {
			t.Errorf("client-request-id %q is not a fresh GUID", id)
		}
		seen[id] = true
		if h.Get("Accept") != "application/json" || h.Get("User-Agent") != testUA {
			t.Errorf("headers Accept=%q User-Agent=%q", h.Get("Accept"), h.Get("User-Agent"))
		}
	}
}

func TestListUsersRequestsNextPageWhileDecoding(t *testing.T) {
	secondArrived := make(chan struct{})
	var once sync.Once
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "2" {
			once.Do(func() { close(secondArrived) })
			writeJSON(w, 200, page("", true, "u2"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"@odata.nextLink":"` + g.URL + `/v1.0/users?$skiptoken=2","value":[`))
		_ = http.NewResponseController(w).Flush()
		select { // hold the rest of page 1 until page 2 has been requested
		case <-secondArrived:
		case <-time.After(2 * time.Second):
			t.Error("page 2 was not requested before page 1 was complete")
		}
		_, _ = w.Write([]byte(`{"id":"u1"}]}`))
	})
	ids, err := listIDs(t.Context(), g.client(t))
	if err != nil || !equalStrings(ids, []string{"u1", "u2"}) {
		t.Fatalf("ids = %v, err = %v", ids, err)
	}
}

func TestListUsersRefusesForeignNextLink(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { otherHits.Add(1) }))
	defer other.Close()

	tests := []struct {
		name  string
		tls   bool
		link  func(g *fakeGraph) string
		other bool
	}{
		{name: "another host", link: func(*fakeGraph) string { return other.URL + "/v1.0/users?$skiptoken=x" }, other: true},
		{name: "http link on an https endpoint", tls: true, link: func(g *fakeGraph) string {
			return strings.Replace(g.URL, "https://", "http://", 1) + "/v1.0/users?$skiptoken=x"
		}},
		{name: "same host, another port", link: func(*fakeGraph) string { return "http://127.0.0.1:1/v1.0/users?$skiptoken=x" }},
		{name: "relative link", link: func(*fakeGraph) string { return "/v1.0/users?$skiptoken=x" }},
		{name: "credentials in the link", link: func(g *fakeGraph) string {
			return strings.Replace(g.URL, "://", "://user@", 1) + "/v1.0/users?$skiptoken=x"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			otherHits.Store(0)
			start := httptest.NewServer
			if tt.tls {
				start = httptest.NewTLSServer
			}
			var g *fakeGraph
			g = startFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, page(tt.link(g), true, "u1"))
			}, start)

			ids, err := listIDs(t.Context(), g.client(t))
			if !errors.Is(err, ErrForeignNextLink) {
				t.Fatalf("err = %v, want ErrForeignNextLink", err)
			}
			if len(ids) != 0 {
				t.Errorf("each got %v before the refusal", ids)
			}
			if g.graphHits.Load() != 1 || otherHits.Load() != 0 {
				t.Errorf("graph hits = %d (want 1), other server hits = %d (want 0)", g.graphHits.Load(), otherHits.Load())
			}
			if strings.Contains(err.Error(), "skiptoken") {
				t.Errorf("error quotes the link's query: %v", err)
			}
		})
	}
}

func TestCheckNextLink(t *testing.T) {
	c, err := NewClient(Config{TenantID: "t", ClientID: "c", ClientSecret: "s", AuthorityHost: "https://login.microsoftonline.com", GraphEndpoint: "https://graph.microsoft.com/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{
		"https://graph.microsoft.com/v1.0/users?$skiptoken=x":     true,
		"https://graph.microsoft.com:443/v1.0/users?$skiptoken=x": true,
		"https://GRAPH.microsoft.com/v1.0/users":                  true,
		"https://graph.microsoft.com.evil.example/v1.0/users":     false,
		"http://graph.microsoft.com/v1.0/users":                   false,
		"https://graph.microsoft.com:8443/v1.0/users":             false,
		"//graph.microsoft.com/v1.0/users":                        false,
		"https://user:pw@graph.microsoft.com/v1.0/users":          false,
		"::not a url": false,
	}
	for link, ok := range tests {
		if err := c.checkNextLink(link); (err == nil) != ok {
			t.Errorf("checkNextLink(%q) = %v, want allowed=%v", link, err, ok)
		}
	}
}

func TestListUsersStopsWhenEachFails(t *testing.T) {
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, page(g.URL+"/v1.0/users?$skiptoken=more", true, "u1", "u2"))
	})
	stop := errors.New("stop here")
	calls := 0
	err := g.client(t).ListUsers(t.Context(), func(User) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Fatalf("err = %v after %d calls, want the callback's error after 1", err, calls)
	}
}

func TestDecodePage(t *testing.T) {
	type item struct {
		ID string `json:"id"`
	}
	tests := []struct {
		name     string
		body     string
		wantIDs  []string
		wantNext string
		wantLink bool // onLink called
		wantErr  string
	}{
		{name: "link before value", body: `{"@odata.nextLink":"https://g/next","value":[{"id":"a"},{"id":"b"}]}`, wantIDs: []string{"a", "b"}, wantNext: "https://g/next", wantLink: true},
		{name: "link after value", body: `{"value":[{"id":"a"}],"@odata.nextLink":"https://g/next"}`, wantIDs: []string{"a"}, wantNext: "https://g/next", wantLink: true},
		{name: "last page, unknown keys", body: `{"@odata.context":"x","@odata.count":3,"value":[],"other":[{"deep":[[]]}]}`, wantIDs: nil},
		{name: "no value", body: `{"@odata.context":"x"}`, wantErr: `no "value" array`},
		{name: "value is null", body: `{"value":null}`, wantErr: `found null`},
		{name: "truncated", body: `{"value":[{"id":"a"},{"id":`, wantErr: "unexpected EOF"},
		{name: "truncated after an item", body: `{"value":[{"id":"a"}`, wantErr: "unexpected EOF"},
		{name: "html", body: `<html>proxy</html>`, wantErr: "invalid character"},
		{name: "not an object", body: `[1,2]`, wantErr: `expected "{"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			linked := false
			items, next, err := decodePage[item](strings.NewReader(tt.body), func(string) { linked = true })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if !equalStrings(ids, tt.wantIDs) || next != tt.wantNext || linked != tt.wantLink {
				t.Errorf("ids=%v next=%q linked=%v", ids, next, linked)
			}
		})
	}
}

func TestListUsersCancelsTheRequestAheadOnError(t *testing.T) {
	aheadArrived := make(chan struct{})
	aheadCancelled := make(chan bool, 1)
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "2" {
			close(aheadArrived)
			select {
			case <-r.Context().Done():
				aheadCancelled <- true
			case <-time.After(2 * time.Second):
				aheadCancelled <- false
			}
			return
		}
		// The link comes first, so page 2 is requested; then page 1 breaks.
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"@odata.nextLink":"` + g.URL + `/v1.0/users?$skiptoken=2","value":[`))
		_ = http.NewResponseController(w).Flush()
		select {
		case <-aheadArrived:
		case <-time.After(2 * time.Second):
		}
		_, _ = w.Write([]byte(`{"id":"u1"} not json`))
	})
	_, err := listIDs(t.Context(), g.client(t))
	var gerr *Error
	if !errors.As(err, &gerr) || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("err = %v, want the broken page's error", err)
	}
	select {
	case ok := <-aheadCancelled:
		if !ok {
			t.Error("the request ahead was not cancelled")
		}
	case <-time.After(3 * time.Second):
		t.Error("the request ahead never arrived")
	}
}
