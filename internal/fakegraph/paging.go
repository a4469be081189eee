package fakegraph

import (
	"net/http"
	"sort"
	"strings"
)

// page describes one paged collection answer: the objects in the order Graph
// pages them, each with a cursor that increases in that order (so that a
// $skiptoken can carry the last cursor sent, as Graph's directory tokens do).
type page[T any] struct {
	entity  *entityType[T]
	items   []T
	cursor  func(T) string
	context string // the @odata.context after "$metadata#", without the $select suffix
	// baseUnits is the request's resource-unit cost before the $select and
	// $top modifiers (graph-reference §2.6).
	baseUnits int
	maxTop    int // 999 for directory objects
	// owners, when set, serves $expand=owners (owners.go); without it a
	// $expand is refused.
	owners *ownerExpansion[T]
}

// servePage answers a collection request with $select, $top, $skiptoken,
// $count and, where p.owners is set, $expand=owners, streaming the page. q
// is the parsed query (parseQuery).
func servePage[T any](w http.ResponseWriter, r *http.Request, q map[string]string, p page[T]) {
	selected, qerr := p.entity.parseSelect(q["$select"], true)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	rawExpand, expand := q["$expand"]
	var ownerSelect []int
	switch {
	case expand && p.owners == nil:
		badRequest("Request_UnsupportedQuery", "The query option '$expand' is not emulated by fakegraph on this resource.").write(w, r)
		return
	case expand:
		if ownerSelect, qerr = parseOwnersExpand(rawExpand); qerr != nil {
			qerr.write(w, r)
			return
		}
	}
	maxTop := p.maxTop
	if maxTop == 0 {
		maxTop = maxPageSize
	}
	top, qerr := parseTop(q["$top"], defaultPageSize, maxTop)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	if expand { // Graph caps the page without a word (graph-reference-3 §0.3)
		top = min(top, maxExpandPageSize)
	}
	count, qerr := wantCount(r, q)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	start, number := 0, 1
	if raw, ok := q["$skiptoken"]; ok {
		tok, err := decodeSkipToken(raw)
		if err != nil {
			badRequest("Request_BadRequest", "The specified page token value is invalid: '%s'.", raw).write(w, r)
			return
		}
		start = sort.Search(len(p.items), func(i int) bool { return p.cursor(p.items[i]) > tok.key })
		number = tok.page
		count = false // @odata.count is on the first page only
	}
	end := min(start+top, len(p.items))
	link := ""
	if end < len(p.items) {
		link = nextLink(r, encodeSkipToken(skipToken{page: number + 1, key: p.cursor(p.items[end-1])}))
	}
	total := -1
	if count {
		total = len(p.items)
	}
	units := p.baseUnits
	if selected != nil {
		units--
	}
	if top < 20 {
		units--
	}
	if expand {
		units++
	}
	setSuccessHeaders(w, max(units, 1))
	w.WriteHeader(http.StatusOK)

	context := p.context + p.entity.contextSuffix(selected)
	if expand {
		context = p.context + expandContextSuffix(p.entity.contextSuffix(selected))
	}
	b := make([]byte, 0, 32<<10)
	b = writeCollectionStart(b, metadataURL(r)+context, total, link)
	b = flushEnvelope(w, b)
	for i, item := range p.items[start:end] {
		if i > 0 {
			b = append(b, ',')
		}
		b = p.entity.appendObject(b, item, selected)
		if expand {
			b = p.owners.appendOwners(b, item, ownerSelect)
		}
		if len(b) >= 28<<10 {
			if _, err := w.Write(b); err != nil {
				return
			}
			b = b[:0]
		}
	}
	b = append(b, "]}"...)
	_, _ = w.Write(b)
}

// flushEnvelope sends the envelope written so far (@odata.context, the
// count and @odata.nextLink) at once, as Graph's streaming responses do, so
// that a client can request the next page while this one is encoded. It
// returns b emptied, or b as it was when the write failed (the handler's
// next write fails too).
func flushEnvelope(w http.ResponseWriter, b []byte) []byte {
	if _, err := w.Write(b); err != nil {
		return b
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	return b[:0]
}

// expandContextSuffix adds the expanded owners to a context's "(a,b)"
// suffix, as Graph writes it: "(a,b,owners())", or "(owners())".
func expandContextSuffix(suffix string) string {
	if suffix == "" {
		return "(owners())"
	}
	return strings.TrimSuffix(suffix, ")") + ",owners())"
}
