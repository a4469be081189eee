package graph

import (
	"context"
	"sync/atomic"
	"time"
)

// progressEveryPages is how often a long read says how far it has got: a
// read of 100,000 users (101 pages) or 500,000 sign-ins logs about ten
// lines, a read of one or two pages none.
const progressEveryPages = 10

// listProgress follows one collection read for its progress lines,
// including the time its requests (the ones ahead too) waited for the
// reports budget, which reportsPacer adds through the context.
type listProgress struct {
	path        string
	start       time.Time
	reportsWait atomic.Int64 // nanoseconds
}

type listProgressKey struct{}

// startListProgress returns ctx carrying a new listProgress for path.
func startListProgress(ctx context.Context, path string) (context.Context, *listProgress) {
	p := &listProgress{path: path, start: time.Now()}
	return context.WithValue(ctx, listProgressKey{}, p), p
}

// addReportsWait counts d against the read ctx belongs to, if any.
func addReportsWait(ctx context.Context, d time.Duration) {
	if p, ok := ctx.Value(listProgressKey{}).(*listProgress); ok {
		p.reportsWait.Add(int64(d))
	}
}

// pageDone logs an INFO line every progressEveryPages pages: pages read,
// objects kept, time since the read started, time spent waiting for the
// reports budget.
func (p *listProgress) pageDone(ctx context.Context, pages, objects int) {
	if pages%progressEveryPages != 0 {
		return
	}
	logInfo(ctx, "Graph list progress", map[string]any{
		"path": p.path, "pages": pages, "objects": objects,
		"elapsed_ms":      time.Since(p.start).Milliseconds(),
		"reports_wait_ms": time.Duration(p.reportsWait.Load()).Milliseconds(),
	})
}
