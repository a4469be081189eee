package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/oauth2"
)

// ErrForeignNextLink is returned (wrapped) when a page's @odata.nextLink
// points outside the configured Graph endpoint. Nothing is sent there, so the
// access token cannot leak to another host.
var ErrForeignNextLink = errors.New("refused an @odata.nextLink outside the configured Graph endpoint")

// Error is a Graph API error: a non-2xx answer, or a 2xx answer whose body
// is not a Graph page.
type Error struct {
	StatusCode int
	Code       string // error.code, e.g. Authorization_RequestDenied
	Message    string // error.message, or a short summary when the body is not a Graph error
	RequestID  string // error.innerError.request-id, else the request-id response header
	Method     string
	Path       string // path only, never the query
	Permission string // the application permission the endpoint needs, e.g. User.Read.All
	Throttled  bool   // gave up because of 429s, or because the wait would pass the deadline
	Attempts   int    // how many times the request was sent

	reason giveUpReason
	wait   time.Duration // the wait that would have passed the deadline
	cause  error
}

type giveUpReason int

const (
	reasonRefused    giveUpReason = iota // not retryable
	reasonExhausted                      // retryable, out of retries
	reasonDeadline                       // retryable, the wait would pass the context deadline
	reasonBadPage                        // a 2xx whose body is not a Graph page
	reasonBrokenBody                     // a 2xx whose connection broke mid-body
)

// Graph error codes the client acts on.
const (
	codeInvalidToken      = "InvalidAuthenticationToken"
	codeRequestDenied     = "Authorization_RequestDenied"
	codePermissionMissing = "Authentication_MSGraphPermissionMissing"
	codeNonPremium        = "Authentication_RequestFromNonPremiumTenantOrB2CTenant"
	codeIdentityNotFound  = "Authorization_IdentityNotFound"
)

func (e *Error) Error() string {
	req := e.Method + " " + e.Path
	d := e.detail()
	switch {
	case e.Throttled && e.reason == reasonDeadline:
		return fmt.Sprintf("Microsoft Graph throttled %s (%s) and asked to wait %s, which would pass this operation's deadline: retry later, lower max_concurrency, or give the operation more time", req, d, e.wait.Round(time.Millisecond))
	case e.Throttled:
		return fmt.Sprintf("Microsoft Graph throttled %s and still refused it after %d attempts (%s): retry later, or lower max_concurrency so fewer requests run at once", req, e.Attempts, d)
	case e.reason == reasonDeadline:
		return fmt.Sprintf("Microsoft Graph failed %s (%s) and waiting to retry would pass this operation's deadline: the service is having trouble, retry later", req, d)
	case e.reason == reasonExhausted:
		return fmt.Sprintf("Microsoft Graph kept failing %s after %d attempts (%s): the service is having trouble, retry later", req, e.Attempts, d)
	case e.reason == reasonBadPage:
		return fmt.Sprintf("Microsoft Graph answered %s with a response that is not a valid Graph page (%s)%s: a proxy or gateway between Terraform and Graph may have replaced or cut it; check graph_endpoint and any HTTPS proxy", req, d, e.triedText())
	case e.reason == reasonBrokenBody:
		return fmt.Sprintf("The connection to Microsoft Graph broke while reading the answer to %s (%s)%s: check network access and any proxy between Terraform and Graph, then retry", req, d, e.triedText())
	case e.StatusCode == http.StatusForbidden && (e.Code == codeRequestDenied || e.Code == codePermissionMissing):
		perm := e.Permission
		if perm == "" {
			perm = "this endpoint needs"
		}
		noun := "permission"
		if strings.Contains(perm, " and ") {
			noun = "permissions"
		}
		return fmt.Sprintf("Microsoft Graph denied %s (%s): grant the application %s %s to the app registration and grant admin consent for it in the tenant", req, d, noun, perm)
	case e.StatusCode == http.StatusForbidden && e.Code == codeNonPremium:
		return fmt.Sprintf("Microsoft Graph denied %s (%s): the tenant needs a Microsoft Entra ID P1 or P2 license to read sign-in logs through Graph (a Free tenant has none); assign P1 or P2 in the tenant, then retry", req, d)
	case e.StatusCode == http.StatusUnauthorized && e.Code == codeInvalidToken:
		return fmt.Sprintf("Microsoft Graph rejected the access token for %s even after a new one was fetched (%s): check that authority_host and graph_endpoint belong to the same cloud (environment)", req, d)
	case e.StatusCode == http.StatusUnauthorized && e.Code == codeIdentityNotFound:
		return fmt.Sprintf("Microsoft Graph does not know the application calling %s (%s): check tenant_id, or have an administrator of the tenant grant admin consent to the app", req, d)
	case e.StatusCode >= 300 && e.StatusCode < 400:
		return fmt.Sprintf("Microsoft Graph redirected %s (%s); redirects are not followed so that the access token stays with graph_endpoint: check graph_endpoint", req, d)
	}
	return fmt.Sprintf("Microsoft Graph refused %s (%s)", req, d)
}

// triedText says how often a page was sent, and whether the deadline
// stopped the next attempt.
func (e *Error) triedText() string {
	s := ", in the only attempt"
	if e.Attempts > 1 {
		s = fmt.Sprintf(", after %d attempts", e.Attempts)
	}
	if e.cause != nil {
		s += ", and waiting to try again would pass this operation's deadline"
	}
	return s
}

// Unwrap exposes the context error when the client gave up because of the
// deadline, so errors.Is(err, context.DeadlineExceeded) holds.
func (e *Error) Unwrap() error { return e.cause }

// detail is the part every message carries: status, code, message, request-id.
func (e *Error) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + strings.TrimRight(e.Message, ". "))
	}
	b.WriteString("; request-id ")
	if e.RequestID != "" {
		b.WriteString(e.RequestID)
	} else {
		b.WriteString("none")
	}
	return b.String()
}

// maxErrorBody bounds how much of an error response is read; Graph error
// bodies are a few hundred bytes, a proxy's HTML page can be anything.
const maxErrorBody = 64 << 10

// maxMessage bounds error.message in our errors.
const maxMessage = 500

// newAPIError reads a non-2xx response's body (bounded) and closes it.
func newAPIError(resp *http.Response, req graphRequest, attempts int) *Error {
	defer resp.Body.Close()
	e := &Error{
		StatusCode: resp.StatusCode,
		Method:     http.MethodGet,
		Path:       req.path,
		Permission: req.permission,
		Attempts:   attempts,
	}
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var env struct {
		Error *struct {
			Code       string `json:"code"`
			Message    string `json:"message"`
			InnerError struct {
				RequestID string `json:"request-id"`
			} `json:"innerError"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &env) == nil && env.Error != nil && (env.Error.Code != "" || env.Error.Message != "") {
		e.Code = env.Error.Code
		e.Message = truncate(env.Error.Message, maxMessage)
		e.RequestID = env.Error.InnerError.RequestID
	} else {
		e.Message = bodySummary(resp.Header.Get("Content-Type"), len(body), readErr)
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("request-id")
	}
	return e
}

// bodySummary describes a body that is not a Graph error without repeating
// it: it may be a proxy's page, or carry personal data.
func bodySummary(contentType string, n int, readErr error) string {
	mt := mediaType(contentType)
	switch {
	case readErr != nil:
		return fmt.Sprintf("the response body could not be read (%s)", describeNetError(readErr))
	case n == 0:
		return "no response body"
	case mt == "":
		return fmt.Sprintf("the response is not a Graph error (%d bytes, no Content-Type)", n)
	}
	return fmt.Sprintf("the response is not a Graph error (%d bytes of %s)", n, mt)
}

func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return mt
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// TokenError is the identity platform refusing a token request.
type TokenError struct {
	StatusCode    int
	OAuthError    string // "invalid_client", ...
	AADSTS        int    // error_codes[0], 0 if absent
	TraceID       string
	CorrelationID string
	Description   string // error_description as sent (it never contains the secret)

	contentType string
	retryAfter  *time.Duration // the answer's Retry-After, when it had one
}

func (e *TokenError) Error() string {
	var what string
	switch e.AADSTS {
	case 7000215:
		what = "the client secret is wrong (AADSTS7000215): set client_secret (or ARM_CLIENT_SECRET) to the secret's Value, not its Secret ID"
	case 7000222:
		what = "the client secret has expired (AADSTS7000222): create a new client secret on the app registration and set client_secret (or ARM_CLIENT_SECRET) to its Value"
	case 700016:
		what = "the application (client_id) was not found in the tenant (AADSTS700016): check client_id and tenant_id; for a multitenant app, have an administrator of this tenant grant admin consent so that the app exists there"
	case 90002:
		what = "the tenant was not found (AADSTS90002): check tenant_id, and that environment (the cloud) is the tenant's"
	case 900023:
		what = "tenant_id is not a valid tenant GUID or domain name (AADSTS900023): use the Directory (tenant) ID or a verified domain such as contoso.onmicrosoft.com"
	case 7000218, 700027, 700023, 700024, 70021, 700211, 700212, 700213:
		what = assertionErrorSentence(e.AADSTS, e.summary())
	case 0:
		if e.OAuthError == "" {
			mt := e.contentType
			if mt == "" {
				mt = "no Content-Type"
			}
			what = fmt.Sprintf("the token endpoint answered HTTP %d without an OAuth error (%s): check authority_host and any proxy between Terraform and it", e.StatusCode, mt)
			break
		}
		what = fmt.Sprintf("HTTP %d, OAuth error %s: %s", e.StatusCode, e.OAuthError, e.summary())
	default:
		what = fmt.Sprintf("HTTP %d, AADSTS%d, OAuth error %s: %s", e.StatusCode, e.AADSTS, orNone(e.OAuthError), e.summary())
	}
	ids := ""
	switch {
	case e.TraceID != "" && e.CorrelationID != "":
		ids = fmt.Sprintf(" (trace ID %s, correlation ID %s)", e.TraceID, e.CorrelationID)
	case e.TraceID != "":
		ids = fmt.Sprintf(" (trace ID %s)", e.TraceID)
	}
	return "Microsoft Entra ID refused the token request: " + what + ids
}

// summary is error_description without the trace lines we print ourselves.
func (e *TokenError) summary() string {
	d := e.Description
	for _, sep := range []string{"\r\n", "\n", " Trace ID:"} {
		if i := strings.Index(d, sep); i >= 0 {
			d = d[:i]
		}
	}
	d = strings.TrimSpace(d)
	if rest, ok := strings.CutPrefix(d, "AADSTS"); ok { // the code is printed already
		if _, msg, found := strings.Cut(rest, ": "); found {
			d = msg
		}
	}
	if d == "" {
		return "no description"
	}
	return truncate(d, maxMessage)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// tokenErrorFrom reads the identity platform's JSON error body; it branches
// on error_codes, never on the description text.
func tokenErrorFrom(re *oauth2.RetrieveError) *TokenError {
	te := &TokenError{OAuthError: re.ErrorCode, Description: re.ErrorDescription}
	if re.Response != nil {
		te.StatusCode = re.Response.StatusCode
		te.contentType = mediaType(re.Response.Header.Get("Content-Type"))
		if d, ok := retryAfter(re.Response.Header, time.Now()); ok {
			te.retryAfter = &d
		}
	}
	var body struct {
		Error         string `json:"error"`
		Description   string `json:"error_description"`
		Codes         []int  `json:"error_codes"`
		TraceID       string `json:"trace_id"`
		CorrelationID string `json:"correlation_id"`
	}
	if json.Unmarshal(re.Body, &body) == nil {
		if te.OAuthError == "" {
			te.OAuthError = body.Error
		}
		if te.Description == "" {
			te.Description = body.Description
		}
		if len(body.Codes) > 0 {
			te.AADSTS = body.Codes[0]
		}
		te.TraceID = body.TraceID
		te.CorrelationID = body.CorrelationID
	}
	return te
}

// PagingLoopError is a collection read that Graph (or something answering
// for it) kept paging without moving forward: an @odata.nextLink already
// followed in this read, or more than maxBarrenPages pages in a row that
// added no new object yet linked to another page. Nothing of the read is
// returned.
type PagingLoopError struct {
	Path         string // path only, never the query (a skip token is opaque state)
	RequestID    string // of the page whose link closed the loop
	Pages        int    // pages read before stopping
	RepeatedLink bool   // the next link was one already followed
	BarrenPages  int    // pages in a row without a new object, when not RepeatedLink
}

func (e *PagingLoopError) Error() string {
	what := fmt.Sprintf("page %d's @odata.nextLink is one already followed in this read", e.Pages)
	if !e.RepeatedLink {
		what = fmt.Sprintf("%d pages in a row added no new objects, each linking to yet another page", e.BarrenPages)
	}
	return fmt.Sprintf("Microsoft Graph's paging of GET %s went round in a loop: %s (request-id %s). "+
		"The read stopped, with nothing returned, rather than request pages without end. "+
		"A proxy or gateway between Terraform and Graph may be replaying pages (check graph_endpoint); "+
		"otherwise retry later, and if it persists give the request-id to Microsoft support",
		e.Path, what, orNone(e.RequestID))
}

// TokenRedirectError is the authority answering a token request with a
// redirect. It is never followed: the request carries the credential.
type TokenRedirectError struct {
	StatusCode int
	Host       string // the Location's host only; its path and query may hold anything
}

func (e *TokenRedirectError) Error() string {
	return fmt.Sprintf("the authority answered the token request with a redirect to %s (HTTP %d), which is not followed "+
		"so that the client credential goes to authority_host only: check authority_host (and environment), "+
		"and any proxy between Terraform and the identity platform", e.Host, e.StatusCode)
}

// refuseTokenRedirect is the token HTTP client's CheckRedirect.
func refuseTokenRedirect(req *http.Request, _ []*http.Request) error {
	e := &TokenRedirectError{Host: req.URL.Host}
	if req.Response != nil {
		e.StatusCode = req.Response.StatusCode
	}
	return e
}
