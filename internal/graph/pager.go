package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// listRequest describes a collection read: where it starts and which
// application permission its errors should name.
type listRequest struct {
	path       string // e.g. /v1.0/users
	query      string // already encoded, e.g. $select=id,mail&$top=999
	permission string
	// eventual sends ConsistencyLevel: eventual on every page: an advanced
	// query needs it, and Graph does not carry it in the nextLink
	// (graph-reference-3 §0.1).
	eventual bool
}

// selectQuery is "$select=a,b&$top=n", written out rather than through
// url.Values so that it reads like Graph's documentation (unescaped $ and ,).
func selectQuery(fields []string, top int) string {
	q := "$select=" + strings.Join(fields, ",")
	if top > 0 {
		q += "&$top=" + strconv.Itoa(top)
	}
	return q
}

// maxBarrenPages is how many pages in a row may add no new object (empty,
// or only objects already read) while still linking to another page. Graph
// can send a few such pages while it scans a filtered log; an endless run
// is a loop that the per-read object ceiling never sees, since nothing is
// kept.
const maxBarrenPages = 10

// listAll reads every page of a collection and calls each for every item, in
// order. Items reach each only once their page has been read whole, so a page
// that fails halfway is retried without duplicates. An error means the list
// is incomplete: callers must not use what each received before it.
func listAll[T any](ctx context.Context, c *Client, lr listRequest, each func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx, progress := startListProgress(ctx, lr.path) // progress.go
	p := &pager[T]{c: c, permission: lr.permission, eventual: lr.eventual, followed: map[string]struct{}{}}
	defer p.dropAhead()

	start := time.Now()
	pages, items, barren := 0, 0, 0
	guard := c.newListGuard(lr.path) // de-duplication by id and MaxObjectsPerList (limits.go)
	link := c.endpointURL(lr.path, lr.query)
	for link != "" {
		p.followed[link] = struct{}{}
		page, next, err := p.readPage(ctx, link)
		if err != nil {
			return err
		}
		pages++
		if next != "" {
			if err := c.checkNextLink(next); err != nil {
				return fmt.Errorf("graph: GET %s: %w: %v", lr.path, ErrForeignNextLink, err)
			}
			if _, again := p.followed[next]; again {
				return &PagingLoopError{Path: lr.path, RequestID: p.requestID, Pages: pages, RepeatedLink: true}
			}
			p.prefetch(ctx, next) // already under way when the link came before "value"
		}
		kept := 0
		for _, item := range page {
			if keep, err := guard.admit(item); err != nil {
				return err
			} else if !keep {
				continue
			}
			kept++
			if err := each(item); err != nil {
				return err
			}
		}
		if barren = barren + 1; kept > 0 || next == "" {
			barren = 0
		}
		if barren > maxBarrenPages {
			return &PagingLoopError{Path: lr.path, RequestID: p.requestID, Pages: pages, BarrenPages: barren}
		}
		items += len(page)
		progress.pageDone(ctx, pages, guard.kept)
		link = next
	}
	logDebug(ctx, "Graph list complete", map[string]any{
		"path": lr.path, "pages": pages, "items": items, "duplicates_dropped": guard.duplicates,
		"duration_ms": time.Since(start).Milliseconds(),
	})
	return nil
}

// pager holds at most one request ahead: the next page's, sent as soon as its
// link is read so that the round trip overlaps decoding the current page.
type pager[T any] struct {
	c          *Client
	permission string
	eventual   bool // listRequest.eventual
	ahead      *aheadRequest
	followed   map[string]struct{} // every link requested in this read: one met again is a loop
	requestID  string              // the last page's, for PagingLoopError
}

type aheadRequest struct {
	link   string
	cancel context.CancelFunc
	done   chan struct{}
	tries  pageTries // handed on to readPage with the response
	resp   *http.Response
	err    error
}

// prefetch starts the request for link unless it is already under way or not
// allowed (listAll reports a refused link once the page is complete).
func (p *pager[T]) prefetch(ctx context.Context, link string) {
	if p.ahead != nil {
		if p.ahead.link == link {
			return
		}
		p.dropAhead() // a retried page gave a different link
	}
	if _, again := p.followed[link]; again || p.c.checkNextLink(link) != nil {
		return
	}
	actx, cancel := context.WithCancel(ctx)
	a := &aheadRequest{link: link, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.resp, a.err = p.c.send(actx, p.request(link), &a.tries)
	}()
	p.ahead = a
}

// dropAhead cancels the request ahead and releases its connection.
func (p *pager[T]) dropAhead() {
	a := p.ahead
	if a == nil {
		return
	}
	p.ahead = nil
	a.cancel()
	<-a.done
	if a.resp != nil {
		a.resp.Body.Close()
	}
}

// response returns link's response: the one already requested ahead (whose
// attempts then count against tries), or a new one. release closes it once
// the body has been read. The request ahead is used once: a page read again
// after a bad body is always a new request.
func (p *pager[T]) response(ctx context.Context, req graphRequest, tries *pageTries) (resp *http.Response, release func(), err error) {
	if a := p.ahead; a != nil && a.link == req.url {
		p.ahead = nil
		<-a.done // a's context is a child of ctx: this ends when ctx does
		*tries = a.tries
		if a.err != nil {
			a.cancel()
			return nil, nil, a.err
		}
		return a.resp, func() { closeBody(a.resp); a.cancel() }, nil
	}
	resp, err = p.c.send(ctx, req, tries)
	if err != nil {
		return nil, nil, err
	}
	return resp, func() { closeBody(resp) }, nil
}

// closeBody drains a little so the connection can be reused, then closes.
func closeBody(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
}

// readPage reads one page whole. A page whose body breaks off, is not valid
// JSON or is not JSON at all (a proxy's HTML page) is sent again, the same URL,
// within the page's retry budget (pageTries); its items are kept only from
// the attempt that decoded whole, so a retry can neither lose nor repeat
// one.
func (p *pager[T]) readPage(ctx context.Context, link string) ([]T, string, error) {
	req := p.request(link)
	var tries pageTries
	for {
		resp, release, err := p.response(ctx, req, &tries)
		if err != nil {
			return nil, "", err
		}
		body := &trackingReader{r: p.c.limitPage(resp.Body)}
		var (
			items []T
			next  string
		)
		if ct := mediaType(resp.Header.Get("Content-Type")); ct != "" && ct != "application/json" && !strings.HasSuffix(ct, "+json") {
			err = notJSONError(ct)
		} else {
			items, next, err = decodePage[T](body, func(next string) { p.prefetch(ctx, next) })
		}
		release()
		if err == nil {
			p.requestID = resp.Header.Get("request-id")
			return items, next, nil
		}
		requestID := resp.Header.Get("request-id")
		if lerr := p.c.pageLimitError(body.err, req, requestID); lerr != nil {
			return nil, "", lerr
		}
		if ctx.Err() != nil {
			return nil, "", fmt.Errorf("graph: GET %s: %w", req.path, ctx.Err())
		}
		bad := badBodyError(resp, req, &tries, err, body.err)
		if again, werr := p.c.retryBody(ctx, &tries, bad, err, body.err); !again {
			return nil, "", werr
		}
		logWarn(ctx, "Retrying a Graph page whose body was broken", map[string]any{
			"method": http.MethodGet, "path": req.path, "request_id": requestID,
			"problem": bad.Message, "attempt": tries.attempts,
		})
	}
}

// notJSONError: the answer's Content-Type says it is not JSON (a proxy's
// HTML page, say).
type notJSONError string

func (e notJSONError) Error() string {
	return fmt.Sprintf("the Content-Type is %s, not JSON", string(e))
}

// retryableBody reports whether a body that failed to decode may decode
// when sent again: the connection broke, the body stopped early, is not
// valid JSON, or is not JSON at all. A body that is JSON but not the shape
// expected (no "value", an item of the wrong type) would come back the same.
func retryableBody(decodeErr, readErr error) bool {
	if readErr != nil {
		return transientNetError(readErr)
	}
	var (
		syn *json.SyntaxError
		nj  notJSONError
	)
	return errors.As(decodeErr, &nj) || errors.Is(decodeErr, io.ErrUnexpectedEOF) || errors.As(decodeErr, &syn)
}

// badBodyError describes a 2xx answer whose body could not be used.
func badBodyError(resp *http.Response, req graphRequest, tries *pageTries, decodeErr, readErr error) *Error {
	e := &Error{
		StatusCode: resp.StatusCode,
		Message:    pageProblem(decodeErr, readErr),
		RequestID:  resp.Header.Get("request-id"),
		Method:     http.MethodGet,
		Path:       req.path,
		Permission: req.permission,
		Attempts:   tries.attempts,
		reason:     reasonBadPage,
	}
	if readErr != nil {
		e.reason = reasonBrokenBody
	}
	return e
}

// retryBody waits before a body is fetched again; false (with the error to
// return) when it may not be: it would come back the same, the page's retry
// budget is spent, or the wait would pass the context's deadline.
func (c *Client) retryBody(ctx context.Context, tries *pageTries, bad *Error, decodeErr, readErr error) (bool, error) {
	if !retryableBody(decodeErr, readErr) {
		return false, bad
	}
	ok, werr := c.retry(ctx, tries, c.backoff(tries.retries+1))
	switch {
	case !ok:
		return false, bad
	case errors.Is(werr, errPastDeadline) || errors.Is(werr, context.DeadlineExceeded):
		bad.cause = context.DeadlineExceeded
		return false, bad
	case werr != nil:
		return false, fmt.Errorf("graph: GET %s: %w", bad.Path, werr)
	}
	return true, nil
}

// pageProblem says what is wrong with a page without quoting it.
func pageProblem(decodeErr, readErr error) string {
	switch {
	case readErr != nil:
		return "reading the body failed: " + describeNetError(readErr)
	case errors.Is(decodeErr, io.ErrUnexpectedEOF):
		return "the JSON body ended before it was complete"
	}
	var syn *json.SyntaxError
	if errors.As(decodeErr, &syn) {
		return fmt.Sprintf("the body is not valid JSON (at byte %d)", syn.Offset)
	}
	return decodeErr.Error()
}

// trackingReader remembers the first transport error under the JSON decoder,
// which tells a broken connection (retry the page) from a bad body (fail).
type trackingReader struct {
	r   io.Reader
	err error
}

func (t *trackingReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// decodePage decodes one collection page as a stream of tokens: it keeps the
// items, reports @odata.nextLink wherever it appears (onLink may start the
// next request early), and skips every other key.
func decodePage[T any](r io.Reader, onLink func(string)) (items []T, next string, err error) {
	defer func() {
		if errors.Is(err, io.EOF) { // any end before the closing brace is early
			err = io.ErrUnexpectedEOF
		}
	}()
	dec := json.NewDecoder(r)
	if err := wantDelim(dec, '{'); err != nil {
		return nil, "", err
	}
	sawValue := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, "", err
		}
		// Keys compare case-insensitively, as encoding/json decodes the items
		// (found by FuzzDecodePage: a differently cased link was skipped, and
		// the list would have ended early).
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "value"):
			if err := wantDelim(dec, '['); err != nil {
				return nil, "", err
			}
			for dec.More() {
				var item T
				if err := dec.Decode(&item); err != nil {
					return nil, "", fmt.Errorf("decoding item %d of \"value\": %w", len(items), err)
				}
				items = append(items, item)
			}
			if err := wantDelim(dec, ']'); err != nil {
				return nil, "", err
			}
			sawValue = true
		case strings.EqualFold(key, "@odata.nextLink"):
			if err := dec.Decode(&next); err != nil {
				return nil, "", fmt.Errorf("decoding @odata.nextLink: %w", err)
			}
			if next != "" && onLink != nil {
				onLink(next)
			}
		default:
			if err := skipValue(dec); err != nil {
				return nil, "", err
			}
		}
	}
	if err := wantDelim(dec, '}'); err != nil {
		return nil, "", err
	}
	if !sawValue {
		return nil, "", errors.New(`the body has no "value" array`)
	}
	return items, next, nil
}

func wantDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %q in the JSON body, found %s", want.String(), tokenKind(tok))
	}
	return nil
}

// tokenKind names a JSON token without quoting its value.
func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", v.String())
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "something else"
}

// skipValue reads past one JSON value of any shape.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// request is the GET of one page of the list.
func (p *pager[T]) request(link string) graphRequest {
	req := newGraphRequest(link, p.permission)
	req.eventual = p.eventual
	return req
}
