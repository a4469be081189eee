package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// getObject reads one entity (GET path?query) into a T, retrying a body
// that breaks mid-read like a page. A 404 comes back as *Error with
// StatusCode 404 so callers can say which object does not exist.
func getObject[T any](ctx context.Context, c *Client, path, query, permission string) (T, error) {
	var zero T
	req := newGraphRequest(c.endpointURL(path, query), permission)
	for retries := 0; ; retries++ {
		resp, err := c.send(ctx, req)
		if err != nil {
			return zero, err
		}
		body := &trackingReader{r: resp.Body}
		var v T
		err = json.NewDecoder(body).Decode(&v)
		closeBody(resp)
		if err == nil {
			return v, nil
		}
		requestID := resp.Header.Get("request-id")
		if ctx.Err() != nil {
			return zero, fmt.Errorf("graph: GET %s: %w", req.path, ctx.Err())
		}
		if body.err == nil || !transientNetError(body.err) || retries >= c.maxRetries {
			return zero, &Error{
				StatusCode: resp.StatusCode,
				Message:    pageProblem(err, body.err),
				RequestID:  requestID,
				Method:     http.MethodGet,
				Path:       req.path,
				Permission: permission,
				Attempts:   retries + 1,
				reason:     reasonBadPage,
			}
		}
		if werr := pause(ctx, c.backoff(retries+1)); werr != nil {
			return zero, fmt.Errorf("graph: GET %s: %w", req.path, werr)
		}
	}
}

// IsNotFound reports whether err is Graph answering 404 (an object id that
// does not exist in the tenant).
func IsNotFound(err error) bool {
	var gerr *Error
	return errors.As(err, &gerr) && gerr.StatusCode == http.StatusNotFound
}
