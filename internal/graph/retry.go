package graph

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// defaultMaxBackoff caps the exponential backoff used when Graph gives no
// Retry-After (Config.RetryMaxDelay changes it).
const defaultMaxBackoff = 30 * time.Second

// retryableStatus: what the Azure SDK's retry policy (under the azuread and
// msgraph providers) retries: a request timeout, throttling, and the server
// and gateway errors that come and go. Every Graph request is a GET of a
// page, safe to send again. 501 (not implemented) comes back the same, and
// 400, 401 (after one token refresh, see send), 403 and 404 are answers.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// transientNetError reports a connection that broke: reset, closed before or
// during the response, or a transport timeout (not the caller's context).
func transientNetError(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	// HTTP/2's resets and lost connections have no exported error types in
	// net/http; these are the messages its bundled http2 package uses.
	msg := err.Error()
	for _, s := range []string{"http2: client connection lost", "http2: server sent GOAWAY", "stream error: stream ID"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// retryableTokenError: the identity platform's own transient failures
// (graph-reference §1.5: 429, 5xx, and temporarily_unavailable, which
// AADSTS90024/90033/90006 carry even on a 400). Other 400 and 401 AADSTS
// answers (a wrong secret, an unknown app) come back the same: never retried.
func retryableTokenError(err error) bool {
	var te *TokenError
	if errors.As(err, &te) {
		return te.StatusCode == http.StatusRequestTimeout || te.StatusCode == http.StatusTooManyRequests ||
			te.StatusCode >= 500 || te.OAuthError == "temporarily_unavailable"
	}
	return transientNetError(err)
}

// tokenRetryWait is the Retry-After of a refused token request, else
// fallback.
func tokenRetryWait(err error, fallback time.Duration) time.Duration {
	var te *TokenError
	if errors.As(err, &te) && te.retryAfter != nil {
		return *te.retryAfter
	}
	return fallback
}

// retryAfter reads Retry-After as delay-seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 24*3600)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// backoff is "full jitter": a uniform wait in [0, base*2^(retry-1)], capped
// at the client's maximum, so that many throttled requests do not come back
// in step.
func (c *Client) backoff(retry int) time.Duration {
	ceiling := c.maxDelay
	if retry <= 30 {
		ceiling = min(c.baseDelay<<(retry-1), c.maxDelay)
	}
	if ceiling <= 0 {
		ceiling = c.maxDelay // overflow
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// errPastDeadline: waiting as asked would end after the context's deadline,
// so the client gives up now rather than sleep for nothing.
var errPastDeadline = errors.New("the wait would pass the context deadline")

func pause(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return errPastDeadline
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// describeNetError is a transport error without the request URL (which
// carries the query) that net/http puts into *url.Error.
func describeNetError(err error) string { return stripURL(err).Error() }

// stripURL removes *url.Error's URL while keeping the chain for errors.Is.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
