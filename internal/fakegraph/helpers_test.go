package fakegraph

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// startDemo starts a Server for the demo tenant, closed when t ends.
func startDemo(t *testing.T) *Server {
	t.Helper()
	return startTenant(t, DemoTenant())
}

func startTenant(t *testing.T, tenant *Tenant) *Server {
	t.Helper()
	s := Start(tenant)
	t.Cleanup(s.Close)
	return s
}

// tokenResponse is the union of the token endpoint's success and error
// bodies.
type tokenResponse struct {
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	ExtExpiresIn int    `json:"ext_expires_in"`
	AccessToken  string `json:"access_token"`

	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	ErrorCodes       []int  `json:"error_codes"`
	Timestamp        string `json:"timestamp"`
	TraceID          string `json:"trace_id"`
	CorrelationID    string `json:"correlation_id"`
	ErrorURI         string `json:"error_uri"`
}

// postToken posts form to the token endpoint of tenant.
func postToken(t testing.TB, s *Server, tenant string, form url.Values) (*http.Response, tokenResponse) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/"+tenant+"/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body tokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("decoding token response: %v", err)
	}
	return resp, body
}

func clientCredentials(clientID, secret, scope string) url.Values {
	return url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {clientID},
		"client_secret": {secret},
		"scope":         {scope},
	}
}

// token gets a token for clientID from s, failing the test otherwise.
func token(t testing.TB, s *Server, clientID, secret string) string {
	t.Helper()
	resp, body := postToken(t, s, s.Tenant().ID, clientCredentials(clientID, secret, s.URL()+"/.default"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token for %s: %d %s", clientID, resp.StatusCode, body.ErrorDescription)
	}
	return body.AccessToken
}

func demoToken(t *testing.T, s *Server) string {
	t.Helper()
	return token(t, s, DemoClientID, DemoClientSecret)
}

// get sends GET url with the bearer token (none when "") and extra headers,
// and returns the response with its body read.
func get(t *testing.T, rawURL, bearer string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", req.URL, err)
	}
	return resp, body
}

// graphErrorBody is Graph's error body as a client decodes it.
type graphErrorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			Date            string `json:"date"`
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

func decodeGraphError(t *testing.T, body []byte) graphErrorBody {
	t.Helper()
	var e graphErrorBody
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" {
		t.Fatalf("not a Graph error body (%v): %s", err, body)
	}
	return e
}

// expectGraphError checks the status and error code of a Graph response.
func expectGraphError(t *testing.T, resp *http.Response, body []byte, status int, code string) graphErrorBody {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, status, body)
	}
	e := decodeGraphError(t, body)
	if e.Error.Code != code {
		t.Fatalf("error.code = %q, want %q (message %q)", e.Error.Code, code, e.Error.Message)
	}
	return e
}

// collection is a Graph collection page with its items kept raw.
type collection struct {
	Context  string                       `json:"@odata.context"`
	Count    *int                         `json:"@odata.count"`
	NextLink string                       `json:"@odata.nextLink"`
	Value    []map[string]json.RawMessage `json:"value"`
}

func decodeCollection(t *testing.T, resp *http.Response, body []byte) collection {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", resp.StatusCode, body)
	}
	var c collection
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatalf("decoding collection: %v: %s", err, body)
	}
	return c
}

// claims decodes the payload of a JWT-shaped token.
func claims(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts, want 3", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("payload is not base64url: %v", err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	return c
}

// keys returns the property names of an object in the order they appear in
// its JSON text.
func keys(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		name, ok := tok.(string)
		if !ok {
			t.Fatalf("key %v is not a string", tok)
		}
		out = append(out, name)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func sortedKeys(m map[string]json.RawMessage) []string {
	return slices.Sorted(maps.Keys(m))
}
