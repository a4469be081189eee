package fakegraph

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestAppendStringIsValidJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr", "nul\x00 bell\x07 esc\x1b",
		"Müller Tomáš 日本", "line\u2028sep\u2029", "<a href='x'>&</a>", "bad utf8 \xff\xfe end",
	} {
		b := appendString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("%q -> %s: %v", s, b, err)
			continue
		}
		var want string // what encoding/json makes of s
		std, _ := json.Marshal(s)
		_ = json.Unmarshal(std, &want)
		if back != want {
			t.Errorf("%q round-trips to %q", s, back)
		}
	}
}

// TestNewServesAsPlainHandler uses the Server without Start: links and the
// accepted scope follow the Host the request names.
func TestNewServesAsPlainHandler(t *testing.T) {
	s := New(DemoTenant())
	defer s.Close()
	if s.URL() != "" {
		t.Errorf("URL() = %q for an unstarted Server", s.URL())
	}
	form := clientCredentials(DemoClientID, DemoClientSecret, "http://graph.local.test/.default")
	req := httptest.NewRequest(http.MethodPost, "http://graph.local.test/"+DemoTenantID+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var tok tokenResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || rec.Code != 200 {
		t.Fatalf("token: %d %s", rec.Code, rec.Body)
	}

	req = httptest.NewRequest(http.MethodGet, "http://graph.local.test/v1.0/users?$top=3&"+url.Values{"$select": {"id"}}.Encode(), nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var page collection
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != 200 {
		t.Fatalf("users: %d %s", rec.Code, rec.Body)
	}
	if !strings.HasPrefix(page.NextLink, "http://graph.local.test/v1.0/users?$top=3&%24select=id&$skiptoken=") {
		t.Errorf("nextLink %q", page.NextLink)
	}
}
