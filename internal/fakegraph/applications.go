package fakegraph

import (
	"crypto/sha1" //nolint:gosec // a certificate thumbprint is SHA-1 by definition
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// applicationsPermissions read /applications (graph-reference-2 §6.1).
var applicationsPermissions = []string{"Application.Read.All", "Application.ReadWrite.OwnedBy",
	"Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}

// Default validity of a secret that does not give its dates: fixed, so that
// generated tenants stay deterministic.
var (
	defaultSecretStart      = time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)
	defaultSecretEnd        = time.Date(2099, 1, 15, 9, 0, 0, 0, time.UTC)
	defaultExpiredSecretEnd = time.Date(2025, 7, 15, 9, 0, 0, 0, time.UTC)
)

func (s Secret) start() time.Time {
	if s.StartDateTime.IsZero() {
		return defaultSecretStart
	}
	return s.StartDateTime
}

func (s Secret) end() time.Time {
	switch {
	case !s.EndDateTime.IsZero():
		return s.EndDateTime
	case s.Expired:
		return defaultExpiredSecretEnd
	}
	return defaultSecretEnd
}

func (s Secret) expiredAt(now time.Time) bool { return s.Expired || now.After(s.end()) }

// ApplicationObjectID is the object id of app's application object in t.
func ApplicationObjectID(t *Tenant, clientID string) string {
	return nameGUID("application/" + strings.ToLower(t.ID) + "/" + strings.ToLower(clientID))
}

// SecretKeyID is the keyId Graph reports for secret i of an app.
func SecretKeyID(t *Tenant, clientID string, i int) string {
	return nameGUID("password/" + strings.ToLower(t.ID) + "/" + strings.ToLower(clientID) + "/" + strconv.Itoa(i))
}

// applicationProperties are the properties fakegraph serves, in Graph's
// default order; $select picks among them.
var applicationProperties = []string{"id", "appId", "displayName", "keyCredentials", "passwordCredentials"}

type passwordCredentialWire struct {
	CustomKeyIdentifier *string `json:"customKeyIdentifier"`
	DisplayName         *string `json:"displayName"`
	EndDateTime         string  `json:"endDateTime"`
	Hint                string  `json:"hint"`
	KeyID               string  `json:"keyId"`
	SecretText          *string `json:"secretText"` // only addPassword returns it: always null here
	StartDateTime       string  `json:"startDateTime"`
}

type keyCredentialWire struct {
	CustomKeyIdentifier []byte `json:"customKeyIdentifier"` // the thumbprint's bytes, base64 in JSON
	DisplayName         string `json:"displayName"`
	EndDateTime         string `json:"endDateTime"`
	Key                 []byte `json:"key"` // the certificate; null unless keyCredentials is selected
	KeyID               string `json:"keyId"`
	StartDateTime       string `json:"startDateTime"`
	Type                string `json:"type"`
	Usage               string `json:"usage"`
}

// getApplicationByAppID is GET /v1.0/applications(appId='{appId}'), the
// alternate-key form; an unknown appId gets Graph's 404.
func (c *graphCall) getApplicationByAppID(w http.ResponseWriter, segment string) {
	r := c.r
	appID, ok := appIDKey(segment)
	if !ok {
		writeGraphError(w, r, http.StatusBadRequest, "BadRequest", "Bad Request - Error in query syntax.")
		return
	}
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	selected := map[string]bool{}
	explicit := q["$select"] != ""
	if explicit {
		for _, name := range strings.Split(q["$select"], ",") {
			name = strings.TrimSpace(name)
			known := false
			for _, p := range applicationProperties {
				if strings.EqualFold(p, name) {
					selected[p], known = true, true
				}
			}
			if !known {
				writeGraphError(w, r, http.StatusBadRequest, "Request_BadRequest",
					"Could not find a property named '"+name+"' on type 'microsoft.graph.application'.")
				return
			}
		}
	} else {
		for _, p := range applicationProperties {
			selected[p] = true
		}
	}
	app := c.s.appsByID[strings.ToLower(appID)]
	if app == nil {
		writeResourceNotFound(w, r, appID)
		return
	}
	t := c.s.tenant
	obj := map[string]any{}
	if selected["id"] {
		obj["id"] = ApplicationObjectID(t, app.ClientID)
	}
	if selected["appId"] {
		obj["appId"] = app.ClientID
	}
	if selected["displayName"] {
		obj["displayName"] = app.DisplayName
	}
	if selected["passwordCredentials"] {
		passwords := make([]passwordCredentialWire, 0, len(app.Secrets))
		for i, s := range app.Secrets {
			p := passwordCredentialWire{
				EndDateTime: s.end().UTC().Format(time.RFC3339), Hint: hintOf(s.Value),
				KeyID: SecretKeyID(t, app.ClientID, i), StartDateTime: s.start().UTC().Format(time.RFC3339),
			}
			if s.DisplayName != "" {
				p.DisplayName = Ptr(s.DisplayName)
			}
			passwords = append(passwords, p)
		}
		obj["passwordCredentials"] = passwords
	}
	if selected["keyCredentials"] {
		keys := make([]keyCredentialWire, 0, len(app.Certificates))
		for _, cert := range app.Certificates {
			sum := sha1.Sum(cert.Raw) //nolint:gosec // see the import
			k := keyCredentialWire{
				CustomKeyIdentifier: sum[:], DisplayName: "CN=" + cert.Subject.CommonName,
				EndDateTime: cert.NotAfter.UTC().Format(time.RFC3339), KeyID: nameGUID("key/" + string(sum[:])),
				StartDateTime: cert.NotBefore.UTC().Format(time.RFC3339), Type: "AsymmetricX509Cert", Usage: "Verify",
			}
			if explicit { // Graph sends the key only when keyCredentials is selected (graph-reference-2 §6.3)
				k.Key = cert.Raw
			}
			keys = append(keys, k)
		}
		obj["keyCredentials"] = keys
	}
	body, err := json.Marshal(obj)
	if err != nil {
		writeGraphError(w, r, http.StatusInternalServerError, "generalException", "fakegraph could not encode the application.")
		return
	}
	writeEntity(w, metadataURL(r)+"applications/$entity", body)
}

// appIDKey reads "applications(appId='…')" (any case for the names).
func appIDKey(segment string) (string, bool) {
	lower := strings.ToLower(segment)
	const prefix, suffix = "applications(appid='", "')"
	if !strings.HasPrefix(lower, prefix) || !strings.HasSuffix(lower, suffix) {
		return "", false
	}
	id := segment[len(prefix) : len(segment)-len(suffix)]
	return id, id != "" && !strings.ContainsAny(id, "'()")
}

// hintOf is what Entra keeps of a secret: its first three characters.
func hintOf(secret string) string {
	r := []rune(secret)
	return string(r[:min(3, len(r))])
}

// reportSettingsPermissions read /admin/reportSettings (graph-reference-2 §5).
var reportSettingsPermissions = []string{"ReportSettings.Read.All", "ReportSettings.ReadWrite.All"}

// getReportSettings is GET /v1.0/admin/reportSettings: the plain entity, as
// the service sends it (Microsoft's page shows it wrapped in "value").
func (c *graphCall) getReportSettings(w http.ResponseWriter) {
	r := c.r
	q, qerr := parseQuery(r, "$select")
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	obj := map[string]any{"displayConcealedNames": c.s.tenant.DisplayConcealedNames}
	if sel := q["$select"]; sel == "" || slices.Contains(strings.Split(strings.ToLower(sel), ","), "id") {
		obj["id"] = nameGUID("reportSettings/" + c.s.tenant.ID)
	}
	body, _ := json.Marshal(obj)
	writeEntity(w, metadataURL(r)+"admin/reportSettings/$entity", body)
}
