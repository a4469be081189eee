package fakegraph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// BodyFaultKind names a way a 200 page can be wrong: what a proxy, a
// gateway or a directory changing under paging does to Graph's answers.
type BodyFaultKind int

const (
	// NoBodyFault leaves the page alone.
	NoBodyFault BodyFaultKind = iota
	// TruncatedJSON sends the first half of the page with a Content-Length
	// that matches the cut, and ends the response cleanly: the JSON simply
	// stops (unlike Drop, the connection is not broken).
	TruncatedJSON
	// HTMLPage answers 200 with a proxy's HTML error page (text/html).
	HTMLPage
	// NextLinkTo rewrites (or adds) the page's @odata.nextLink to
	// BodyFault.Link: another host, or http:// instead of https://.
	NextLinkTo
	// MissingProperties removes BodyFault.Properties from every object of
	// the page, or every property but id and @odata.type when it is empty.
	MissingProperties
	// ExtraProperties adds properties nobody asked for to every object: a
	// scalar, an object, an array and a null.
	ExtraProperties
	// RepeatFirstPage puts the objects of the collection's first page in
	// front of this page's: Graph repeating items while paging a directory
	// that changes.
	RepeatFirstPage
	// RepeatLink sets the page's @odata.nextLink to the page's own URL, as
	// the client sent it: a client that follows it reads the same page
	// without end.
	RepeatLink
	// EmptyPagesForever empties the page's value and links it to a new URL
	// (its own with a counter parameter fakegraph ignores otherwise). With
	// Fault.Times -1 every page after it is empty too: an endless run of
	// empty pages, each with a link not seen before.
	EmptyPagesForever
)

// BodyFault rewrites the answer of a matching request that would have been
// a 200 page; other answers (errors) pass unchanged.
type BodyFault struct {
	Kind       BodyFaultKind
	Link       string   // NextLinkTo
	Properties []string // MissingProperties
}

// rewriteBody serves c, then applies f to its page.
func (s *Server) rewriteBody(w http.ResponseWriter, c *graphCall, f BodyFault) {
	rec := &bufferedResponse{header: w.Header().Clone()}
	c.serve(rec)
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	body := rec.body.Bytes()
	if rec.status != http.StatusOK {
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
		return
	}
	switch f.Kind {
	case TruncatedJSON:
		body = body[:len(body)/2]
	case HTMLPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body = []byte("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>" +
			"<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>")
	case NextLinkTo, MissingProperties, ExtraProperties, RepeatFirstPage, RepeatLink, EmptyPagesForever:
		var err error
		if body, err = s.editPage(c, body, f); err != nil {
			writeGraphError(w, c.r, http.StatusInternalServerError, "generalException", "fakegraph: "+err.Error())
			return
		}
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Del("Transfer-Encoding")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// editPage applies the object-level faults to a page, keeping the
// envelope's keys in Graph's order (context, count, nextLink, value).
func (s *Server) editPage(c *graphCall, body []byte, f BodyFault) ([]byte, error) {
	env, items, err := splitPage(body)
	if err != nil {
		return nil, err
	}
	switch f.Kind {
	case NextLinkTo:
		link, _ := json.Marshal(f.Link)
		env["@odata.nextLink"] = link
	case RepeatLink:
		link, _ := json.Marshal(c.sent)
		env["@odata.nextLink"] = link
	case EmptyPagesForever:
		link, _ := json.Marshal(nextEmptyPageLink(c.sent))
		env["@odata.nextLink"] = link
		items = []map[string]json.RawMessage{}
	case MissingProperties:
		for _, item := range items {
			for k := range item {
				if f.Properties == nil && k != "id" && k != "@odata.type" {
					delete(item, k)
				}
			}
			for _, k := range f.Properties {
				delete(item, k)
			}
		}
	case ExtraProperties:
		for _, item := range items {
			item["fakegraphExtra"] = json.RawMessage(`"unexpected"`)
			item["fakegraphExtraObject"] = json.RawMessage(`{"nested":{"deeper":[1,2,{"x":null}]}}`)
			item["fakegraphExtraArray"] = json.RawMessage(`["a",{"b":true}]`)
			item["fakegraphExtraNull"] = json.RawMessage(`null`)
		}
	case RepeatFirstPage:
		first := &bufferedResponse{header: http.Header{}}
		r2 := c.r.Clone(c.r.Context())
		q := r2.URL.Query()
		q.Del("$skiptoken")
		r2.URL.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
		(&graphCall{s: s, r: r2, token: c.token}).serve(first)
		if first.status != http.StatusOK {
			return nil, fmt.Errorf("the first page answered %d", first.status)
		}
		_, firstItems, err := splitPage(first.body.Bytes())
		if err != nil {
			return nil, err
		}
		items = append(firstItems, items...)
	}
	return joinPage(env, items)
}

// emptyPageParam counts the pages of EmptyPagesForever in their links.
const emptyPageParam = "fakegraphEmptyPage"

// nextEmptyPageLink is link with its emptyPageParam counter one higher.
func nextEmptyPageLink(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	n := 0
	var parts []string
	for _, p := range strings.Split(u.RawQuery, "&") {
		if k, v, _ := strings.Cut(p, "="); k == emptyPageParam {
			n, _ = strconv.Atoi(v)
		} else if p != "" {
			parts = append(parts, p)
		}
	}
	u.RawQuery = strings.Join(append(parts, emptyPageParam+"="+strconv.Itoa(n+1)), "&")
	return u.String()
}

func splitPage(body []byte) (map[string]json.RawMessage, []map[string]json.RawMessage, error) {
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, nil, err
	}
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(env["value"], &items); err != nil {
		return nil, nil, err
	}
	return env, items, nil
}

func joinPage(env map[string]json.RawMessage, items []map[string]json.RawMessage) ([]byte, error) {
	value, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	env["value"] = value
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	write := func(k string) {
		v, ok := env[k]
		if !ok {
			return
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		b.Write(v)
		delete(env, k)
	}
	for _, k := range []string{"@odata.context", "@odata.count", "@odata.nextLink"} {
		write(k)
	}
	rest := make([]string, 0, len(env))
	for k := range env {
		if k != "value" {
			rest = append(rest, k)
		}
	}
	for _, k := range rest {
		write(k)
	}
	write("value")
	b.WriteByte('}')
	return b.Bytes(), nil
}

// SetMaxPageSize makes the Server answer at most n objects a page, however
// large the request's $top (Graph may send fewer than $top): small tenants
// then page too. 0 restores $top as asked.
func (s *Server) SetMaxPageSize(n int) {
	s.mu.Lock()
	s.maxPage = n
	s.mu.Unlock()
}

// capPageSize returns r with its $top lowered to the page size cap; the
// nextLinks built from it carry the lowered $top, as Graph's carry its own.
func (s *Server) capPageSize(r *http.Request) *http.Request {
	s.mu.Lock()
	n := s.maxPage
	s.mu.Unlock()
	// /subscribedSkus takes no $top and comes in one page whatever the cap.
	if n <= 0 || strings.EqualFold(r.URL.Path, "/v1.0/subscribedSkus") {
		return r
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return r
	}
	if top, err := strconv.Atoi(q.Get("$top")); err == nil && top <= n {
		return r
	}
	q.Set("$top", strconv.Itoa(n))
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return r2
}
