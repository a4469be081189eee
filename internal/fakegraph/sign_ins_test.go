package fakegraph

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// signInsTenant is the demo tenant with 2,500 generated sign-ins over the
// last two days and no reports throttle unless a test sets one.
func signInsTenant(t *testing.T) *Server {
	t.Helper()
	tenant := DemoTenant()
	tenant.SignIns = GenerateSignIns(tenant, 1, 2500, 48*time.Hour, time.Now().UTC())
	s := startTenant(t, tenant)
	s.SetReportsThrottle(0, 0)
	return s
}

func signInsURL(s *Server, filter string, extra ...string) string {
	q := url.Values{}
	if filter != "" {
		q.Set("$filter", filter)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return s.URL() + "/v1.0/auditLogs/signIns?" + q.Encode()
}

func TestSignInsPagesNewestFirst(t *testing.T) {
	s := signInsTenant(t)
	bearer := demoToken(t, s)
	link, total, pages := signInsURL(s, ""), 0, 0
	var last time.Time
	for link != "" {
		resp, body := get(t, link, bearer)
		page := decodeCollection(t, resp, body)
		if page.Context != s.URL()+"/v1.0/$metadata#auditLogs/signIns" {
			t.Errorf("@odata.context = %s", page.Context)
		}
		for _, item := range page.Value {
			var at time.Time
			if err := json.Unmarshal(item["createdDateTime"], &at); err != nil {
				t.Fatal(err)
			}
			if !last.IsZero() && at.After(last) {
				t.Fatalf("sign-ins not newest first: %s after %s", at, last)
			}
			last = at
			for _, key := range []string{"status", "location", "clientAppUsed", "isInteractive", "deviceDetail", "appDisplayName"} {
				if _, ok := item[key]; !ok {
					t.Fatalf("sign-in without %s", key)
				}
			}
		}
		total += len(page.Value)
		pages++
		link = page.NextLink
	}
	if total != 2500 || pages != 3 {
		t.Errorf("read %d sign-ins in %d pages, want 2500 in 3 (1,000 a page by default)", total, pages)
	}
}

func TestSignInsFilters(t *testing.T) {
	s := signInsTenant(t)
	bearer := demoToken(t, s)
	all := s.sortedSignIns()
	mid := all[len(all)/2]
	count := func(filter string) int {
		t.Helper()
		n := 0
		for link := signInsURL(s, filter); link != ""; {
			resp, body := get(t, link, bearer)
			page := decodeCollection(t, resp, body)
			n += len(page.Value)
			link = page.NextLink
		}
		return n
	}
	want := func(keep func(*SignIn) bool) int {
		n := 0
		for _, si := range all {
			if keep(si) {
				n++
			}
		}
		return n
	}
	at := mid.CreatedDateTime.Format(time.RFC3339Nano)
	cases := map[string]int{
		"createdDateTime ge " + at:                               want(func(si *SignIn) bool { return !si.CreatedDateTime.Before(mid.CreatedDateTime) }),
		"createdDateTime le " + at:                               want(func(si *SignIn) bool { return !si.CreatedDateTime.After(mid.CreatedDateTime) }),
		"appId eq '" + mid.AppID + "' and status/errorCode eq 0": want(func(si *SignIn) bool { return si.AppID == mid.AppID && si.ErrorCode == 0 }),
		"(appId eq '" + mid.AppID + "' or userId eq '" + mid.UserID + "') and createdDateTime ge " + at: want(func(si *SignIn) bool {
			return (si.AppID == mid.AppID || si.UserID == mid.UserID) && !si.CreatedDateTime.Before(mid.CreatedDateTime)
		}),
	}
	for filter, n := range cases {
		if got := count(filter); got != n || n == 0 {
			t.Errorf("%s: %d sign-ins, want %d (> 0)", filter, got, n)
		}
	}

	for _, bad := range []string{
		"createdDateTime gt " + at,           // gt/lt are not documented
		"createdDateTime ge '" + at + "'",    // DateTimeOffset literals are unquoted
		"appId eq " + mid.AppID,              // strings are quoted
		"userPrincipalName eq 'a@b.example'", // not emulated
		"appId eq 'x' and",                   // incomplete
		"(appId eq '" + mid.AppID + "'",      // unclosed
	} {
		resp, body := get(t, signInsURL(s, bad), bearer)
		expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
	}
	resp, body := get(t, signInsURL(s, "", "$top", "1001"), bearer)
	expectGraphError(t, resp, body, http.StatusBadRequest, "Request_UnsupportedQuery")
	resp, body = get(t, signInsURL(s, "", "$select", "id"), bearer)
	expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
}

func TestSignInsThrottleAndRefusals(t *testing.T) {
	s := signInsTenant(t)
	s.SetReportsThrottle(2, time.Minute)
	bearer := demoToken(t, s)
	for i := range 2 {
		resp, _ := get(t, signInsURL(s, "", "$top", "1"), bearer)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp, body := get(t, signInsURL(s, "", "$top", "1"), bearer)
	expectGraphError(t, resp, body, http.StatusTooManyRequests, "TooManyRequests")
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q, want a number of seconds", ra)
	}
	if s.ReportsThrottled() != 1 {
		t.Errorf("ReportsThrottled = %d, want 1", s.ReportsThrottled())
	}
	// Other endpoints are not on the reports budget.
	resp, _ = get(t, s.URL()+"/v1.0/users?$top=1", bearer)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/users: status %d", resp.StatusCode)
	}

	s.SetReportsThrottle(0, 0)
	resp, body = get(t, signInsURL(s, ""), token(t, s, NoUsersClientID, NoUsersClientSecret))
	expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")

	free := DemoTenant()
	free.WithoutPremium = true
	fs := startTenant(t, free)
	resp, body = get(t, signInsURL(fs, ""), demoToken(t, fs))
	expectGraphError(t, resp, body, http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant")
}

func TestDemoTenantHasThirtyDaysOfSignIns(t *testing.T) {
	tenant := DemoTenant()
	if len(tenant.SignIns) < 200 || len(tenant.SignIns) > 1000 {
		t.Errorf("%d demo sign-ins, want a few hundred (one page)", len(tenant.SignIns))
	}
	now := time.Now()
	failed := 0
	for _, si := range tenant.SignIns {
		if age := now.Sub(si.CreatedDateTime); age < 0 || age > 30*24*time.Hour {
			t.Fatalf("sign-in %s is %s old, outside the last 30 days", si.ID, age)
		}
		if si.ErrorCode != 0 {
			failed++
		}
	}
	if failed == 0 {
		t.Error("the demo sign-ins should include failures")
	}
}
