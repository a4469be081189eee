package graph

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestReportsWindowStateStaysBounded: however many requests pass through
// the reports window, and however many clients of the same application and
// tenant are made (a provider per plan, a client per configure), the state
// held is at most one send mark per request of the budget, in one window.
func TestReportsWindowStateStaysBounded(t *testing.T) {
	w := newSlidingWindow(ReportsBudget{Requests: 3, Window: 2 * time.Millisecond, Margin: time.Millisecond})
	var wg sync.WaitGroup
	var mu sync.Mutex
	largest := 0
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				mark, _, err := w.reserve(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				w.written(mark)
				w.mu.Lock()
				n := len(w.sent)
				w.mu.Unlock()
				mu.Lock()
				largest = max(largest, n)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if largest > 3 {
		t.Errorf("the window held %d send marks, want at most the budget's 3", largest)
	}

	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {})
	reportsWindows.Lock()
	before := len(reportsWindows.m)
	reportsWindows.Unlock()
	for range 50 {
		g.client(t)
	}
	reportsWindows.Lock()
	after := len(reportsWindows.m)
	reportsWindows.Unlock()
	if after > before+1 {
		t.Errorf("50 clients of one application and tenant made %d reports windows, want one", after-before)
	}
}
