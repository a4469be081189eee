package fakegraph

import (
	"net/http"
	"strings"
	"time"
)

// The users' licence and sign-in activity properties (graph-reference-2 §2,
// §4), and the switches that make /users with signInActivity behave like
// the variants of Graph seen in the field.

func appendAssignedLicenses(b []byte, u *User) []byte {
	b = append(b, '[')
	for i, l := range u.AssignedLicenses {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"disabledPlans":`...)
		b = appendStrings(b, l.DisabledPlans)
		b = append(b, `,"skuId":`...)
		b = appendString(b, l.SkuID)
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendLicenseAssignmentStates(b []byte, u *User) []byte {
	orNull := func(b []byte, s string) []byte {
		if s == "" {
			return append(b, "null"...)
		}
		return appendString(b, s)
	}
	b = append(b, '[')
	for i, st := range u.LicenseAssignmentStates {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"assignedByGroup":`...)
		b = orNull(b, st.AssignedByGroup)
		b = append(b, `,"disabledPlans":`...)
		b = appendStrings(b, st.DisabledPlans)
		b = append(b, `,"error":`...)
		b = orNull(b, st.Error)
		b = append(b, `,"lastUpdatedDateTime":`...)
		b = appendTimePtr(b, st.LastUpdated)
		b = append(b, `,"skuId":`...)
		b = appendString(b, st.SkuID)
		b = append(b, `,"state":`...)
		b = orNull(b, st.State)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendSignInActivity writes the property as Graph does, with a request id
// beside each date (never read by the provider, present for realism). For a
// user who never signed in it writes nothing: Graph leaves the property out.
func appendSignInActivity(b []byte, u *User) []byte {
	a := u.SignInActivity
	if a == nil {
		return b
	}
	field := func(b []byte, name string, t *time.Time, first bool) []byte {
		b = appendKey(b, name+"DateTime", first)
		b = appendTimePtr(b, t)
		b = appendKey(b, name+"RequestId", false)
		if t == nil {
			return append(b, "null"...)
		}
		return appendString(b, nameGUID(name+":"+u.ID+":"+t.Format(time.RFC3339)))
	}
	b = append(b, '{')
	b = field(b, "lastSignIn", a.LastSignIn, true)
	b = field(b, "lastNonInteractiveSignIn", a.LastNonInteractiveSignIn, false)
	b = field(b, "lastSuccessfulSignIn", a.LastSuccessfulSignIn, false)
	return append(b, '}')
}

// holdsSku reports whether u's assignedLicenses include skuID.
func holdsSku(u *User, skuID string) bool {
	for _, l := range u.AssignedLicenses {
		if strings.EqualFold(l.SkuID, skuID) {
			return true
		}
	}
	return false
}

// SetSignInActivityMaxPageSize sets the largest $top /users accepts when
// signInActivity is selected (default 500, today's documented limit); 120
// is the limit of 2023, under which a $top of 500 is answered 400.
func (s *Server) SetSignInActivityMaxPageSize(n int) {
	s.mu.Lock()
	s.signInActivity.maxPage = n
	s.mu.Unlock()
}

// SetSignInActivityThrottle throttles /users requests that select
// signInActivity like the reports API (at most requests in any window per
// client), as users see Graph do although it documents no such limit.
// requests <= 0 turns it off, which is the default.
func (s *Server) SetSignInActivityThrottle(requests int, window time.Duration) {
	t := &s.signInActivity.throttle
	t.mu.Lock()
	t.set, t.requests, t.window = true, requests, window
	t.arrivals = nil
	t.mu.Unlock()
}

// SignInActivityThrottled is how many /users requests with signInActivity
// the throttle answered 429.
func (s *Server) SignInActivityThrottled() int {
	t := &s.signInActivity.throttle
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.throttled
}

// signInActivitySwitches are the Server's settings for signInActivity.
type signInActivitySwitches struct {
	maxPage  int // 0: maxSignInActivityPageSize
	throttle reportsThrottle
}

func (s *Server) signInActivityMaxPage() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.signInActivity.maxPage > 0 {
		return s.signInActivity.maxPage
	}
	return maxSignInActivityPageSize
}

// admitSignInActivity applies the throttle switch (off unless set) and the
// premium check; false means it has answered.
func (c *graphCall) admitSignInActivity(w http.ResponseWriter) bool {
	t := &c.s.signInActivity.throttle
	t.mu.Lock()
	on := t.set && t.requests > 0
	t.mu.Unlock()
	if on && !t.admit(w, c.r, c.arrived, c.token.clientID, c.s.tenant.ID) {
		return false
	}
	if c.s.tenant.WithoutPremium {
		writeGraphError(w, c.r, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
			"Neither tenant is B2C or tenant doesn't have premium license")
		return false
	}
	return true
}
