package fakegraph

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestMaxPageSizeCapsTop(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.SetMaxPageSize(4)
	resp, body := get(t, s.URL()+"/v1.0/users?$select=id&$top=999", tok)
	c := decodeCollection(t, resp, body)
	if len(c.Value) != 4 || !strings.Contains(c.NextLink, "top=4") {
		t.Fatalf("got %d users, nextLink %q; want 4 and a link that keeps $top=4", len(c.Value), c.NextLink)
	}
	s.SetMaxPageSize(0)
	resp, body = get(t, s.URL()+"/v1.0/users?$select=id&$top=999", tok)
	if c := decodeCollection(t, resp, body); len(c.Value) != len(s.Tenant().Users) {
		t.Fatalf("uncapped: %d users, want %d", len(c.Value), len(s.Tenant().Users))
	}
}

func TestSkipLetsRequestsThrough(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/organization", Status: 503, Skip: 2})
	for i, want := range []int{200, 200, 503, 200} {
		if resp, _ := get(t, s.URL()+"/v1.0/organization", tok); resp.StatusCode != want {
			t.Fatalf("request %d: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}

func TestBodyFaults(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.SetMaxPageSize(3)
	page1 := func() collection {
		resp, body := get(t, s.URL()+"/v1.0/users?$select=id,displayName&$top=999", tok)
		return decodeCollection(t, resp, body)
	}
	clean := page1()

	t.Run("truncated JSON", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Body: BodyFault{Kind: TruncatedJSON}})
		resp, body := get(t, s.URL()+"/v1.0/users?$select=id&$top=999", tok)
		if resp.StatusCode != 200 || json.Valid(body) || resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Fatalf("status %d, valid %v, Content-Length %s for %d bytes", resp.StatusCode, json.Valid(body), resp.Header.Get("Content-Length"), len(body))
		}
	})
	t.Run("HTML page", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Body: BodyFault{Kind: HTMLPage}})
		resp, body := get(t, s.URL()+"/v1.0/users", tok)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<html>") {
			t.Fatalf("status %d, type %q, body %.40s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	})
	t.Run("nextLink elsewhere", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Body: BodyFault{Kind: NextLinkTo, Link: "https://evil.example/v1.0/users?$skiptoken=x"}})
		c := page1()
		if c.NextLink != "https://evil.example/v1.0/users?$skiptoken=x" || len(c.Value) != 3 {
			t.Fatalf("nextLink %q, %d items", c.NextLink, len(c.Value))
		}
		resp, body := get(t, s.URL()+"/v1.0/users?$select=id,displayName&$top=999", tok)
		if k := keys(t, body); k[0] != "@odata.context" || k[1] != "@odata.nextLink" || k[2] != "value" {
			t.Fatalf("keys %v (status %d), want Graph's order", k, resp.StatusCode)
		}
	})
	t.Run("missing properties", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Body: BodyFault{Kind: MissingProperties}})
		for _, item := range page1().Value {
			if got := sortedKeys(item); len(got) != 1 || got[0] != "id" {
				t.Fatalf("keys %v, want only id", got)
			}
		}
	})
	t.Run("extra properties", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Body: BodyFault{Kind: ExtraProperties}})
		for _, item := range page1().Value {
			if _, ok := item["fakegraphExtraObject"]; !ok || len(item) != 6 {
				t.Fatalf("keys %v", sortedKeys(item))
			}
		}
	})
	t.Run("repeat first page", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Page: 2, Body: BodyFault{Kind: RepeatFirstPage}})
		resp, body := get(t, clean.NextLink, tok)
		c := decodeCollection(t, resp, body)
		if len(c.Value) != 6 || string(c.Value[0]["id"]) != string(clean.Value[0]["id"]) || c.NextLink == "" {
			t.Fatalf("%d items, first %s, want the 3 of page 1 then page 2's 3", len(c.Value), c.Value[0]["id"])
		}
	})
	t.Run("errors pass unchanged", func(t *testing.T) {
		const missing = "/v1.0/devices" // in the metadata, not emulated
		s.InjectFault(Fault{PathPrefix: missing, Body: BodyFault{Kind: ExtraProperties}})
		resp, body := get(t, s.URL()+missing, tok)
		expectGraphError(t, resp, body, http.StatusNotFound, "Request_ResourceNotFound")
	})
}

func TestLoopingLinkFaults(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	s.SetMaxPageSize(3)

	t.Run("repeating link", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Page: 2, Body: BodyFault{Kind: RepeatLink}})
		resp, body := get(t, s.URL()+"/v1.0/users?$select=id&$top=3", tok)
		second := decodeCollection(t, resp, body).NextLink
		resp, body = get(t, second, tok)
		c := decodeCollection(t, resp, body)
		if c.NextLink != second || len(c.Value) != 3 {
			t.Fatalf("page 2 links to %q with %d users; want its own link %q and its 3 users", c.NextLink, len(c.Value), second)
		}
	})
	t.Run("endless empty pages", func(t *testing.T) {
		s.InjectFault(Fault{PathPrefix: "/v1.0/users", Times: -1, Body: BodyFault{Kind: EmptyPagesForever}})
		defer s.ClearFaults()
		link, seen := s.URL()+"/v1.0/users?$select=id&$top=3", map[string]bool{}
		for i := range 50 { // more pages than the tenant has
			resp, body := get(t, link, tok)
			c := decodeCollection(t, resp, body)
			if len(c.Value) != 0 || c.NextLink == "" || seen[c.NextLink] {
				t.Fatalf("page %d: %d users, nextLink %q (seen before: %v); want none and a new link", i+1, len(c.Value), c.NextLink, seen[c.NextLink])
			}
			seen[c.NextLink] = true
			link = c.NextLink
		}
	})
}
