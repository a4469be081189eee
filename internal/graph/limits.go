package graph

import (
	"errors"
	"fmt"
	"io"
)

// Ceilings on what one read may hold. They are constants, not provider
// arguments: a real tenant's read stays far below them, and a read that
// reaches one should be narrowed (since/until, app_ids, fewer groups), not
// given more memory. Reaching a ceiling is an error, never a truncation.
const (
	// MaxPageBytes bounds the body of one Graph page, and of one object read
	// by id. A full page of 999 users or 1,000 sign-ins is 1 to 5 MiB; a
	// larger body is not Graph's.
	MaxPageBytes = 64 << 20
	// MaxObjectsPerList bounds the objects of one collection read (all its
	// pages), counted after duplicates are dropped.
	MaxObjectsPerList = 5_000_000
)

// ErrLimitExceeded is returned (wrapped) when a read reaches MaxPageBytes or
// MaxObjectsPerList.
var ErrLimitExceeded = errors.New("a read reached one of the provider's ceilings")

// errPageTooLarge is what the page body reader returns past the ceiling.
var errPageTooLarge = errors.New("the page body is larger than MaxPageBytes")

// pageLimitReader fails a body once it has given more than limit bytes.
type pageLimitReader struct {
	r     io.Reader
	limit int64
	read  int64
}

func (l *pageLimitReader) Read(p []byte) (int, error) {
	if l.read > l.limit {
		return 0, errPageTooLarge
	}
	if rest := l.limit + 1 - l.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	if l.read > l.limit {
		return n, errPageTooLarge
	}
	return n, err
}

// limitPage wraps a page body, or a single object's, with the client's
// page ceiling.
func (c *Client) limitPage(r io.Reader) io.Reader {
	return &pageLimitReader{r: r, limit: c.limits().pageBytes}
}

// pageLimitError is the error for a page or object body that passed the
// ceiling, or nil when readErr is something else.
func (c *Client) pageLimitError(readErr error, req graphRequest, requestID string) error {
	if !errors.Is(readErr, errPageTooLarge) {
		return nil
	}
	return fmt.Errorf("graph: GET %s: %w: the body is larger than %d bytes (MaxPageBytes; request-id %s). "+
		"Graph's answers are far smaller, so a proxy or gateway is probably answering instead of Graph: check graph_endpoint",
		req.path, ErrLimitExceeded, c.limits().pageBytes, orNone(requestID))
}

// readLimits are the ceilings in force; tests lower them with setLimits.
type readLimits struct {
	pageBytes  int64
	objects    int
	configured bool
}

func (c *Client) limits() readLimits {
	if c.testLimits.configured {
		return c.testLimits
	}
	return readLimits{pageBytes: MaxPageBytes, objects: MaxObjectsPerList}
}

// setLimits lowers the ceilings of c, for tests (a Client is not
// reconfigured while in use).
func (c *Client) setLimits(pageBytes int64, objects int) {
	c.testLimits = readLimits{pageBytes: pageBytes, objects: objects, configured: true}
}

// identified is implemented by the wire types of directory objects and
// sign-ins: the id that de-duplicates a collection read.
type identified interface{ objectID() string }

func (w userWire) objectID() string              { return w.ID }
func (w servicePrincipalWire) objectID() string  { return w.ID }
func (w appRoleAssignmentWire) objectID() string { return w.ID }
func (w appInstanceWire) objectID() string       { return w.ID }
func (w directoryObjectWire) objectID() string   { return w.ID }
func (w organizationWire) objectID() string      { return w.ID }
func (w signInWire) objectID() string            { return w.ID }

// listGuard watches one collection read: it drops an object whose id was
// already seen on an earlier page (Graph can repeat items while paging a
// directory that changes under it; the first copy is kept) and stops the
// read at MaxObjectsPerList.
type listGuard struct {
	path       string
	max        int
	seen       map[string]struct{}
	kept       int
	duplicates int
}

func (c *Client) newListGuard(path string) *listGuard {
	return &listGuard{path: path, max: c.limits().objects}
}

// admit reports whether item is new; an error means the read is over the
// ceiling and must stop.
func (g *listGuard) admit(item any) (bool, error) {
	if obj, ok := item.(identified); ok {
		if id := obj.objectID(); id != "" {
			if g.seen == nil {
				g.seen = make(map[string]struct{}, 1024)
			}
			if _, dup := g.seen[id]; dup {
				g.duplicates++
				return false, nil
			}
			g.seen[id] = struct{}{}
		}
	}
	g.kept++
	if g.kept > g.max {
		return false, fmt.Errorf("graph: GET %s: %w: the collection has more than %d objects (MaxObjectsPerList); "+
			"nothing was returned rather than a partial list: narrow the read (since/until, app_ids, fewer ids)",
			g.path, ErrLimitExceeded, g.max)
	}
	return true, nil
}
