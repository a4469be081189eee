package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// UserRegistrationDetails is one user's authentication-method registration
// (GET /v1.0/reports/authenticationMethods/userRegistrationDetails,
// graph-reference-3 §5). A property Graph sends as null or leaves out is nil.
type UserRegistrationDetails struct {
	ID                string // the user's object id
	UserPrincipalName *string
	UserDisplayName   *string
	UserType          *string // member, guest (lower case, signInUserType)
	IsAdmin           *bool   // the only nullable flag

	IsMfaCapable          *bool
	IsMfaRegistered       *bool
	IsPasswordlessCapable *bool
	IsSsprRegistered      *bool

	MethodsRegistered                             []string
	SystemPreferredAuthenticationMethods          []string
	UserPreferredMethodForSecondaryAuthentication *string
	LastUpdatedDateTime                           *time.Time
}

const (
	userRegistrationDetailsPath = "/v1.0/reports/authenticationMethods/userRegistrationDetails"
	permissionAuditLogReadAll   = "AuditLog.Read.All"
	// registrationDetailsPageSize: Microsoft documents no default or maximum
	// page size (graph-reference-3 §5.2); 999 is what third-party readers
	// send. A service that refuses it is read at its own default instead.
	registrationDetailsPageSize = 999
)

// RegistrationDetailsQuery narrows the report on Graph's side, with the
// one filter Graph documents for what the provider asks: isMfaRegistered
// eq. isAdmin and userType have no documented $filter support, so those
// are applied after the read (inventory).
type RegistrationDetailsQuery struct {
	MfaRegistered *bool
}

func (q RegistrationDetailsQuery) filter() string {
	if q.MfaRegistered == nil {
		return ""
	}
	return fmt.Sprintf("isMfaRegistered eq %t", *q.MfaRegistered)
}

// ListUserRegistrationDetails calls each for every row of the report that q
// selects, all pages. The report is one of the identity reports: its
// requests are paced to the reports budget (Config.ReportsBudget) with the
// sign-in logs'. $select is not sent (Microsoft documents only $filter and
// $orderby for it; every property is returned by default). Needs
// AuditLog.Read.All and an Entra ID P1 or P2 tenant; a refusal of either is
// a *RegistrationDetailsError.
func (c *Client) ListUserRegistrationDetails(ctx context.Context, q RegistrationDetailsQuery, each func(UserRegistrationDetails) error) error {
	ctx = withLogging(ctx)
	query := func(top int) string {
		var parts []string
		if f := q.filter(); f != "" {
			parts = append(parts, "$filter="+strings.ReplaceAll(url.QueryEscape(f), "+", "%20"))
		}
		if top > 0 {
			parts = append(parts, fmt.Sprintf("$top=%d", top))
		}
		return strings.Join(parts, "&")
	}
	delivered := 0
	visit := func(w registrationDetailsWire) error {
		delivered++
		return each(w.details())
	}
	lr := listRequest{path: userRegistrationDetailsPath, query: query(registrationDetailsPageSize), permission: permissionAuditLogReadAll}
	err := listAll(ctx, c, lr, visit)
	if delivered == 0 && refusedPageSize(err) {
		// $top is undocumented here: a service that refuses it on the first
		// page (nothing delivered yet) is asked again without it.
		logWarn(ctx, "Graph refused $top on the registration details report; reading its default page size", map[string]any{"path": lr.path})
		lr.query = query(0)
		err = listAll(ctx, c, lr, visit)
	}
	return explainRegistrationDetailsError(err)
}

type registrationDetailsWire struct {
	ID                    string     `json:"id"`
	UserPrincipalName     *string    `json:"userPrincipalName"`
	UserDisplayName       *string    `json:"userDisplayName"`
	UserType              *string    `json:"userType"`
	IsAdmin               *bool      `json:"isAdmin"`
	IsMfaCapable          *bool      `json:"isMfaCapable"`
	IsMfaRegistered       *bool      `json:"isMfaRegistered"`
	IsPasswordlessCapable *bool      `json:"isPasswordlessCapable"`
	IsSsprRegistered      *bool      `json:"isSsprRegistered"`
	MethodsRegistered     []string   `json:"methodsRegistered"`
	SystemPreferred       []string   `json:"systemPreferredAuthenticationMethods"`
	UserPreferred         *string    `json:"userPreferredMethodForSecondaryAuthentication"`
	LastUpdatedDateTime   *graphTime `json:"lastUpdatedDateTime"`
}

func (w registrationDetailsWire) details() UserRegistrationDetails {
	return UserRegistrationDetails{
		ID:                                   w.ID,
		UserPrincipalName:                    w.UserPrincipalName,
		UserDisplayName:                      w.UserDisplayName,
		UserType:                             w.UserType,
		IsAdmin:                              w.IsAdmin,
		IsMfaCapable:                         w.IsMfaCapable,
		IsMfaRegistered:                      w.IsMfaRegistered,
		IsPasswordlessCapable:                w.IsPasswordlessCapable,
		IsSsprRegistered:                     w.IsSsprRegistered,
		MethodsRegistered:                    w.MethodsRegistered,
		SystemPreferredAuthenticationMethods: w.SystemPreferred,
		UserPreferredMethodForSecondaryAuthentication: w.UserPreferred,
		LastUpdatedDateTime:                           w.LastUpdatedDateTime.time(),
	}
}

// RegistrationDetailsError is Graph refusing the registration details
// report: the tenant has no Entra ID P1/P2, or the application lacks
// AuditLog.Read.All.
type RegistrationDetailsError struct {
	Graph     *Error
	NoPremium bool // the licence is missing; else the permission
}

func (e *RegistrationDetailsError) Error() string {
	what := "grant the application permission AuditLog.Read.All to the app registration and grant admin consent " +
		"(UserAuthenticationMethod.Read.All alone is refused)"
	if e.NoPremium {
		what = "the tenant needs a Microsoft Entra ID P1 or P2 licence (alone or in a bundle such as Microsoft 365 E3 or " +
			"Business Premium) for Graph to serve the authentication methods registration report; a Free tenant has none. " +
			"If the tenant does have P1 or P2, Graph has been seen to send this code briefly during incidents: retry later"
	}
	return "Microsoft Graph denied " + e.Graph.Method + " " + e.Graph.Path + " (" + e.Graph.detail() + "): " + what
}

func (e *RegistrationDetailsError) Unwrap() error { return e.Graph }

func explainRegistrationDetailsError(err error) error {
	var gerr *Error
	if !errors.As(err, &gerr) || gerr.StatusCode != http.StatusForbidden {
		return err
	}
	switch gerr.Code {
	case codeNonPremium:
		return &RegistrationDetailsError{Graph: gerr, NoPremium: true}
	case codePermissionMissing, codeRequestDenied:
		return &RegistrationDetailsError{Graph: gerr}
	}
	if strings.Contains(gerr.Message, "AuditLog.Read.All") {
		return &RegistrationDetailsError{Graph: gerr}
	}
	return err
}

// objectID de-duplicates the report's rows by user id across pages, like
// the directory lists (identified).
func (w registrationDetailsWire) objectID() string { return w.ID }
