package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestTokenRequest(t *testing.T) {
	var g *fakeGraph
	var auth, ua string
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, page("", true)) })
	g.token = func(w http.ResponseWriter, r *http.Request) {
		auth, ua = r.Header.Get("Authorization"), r.Header.Get("User-Agent")
		writeJSON(w, 200, `{"token_type":"Bearer","expires_in":3599,"access_token":"tok"}`)
	}
	if _, err := listIDs(t.Context(), g.client(t)); err != nil {
		t.Fatal(err)
	}
	g.mu.Lock()
	form := g.forms[0]
	g.mu.Unlock()
	want := map[string]string{
		"grant_type":    "client_credentials",
		"client_id":     testClientID,
		"client_secret": testSecret,
		"scope":         g.URL + "/.default",
	}
	for k, v := range want {
		if form.Get(k) != v {
			t.Errorf("token form %s = %q, want %q", k, form.Get(k), v)
		}
	}
	if auth != "" || ua != testUA {
		t.Errorf("token request Authorization = %q (want none: secret in the body), User-Agent = %q", auth, ua)
	}
}

func TestListUsersReplacesARefusedToken(t *testing.T) {
	tests := []struct {
		name          string
		refuse        func(g *fakeGraph, r *http.Request) bool
		wantErr       bool
		wantTokenHits int32
		wantHits      int32
	}{
		{"first token refused, second accepted", func(g *fakeGraph, r *http.Request) bool { return g.hasFirstToken(r) }, false, 2, 2},
		{"every token refused", func(*fakeGraph, *http.Request) bool { return true }, true, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g *fakeGraph
			g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.refuse(g, r) {
					w.Header().Set("WWW-Authenticate", `Bearer realm=""`)
					graphError(w, http.StatusUnauthorized, codeInvalidToken, "rid-401")
					return
				}
				writeJSON(w, 200, page("", true, "u1"))
			})
			ids, err := listIDs(t.Context(), g.client(t))
			if (err != nil) != tt.wantErr {
				t.Fatalf("ids = %v, err = %v", ids, err)
			}
			if g.tokenHits.Load() != tt.wantTokenHits || g.graphHits.Load() != tt.wantHits {
				t.Errorf("token requests = %d, Graph requests = %d; want %d, %d", g.tokenHits.Load(), g.graphHits.Load(), tt.wantTokenHits, tt.wantHits)
			}
			if tt.wantErr {
				var gerr *Error
				if !errors.As(err, &gerr) || gerr.StatusCode != 401 || !strings.Contains(err.Error(), "rid-401") {
					t.Errorf("err = %v, want the 401 *Error", err)
				}
			}
		})
	}
}

func TestConcurrentRequestsRefreshARefusedTokenOnce(t *testing.T) {
	var refuseFirst atomic.Bool
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		if refuseFirst.Load() && g.hasFirstToken(r) {
			graphError(w, http.StatusUnauthorized, codeInvalidToken, "rid-401")
			return
		}
		writeJSON(w, 200, page("", true, "u1"))
	})
	c := g.client(t)
	if _, err := listIDs(t.Context(), c); err != nil { // caches token 1
		t.Fatal(err)
	}
	refuseFirst.Store(true) // token 1 is now revoked
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := listIDs(t.Context(), c)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := g.tokenHits.Load(); n != 2 {
		t.Errorf("token requests = %d, want 2 (one replacement shared by all)", n)
	}
}

func TestTokenCacheRefreshesBeforeExpiry(t *testing.T) {
	now := time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)
	fetches := 0
	tc := newTokenCache(func(context.Context) (*oauth2.Token, error) {
		fetches++
		return &oauth2.Token{AccessToken: "t", Expiry: now.Add(time.Hour)}, nil
	})
	tc.now = func() time.Time { return now }
	ctx := t.Context()

	first, _ := tc.get(ctx)
	now = now.Add(54 * time.Minute)
	if _, _ = tc.get(ctx); fetches != 1 {
		t.Fatalf("fetches = %d at 54m, want the cached token", fetches)
	}
	now = now.Add(2 * time.Minute) // 4 minutes before expiry
	second, _ := tc.get(ctx)
	if fetches != 2 || second.gen == first.gen {
		t.Fatalf("fetches = %d near expiry, want a new token", fetches)
	}
	tc.invalidate(first) // an old refusal must not drop the newer token
	if _, _ = tc.get(ctx); fetches != 2 {
		t.Errorf("invalidating a replaced token fetched again")
	}
	tc.invalidate(second)
	if _, _ = tc.get(ctx); fetches != 3 {
		t.Errorf("invalidating the current token did not fetch a new one")
	}
}

func TestTokenErrors(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		oauth    string
		code     int
		wantText []string
	}{
		{"wrong secret", 401, "invalid_client", 7000215, []string{"client secret is wrong", "Value, not its Secret ID", "ARM_CLIENT_SECRET"}},
		{"expired secret", 401, "invalid_client", 7000222, []string{"client secret has expired", "create a new client secret"}},
		{"unknown application", 400, "unauthorized_client", 700016, []string{"client_id", "not found in the tenant", "admin consent"}},
		{"unknown tenant", 400, "invalid_request", 90002, []string{"tenant was not found", "tenant_id", "environment"}},
		{"malformed tenant", 400, "invalid_request", 900023, []string{"tenant_id is not a valid tenant GUID or domain"}},
		{"other code", 400, "invalid_grant", 53003, []string{"AADSTS53003", "invalid_grant", "HTTP 400", "something went wrong"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { t.Error("Graph called without a token") })
			g.token = func(w http.ResponseWriter, r *http.Request) { tokenFailure(w, tt.status, tt.oauth, tt.code) }
			_, err := listIDs(t.Context(), g.client(t))
			var te *TokenError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want *TokenError", err)
			}
			if te.StatusCode != tt.status || te.OAuthError != tt.oauth || te.AADSTS != tt.code || te.TraceID == "" || te.CorrelationID == "" {
				t.Errorf("got %+v", te)
			}
			msg := err.Error()
			for _, s := range append(tt.wantText, te.TraceID) {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not contain %q", msg, s)
				}
			}
			if strings.Contains(msg, testSecret) {
				t.Errorf("error contains the client secret: %q", msg)
			}
			if g.tokenHits.Load() != 1 {
				t.Errorf("token requests = %d, want 1 (a refusal is not retried)", g.tokenHits.Load())
			}
		})
	}
}

func TestTokenErrorWithoutOAuthBody(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { t.Error("Graph called without a token") })
	g.token = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>gateway PROXYPAGE</html>"))
	}
	_, err := listIDs(t.Context(), g.client(t, func(c *Config) { c.MaxRetries = 1 }))
	var te *TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusBadGateway {
		t.Fatalf("err = %v, want *TokenError for HTTP 502", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "502") || !strings.Contains(msg, "text/html") || strings.Contains(msg, "PROXYPAGE") {
		t.Errorf("error %q: want the status and content type, not the page", msg)
	}
	if g.tokenHits.Load() != 2 {
		t.Errorf("token requests = %d, want 2 (a 5xx is retried)", g.tokenHits.Load())
	}
}

func TestTokenErrorNeverRepeatsTheSecret(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {})
	g.token = func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"error":"invalid_request","error_description":"AADSTS900144: bad value '`+testSecret+`'","error_codes":[900144]}`)
	}
	_, err := listIDs(t.Context(), g.client(t))
	if err == nil || strings.Contains(err.Error(), testSecret) {
		t.Fatalf("err = %v, want an error without the secret", err)
	}
}
