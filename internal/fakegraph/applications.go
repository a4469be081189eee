package fakegraph

import (
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

// getApplicationByAppID is GET /v1.0/applications(appId='{appId}'), the
// alternate-key form; an unknown appId gets Graph's 404. It reads the same
// registrations as GET /applications.
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
	selected, qerr := applicationEntity.parseSelect(q["$select"], false)
	if qerr != nil {
		qerr.write(w, r)
		return
	}
	if selectsKeyCredentials(q["$select"]) && !c.s.keyThrottle.admit(w, r, c.s.tenant.ID) {
		return
	}
	regs := c.s.registrations()
	app := regs.byApp[strings.ToLower(appID)]
	if app == nil {
		writeResourceNotFound(w, r, appID)
		return
	}
	// Graph sends the key only when keyCredentials is selected (graph-reference-2 §6.3).
	row := applicationRow{app: app, certs: regs.certs, key: selected != nil}
	writeEntity(w, metadataURL(r)+"applications"+applicationEntity.contextSuffix(selected)+"/$entity",
		appendApplication(nil, row, selected))
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
