package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// AssignedLicense is one entry of a user's assignedLicenses: a SKU the user
// holds, however it was assigned, and the plans of it turned off.
type AssignedLicense struct {
	SkuID         string   `json:"skuId"`
	DisabledPlans []string `json:"disabledPlans"`
}

// LicenseAssignmentState is one path by which a user holds a SKU: directly
// (AssignedByGroup nil) or through a group (graph-reference-2 §2).
type LicenseAssignmentState struct {
	SkuID           string   `json:"skuId"`
	AssignedByGroup *string  `json:"assignedByGroup"`
	DisabledPlans   []string `json:"disabledPlans"`
	State           *string  `json:"state"` // Active, ActiveWithError, Disabled, Error
	Error           *string  `json:"error"` // null or None on success, else CountViolation, ...
}

// SignInActivity is a user's last sign-ins (graph-reference-2 §4); each is
// nil when Graph has no date.
type SignInActivity struct {
	LastSignIn               *time.Time
	LastNonInteractiveSignIn *time.Time
	LastSuccessfulSignIn     *time.Time
}

type signInActivityWire struct {
	LastSignInDateTime               *graphTime `json:"lastSignInDateTime"`
	LastNonInteractiveSignInDateTime *graphTime `json:"lastNonInteractiveSignInDateTime"`
	LastSuccessfulSignInDateTime     *graphTime `json:"lastSuccessfulSignInDateTime"`
}

func (w *signInActivityWire) activity() *SignInActivity {
	if w == nil {
		return nil
	}
	return &SignInActivity{
		LastSignIn:               w.LastSignInDateTime.time(),
		LastNonInteractiveSignIn: w.LastNonInteractiveSignInDateTime.time(),
		LastSuccessfulSignIn:     w.LastSuccessfulSignInDateTime.time(),
	}
}

// UserListOptions adds properties to a user listing and narrows it.
type UserListOptions struct {
	Query UserQuery
	// Licenses selects assignedLicenses and licenseAssignmentStates.
	Licenses bool
	// HoldingSku keeps only the holders of this SKU id, on Graph's side:
	// assignedLicenses/any(x:x/skuId eq {id}), a standard query (no
	// ConsistencyLevel header). It is not combined with Query.
	HoldingSku string
	// SignInActivity selects signInActivity: AuditLog.Read.All and an Entra
	// ID P1/P2 tenant are needed, pages hold at most 500 users (120 where
	// Graph still refuses 500), and after a 429 the rest of the read is
	// paced through the reports window.
	SignInActivity bool
}

// Page sizes of a users listing (graph-reference-2 §4).
const (
	usersPageSize               = 999
	signInActivityPageSize      = 500
	signInActivityFallbackPages = 120 // Graph's limit from 2023-04, still met in the field
)

const permissionSignInActivity = permissionUserReadAll + " and AuditLog.Read.All"

// ListUsersWith is ListUsers with the properties and narrowing of opts.
func (c *Client) ListUsersWith(ctx context.Context, opts UserListOptions, each func(User) error) error {
	ctx = withLogging(ctx)
	fields := userFields
	if opts.Licenses {
		fields = append(fields[:len(fields):len(fields)], "assignedLicenses", "licenseAssignmentStates")
	}
	lr := listRequest{path: "/v1.0/users", permission: permissionUserReadAll}
	top := usersPageSize
	if opts.SignInActivity {
		fields = append(fields[:len(fields):len(fields)], "signInActivity")
		lr.permission = permissionSignInActivity
		top = signInActivityPageSize
		ctx = withThrottleWatch(ctx)
	}
	filter := opts.Query.filter()
	if opts.HoldingSku != "" {
		filter = "assignedLicenses/any(x:x/skuId eq " + opts.HoldingSku + ")"
	}
	query := func(top int) string {
		q := selectQuery(fields, top)
		if filter != "" {
			q += "&$filter=" + url.QueryEscape(filter)
		}
		return q
	}

	delivered := 0
	visit := func(w userWire) error {
		delivered++
		return each(w.user())
	}
	lr.query = query(top)
	err := listAll(ctx, c, lr, visit)
	if opts.SignInActivity && delivered == 0 && refusedPageSize(err) {
		// Graph's documented maximum with signInActivity moved 120 -> 999 ->
		// 500; a service that still holds 120 refuses 500 on the first page.
		// Nothing has reached each yet, so the read starts again at 120 and
		// the nextLinks Graph returns keep that size.
		logWarn(ctx, "Graph refused 500 users a page with signInActivity; reading 120 a page", map[string]any{"path": lr.path})
		lr.query = query(signInActivityFallbackPages)
		err = listAll(ctx, c, lr, visit)
	}
	if opts.SignInActivity {
		err = explainSignInActivityError(err)
	}
	return err
}

// refusedPageSize reports whether err is Graph answering 400 to a page
// request. Graph documents no code for a $top above the limit ("Cannot query
// data for more than 120 users at a time." came with more than one code), so
// any 400 on the first page is taken as one: at worst one more request is
// sent, and its own error is the one returned.
func refusedPageSize(err error) bool {
	var gerr *Error
	return errors.As(err, &gerr) && gerr.StatusCode == http.StatusBadRequest
}

// SignInActivityError is Graph refusing signInActivity: the tenant has no
// Entra ID P1/P2, or the application lacks AuditLog.Read.All.
type SignInActivityError struct {
	Graph     *Error
	NoPremium bool // the licence is missing; else the permission
}

func (e *SignInActivityError) Error() string {
	what := "grant the application permission AuditLog.Read.All (besides User.Read.All) to the app registration and grant admin consent"
	if e.NoPremium {
		what = "the tenant needs a Microsoft Entra ID P1 or P2 licence (alone or in a bundle such as Microsoft 365 E3) for Graph to return users' signInActivity; a Free tenant has none"
	}
	return "Microsoft Graph denied " + e.Graph.Method + " " + e.Graph.Path + " with signInActivity (" + e.Graph.detail() + "): " + what +
		". Without it, include_sign_in_activity = false reads the same data without the last_* sign-in dates"
}

func (e *SignInActivityError) Unwrap() error { return e.Graph }

func explainSignInActivityError(err error) error {
	var gerr *Error
	if !errors.As(err, &gerr) || gerr.StatusCode != http.StatusForbidden {
		return err
	}
	switch gerr.Code {
	case codeNonPremium:
		return &SignInActivityError{Graph: gerr, NoPremium: true}
	case codePermissionMissing, codeRequestDenied:
		return &SignInActivityError{Graph: gerr}
	}
	if strings.Contains(gerr.Message, "AuditLog.Read.All") {
		return &SignInActivityError{Graph: gerr}
	}
	return err
}
