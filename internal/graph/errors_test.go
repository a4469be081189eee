package graph

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestPermissionErrorsNameThePermission(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		call     func(*Client) error
		wantPerm string
	}{
		{"users, request denied", codeRequestDenied, func(c *Client) error { _, err := listIDs(t.Context(), c); return err }, "User.Read.All"},
		{"users, permission missing", codePermissionMissing, func(c *Client) error { _, err := listIDs(t.Context(), c); return err }, "User.Read.All"},
		{"organization", codeRequestDenied, func(c *Client) error { _, err := c.GetOrganization(t.Context()); return err }, "Organization.Read.All"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				graphError(w, http.StatusForbidden, tt.code, "rid-403")
			})
			err := tt.call(g.client(t))
			var gerr *Error
			if !errors.As(err, &gerr) || gerr.StatusCode != 403 || gerr.Permission != tt.wantPerm || gerr.Code != tt.code {
				t.Fatalf("err = %#v, want a 403 *Error naming %s", err, tt.wantPerm)
			}
			for _, s := range []string{tt.wantPerm, "admin consent", "rid-403", tt.code, "message for " + tt.code} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			if g.graphHits.Load() != 1 {
				t.Errorf("a 403 was retried: %d requests", g.graphHits.Load())
			}
		})
	}
}

func TestErrorsWithoutAGraphBody(t *testing.T) {
	const private = "PRIVATE-BODY-CONTENT"
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        []string
		// hits: answers that may pass are sent again until the page's
		// budget is spent; the others are answers.
		hits int32
	}{
		{"proxy error page", http.StatusBadGateway, "text/html", "<html>" + private + "</html>", []string{"HTTP 502", "text/html", "GET /v1.0/users", "hdr-", "after 9 attempts"}, 9},
		{"empty 403", http.StatusForbidden, "", "", []string{"HTTP 403", "no response body"}, 1},
		{"200 with an HTML page", 200, "text/html; charset=utf-8", "<html>" + private + "</html>", []string{"not a valid Graph page", "text/html", "after 9 attempts"}, 9},
		{"200 with truncated JSON", 200, "application/json", `{"value":[{"id":"` + private, []string{"ended before it was complete", "after 9 attempts"}, 9},
		{"200 with broken JSON", 200, "application/json", `{"value":[{"id":"x"} ` + private + `]}`, []string{"not valid JSON", "after 9 attempts"}, 9},
		{"200 with no value", 200, "application/json", `{"error":"` + private + `"}`, []string{`no "value" array`, "in the only attempt"}, 1},
		{"redirect", http.StatusFound, "text/html", "", []string{"redirected", "HTTP 302"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				if tt.status == http.StatusFound {
					w.Header().Set("Location", "https://elsewhere.example/")
				}
				w.Header().Set("request-id", "hdr-rid")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			_, err := listIDs(t.Context(), g.client(t))
			var gerr *Error
			if !errors.As(err, &gerr) || gerr.StatusCode != tt.status || gerr.RequestID != "hdr-rid" {
				t.Fatalf("err = %v, want *Error with status %d and the header request-id", err, tt.status)
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			if strings.Contains(err.Error(), private) {
				t.Errorf("error quotes the body: %q", err)
			}
			if g.graphHits.Load() != tt.hits {
				t.Errorf("requests = %d, want %d", g.graphHits.Load(), tt.hits)
			}
		})
	}
}
