package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// SignIn is one entry of the sign-in logs (GET /v1.0/auditLogs/signIns):
// an interactive user sign-in. A property Graph sends as null or leaves out
// is nil.
type SignIn struct {
	ID                string
	CreatedDateTime   *time.Time
	UserID            *string
	UserPrincipalName *string
	UserDisplayName   *string
	AppID             *string
	AppDisplayName    *string
	IPAddress         *string
	ClientAppUsed     *string
	IsInteractive     *bool
	ErrorCode         *int64 // status.errorCode: 0 is success
	FailureReason     *string
	City              *string
	State             *string
	CountryOrRegion   *string
}

// Successful reports whether the sign-in succeeded (status.errorCode 0).
func (s SignIn) Successful() bool { return s.ErrorCode != nil && *s.ErrorCode == 0 }

// SignInQuery selects sign-ins. Zero values select everything.
type SignInQuery struct {
	Since, Until   time.Time // inclusive bounds on createdDateTime
	AppIDs         []string  // any of these application IDs (GUIDs)
	UserID         string    // one user's object ID (a GUID)
	SuccessfulOnly bool      // status.errorCode 0 only
}

// permissionSignIns is what a 403 on the sign-in logs asks for: Graph's
// tables list AuditLog.Read.All, and field reports show Directory.Read.All
// is needed too (graph-reference §3.6).
const permissionSignIns = "AuditLog.Read.All and Directory.Read.All"

// signInsPageSize is the endpoint's documented maximum (and default).
const signInsPageSize = 1000

// maxAppIDsInFilter bounds the "appId eq" terms sent: Graph's guidance is a
// URL of at most 2,048 characters for filter-heavy requests. More app IDs
// are filtered here instead.
const maxAppIDsInFilter = 15

// filter is the $filter for q. Only GUIDs and times that this function
// formats itself reach it, so nothing in q can change the expression: a
// GUID has no quote, and times are re-written as UTC RFC 3339. Since is
// rounded down and Until up to the second (Graph's literal form); matches
// ListSignIns then checks exactly.
func (q SignInQuery) filter() (string, error) {
	// OData's DateTimeOffset literal has a four-digit year (found by
	// FuzzSignInFilter: other years formatted to literals Graph rejects).
	first, last := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	for name, t := range map[string]time.Time{"since": q.Since, "until": q.Until} {
		if !t.IsZero() && (t.Before(first) || t.After(last)) {
			return "", fmt.Errorf("graph: sign-ins %s is %s; it must be between the years 1 and 9999", name, t.UTC().Format(time.RFC3339Nano))
		}
	}
	var terms []string
	if !q.Since.IsZero() {
		terms = append(terms, "createdDateTime ge "+q.Since.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	if !q.Until.IsZero() {
		until := q.Until.UTC()
		if t := until.Truncate(time.Second); !t.Equal(until) {
			until = t.Add(time.Second)
		}
		terms = append(terms, "createdDateTime le "+until.Format(time.RFC3339))
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Since.After(q.Until) {
		return "", fmt.Errorf("graph: sign-ins since %s is after until %s", q.Since.UTC().Format(time.RFC3339), q.Until.UTC().Format(time.RFC3339))
	}
	for _, id := range q.AppIDs {
		if !isGUID(id) {
			return "", fmt.Errorf("graph: application ID %q is not a GUID", id)
		}
	}
	if n := len(q.AppIDs); n > 0 && n <= maxAppIDsInFilter {
		ors := make([]string, n)
		for i, id := range q.AppIDs {
			ors[i] = "appId eq '" + strings.ToLower(id) + "'"
		}
		if n == 1 {
			terms = append(terms, ors[0])
		} else {
			terms = append(terms, "("+strings.Join(ors, " or ")+")")
		}
	}
	if q.UserID != "" {
		if !isGUID(q.UserID) {
			return "", fmt.Errorf("graph: user ID %q is not a GUID", q.UserID)
		}
		terms = append(terms, "userId eq '"+strings.ToLower(q.UserID)+"'")
	}
	if q.SuccessfulOnly {
		terms = append(terms, "status/errorCode eq 0")
	}
	return strings.Join(terms, " and "), nil
}

// matches is the query checked on a sign-in, for what the filter could not
// say exactly (sub-second bounds, many app IDs) and as a guard should a
// service or proxy ignore part of the filter.
func (q SignInQuery) matches(s SignIn) bool {
	if (!q.Since.IsZero() || !q.Until.IsZero()) && s.CreatedDateTime == nil {
		return false
	}
	if !q.Since.IsZero() && s.CreatedDateTime.Before(q.Since) {
		return false
	}
	if !q.Until.IsZero() && s.CreatedDateTime.After(q.Until) {
		return false
	}
	if len(q.AppIDs) > 0 {
		found := false
		for _, id := range q.AppIDs {
			found = found || (s.AppID != nil && strings.EqualFold(*s.AppID, id))
		}
		if !found {
			return false
		}
	}
	if q.UserID != "" && (s.UserID == nil || !strings.EqualFold(*s.UserID, q.UserID)) {
		return false
	}
	return !q.SuccessfulOnly || s.Successful()
}

// ListSignIns calls each for every sign-in q selects (GET
// /v1.0/auditLogs/signIns with $filter, 1,000 a page, all pages), newest
// first as Graph sends them. Requests are paced to the reports budget
// (Config.ReportsBudget). On any error the list is incomplete. Needs
// AuditLog.Read.All and Directory.Read.All, and a P1 or P2 licence in the
// tenant.
func (c *Client) ListSignIns(ctx context.Context, q SignInQuery, each func(SignIn) error) error {
	ctx = withLogging(ctx)
	filter, err := q.filter()
	if err != nil {
		return err
	}
	query := fmt.Sprintf("$top=%d", signInsPageSize)
	if filter != "" {
		// Spaces as %20 and quotes as %27, as Graph's own nextLinks write them.
		query = "$filter=" + strings.ReplaceAll(url.QueryEscape(filter), "+", "%20") + "&" + query
	}
	lr := listRequest{path: "/v1.0/auditLogs/signIns", query: query, permission: permissionSignIns}
	return listAll(ctx, c, lr, func(w signInWire) error {
		s := w.signIn()
		if !q.matches(s) {
			return nil
		}
		return each(s)
	})
}

// signInWire is a sign-in as Graph sends it; properties not used are not
// decoded (sign-ins have no $select on v1.0).
type signInWire struct {
	ID                string     `json:"id"`
	CreatedDateTime   *graphTime `json:"createdDateTime"`
	UserID            *string    `json:"userId"`
	UserPrincipalName *string    `json:"userPrincipalName"`
	UserDisplayName   *string    `json:"userDisplayName"`
	AppID             *string    `json:"appId"`
	AppDisplayName    *string    `json:"appDisplayName"`
	IPAddress         *string    `json:"ipAddress"`
	ClientAppUsed     *string    `json:"clientAppUsed"`
	IsInteractive     *bool      `json:"isInteractive"`
	Status            *struct {
		ErrorCode     *int64  `json:"errorCode"`
		FailureReason *string `json:"failureReason"`
	} `json:"status"`
	Location *struct {
		City            *string `json:"city"`
		State           *string `json:"state"`
		CountryOrRegion *string `json:"countryOrRegion"`
	} `json:"location"`
}

func (w signInWire) signIn() SignIn {
	s := SignIn{
		ID:                w.ID,
		CreatedDateTime:   w.CreatedDateTime.time(),
		UserID:            w.UserID,
		UserPrincipalName: w.UserPrincipalName,
		UserDisplayName:   w.UserDisplayName,
		AppID:             w.AppID,
		AppDisplayName:    w.AppDisplayName,
		IPAddress:         w.IPAddress,
		ClientAppUsed:     w.ClientAppUsed,
		IsInteractive:     w.IsInteractive,
	}
	if w.Status != nil {
		s.ErrorCode, s.FailureReason = w.Status.ErrorCode, w.Status.FailureReason
	}
	if w.Location != nil {
		s.City, s.State, s.CountryOrRegion = w.Location.City, w.Location.State, w.Location.CountryOrRegion
	}
	return s
}
