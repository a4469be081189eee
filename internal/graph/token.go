package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// accessToken is a cached token and its generation: the generation tells a
// request refused with it whether the cache still holds that token.
type accessToken struct {
	value string
	gen   uint64
}

// earlyRefresh is how long before expiry a token is replaced, so that a
// request never leaves with a token that expires on the way.
const earlyRefresh = 5 * time.Minute

// tokenCache holds one token for all requests of a Client and fetches a new
// one when it is near expiry or was refused. Concurrent callers wait for a
// single fetch instead of each asking the identity platform.
type tokenCache struct {
	fetch func(context.Context) (*oauth2.Token, error)
	now   func() time.Time

	mu        sync.Mutex
	current   *accessToken
	refreshAt time.Time // zero: the token did not say when it expires
	gen       uint64
	inflight  *tokenFetch
}

type tokenFetch struct {
	done chan struct{}
	tok  accessToken
	err  error
}

func newTokenCache(fetch func(context.Context) (*oauth2.Token, error)) *tokenCache {
	return &tokenCache{fetch: fetch, now: time.Now}
}

func (tc *tokenCache) get(ctx context.Context) (accessToken, error) {
	for {
		tc.mu.Lock()
		if tc.current != nil && (tc.refreshAt.IsZero() || tc.now().Before(tc.refreshAt)) {
			tok := *tc.current
			tc.mu.Unlock()
			return tok, nil
		}
		if f := tc.inflight; f != nil {
			tc.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return accessToken{}, ctx.Err()
			}
			// The fetcher's own cancellation is not our failure: try again.
			if f.err != nil && (errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded)) && ctx.Err() == nil {
				continue
			}
			return f.tok, f.err
		}
		f := &tokenFetch{done: make(chan struct{})}
		tc.inflight = f
		tc.mu.Unlock()

		tok, err := tc.fetch(ctx)

		tc.mu.Lock()
		tc.inflight = nil
		f.err = err
		if err == nil {
			tc.gen++
			f.tok = accessToken{value: tok.AccessToken, gen: tc.gen}
			tc.current = &f.tok
			tc.refreshAt = refreshTime(tc.now(), tok.Expiry)
		}
		tc.mu.Unlock()
		close(f.done)
		return f.tok, f.err
	}
}

// invalidate drops tok after Graph refused it, unless another request has
// already replaced it (then the newer token is used as is).
func (tc *tokenCache) invalidate(tok accessToken) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.current != nil && tc.current.gen == tok.gen {
		tc.current = nil
	}
}

// refreshTime is earlyRefresh before expiry, or a quarter of the lifetime
// before it for short-lived tokens (test tenants, emulators).
func refreshTime(now, expiry time.Time) time.Time {
	if expiry.IsZero() {
		return time.Time{}
	}
	margin := min(earlyRefresh, expiry.Sub(now)/4)
	return expiry.Add(-margin)
}

// fetchToken asks the identity platform for a token through the same base
// transport as Graph requests.
func (c *Client) fetchToken(ctx context.Context) (*oauth2.Token, error) {
	conf, err := c.tokenConfig(ctx)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	tok, err := conf.Token(context.WithValue(ctx, oauth2.HTTPClient, c.tokenHTTP))
	fields := map[string]any{
		"method":      http.MethodPost,
		"path":        c.tokenPath,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		err = c.tokenError(ctx, err)
		var te *TokenError
		if errors.As(err, &te) {
			fields["status"] = te.StatusCode
			fields["oauth_error"] = te.OAuthError
			fields["aadsts"] = te.AADSTS
			fields["trace_id"] = te.TraceID
			fields["correlation_id"] = te.CorrelationID
		}
		logWarn(ctx, "Token request failed", fields)
		return nil, err
	}
	if !tok.Expiry.IsZero() {
		fields["expires_in_s"] = int64(time.Until(tok.Expiry).Seconds())
	}
	logDebug(ctx, "Acquired access token", fields)
	return tok, nil
}

// tokenError turns what oauth2 returns into a *TokenError, or a transport
// error without the token URL's details.
func (c *Client) tokenError(ctx context.Context, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		te := tokenErrorFrom(re)
		for _, s := range c.redact {
			if len(s) >= 4 {
				te.Description = strings.ReplaceAll(te.Description, s, "***")
			}
		}
		return te
	}
	if ctx.Err() != nil {
		return fmt.Errorf("graph: requesting an access token: %w", ctx.Err())
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("graph: requesting an access token from %s (check authority_host and network access): %w", c.tokenURL, err)
}
