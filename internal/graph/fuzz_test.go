package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fuzz targets below run their seed corpus (testdata/fuzz/<name>/) in
// every `go test`; `go test -fuzz <name> ./internal/graph` explores further.

// FuzzDecodePage: any body either decodes or is an error, never a panic; a
// body that decodes is valid JSON whose "value" holds exactly the items
// returned and whose @odata.nextLink is the link returned.
func FuzzDecodePage(f *testing.F) {
	f.Add([]byte(`{"@odata.nextLink":"https://graph.example/v1.0/users?$skiptoken=x","value":[{"id":"a"},{"id":"b","mail":null}]}`))
	f.Add([]byte(`{"value":[],"@odata.context":"x"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var linked []string
		items, next, err := decodePage[userWire](bytes.NewReader(body), func(l string) { linked = append(linked, l) })
		if err != nil {
			return
		}
		if !json.Valid(body) {
			t.Fatalf("decoded a body that is not valid JSON: %q", body)
		}
		var env struct {
			Value []json.RawMessage `json:"value"`
			Next  string            `json:"@odata.nextLink"`
		}
		if json.Unmarshal(body, &env) == nil && !hasDuplicateKeys(body) {
			if len(env.Value) != len(items) {
				t.Fatalf("decoded %d items, the body has %d", len(items), len(env.Value))
			}
			if env.Next != next {
				t.Fatalf("next = %q, the body says %q", next, env.Next)
			}
		}
		if next != "" && (len(linked) == 0 || linked[len(linked)-1] != next) {
			t.Fatalf("onLink saw %q, next is %q", linked, next)
		}
	})
}

// hasDuplicateKeys reports whether the top-level object repeats a key, where
// "last wins" (encoding/json) and "every value seen" (the pager) differ.
func hasDuplicateKeys(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := tok.(string)
		key = strings.ToLower(key) // the pager and encoding/json both match keys case-insensitively
		if seen[key] {
			return true
		}
		seen[key] = true
		if skipValue(dec) != nil {
			return false
		}
	}
	return false
}

var quotedLiteral = regexp.MustCompile(`'[^']*'`)

// FuzzSignInFilter: whatever the query, the $filter is an error or an
// expression whose only literals are lower-case GUIDs and RFC 3339 times
// that round-trip and bound the query's window from outside.
func FuzzSignInFilter(f *testing.F) {
	f.Add(int64(1738281600), int64(0), int64(1738368000), int64(5), "11111111-2222-3333-4444-555555555555", "", true)
	f.Add(int64(0), int64(0), int64(0), int64(0), "' or 1 eq 1", "%27", false)
	f.Fuzz(func(t *testing.T, sinceSec, sinceNano, untilSec, untilNano int64, appID, userID string, successful bool) {
		q := SignInQuery{UserID: userID, SuccessfulOnly: successful}
		if sinceSec != 0 {
			q.Since = time.Unix(sinceSec, sinceNano)
		}
		if untilSec != 0 {
			q.Until = time.Unix(untilSec, untilNano)
		}
		if appID != "" {
			q.AppIDs = []string{appID, "aaaaaaaa-0000-4000-8000-000000000001"}
		}
		filter, err := q.filter()
		if err != nil {
			return
		}
		for _, lit := range quotedLiteral.FindAllString(filter, -1) {
			if g := strings.Trim(lit, "'"); !isGUID(g) || g != strings.ToLower(g) {
				t.Fatalf("literal %s in %q is not a lower-case GUID", lit, filter)
			}
		}
		if rest := quotedLiteral.ReplaceAllString(filter, ""); strings.Contains(rest, "'") {
			t.Fatalf("unbalanced quote in %q", filter)
		}
		checkBound := func(op string, bound time.Time, outside func(lit, bound time.Time) bool) {
			m := regexp.MustCompile(`createdDateTime ` + op + ` (\S+)`).FindStringSubmatch(filter)
			if bound.IsZero() {
				if m != nil {
					t.Fatalf("%q has a %s bound the query does not", filter, op)
				}
				return
			}
			if m == nil {
				t.Fatalf("%q lacks the %s bound", filter, op)
			}
			lit, err := time.Parse(time.RFC3339, m[1])
			if err != nil {
				t.Fatalf("%s literal %q in %q does not parse back: %v", op, m[1], filter, err)
			}
			if !outside(lit, bound) {
				t.Fatalf("%s literal %s does not include the bound %s", op, m[1], bound.UTC().Format(time.RFC3339Nano))
			}
		}
		checkBound("ge", q.Since, func(lit, b time.Time) bool { return !lit.After(b) && b.Sub(lit) < time.Second })
		checkBound("le", q.Until, func(lit, b time.Time) bool { return !lit.Before(b) && lit.Sub(b) < time.Second })
		if userID != "" && !strings.Contains(filter, "userId eq '"+strings.ToLower(userID)+"'") {
			t.Fatalf("%q does not select user %q", filter, userID)
		}
	})
}

// cannedTransport answers token requests with a token and Graph requests
// with an empty page, and remembers the Graph request URLs.
type cannedTransport struct {
	mu   sync.Mutex
	urls []*url.URL
}

func (c *cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	body := `{"value":[]}`
	if strings.HasSuffix(r.URL.Path, "/oauth2/v2.0/token") {
		body = `{"access_token":"canned","token_type":"Bearer","expires_in":3600}`
	} else {
		c.mu.Lock()
		c.urls = append(c.urls, r.URL)
		c.mu.Unlock()
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func (c *cannedTransport) take() []*url.URL {
	c.mu.Lock()
	defer c.mu.Unlock()
	u := c.urls
	c.urls = nil
	return u
}

// FuzzServicePrincipalFilters: an application ID or service principal ID
// that is not a GUID is refused before anything is sent; a GUID reaches
// Graph as exactly the intended $filter.
func FuzzServicePrincipalFilters(f *testing.F) {
	f.Add("11111111-2222-3333-4444-555555555555")
	f.Add("' or 1 eq 1 or appId eq '")
	f.Add("11111111-2222-3333-4444-555555555555%27")
	transport := &cannedTransport{}
	c, err := NewClient(Config{TenantID: testTenant, ClientID: testClientID, ClientSecret: testSecret,
		AuthorityHost: "https://login.example", GraphEndpoint: "https://graph.example",
		HTTPClient: &http.Client{Transport: transport}, MaxRetries: -1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id string) {
		ctx := context.Background()
		_, _, err := c.FindServicePrincipalByAppID(ctx, id)
		sent := transport.take()
		checkSent(t, "FindServicePrincipalByAppID", id, err, sent, "appId eq '"+id+"'")

		err = c.ListAppInstances(ctx, []string{"aaaaaaaa-0000-4000-8000-000000000001", id}, func(AppInstance) error { return nil })
		sent = transport.take()
		checkSent(t, "ListAppInstances", id, err, sent, "id in ('aaaaaaaa-0000-4000-8000-000000000001','"+id+"')")
	})
}

func checkSent(t *testing.T, call, id string, err error, sent []*url.URL, want string) {
	t.Helper()
	if !isGUID(id) {
		if err == nil || len(sent) != 0 {
			t.Fatalf("%s(%q): err = %v, %d request(s) sent; want an error and nothing sent", call, id, err, len(sent))
		}
		return
	}
	if err != nil || len(sent) != 1 {
		t.Fatalf("%s(%q): err = %v, %d request(s) sent", call, id, err, len(sent))
	}
	if got := sent[0].Query().Get("$filter"); got != want {
		t.Fatalf("%s(%q): $filter = %q, want %q", call, id, got, want)
	}
}
