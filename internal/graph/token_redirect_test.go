package graph

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

// The token request carries the credential: a redirect from the authority
// must not take it anywhere, whatever the status and the credential.
func TestTokenRequestNeverFollowsARedirect(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		writeJSON(w, 200, `{"token_type":"Bearer","expires_in":3599,"access_token":"stolen"}`)
	}))
	defer other.Close()
	otherHost := strings.TrimPrefix(other.URL, "http://")

	c := testcert.Valid(t, "redirect-test")
	cert, err := LoadCertificate(c.PEM(t), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	credentials := map[string]func(*Config){
		"client secret":         func(*Config) {},
		"certificate assertion": func(cfg *Config) { cfg.ClientSecret, cfg.ClientAssertion = "", CertificateAssertion(cert) },
	}
	for name, credential := range credentials {
		for _, status := range []int{301, 302, 303, 307, 308} {
			t.Run(name+"/"+strconv.Itoa(status), func(t *testing.T) {
				elsewhere.Store(0)
				g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, page("", true, "u1")) })
				g.token = func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Location", other.URL+"/"+testTenant+"/oauth2/v2.0/token?secret-path=1")
					w.WriteHeader(status)
				}
				_, err := listIDs(t.Context(), g.client(t, credential))
				if err == nil {
					t.Fatal("the read succeeded through a redirected token request")
				}
				if n := elsewhere.Load(); n != 0 {
					t.Errorf("the redirect target received %d request(s)", n)
				}
				if g.tokenHits.Load() != 1 || g.graphHits.Load() != 0 {
					t.Errorf("token requests = %d (want 1), Graph requests = %d (want 0)", g.tokenHits.Load(), g.graphHits.Load())
				}
				msg := err.Error()
				if want := "redirect to " + otherHost; !strings.Contains(msg, want) {
					t.Errorf("the error does not say %q:\n%s", want, msg)
				}
				for _, leak := range []string{"secret-path", other.URL + "/", url.PathEscape(testSecret), testSecret} {
					if strings.Contains(msg, leak) {
						t.Errorf("the error quotes %q:\n%s", leak, msg)
					}
				}
			})
		}
	}
}
