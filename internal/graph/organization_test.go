package graph

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestGetOrganization(t *testing.T) {
	const one = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#organization","value":[{
		"id":"11111111-2222-3333-4444-555555555555","deletedDateTime":null,"displayName":"Northwind Traders","tenantType":"AAD",
		"verifiedDomains":[
			{"capabilities":"Email, OfficeCommunicationsOnline","isDefault":false,"isInitial":true,"name":"northwind.onmicrosoft.com","type":"Managed"},
			{"capabilities":"Email","isDefault":true,"isInitial":false,"name":"northwind.example","type":"Managed"}]}]}`
	tests := []struct {
		name    string
		body    string
		want    Organization
		wantErr string
	}{
		{name: "one organization", body: one, want: Organization{
			ID:          "11111111-2222-3333-4444-555555555555",
			DisplayName: func() *string { s := "Northwind Traders"; return &s }(),
			VerifiedDomains: []VerifiedDomain{
				{Name: "northwind.onmicrosoft.com", IsInitial: true, Type: "Managed", Capabilities: "Email, OfficeCommunicationsOnline"},
				{Name: "northwind.example", IsDefault: true, Type: "Managed", Capabilities: "Email"},
			},
		}},
		{name: "none", body: `{"value":[]}`, wantErr: "returned 0 organizations"},
		{name: "two", body: `{"value":[{"id":"a"},{"id":"b"}]}`, wantErr: "returned 2 organizations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var query string
			g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
				query = r.URL.Path + "?" + r.URL.RawQuery
				writeJSON(w, 200, tt.body)
			})
			org, err := g.client(t).GetOrganization(t.Context())
			if query != "/v1.0/organization?$select=id,displayName,verifiedDomains" {
				t.Errorf("request = %q", query)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(org, tt.want) {
				t.Fatalf("org = %+v, err = %v", org, err)
			}
		})
	}
}
