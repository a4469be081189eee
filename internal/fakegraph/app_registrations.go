package fakegraph

import (
	"crypto/sha1" //nolint:gosec // a certificate thumbprint is SHA-1 by definition
	"encoding/base64"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Application is an app registration (microsoft.graph.application) that
// GET /applications lists and GET /applications(appId='…') reads
// (graph-reference-3 §2). Pointers model nullable properties.
type Application struct {
	ID    string // object id
	AppID string // application (client) id
	// ODataType is "" for a plain application, or a derived type that
	// Graph lists among applications, e.g.
	// "#microsoft.graph.agentIdentityBlueprint" (graph-reference-3 §0.5).
	ODataType       string
	DisplayName     *string
	CreatedDateTime *time.Time
	SignInAudience  *string
	PublisherDomain *string
	// VerifiedPublisher is sent as an object whose fields are null when
	// the publisher is not verified, as Graph does.
	VerifiedPublisher   VerifiedPublisher
	PasswordCredentials []PasswordCredential
	KeyCredentials      []KeyCredential
	// Owners are the object ids of the registration's owners (users or
	// service principals of the tenant).
	Owners []string
}

// PasswordCredential is one client secret as Graph shows it: its hint (the
// first three characters), never the secret.
type PasswordCredential struct {
	KeyID                      string
	DisplayName                *string
	Hint                       *string
	StartDateTime, EndDateTime *time.Time
}

// applicationRow is an application as one response writes it: key carries
// the certificates' bytes, which Graph sends only when a single
// application is read with keyCredentials in $select (graph-reference-2
// §6.3; lists send null, graph-reference-3 §2.2 CONFLICT 5).
type applicationRow struct {
	app   *Application
	certs map[string][]byte // by keyId: the DER bytes of client App certificates
	key   bool
}

func appString(name string, get func(*Application) *string) property[applicationRow] {
	return property[applicationRow]{name, func(b []byte, r applicationRow) []byte { return appendStringPtr(b, get(r.app)) }}
}

// applicationEntity is microsoft.graph.application as the fake knows it:
// the properties the provider reads and their neighbours in Graph's
// default order.
var applicationEntity = newEntityType("microsoft.graph.application", []property[applicationRow]{
	{"id", func(b []byte, r applicationRow) []byte { return appendString(b, r.app.ID) }},
	{"deletedDateTime", func(b []byte, _ applicationRow) []byte { return append(b, "null"...) }},
	{"appId", func(b []byte, r applicationRow) []byte { return appendString(b, r.app.AppID) }},
	{"createdDateTime", func(b []byte, r applicationRow) []byte { return appendTimePtr(b, r.app.CreatedDateTime) }},
	appString("displayName", func(a *Application) *string { return a.DisplayName }),
	appString("publisherDomain", func(a *Application) *string { return a.PublisherDomain }),
	appString("signInAudience", func(a *Application) *string { return a.SignInAudience }),
	{"verifiedPublisher", func(b []byte, r applicationRow) []byte { return appendVerifiedPublisher(b, r.app.VerifiedPublisher) }},
	{"keyCredentials", func(b []byte, r applicationRow) []byte { return appendApplicationKeys(b, r) }},
	{"passwordCredentials", func(b []byte, r applicationRow) []byte {
		return appendPasswordCredentials(b, r.app.PasswordCredentials)
	}},
}, nil, nil)

func appendPasswordCredentials(b []byte, ps []PasswordCredential) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"customKeyIdentifier":null`...)
		b = appendKey(b, "displayName", false)
		b = appendStringPtr(b, p.DisplayName)
		b = appendKey(b, "endDateTime", false)
		b = appendTimePtr(b, p.EndDateTime)
		b = appendKey(b, "hint", false)
		b = appendStringPtr(b, p.Hint)
		b = appendKey(b, "keyId", false)
		b = appendString(b, p.KeyID)
		b = append(b, `,"secretText":null`...) // only addPassword returns it
		b = appendKey(b, "startDateTime", false)
		b = appendTimePtr(b, p.StartDateTime)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendApplicationKeys writes keyCredentials as appendKeyCredentials does,
// with the certificate bytes as key when the row carries them.
func appendApplicationKeys(b []byte, r applicationRow) []byte {
	if !r.key || len(r.certs) == 0 {
		return appendKeyCredentials(b, r.app.KeyCredentials)
	}
	b = append(b, '[')
	for i, k := range r.app.KeyCredentials {
		if i > 0 {
			b = append(b, ',')
		}
		one := appendKeyCredentials(nil, []KeyCredential{k})
		if raw, ok := r.certs[k.KeyID]; ok {
			one = []byte(strings.Replace(string(one), `"key":null`,
				`"key":"`+base64.StdEncoding.EncodeToString(raw)+`"`, 1))
		}
		b = append(b, one[1:len(one)-1]...)
	}
	return append(b, ']')
}

// registrations is every application the tenant serves: its Applications,
// and one per client App (the app registration behind the client, as the
// integration status reads it) unless Applications already has its appId.
// Both GET /applications and GET /applications(appId='…') answer from it,
// so an app visible in one is visible in the other.
type registrations struct {
	list  []*Application          // in paging order (object id)
	byApp map[string]*Application // by lower-case appId
	certs map[string][]byte       // certificate bytes of client Apps, by keyId
}

func (s *Server) registrations() *registrations {
	s.regOnce.Do(func() { s.regs = newRegistrations(s.tenant) })
	return s.regs
}

func newRegistrations(t *Tenant) *registrations {
	r := &registrations{byApp: map[string]*Application{}, certs: map[string][]byte{}}
	for i := range t.Applications {
		a := &t.Applications[i]
		r.list = append(r.list, a)
		r.byApp[strings.ToLower(a.AppID)] = a
	}
	for i := range t.Apps {
		if _, ok := r.byApp[strings.ToLower(t.Apps[i].ClientID)]; ok {
			continue
		}
		a := clientApplication(t, &t.Apps[i], r.certs)
		r.list = append(r.list, a)
		r.byApp[strings.ToLower(a.AppID)] = a
	}
	sort.Slice(r.list, func(i, j int) bool { return strings.ToLower(r.list[i].ID) < strings.ToLower(r.list[j].ID) })
	return r
}

// clientApplication is the app registration of a client App: its secrets
// as password credentials (with their hints), its certificates as key
// credentials (bytes kept in certs for single reads).
func clientApplication(t *Tenant, app *App, certs map[string][]byte) *Application {
	a := &Application{
		ID: ApplicationObjectID(t, app.ClientID), AppID: app.ClientID, DisplayName: Ptr(app.DisplayName),
		SignInAudience: Ptr("AzureADMyOrg"),
	}
	for i, s := range app.Secrets {
		p := PasswordCredential{KeyID: SecretKeyID(t, app.ClientID, i), Hint: Ptr(hintOf(s.Value)),
			StartDateTime: Ptr(s.start().UTC()), EndDateTime: Ptr(s.end().UTC())}
		if s.DisplayName != "" {
			p.DisplayName = Ptr(s.DisplayName)
		}
		a.PasswordCredentials = append(a.PasswordCredentials, p)
	}
	for _, cert := range app.Certificates {
		sum := sha1.Sum(cert.Raw) //nolint:gosec // see the import
		k := KeyCredential{KeyID: nameGUID("key/" + string(sum[:])), Type: "AsymmetricX509Cert", Usage: "Verify",
			CustomKeyIdentifier: sum[:], DisplayName: Ptr("CN=" + cert.Subject.CommonName),
			StartDateTime: Ptr(cert.NotBefore.UTC()), EndDateTime: Ptr(cert.NotAfter.UTC())}
		certs[k.KeyID] = cert.Raw
		a.KeyCredentials = append(a.KeyCredentials, k)
	}
	return a
}

// appendApplication writes one application; a derived type carries its
// @odata.type first, as Graph writes it in a mixed collection.
func appendApplication(b []byte, row applicationRow, selected []int) []byte {
	if row.app.ODataType == "" {
		return applicationEntity.appendObject(b, row, selected)
	}
	b = append(b, '{')
	b = appendKey(b, "@odata.type", true)
	b = appendString(b, row.app.ODataType)
	obj := applicationEntity.appendObject(nil, row, selected)
	if len(obj) > 2 {
		b = append(b, ',')
	}
	return append(b, obj[1:]...)
}

// applicationsPageMax is $top's maximum on /applications (graph-reference-3 §2.2).
const applicationsPageMax = 999

// applicationAppIDFilter is the one plain $filter the fake answers on
// /applications (appId eq '…'); keyCredentialsFilter and passwordFilter
// spot the credential filters Graph refuses.
var (
	applicationAppIDFilter = regexp.MustCompile(`^\s*appId\s+eq\s+'([0-9a-fA-F-]{36})'\s*$`)
	keyCredentialsFilter   = regexp.MustCompile(`(?i)\bkeyCredentials\b`)
	passwordFilter         = regexp.MustCompile(`(?i)\bpasswordCredentials\b`)
)

// applicationsFilter returns the registrations a $filter keeps. Credential
// expiry cannot be filtered in Graph whatever its docs say
// (graph-reference-3 §2.2, CONFLICT 6): the fake refuses both forms with
// the 400s reported from the service.
func applicationsFilter(all []*Application, filter string) ([]*Application, *queryError) {
	switch {
	case keyCredentialsFilter.MatchString(filter):
		return nil, badRequest("Request_UnsupportedQuery", "This query on 'Application' for 'KeyCredential' is not supported.")
	case passwordFilter.MatchString(filter):
		return nil, badRequest("Request_UnsupportedQuery",
			"Unsupported or invalid query filter clause specified for property 'passwordCredentials' of resource 'Application'.")
	}
	m := applicationAppIDFilter.FindStringSubmatch(filter)
	if m == nil {
		return nil, badRequest("Request_UnsupportedQuery", "The $filter '%s' is not emulated by fakegraph on applications.", filter)
	}
	var kept []*Application
	for _, a := range all {
		if strings.EqualFold(a.AppID, m[1]) {
			kept = append(kept, a)
		}
	}
	return kept, nil
}

// listApplications is GET /v1.0/applications with $select, $top,
// $skiptoken, $count, $filter (appId eq; credential filters refused) and
// $expand=owners (owners.go: pages of 100, 20 owners each).
// keyCredentials in $select is subject to its own limit (150 a minute per
// tenant), and lists never carry a certificate's bytes.
func (c *graphCall) listApplications(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select", "$top", "$skiptoken", "$count", "$filter", "$expand")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected, qerr := applicationEntity.parseSelect(q["$select"], true)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	rawExpand, expand := q["$expand"]
	var ownerSelect []int
	if expand {
		if ownerSelect, qerr = parseOwnersExpand(rawExpand); qerr != nil {
			qerr.write(w, r)
			return
		}
	}
	top, qerr := parseTop(q["$top"], defaultPageSize, applicationsPageMax)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	if expand { // Graph caps the page without a word (graph-reference-3 §0.3)
		top = min(top, maxExpandPageSize)
	}
	count, qerr := wantCount(r, q)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	apps := c.s.registrations().list
	if filter, ok := q["$filter"]; ok {
		if apps, qerr = applicationsFilter(apps, filter); qerr != nil {
			qerr.write(w, r)
			return
		}
	}
	if selectsKeyCredentials(q["$select"]) && !c.s.keyThrottle.admit(w, r, c.s.tenant.ID) {
		return
	}
	cursor := func(a *Application) string { return "Application_" + strings.ToLower(a.ID) }
	start, number := 0, 1
	if raw, ok := q["$skiptoken"]; ok {
		tok, err := decodeSkipToken(raw)
		if err != nil {
			badRequest("Request_BadRequest", "The specified page token value is invalid: '%s'.", raw).write(w, r)
			return
		}
		start = sort.Search(len(apps), func(i int) bool { return cursor(apps[i]) > tok.key })
		number, count = tok.page, false
	}
	end := min(start+top, len(apps))
	link := ""
	if end < len(apps) {
		link = nextLink(r, encodeSkipToken(skipToken{page: number + 1, key: cursor(apps[end-1])}))
	}
	total := -1
	if count {
		total = len(apps)
	}
	// GET applications costs 2 resource units, one less with $select
	// (graph-reference-3 §0.6), one more with $expand.
	units := 2
	if selected != nil {
		units--
	}
	context := "applications" + applicationEntity.contextSuffix(selected)
	var owners *ownerExpansion[*Application]
	if expand {
		units++
		context = "applications" + expandContextSuffix(applicationEntity.contextSuffix(selected))
		owners = newOwnerExpansion(c, func(a *Application) []string { return a.Owners })
	}
	setSuccessHeaders(w, units)
	w.WriteHeader(http.StatusOK)
	b := make([]byte, 0, 32<<10)
	b = writeCollectionStart(b, metadataURL(r)+context, total, link)
	b = flushEnvelope(w, b)
	for i, a := range apps[start:end] {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendApplication(b, applicationRow{app: a}, selected)
		if owners != nil {
			b = owners.appendOwners(b, a, ownerSelect)
		}
		if len(b) >= 28<<10 {
			if _, err := w.Write(b); err != nil {
				return
			}
			b = b[:0]
		}
	}
	b = append(b, "]}"...)
	_, _ = w.Write(b)
}

// applicationOwners is the owners lookup of /applications/{id}/owners: the
// registration with that object id.
func applicationOwners(s *Server, id string) ([]string, bool) {
	for _, a := range s.registrations().list {
		if strings.EqualFold(a.ID, id) {
			return a.Owners, true
		}
	}
	return nil, false
}
