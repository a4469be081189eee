package fakegraph

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestThrottlingFault(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/users", Status: 429, RetryAfter: "2", Times: 2})

	// A request without a token gets its 401 and does not use up the fault.
	if resp, _ := get(t, s.URL()+"/v1.0/users", ""); resp.StatusCode != 401 {
		t.Fatalf("unauthenticated: %d, want 401", resp.StatusCode)
	}
	// Another path is not hit.
	if resp, _ := get(t, s.URL()+"/v1.0/organization", tok); resp.StatusCode != 200 {
		t.Fatalf("/organization: %d, want 200", resp.StatusCode)
	}
	for i := 0; i < 2; i++ {
		resp, body := get(t, s.URL()+"/v1.0/users?$top=5", tok)
		e := expectGraphError(t, resp, body, 429, "TooManyRequests")
		if !strings.HasPrefix(e.Error.Message, "Too many requests") || !strings.HasSuffix(e.Error.Message, "Please try again later.") {
			t.Errorf("message = %q", e.Error.Message)
		}
		if got := resp.Header.Get("Retry-After"); got != "2" {
			t.Errorf("Retry-After = %q, want 2", got)
		}
	}
	if resp, body := get(t, s.URL()+"/v1.0/users?$top=5", tok); resp.StatusCode != 200 {
		t.Errorf("after the fault: %d %s", resp.StatusCode, body)
	}
}

func TestServerErrorFaults(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	date := time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)
	cases := []struct {
		status     int
		retryAfter string
		code       string
	}{
		{408, "", "UnknownError"},
		{500, "", "generalException"},
		{502, "", "UnknownError"},
		{503, date, "serviceNotAvailable"},
		{504, "", "UnknownError"},
	}
	for _, tc := range cases {
		s.InjectFault(Fault{Status: tc.status, RetryAfter: tc.retryAfter})
		resp, body := get(t, s.URL()+"/v1.0/organization", tok)
		expectGraphError(t, resp, body, tc.status, tc.code)
		if got := resp.Header.Get("Retry-After"); got != tc.retryAfter {
			t.Errorf("%d: Retry-After = %q, want %q", tc.status, got, tc.retryAfter)
		}
	}
}

func TestFaultOnOnePage(t *testing.T) {
	s := startTenant(t, GenerateTenant(5, 30))
	tok := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/users", Page: 2, Status: 503})

	resp, body := get(t, s.URL()+"/v1.0/users?$top=10", tok)
	page1 := decodeCollection(t, resp, body)
	resp, body = get(t, page1.NextLink, tok)
	expectGraphError(t, resp, body, 503, "serviceNotAvailable")
	resp, body = get(t, page1.NextLink, tok) // the retry succeeds
	page2 := decodeCollection(t, resp, body)
	resp, body = get(t, page2.NextLink, tok)
	if page3 := decodeCollection(t, resp, body); page3.NextLink != "" || len(page3.Value) != 10 {
		t.Errorf("page 3: %d users, nextLink %q", len(page3.Value), page3.NextLink)
	}
}

func TestFaultForever(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.InjectFault(Fault{Status: 503, Times: -1})
	for i := 0; i < 5; i++ {
		if resp, _ := get(t, s.URL()+"/v1.0/users", tok); resp.StatusCode != 503 {
			t.Fatalf("request %d: %d, want 503", i, resp.StatusCode)
		}
	}
	s.ClearFaults()
	if resp, _ := get(t, s.URL()+"/v1.0/users", tok); resp.StatusCode != 200 {
		t.Errorf("after ClearFaults: %d", resp.StatusCode)
	}
}

func TestDropFault(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/users", Drop: true})
	s.ResetRequests()

	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/v1.0/users?$top=999", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("headers should arrive before the drop: %v", err)
	}
	if resp.StatusCode != 200 {
		t.Errorf("status %d, want 200", resp.StatusCode)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading the body: err = %v, want unexpected EOF", err)
	}
	if len(body) == 0 || json.Valid(body) {
		t.Errorf("want part of a JSON body, got %d bytes (valid=%v)", len(body), json.Valid(body))
	}
	reqs := s.Requests()
	if len(reqs) != 1 || !reqs[0].Dropped || reqs[0].Status != 200 {
		t.Errorf("request log = %+v, want one dropped 200", reqs)
	}
	if resp, body := get(t, s.URL()+"/v1.0/users", tok); resp.StatusCode != 200 || !json.Valid(body) {
		t.Errorf("after the drop: %d", resp.StatusCode)
	}
}

func TestLatency(t *testing.T) {
	s := startDemo(t)
	s.SetLatency(200 * time.Millisecond)
	start := time.Now()
	tok := demoToken(t, s)
	if d := time.Since(start); d >= 200*time.Millisecond {
		t.Errorf("token endpoint took %v; latency applies to Graph only", d)
	}
	start = time.Now()
	if resp, _ := get(t, s.URL()+"/v1.0/organization", tok); resp.StatusCode != 200 {
		t.Fatal(resp.Status)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("Graph request took %v, want at least 200ms", d)
	}
	s.SetLatency(0)
	start = time.Now()
	get(t, s.URL()+"/v1.0/organization", tok)
	if d := time.Since(start); d >= 200*time.Millisecond {
		t.Errorf("after SetLatency(0) a request took %v", d)
	}
}

func TestCloseCutsLatencyShort(t *testing.T) {
	s := Start(DemoTenant())
	tok := token(t, s, DemoClientID, DemoClientSecret)
	s.SetLatency(time.Minute)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, s.URL()+"/v1.0/organization", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	for len(s.Requests()) < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	s.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v with a request waiting out its latency", d)
	}
}

func TestRequestLog(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.ResetRequests()
	before := time.Now()
	resp, _ := get(t, s.URL()+"/v1.0/users?$top=2&$select=id", tok)
	get(t, s.URL()+"/v1.0/organization", "")
	token(t, s, NoUsersClientID, NoUsersClientSecret)

	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged, want 3: %+v", len(reqs), reqs)
	}
	host := strings.TrimPrefix(s.URL(), "http://")
	want := []Request{
		{Method: "GET", Path: "/v1.0/users", RawQuery: "$top=2&$select=id", Host: host, Status: 200, Authorization: true},
		{Method: "GET", Path: "/v1.0/organization", Host: host, Status: 401},
		{Method: "POST", Path: "/" + DemoTenantID + "/oauth2/v2.0/token", Host: host, Status: 200},
	}
	for i, w := range want {
		got := reqs[i]
		if got.Method != w.Method || got.Path != w.Path || got.RawQuery != w.RawQuery || got.Host != w.Host ||
			got.Status != w.Status || got.Authorization != w.Authorization {
			t.Errorf("request %d = %+v, want %+v", i, got, w)
		}
		if got.At.Before(before) || i > 0 && got.At.Before(reqs[i-1].At) {
			t.Errorf("request %d At %v out of order", i, got.At)
		}
	}
	if reqs[0].RequestID != resp.Header.Get("request-id") {
		t.Errorf("RequestID %q, response request-id %q", reqs[0].RequestID, resp.Header.Get("request-id"))
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
}

func TestExpireTokensFault(t *testing.T) {
	s := startDemo(t)
	old := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/users", Page: 1, ExpireTokens: true})

	resp, body := get(t, s.URL()+"/v1.0/users?$top=5", old)
	e := expectGraphError(t, resp, body, 401, "InvalidAuthenticationToken")
	if e.Error.Message != "Access token has expired or is not yet valid." {
		t.Errorf("message = %q", e.Error.Message)
	}
	// The old token stays expired; a new one works.
	if resp, _ := get(t, s.URL()+"/v1.0/organization", old); resp.StatusCode != 401 {
		t.Errorf("old token after expiry: %d, want 401", resp.StatusCode)
	}
	if resp, body := get(t, s.URL()+"/v1.0/users?$top=5", demoToken(t, s)); resp.StatusCode != 200 {
		t.Errorf("new token: %d %s", resp.StatusCode, body)
	}
}
