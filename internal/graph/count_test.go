package graph

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestCountServicePrincipalsBodies reads the count with and without a byte
// order mark, sends ConsistencyLevel: eventual, and refuses a body that is
// not a count rather than guessing.
func TestCountServicePrincipalsBodies(t *testing.T) {
	for _, tt := range []struct {
		body    string
		want    int
		wantErr string
	}{
		{"5000", 5000, ""},
		{"\ufeff5000", 5000, ""},
		{"\ufeff 12\r\n", 12, ""},
		{"<html>proxy</html>", 0, "not a count of objects"},
		{"-3", 0, "not a count of objects"},
		{"", 0, "not a count of objects"},
	} {
		var eventual string
		g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
			eventual = r.Header.Get("ConsistencyLevel")
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, tt.body)
		})
		n, err := g.client(t).CountServicePrincipals(context.Background())
		if eventual != "eventual" {
			t.Errorf("%q: ConsistencyLevel = %q", tt.body, eventual)
		}
		switch {
		case tt.wantErr == "" && (err != nil || n != tt.want):
			t.Errorf("%q: %d, %v; want %d", tt.body, n, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%q: %d, %v; want an error with %q", tt.body, n, err, tt.wantErr)
		}
	}
}
