package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A 429 on the sign-in logs pauses every request for its Retry-After; a
// request whose deadline comes first is told so at once instead of
// sleeping into a bare "context deadline exceeded".
func TestReportsPauseBeyondDeadlineFailsAtOnce(t *testing.T) {
	w := newSlidingWindow(ReportsBudget{Requests: 5, Window: time.Second})
	w.pause(time.Now().Add(30 * time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, _, err := w.reserve(ctx)
	var paused *reportsPausedError
	if !errors.As(err, &paused) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "throttled the sign-in logs") {
		t.Fatalf("err = %v, want a reportsPausedError", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("reserve waited %s before failing", d)
	}
}
