package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testTenant   = "aaaaaaaa-0000-4000-8000-000000000001"
	testClientID = "bbbbbbbb-0000-4000-8000-000000000002"
	testSecret   = "Qx7~s3cr3t.Value_NeverLogged-42"
	testUA       = "azuresaas-test/1.0"
)

// fakeGraph is an httptest server with a token endpoint and a Graph handler
// chosen by each test; it counts hits and remembers the tokens it issued.
type fakeGraph struct {
	*httptest.Server
	tokenHits atomic.Int32
	graphHits atomic.Int32

	mu     sync.Mutex
	issued []string
	forms  []url.Values     // token request bodies
	token  http.HandlerFunc // overrides the default token answer
	graph  http.HandlerFunc
}

func newFakeGraph(t *testing.T, graph http.HandlerFunc) *fakeGraph {
	return startFakeGraph(t, graph, httptest.NewServer)
}

func startFakeGraph(t *testing.T, graph http.HandlerFunc, start func(http.Handler) *httptest.Server) *fakeGraph {
	t.Helper()
	g := &fakeGraph{graph: graph}
	g.Server = start(http.HandlerFunc(g.serve))
	t.Cleanup(g.Close)
	return g
}

func (g *fakeGraph) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/"+testTenant+"/oauth2/v2.0/token" {
		g.tokenHits.Add(1)
		_ = r.ParseForm()
		g.mu.Lock()
		g.forms = append(g.forms, r.PostForm)
		override := g.token
		g.mu.Unlock()
		if override != nil {
			override(w, r)
			return
		}
		if r.PostForm.Get("client_secret") != testSecret {
			tokenFailure(w, http.StatusUnauthorized, "invalid_client", 7000215)
			return
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":%q}`, g.issue()))
		return
	}
	g.graphHits.Add(1)
	g.graph(w, r)
}

func (g *fakeGraph) issue() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	g.mu.Lock()
	defer g.mu.Unlock()
	tok := fmt.Sprintf("eyJ0eXAi.token%d.%s", len(g.issued)+1, hex.EncodeToString(b))
	g.issued = append(g.issued, tok)
	return tok
}

func (g *fakeGraph) issuedTokens() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.issued...)
}

// hasFirstToken reports whether r carries the first token issued.
func (g *fakeGraph) hasFirstToken(r *http.Request) bool {
	toks := g.issuedTokens()
	return len(toks) > 0 && r.Header.Get("Authorization") == "Bearer "+toks[0]
}

func (g *fakeGraph) config() Config {
	return Config{
		TenantID:       testTenant,
		ClientID:       testClientID,
		ClientSecret:   testSecret,
		AuthorityHost:  g.URL,
		GraphEndpoint:  g.URL,
		HTTPClient:     g.Client(),
		UserAgent:      testUA,
		RetryBaseDelay: time.Millisecond,
	}
}

func (g *fakeGraph) client(t *testing.T, mods ...func(*Config)) *Client {
	t.Helper()
	cfg := g.config()
	for _, m := range mods {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	w.Header().Set("request-id", "hdr-"+newGUID())
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func graphError(w http.ResponseWriter, status int, code, requestID string) {
	writeJSON(w, status, fmt.Sprintf(`{"error":{"code":%q,"message":"message for %s","innerError":{"date":"2025-01-31T12:34:56","request-id":%q,"client-request-id":%q}}}`,
		code, code, requestID, requestID))
}

func tokenFailure(w http.ResponseWriter, status int, oauthErr string, code int) {
	writeJSON(w, status, fmt.Sprintf(`{"error":%q,"error_description":"AADSTS%d: something went wrong. Trace ID: trace-%d Correlation ID: corr-%d Timestamp: 2025-01-31 12:34:56Z","error_codes":[%d],"timestamp":"2025-01-31 12:34:56Z","trace_id":"trace-%d","correlation_id":"corr-%d","error_uri":"https://login.microsoftonline.com/error?code=%d"}`,
		oauthErr, code, code, code, code, code, code, code))
}

// page is a users page; linkFirst puts @odata.nextLink before "value" (as
// Graph does) or after it.
func page(next string, linkFirst bool, ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%q,"userPrincipalName":"%s@example.test"}`, id, id)
	}
	value := `"value":[` + strings.Join(items, ",") + `]`
	parts := []string{`"@odata.context":"https://graph.example/v1.0/$metadata#users"`}
	link := ""
	if next != "" {
		b, _ := json.Marshal(next)
		link = `"@odata.nextLink":` + string(b)
	}
	switch {
	case link == "":
		parts = append(parts, value)
	case linkFirst:
		parts = append(parts, link, value)
	default:
		parts = append(parts, value, link)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// listIDs runs ListUsers and returns the IDs in the order each saw them.
func listIDs(ctx context.Context, c *Client) ([]string, error) {
	var ids []string
	err := c.ListUsers(ctx, func(u User) error {
		ids = append(ids, u.ID)
		return nil
	})
	return ids, err
}

func hijack(t *testing.T, w http.ResponseWriter, raw string) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_, _ = buf.WriteString(raw)
	_ = buf.Flush()
	_ = conn.Close()
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}
