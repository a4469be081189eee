package graph

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// graphRequest is one logical GET: an absolute URL sent verbatim (a nextLink
// is opaque) and what logs and errors may say about it.
type graphRequest struct {
	url        string
	path       string // never the query: it may carry filters and skip tokens
	permission string
	// eventual sends ConsistencyLevel: eventual, which advanced queries
	// (such as /$count on directory objects) need.
	eventual bool
	// report is a Microsoft 365 usage report request: its redirect to the
	// download is the answer, not an error (m365_usage_report.go).
	report bool
}

func newGraphRequest(link, permission string) graphRequest {
	path := ""
	if u, err := url.Parse(link); err == nil {
		path = u.Path
	}
	return graphRequest{url: link, path: path, permission: permission}
}

// pageTries is one page's retry budget: every way an attempt can fail (a
// status, a broken connection, a broken body, a token request) draws on the
// same count, so a page is sent at most maxRetries+1 times whatever goes
// wrong. A request made ahead hands its count on to the page that uses it.
type pageTries struct {
	attempts int // requests sent for the page
	retries  int // waits taken before sending it again
}

// retry takes one retry from the budget and waits d before it; false means
// the budget is spent. The error is the wait's (the context, or a wait that
// would pass its deadline).
func (c *Client) retry(ctx context.Context, tries *pageTries, d time.Duration) (bool, error) {
	if tries.retries >= c.maxRetries {
		return false, nil
	}
	tries.retries++
	return true, pause(ctx, d)
}

// send sends req until Graph answers 2xx, retrying throttling, transient
// statuses and broken connections, and refreshing a refused token once. The
// caller owns the returned body. tries is the page's budget (pageTries).
func (c *Client) send(ctx context.Context, req graphRequest, tries *pageTries) (*http.Response, error) {
	refreshed := false
	for {
		tok, err := c.tokens.get(ctx)
		if err != nil {
			if ctx.Err() == nil && retryableTokenError(err) {
				ok, werr := c.retry(ctx, tries, tokenRetryWait(err, c.backoff(tries.retries+1)))
				if ok && werr == nil {
					logWarn(ctx, "Retrying the token request", map[string]any{"path": c.tokenPath, "retry": tries.retries})
					continue
				}
				if !ok && tries.retries > 0 {
					return nil, fmt.Errorf("%w (the token request failed %d times in a row)", err, tries.retries+1)
				}
			}
			return nil, err
		}

		tries.attempts++
		resp, err := c.roundTrip(ctx, req, tok.value, tries.attempts)
		if err != nil {
			if paused := (*reportsPausedError)(nil); errors.As(err, &paused) {
				return nil, fmt.Errorf("graph: GET %s: %w", req.path, paused)
			}
			if ctx.Err() != nil {
				return nil, fmt.Errorf("graph: GET %s: %w", req.path, ctx.Err())
			}
			if transientNetError(err) {
				ok, werr := c.retry(ctx, tries, c.backoff(tries.retries+1))
				if ok && werr == nil {
					logWarn(ctx, "Retrying Graph request after the connection broke", map[string]any{
						"method": http.MethodGet, "path": req.path, "attempt": tries.attempts, "error": describeNetError(err),
					})
					continue
				}
				if ok && werr != nil && !errors.Is(werr, errPastDeadline) {
					return nil, fmt.Errorf("graph: GET %s: %w", req.path, werr)
				}
			}
			return nil, fmt.Errorf("graph: GET %s: could not reach Microsoft Graph at %s after %d attempt(s) (check graph_endpoint and network access): %w", req.path, c.endpoint, tries.attempts, stripURL(err))
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 || req.report && redirectStatus(resp.StatusCode) {
			return resp, nil
		}

		gerr := newAPIError(resp, req, tries.attempts)
		if gerr.StatusCode == http.StatusUnauthorized && gerr.Code == codeInvalidToken && !refreshed {
			// The token may have been revoked or expired early. Replace it
			// once; refused again with the newer token, the request fails.
			refreshed = true
			c.tokens.invalidate(tok)
			logDebug(ctx, "Graph refused the access token; fetching a new one", map[string]any{
				"method": http.MethodGet, "path": req.path, "request_id": gerr.RequestID,
			})
			continue
		}
		if !retryableStatus(gerr.StatusCode) {
			return nil, gerr
		}
		gerr.Throttled = gerr.StatusCode == http.StatusTooManyRequests
		wait, asked := retryAfter(resp.Header, time.Now())
		if !asked {
			wait = c.backoff(tries.retries + 1)
		}
		ok, werr := c.retry(ctx, tries, wait)
		switch {
		case !ok:
			gerr.reason = reasonExhausted
			return nil, gerr
		case errors.Is(werr, errPastDeadline) || errors.Is(werr, context.DeadlineExceeded):
			gerr.reason, gerr.wait, gerr.cause = reasonDeadline, wait, context.DeadlineExceeded
			return nil, gerr
		case werr != nil:
			return nil, fmt.Errorf("graph: GET %s: %w", req.path, werr)
		}
		logWarn(ctx, "Retrying Graph request", map[string]any{
			"method": http.MethodGet, "path": req.path, "status": gerr.StatusCode,
			"request_id": gerr.RequestID, "attempt": tries.attempts, "wait_ms": wait.Milliseconds(),
		})
	}
}

// roundTrip sends one attempt and logs it.
func (c *Client) roundTrip(ctx context.Context, req graphRequest, token string, attempt int) (*http.Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.url, nil)
	if err != nil {
		return nil, fmt.Errorf("graph: GET %s: invalid request URL", req.path)
	}
	clientRequestID := newGUID()
	hreq.Header.Set("Authorization", "Bearer "+token)
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.userAgent)
	hreq.Header.Set("client-request-id", clientRequestID)
	if req.eventual {
		hreq.Header.Set("ConsistencyLevel", "eventual")
	}

	start := time.Now()
	resp, err := c.http.Do(hreq)
	fields := map[string]any{
		"method":            http.MethodGet,
		"path":              req.path,
		"attempt":           attempt,
		"client_request_id": clientRequestID,
		"duration_ms":       time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = describeNetError(err)
		logDebug(ctx, "Graph request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("request-id")
	logDebug(ctx, "Graph response", fields)
	return resp, nil
}

// checkNextLink allows a nextLink only on the configured endpoint's scheme,
// host and port: the request carries the bearer token. The error says where
// the link pointed, never its path or query.
func (c *Client) checkNextLink(link string) error {
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return errors.New("the link is not an absolute URL")
	}
	if u.User != nil || !strings.EqualFold(u.Scheme, c.endpoint.Scheme) || origin(u) != origin(c.endpoint) {
		return fmt.Errorf("the next page is at %s://%s, not %s; nothing was sent there (check graph_endpoint and any proxy that rewrites responses)",
			u.Scheme, u.Hostname(), c.endpoint)
	}
	return nil
}

// origin is scheme://host:port with the default port made explicit.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[scheme]
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// newGUID is a random (version 4) UUID for client-request-id.
func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand contract since Go 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
