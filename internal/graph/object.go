package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// getObject reads one entity (GET path?query) into a T, retrying a body
// that breaks mid-read or is not JSON like a page, and held to the page
// ceiling (MaxPageBytes) like a page: an object is smaller than any page. A 404 comes back as
// *Error with StatusCode 404 so callers can say which object does not exist.
func getObject[T any](ctx context.Context, c *Client, path, query, permission string) (T, error) {
	var zero T
	req := newGraphRequest(c.endpointURL(path, query), permission)
	var tries pageTries
	for {
		resp, err := c.send(ctx, req, &tries)
		if err != nil {
			return zero, err
		}
		body := &trackingReader{r: c.limitPage(resp.Body)}
		var v T
		if ct := mediaType(resp.Header.Get("Content-Type")); ct != "" && ct != "application/json" && !strings.HasSuffix(ct, "+json") {
			err = notJSONError(ct)
		} else {
			err = json.NewDecoder(body).Decode(&v)
		}
		closeBody(resp)
		if err == nil {
			return v, nil
		}
		if lerr := c.pageLimitError(body.err, req, resp.Header.Get("request-id")); lerr != nil {
			return zero, lerr
		}
		if ctx.Err() != nil {
			return zero, fmt.Errorf("graph: GET %s: %w", req.path, ctx.Err())
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // an empty body is one cut short
		}
		bad := badBodyError(resp, req, &tries, err, body.err)
		if again, werr := c.retryBody(ctx, &tries, bad, err, body.err); !again {
			return zero, werr
		}
	}
}

// IsNotFound reports whether err is Graph answering 404 (an object id that
// does not exist in the tenant).
func IsNotFound(err error) bool {
	var gerr *Error
	return errors.As(err, &gerr) && gerr.StatusCode == http.StatusNotFound
}
