package inventory

import (
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// InactiveBefore is the cutoff of an inactive_days filter: inactiveDays
// whole days of 24 hours before the read's start.
func InactiveBefore(readStart time.Time, inactiveDays int64) time.Time {
	return readStart.Add(-time.Duration(inactiveDays) * 24 * time.Hour)
}

// inactive reports whether a user counts as inactive at cutoff: no
// successful sign-in (interactive or not) at or after it, which includes
// never. The successful sign-in is the one signal that the account was used;
// a failed attempt (lastSignInDateTime) is not use.
func inactive(cutoff time.Time, a *graph.SignInActivity) bool {
	return a == nil || a.LastSuccessfulSignIn == nil || a.LastSuccessfulSignIn.Before(cutoff)
}

// neverSignedIn reports whether Graph has no successful sign-in for the user.
func neverSignedIn(a *graph.SignInActivity) bool {
	return a == nil || a.LastSuccessfulSignIn == nil
}

// inactivityKeeps applies a filter's InactiveBefore (zero: keep everyone).
func (f UserFilter) inactivityKeeps(a *graph.SignInActivity) bool {
	return f.InactiveBefore.IsZero() || inactive(f.InactiveBefore, a)
}
