package graph

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// defaultAttemptTimeout bounds one attempt (a request's round trip and the
// reading of its body) when the HTTP client sets no Timeout: generous for
// a 999-item page over a slow link.
const defaultAttemptTimeout = 5 * time.Minute

// attemptLimiter bounds each attempt sent to Graph, below the reports
// pacer: the bound starts when the request leaves the sign-in logs window,
// so a long wait for the budget (another read's 429 pausing everyone for
// minutes) is bounded only by the read's own deadline, as it should be. The
// HTTP client's Timeout would instead put its deadline on the request
// before the pacer runs, and the pacer would give up on a pause that the
// read has all the time to wait out.
type attemptLimiter struct {
	base  http.RoundTripper
	limit time.Duration
}

func (a *attemptLimiter) RoundTrip(req *http.Request) (*http.Response, error) {
	base := a.base
	if base == nil {
		base = http.DefaultTransport
	}
	parent := req.Context()
	ctx, cancel := context.WithTimeout(parent, a.limit)
	resp, err := base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, a.explain(parent, ctx, err)
	}
	// The bound holds while the body is read, and ends when it is closed.
	resp.Body = &attemptBody{ReadCloser: resp.Body, limiter: a, parent: parent, ctx: ctx, cancel: cancel}
	return resp, nil
}

// explain replaces the error of an attempt cut off by its own bound (not
// by the read's context) with an attemptTimeoutError.
func (a *attemptLimiter) explain(parent, attempt context.Context, err error) error {
	if attempt.Err() != nil && parent.Err() == nil {
		return &attemptTimeoutError{limit: a.limit, cause: err}
	}
	return err
}

type attemptBody struct {
	io.ReadCloser
	limiter     *attemptLimiter
	parent, ctx context.Context
	cancel      context.CancelFunc
}

func (b *attemptBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = b.limiter.explain(b.parent, b.ctx, err)
	}
	return n, err
}

func (b *attemptBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// attemptTimeoutError: one attempt outlasted its bound. It is a timeout
// (net.Error), so the attempt is retried like a stalled connection; it is
// not context.DeadlineExceeded, because the read's own deadline has not
// passed and a longer timeouts { read } would not help.
type attemptTimeoutError struct {
	limit time.Duration
	cause error
}

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("the request took longer than %s, the limit on one attempt (the read itself still had time)", e.limit)
}

func (e *attemptTimeoutError) Timeout() bool   { return true }
func (e *attemptTimeoutError) Temporary() bool { return true }
