package graph

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestListUserRegistrationDetailsPushesMfaDownAndDecodes(t *testing.T) {
	var (
		mu      sync.Mutex
		queries []string
	)
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		writeJSON(w, 200, `{"value":[
			{"id":"u1","userPrincipalName":"sam@example.com","userDisplayName":"Sam","userType":"member","isAdmin":true,
			 "isMfaCapable":false,"isMfaRegistered":false,"isPasswordlessCapable":false,"isSsprCapable":false,"isSsprEnabled":true,
			 "isSsprRegistered":false,"lastUpdatedDateTime":"2026-08-30T04:12:09.1234567Z","methodsRegistered":[],
			 "systemPreferredAuthenticationMethods":[],"userPreferredMethodForSecondaryAuthentication":"none"},
			{"id":"u2","userPrincipalName":"g@example.com","userDisplayName":"G","userType":"guest","isAdmin":null,
			 "isMfaRegistered":false,"userPreferredMethodForSecondaryAuthentication":""}
		]}`)
	})
	no := false
	var got []UserRegistrationDetails
	err := g.client(t).ListUserRegistrationDetails(t.Context(), RegistrationDetailsQuery{MfaRegistered: &no}, func(d UserRegistrationDetails) error {
		got = append(got, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "$filter=isMfaRegistered%20eq%20false&$top=999"; len(queries) != 1 || queries[0] != want {
		t.Fatalf("queries = %q, want [%q]", queries, want)
	}
	if len(got) != 2 {
		t.Fatalf("got %d rows, want 2", len(got))
	}
	u1, u2 := got[0], got[1]
	if u1.IsAdmin == nil || !*u1.IsAdmin || u1.IsMfaRegistered == nil || *u1.IsMfaRegistered ||
		u1.UserPreferredMethodForSecondaryAuthentication == nil || *u1.UserPreferredMethodForSecondaryAuthentication != "none" ||
		u1.MethodsRegistered == nil || len(u1.MethodsRegistered) != 0 {
		t.Errorf("u1 = %+v", u1)
	}
	if want := time.Date(2026, 8, 30, 4, 12, 9, 123456700, time.UTC); u1.LastUpdatedDateTime == nil || !u1.LastUpdatedDateTime.Equal(want) {
		t.Errorf("lastUpdatedDateTime = %v, want %v", u1.LastUpdatedDateTime, want)
	}
	// null isAdmin, absent lists and flags stay nil; "" stays "".
	if u2.IsAdmin != nil || u2.IsMfaCapable != nil || u2.MethodsRegistered != nil || u2.LastUpdatedDateTime != nil ||
		u2.UserPreferredMethodForSecondaryAuthentication == nil || *u2.UserPreferredMethodForSecondaryAuthentication != "" {
		t.Errorf("u2 = %+v", u2)
	}
}

// $top is undocumented on the report: a 400 on the first page is answered
// by reading again without it, once.
func TestListUserRegistrationDetailsWithoutTopWhenRefused(t *testing.T) {
	var queries []string
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Query().Has("$top") {
			graphError(w, http.StatusBadRequest, "BadRequest", "req-top")
			return
		}
		writeJSON(w, 200, `{"value":[{"id":"u1","userPrincipalName":"a@example.com","userDisplayName":"A"}]}`)
	})
	n := 0
	err := g.client(t).ListUserRegistrationDetails(t.Context(), RegistrationDetailsQuery{}, func(UserRegistrationDetails) error { n++; return nil })
	if err != nil || n != 1 {
		t.Fatalf("err = %v, rows = %d; want nil, 1", err, n)
	}
	if want := []string{"$top=999", ""}; len(queries) != 2 || queries[0] != want[0] || queries[1] != want[1] {
		t.Errorf("queries = %q, want %q", queries, want)
	}
}

func TestListUserRegistrationDetailsExplainsRefusals(t *testing.T) {
	for _, c := range []struct {
		code      string
		noPremium bool
	}{
		{codeNonPremium, true},
		{codePermissionMissing, false},
		{codeRequestDenied, false},
	} {
		t.Run(c.code, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
				graphError(w, http.StatusForbidden, c.code, "req-403")
			})
			err := g.client(t).ListUserRegistrationDetails(t.Context(), RegistrationDetailsQuery{}, func(UserRegistrationDetails) error { return nil })
			var refused *RegistrationDetailsError
			if !errors.As(err, &refused) || refused.NoPremium != c.noPremium {
				t.Fatalf("err = %v (%T), want a RegistrationDetailsError with NoPremium %t", err, err, c.noPremium)
			}
			if refused.Graph.RequestID != "req-403" {
				t.Errorf("request-id = %q", refused.Graph.RequestID)
			}
		})
	}
}

func TestRegistrationReportIsOnTheReportsBudget(t *testing.T) {
	for path, want := range map[string]bool{
		"/v1.0/reports/authenticationMethods/userRegistrationDetails": true,
		"/v1.0/auditLogs/signIns":                                     true,
		"/v1.0/reports/getOffice365ActiveUserDetail(period='D30')":    false,
		"/v1.0/users": false,
	} {
		if got := isReportsPath(path); got != want {
			t.Errorf("isReportsPath(%q) = %t, want %t", path, got, want)
		}
	}
}
