package graph

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestListUsersWithLicencesDecodesAndPushesTheSkuDown(t *testing.T) {
	var got []string
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query().Get("$select")+" | "+r.URL.Query().Get("$filter")+" | "+r.URL.Query().Get("$top"))
		writeJSON(w, 200, `{"value":[{"id":"u1","assignedLicenses":[{"skuId":"s1","disabledPlans":["p1"]}],
			"licenseAssignmentStates":[{"skuId":"s1","assignedByGroup":null,"disabledPlans":["p1"],"state":"Active","error":"None"},
			 {"skuId":"s1","assignedByGroup":"g1","disabledPlans":[],"state":"ActiveWithError","error":"CountViolation"}],
			"signInActivity":{"lastSignInDateTime":"2025-09-14T07:02:11Z","lastNonInteractiveSignInDateTime":null}}]}`)
	})
	var users []User
	err := g.client(t).ListUsersWith(t.Context(), UserListOptions{Licenses: true, HoldingSku: "s1"}, func(u User) error {
		users = append(users, u)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(userFields, ",") + ",assignedLicenses,licenseAssignmentStates | assignedLicenses/any(x:x/skuId eq s1) | 999"
	if len(got) != 1 || got[0] != want {
		t.Errorf("query = %q\nwant %q", got, want)
	}
	u := users[0]
	if len(u.AssignedLicenses) != 1 || u.AssignedLicenses[0].DisabledPlans[0] != "p1" || len(u.LicenseAssignmentStates) != 2 ||
		u.LicenseAssignmentStates[0].AssignedByGroup != nil || *u.LicenseAssignmentStates[1].AssignedByGroup != "g1" ||
		*u.LicenseAssignmentStates[1].Error != "CountViolation" {
		t.Errorf("user = %+v", u)
	}
	if u.SignInActivity == nil || u.SignInActivity.LastSignIn.Format(time.RFC3339) != "2025-09-14T07:02:11Z" || u.SignInActivity.LastNonInteractiveSignIn != nil {
		t.Errorf("signInActivity = %+v", u.SignInActivity)
	}
}

func TestSignInActivityFallsBackTo120WhenGraphRefuses500(t *testing.T) {
	var tops []string
	var g *fakeGraph
	g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		tops = append(tops, q.Get("$top"))
		if q.Get("$skiptoken") == "" && !strings.Contains(q.Get("$select"), "signInActivity") {
			t.Errorf("$select = %q, want signInActivity", q.Get("$select"))
		}
		switch {
		case q.Get("$top") == "500":
			graphError(w, http.StatusBadRequest, "Request_UnsupportedQuery", "req-400")
		case q.Get("$skiptoken") == "":
			writeJSON(w, 200, `{"@odata.nextLink":"`+g.URL+`/v1.0/users?$top=120&$skiptoken=p2","value":[{"id":"u1"}]}`)
		default:
			writeJSON(w, 200, `{"value":[{"id":"u2"}]}`)
		}
	})
	var ids []string
	err := g.client(t).ListUsersWith(t.Context(), UserListOptions{SignInActivity: true}, func(u User) error {
		ids = append(ids, u.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tops, ",") != "500,120,120" || strings.Join(ids, ",") != "u1,u2" {
		t.Errorf("$top sent = %v, users = %v; want 500 refused, then 120 for the rest", tops, ids)
	}
}

func TestRefusedPageSizeIsNotRetriedWithoutSignInActivity(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
		graphError(w, http.StatusBadRequest, "Request_UnsupportedQuery", "req-400")
	})
	err := g.client(t).ListUsersWith(t.Context(), UserListOptions{Licenses: true}, func(User) error { return nil })
	if err == nil || g.graphHits.Load() != 1 {
		t.Errorf("err = %v after %d requests, want the 400 after one", err, g.graphHits.Load())
	}
}

func TestSignInActivityErrorsNameTheFixAndTheWayOut(t *testing.T) {
	for code, want := range map[string]string{
		"Authentication_RequestFromNonPremiumTenantOrB2CTenant": "Entra ID P1 or P2",
		"Authentication_MSGraphPermissionMissing":               "AuditLog.Read.All",
	} {
		t.Run(code, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, _ *http.Request) {
				graphError(w, http.StatusForbidden, code, "req-403")
			})
			err := g.client(t).ListUsersWith(t.Context(), UserListOptions{SignInActivity: true}, func(User) error { return nil })
			for _, part := range []string{want, code, "req-403", "include_sign_in_activity = false"} {
				if err == nil || !strings.Contains(err.Error(), part) {
					t.Errorf("err = %v, want it to contain %q", err, part)
				}
			}
		})
	}
}

// After a 429, the rest of a signInActivity read goes through the shared
// reports window; before it, and on other reads, nothing is paced.
func TestSignInActivityReadIsPacedOnlyAfterA429(t *testing.T) {
	for _, signIns := range []bool{true, false} {
		var mu sync.Mutex
		throttled := false
		var g *fakeGraph
		g = newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			switch r.URL.Query().Get("$skiptoken") {
			case "":
				writeJSON(w, 200, `{"@odata.nextLink":"`+g.URL+`/v1.0/users?$skiptoken=p2","value":[{"id":"u1"}]}`)
			case "p2":
				if !throttled {
					throttled = true
					w.Header().Set("Retry-After", "0")
					graphError(w, http.StatusTooManyRequests, "TooManyRequests", "req-429")
					return
				}
				writeJSON(w, 200, `{"@odata.nextLink":"`+g.URL+`/v1.0/users?$skiptoken=p3","value":[{"id":"u2"}]}`)
			default:
				writeJSON(w, 200, `{"value":[{"id":"u3"}]}`)
			}
		})
		budget := ReportsBudget{Requests: 100, Window: time.Hour}
		c := g.client(t, func(cfg *Config) { cfg.ReportsBudget = budget; cfg.ClientID = newGUID() })
		n := 0
		if err := c.ListUsersWith(t.Context(), UserListOptions{SignInActivity: signIns}, func(User) error { n++; return nil }); err != nil || n != 3 {
			t.Fatalf("signIns=%v: %d users, err %v", signIns, n, err)
		}
		pacer, ok := c.http.Transport.(*reportsPacer)
		if !ok {
			t.Fatalf("the transport is a %T, not the reports pacer", c.http.Transport)
		}
		w := pacer.window
		w.mu.Lock()
		paced := len(w.sent)
		w.mu.Unlock()
		want := 0
		if signIns {
			want = 2 // page 2 sent again, and page 3
		}
		if paced != want {
			t.Errorf("signIns=%v: %d requests went through the reports window, want %d", signIns, paced, want)
		}
	}
}
