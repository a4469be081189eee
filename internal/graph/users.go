package graph

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// User is a Microsoft Entra user as the provider reads it. A property Graph
// sends as null or leaves out is nil; an empty string stays "".
type User struct {
	ID                string
	UserPrincipalName *string
	Mail              *string
	ProxyAddresses    []string
	OtherMails        []string
	GivenName         *string
	Surname           *string
	DisplayName       *string
	EmployeeHireDate  *time.Time
	CreatedDateTime   *time.Time
	Department        *string
	JobTitle          *string
	EmployeeID        *string
	OfficeLocation    *string
	City              *string
	State             *string
	Country           *string
	UserType          *string
	AccountEnabled    *bool

	// ExternalUserState is PendingAcceptance or Accepted for an invited
	// user, nil for everyone else; ExternalUserStateChangeDateTime is when
	// it last changed.
	ExternalUserState               *string
	ExternalUserStateChangeDateTime *time.Time

	// Only when selected (UserListOptions); nil otherwise, and
	// SignInActivity also when Graph has none for the user.
	AssignedLicenses        []AssignedLicense
	LicenseAssignmentStates []LicenseAssignmentState
	SignInActivity          *SignInActivity
}

const permissionUserReadAll = "User.Read.All"

// userFields is $select for /users: exactly the properties of User.
var userFields = []string{
	"id", "userPrincipalName", "mail", "proxyAddresses", "otherMails",
	"givenName", "surname", "displayName", "employeeHireDate", "createdDateTime",
	"department", "jobTitle", "employeeId", "officeLocation", "city", "state",
	"country", "userType", "accountEnabled", "externalUserState", "externalUserStateChangeDateTime",
}

// UserQuery narrows a user listing on Graph's side, with $filter forms that
// Graph supports on /users without advanced query parameters, so that a read
// of a few guests in a large tenant does not page through everyone.
type UserQuery struct {
	GuestsOnly     bool  // userType eq 'Guest'
	AccountEnabled *bool // accountEnabled eq true or false
}

// filter is q as a $filter expression, or "" when q narrows nothing.
func (q UserQuery) filter() string {
	var clauses []string
	if q.GuestsOnly {
		clauses = append(clauses, "userType eq 'Guest'")
	}
	if q.AccountEnabled != nil {
		clauses = append(clauses, fmt.Sprintf("accountEnabled eq %t", *q.AccountEnabled))
	}
	return strings.Join(clauses, " and ")
}

// ListUsersWhere is ListUsers narrowed by q on Graph's side.
func (c *Client) ListUsersWhere(ctx context.Context, q UserQuery, each func(User) error) error {
	ctx = withLogging(ctx)
	query := selectQuery(userFields, 999)
	if filter := q.filter(); filter != "" {
		query += "&$filter=" + url.QueryEscape(filter)
	}
	lr := listRequest{path: "/v1.0/users", query: query, permission: permissionUserReadAll}
	return listAll(ctx, c, lr, func(w userWire) error { return each(w.user()) })
}

// ListUsers calls each for every user in the tenant (GET /v1.0/users, all
// pages, 999 per page). A non-nil error from each stops the listing and is
// returned as is. On any error the list is incomplete. Needs User.Read.All.
func (c *Client) ListUsers(ctx context.Context, each func(User) error) error {
	ctx = withLogging(ctx)
	lr := listRequest{path: "/v1.0/users", query: selectQuery(userFields, 999), permission: permissionUserReadAll}
	return listAll(ctx, c, lr, func(w userWire) error { return each(w.user()) })
}

// userWire is a user as Graph sends it.
type userWire struct {
	ID                string     `json:"id"`
	UserPrincipalName *string    `json:"userPrincipalName"`
	Mail              *string    `json:"mail"`
	ProxyAddresses    []string   `json:"proxyAddresses"`
	OtherMails        []string   `json:"otherMails"`
	GivenName         *string    `json:"givenName"`
	Surname           *string    `json:"surname"`
	DisplayName       *string    `json:"displayName"`
	EmployeeHireDate  *graphTime `json:"employeeHireDate"`
	CreatedDateTime   *graphTime `json:"createdDateTime"`
	Department        *string    `json:"department"`
	JobTitle          *string    `json:"jobTitle"`
	EmployeeID        *string    `json:"employeeId"`
	OfficeLocation    *string    `json:"officeLocation"`
	City              *string    `json:"city"`
	State             *string    `json:"state"`
	Country           *string    `json:"country"`
	UserType          *string    `json:"userType"`
	AccountEnabled    *bool      `json:"accountEnabled"`

	ExternalUserState               *string    `json:"externalUserState"`
	ExternalUserStateChangeDateTime *graphTime `json:"externalUserStateChangeDateTime"`

	AssignedLicenses        []AssignedLicense        `json:"assignedLicenses"`
	LicenseAssignmentStates []LicenseAssignmentState `json:"licenseAssignmentStates"`
	SignInActivity          *signInActivityWire      `json:"signInActivity"`
}

func (w userWire) user() User {
	return User{
		ID:                w.ID,
		UserPrincipalName: w.UserPrincipalName,
		Mail:              w.Mail,
		ProxyAddresses:    w.ProxyAddresses,
		OtherMails:        w.OtherMails,
		GivenName:         w.GivenName,
		Surname:           w.Surname,
		DisplayName:       w.DisplayName,
		EmployeeHireDate:  w.EmployeeHireDate.time(),
		CreatedDateTime:   w.CreatedDateTime.time(),
		Department:        w.Department,
		JobTitle:          w.JobTitle,
		EmployeeID:        w.EmployeeID,
		OfficeLocation:    w.OfficeLocation,
		City:              w.City,
		State:             w.State,
		Country:           w.Country,
		UserType:          w.UserType,
		AccountEnabled:    w.AccountEnabled,

		ExternalUserState:               w.ExternalUserState,
		ExternalUserStateChangeDateTime: w.ExternalUserStateChangeDateTime.time(),

		AssignedLicenses:        w.AssignedLicenses,
		LicenseAssignmentStates: w.LicenseAssignmentStates,
		SignInActivity:          w.SignInActivity.activity(),
	}
}
