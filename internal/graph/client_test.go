package graph

import (
	"strings"
	"testing"
)

func TestNewClientValidatesConfig(t *testing.T) {
	valid := Config{
		TenantID: "contoso.onmicrosoft.com", ClientID: testClientID, ClientSecret: testSecret,
		AuthorityHost: "https://login.microsoftonline.com/", GraphEndpoint: "https://graph.microsoft.com/",
	}
	tests := []struct {
		name    string
		mod     func(*Config)
		wantErr string
	}{
		{name: "valid, trailing slashes tolerated", mod: func(*Config) {}},
		{name: "loopback emulator over http", mod: func(c *Config) { c.GraphEndpoint, c.AuthorityHost = "http://127.0.0.1:8080", "http://127.0.0.1:8080" }},
		{name: "graph endpoint with /v1.0", mod: func(c *Config) { c.GraphEndpoint = "https://graph.microsoft.com/v1.0" }, wantErr: "without the path"},
		{name: "ftp scheme", mod: func(c *Config) { c.GraphEndpoint = "ftp://graph.microsoft.com" }, wantErr: "https://"},
		{name: "no scheme", mod: func(c *Config) { c.AuthorityHost = "login.microsoftonline.com" }, wantErr: "AuthorityHost"},
		{name: "empty endpoint", mod: func(c *Config) { c.GraphEndpoint = "" }, wantErr: "GraphEndpoint is empty"},
		{name: "query", mod: func(c *Config) { c.GraphEndpoint = "https://graph.microsoft.com?x=1" }, wantErr: "query"},
		{name: "unparsable", mod: func(c *Config) { c.AuthorityHost = "https://[::1" }, wantErr: "not a valid URL"},
		{name: "empty tenant", mod: func(c *Config) { c.TenantID = " " }, wantErr: "TenantID is empty"},
		{name: "tenant with a slash", mod: func(c *Config) { c.TenantID = "a/b" }, wantErr: "TenantID"},
		{name: "empty client ID", mod: func(c *Config) { c.ClientID = "" }, wantErr: "ClientID is empty"},
		{name: "empty secret", mod: func(c *Config) { c.ClientSecret = "" }, wantErr: "ClientSecret is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := valid
			tt.mod(&cfg)
			c, err := NewClient(cfg)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("NewClient: %v", err)
				}
				if c.maxRetries != DefaultMaxRetries || c.maxDelay != defaultMaxBackoff || c.baseDelay != defaultRetryBaseDelay || c.userAgent != defaultUserAgent {
					t.Errorf("defaults not applied: %+v", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("error contains the secret")
			}
		})
	}
}

func TestNewClientTokenURLAndScope(t *testing.T) {
	c, err := NewClient(Config{
		TenantID: "contoso.onmicrosoft.com", ClientID: "id", ClientSecret: "secret",
		AuthorityHost: "https://login.microsoftonline.us/", GraphEndpoint: "https://graph.microsoft.us:443/",
	})
	if err != nil {
		t.Fatal(err)
	}
	conf, _ := c.tokenConfig(t.Context())
	if conf.TokenURL != "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token" {
		t.Errorf("TokenURL = %q", conf.TokenURL)
	}
	if len(conf.Scopes) != 1 || conf.Scopes[0] != "https://graph.microsoft.us/.default" {
		t.Errorf("Scopes = %q", conf.Scopes)
	}
}
