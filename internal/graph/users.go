package graph

import (
	"context"
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
}

const permissionUserReadAll = "User.Read.All"

// userFields is $select for /users: exactly the properties of User.
var userFields = []string{
	"id", "userPrincipalName", "mail", "proxyAddresses", "otherMails",
	"givenName", "surname", "displayName", "employeeHireDate", "createdDateTime",
	"department", "jobTitle", "employeeId", "officeLocation", "city", "state",
	"country", "userType", "accountEnabled",
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
	}
}
