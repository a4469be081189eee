package fakegraph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestGraphRequiresAValidToken(t *testing.T) {
	s := startDemo(t)
	other := startDemo(t) // a second fake: its tokens are foreign here
	cases := []struct {
		name, token, message string
	}{
		{"no token", "", "Access token is empty."},
		{"not a JWT", "abc", "CompactToken parsing failed with error code: 80049217"},
		{"token of another server", demoToken(t, other), "Access token validation failure. Invalid audience."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, s.URL()+"/v1.0/users", tc.token)
			e := expectGraphError(t, resp, body, 401, "InvalidAuthenticationToken")
			if e.Error.Message != tc.message {
				t.Errorf("message = %q, want %q", e.Error.Message, tc.message)
			}
			want := `Bearer realm="", authorization_uri="` + s.URL() + `/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`
			if got := resp.Header.Get("WWW-Authenticate"); got != want {
				t.Errorf("WWW-Authenticate = %q, want %q", got, want)
			}
		})
	}
}

func TestExpireTokens(t *testing.T) {
	s := startDemo(t)
	old := demoToken(t, s)
	s.ExpireTokens()
	resp, body := get(t, s.URL()+"/v1.0/users", old)
	e := expectGraphError(t, resp, body, 401, "InvalidAuthenticationToken")
	if e.Error.Message != "Access token has expired or is not yet valid." {
		t.Errorf("message = %q", e.Error.Message)
	}
	if resp, body := get(t, s.URL()+"/v1.0/users", demoToken(t, s)); resp.StatusCode != 200 {
		t.Errorf("token issued after ExpireTokens: %d %s", resp.StatusCode, body)
	}
}

func TestPermissions(t *testing.T) {
	perms := []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All",
		"Organization.Read.All", "Organization.ReadWrite.All", "Application.Read.All", "GroupMember.Read.All", "AuditLog.Read.All"}
	tenant := DemoTenant()
	for i, p := range perms {
		tenant.Apps = append(tenant.Apps, App{ClientID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			DisplayName: p, Secrets: []Secret{{Value: "s"}}, Permissions: []string{p}})
	}
	s := startTenant(t, tenant)
	usersOK := map[string]bool{"User.Read.All": true, "User.ReadWrite.All": true, "Directory.Read.All": true, "Directory.ReadWrite.All": true}
	orgOK := map[string]bool{"Organization.Read.All": true, "Organization.ReadWrite.All": true, "Directory.Read.All": true, "Directory.ReadWrite.All": true}
	for i, p := range perms {
		tok := token(t, s, fmt.Sprintf("00000000-0000-4000-8000-%012d", i), "s")
		for path, ok := range map[string]bool{"/v1.0/users": usersOK[p], "/v1.0/organization": orgOK[p]} {
			resp, body := get(t, s.URL()+path, tok)
			if ok {
				if resp.StatusCode != 200 {
					t.Errorf("%s with %s: %d, want 200", path, p, resp.StatusCode)
				}
				continue
			}
			e := expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")
			if e.Error.Message != "Insufficient privileges to complete the operation." {
				t.Errorf("message = %q", e.Error.Message)
			}
		}
	}

	// The demo tenant's restricted clients.
	demo := startDemo(t)
	noUsers := token(t, demo, NoUsersClientID, NoUsersClientSecret)
	resp, body := get(t, demo.URL()+"/v1.0/users", noUsers)
	expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")
	if resp, _ := get(t, demo.URL()+"/v1.0/organization", noUsers); resp.StatusCode != 200 {
		t.Errorf("NoUsersClient /organization: %d, want 200", resp.StatusCode)
	}
	noRoles := token(t, demo, NoRolesClientID, NoRolesClientSecret)
	resp, body = get(t, demo.URL()+"/v1.0/organization", noRoles)
	expectGraphError(t, resp, body, 403, "Authorization_RequestDenied")

	// signInActivity needs AuditLog.Read.All on top of a users permission.
	userOnly := token(t, s, "00000000-0000-4000-8000-000000000000", "s")
	resp, body = get(t, s.URL()+"/v1.0/users?$select=id,signInActivity", userOnly)
	expectGraphError(t, resp, body, 403, "Authentication_MSGraphPermissionMissing")
	resp, body = get(t, demo.URL()+"/v1.0/users?$select=id,signInActivity&$top=500", demoToken(t, demo))
	for _, u := range decodeCollection(t, resp, body).Value {
		_, has := u["signInActivity"]
		var id string
		_ = json.Unmarshal(u["id"], &id)
		if never := demoUserNumber(id) == 18; has == never {
			t.Errorf("signInActivity of a user who never signed in should be left out, and only of those: %s", body)
		}
	}
	resp, body = get(t, demo.URL()+"/v1.0/users?$select=id,signInActivity&$top=501", demoToken(t, demo))
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
}

func TestGraphResponseHeadersAndErrorShape(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)

	resp, _ := get(t, s.URL()+"/v1.0/users", tok)
	if got := resp.Header.Get("Content-Type"); got != "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := resp.Header.Get("OData-Version"); got != "4.0" {
		t.Errorf("OData-Version = %q", got)
	}
	rid := resp.Header.Get("request-id")
	if !guidPattern.MatchString(rid) || resp.Header.Get("client-request-id") != rid {
		t.Errorf("request-id %q / client-request-id %q: want a GUID, echoed when none was sent", rid, resp.Header.Get("client-request-id"))
	}

	const crid = "5c0a1d2e-0000-4000-8000-00000000abcd"
	resp, body := get(t, s.URL()+"/v1.0/users?$top=0", tok, "client-request-id", crid)
	if resp.Header.Get("client-request-id") != crid {
		t.Errorf("client-request-id not echoed: %q", resp.Header.Get("client-request-id"))
	}
	e := expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
	if e.Error.InnerError.RequestID != resp.Header.Get("request-id") || e.Error.InnerError.ClientRequestID != crid {
		t.Errorf("innerError ids %+v do not match the headers", e.Error.InnerError)
	}
	if !graphErrorDate.MatchString(e.Error.InnerError.Date) {
		t.Errorf("innerError.date %q is not yyyy-mm-ddThh:mm:ss without zone", e.Error.InnerError.Date)
	}
	// Exactly the documented keys, in Graph's order.
	if got := keys(t, body); !slices.Equal(got, []string{"error"}) {
		t.Errorf("top-level keys %v", got)
	}
	var top map[string]json.RawMessage
	_ = json.Unmarshal(body, &top)
	if got := keys(t, top["error"]); !slices.Equal(got, []string{"code", "message", "innerError"}) {
		t.Errorf("error keys %v", got)
	}
	var inner map[string]json.RawMessage
	_ = json.Unmarshal(top["error"], &inner)
	if got := keys(t, inner["innerError"]); !slices.Equal(got, []string{"date", "request-id", "client-request-id"}) {
		t.Errorf("innerError keys %v", got)
	}
}

func TestSelectReturnsExactlyTheSelectedProperties(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	cases := []struct {
		query   string
		want    []string // in response order
		context string
	}{
		{"$select=id,displayName", []string{"id", "displayName"}, "users(id,displayName)"},
		{"$select=displayName,userType", []string{"displayName", "userType"}, "users(displayName,userType)"}, // no id unless selected
		{"$select=ID,UserPrincipalName,MAIL,mail", []string{"id", "userPrincipalName", "mail"}, "users(id,userPrincipalName,mail)"},
		{"$select=" + url.QueryEscape("id, accountEnabled ,employeeHireDate"), []string{"id", "accountEnabled", "employeeHireDate"}, "users(id,accountEnabled,employeeHireDate)"},
		{"", []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"}, "users"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			resp, body := get(t, s.URL()+"/v1.0/users?"+tc.query, tok)
			c := decodeCollection(t, resp, body)
			if want := s.URL() + "/v1.0/$metadata#" + tc.context; c.Context != want {
				t.Errorf("@odata.context = %q, want %q", c.Context, want)
			}
			var page struct{ Value []json.RawMessage }
			_ = json.Unmarshal(body, &page)
			for i, item := range page.Value {
				if got := keys(t, item); !slices.Equal(got, tc.want) {
					t.Fatalf("item %d keys = %v, want %v", i, got, tc.want)
				}
			}
		})
	}

	resp, body := get(t, s.URL()+"/v1.0/users?$select=id,favouriteColour", tok)
	e := expectGraphError(t, resp, body, 400, "BadRequest")
	if want := "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'."; e.Error.Message != want {
		t.Errorf("message = %q, want %q", e.Error.Message, want)
	}
	resp, body = get(t, s.URL()+"/v1.0/users?$select=id,aboutMe", tok)
	expectGraphError(t, resp, body, 501, "NotImplemented")
}

// demoUserJSON is a user as Graph sends it with every modelled property
// selected; pointers tell null from absent.
type demoUserJSON struct {
	ID, UserPrincipalName                                                                                                   string
	Mail, GivenName, Surname, DisplayName, Department, JobTitle, EmployeeID, OfficeLocation, City, State, Country, UserType *string
	ProxyAddresses, OtherMails                                                                                              []string
	EmployeeHireDate, CreatedDateTime                                                                                       *string
	AccountEnabled                                                                                                          *bool
}

const allModelled = "id,userPrincipalName,mail,givenName,surname,displayName,department,jobTitle,employeeId," +
	"officeLocation,city,state,country,userType,proxyAddresses,otherMails,employeeHireDate,createdDateTime,accountEnabled"

// TestUsersRoundTrip reads the whole demo tenant and compares every value
// with the tenant: null for nil, "" for "", [] for empty collections, times
// in RFC 3339 with Z.
func TestUsersRoundTrip(t *testing.T) {
	s := startDemo(t)
	resp, body := get(t, s.URL()+"/v1.0/users?$top=999&$select="+allModelled, demoToken(t, s))
	c := decodeCollection(t, resp, body)
	if len(c.Value) != len(s.Tenant().Users) || c.NextLink != "" {
		t.Fatalf("got %d users and nextLink %q, want all %d on one page", len(c.Value), c.NextLink, len(s.Tenant().Users))
	}
	byID := map[string]User{}
	for _, u := range s.Tenant().Users {
		byID[u.ID] = u
	}
	for _, raw := range c.Value {
		for _, k := range []string{"mail", "givenName", "employeeHireDate", "createdDateTime", "proxyAddresses", "otherMails", "userType", "accountEnabled"} {
			if _, ok := raw[k]; !ok {
				t.Fatalf("property %s missing (must be null, not absent): %v", k, sortedKeys(raw))
			}
		}
		for _, k := range []string{"proxyAddresses", "otherMails"} {
			if string(raw[k]) == "null" {
				t.Errorf("%s is null, want []", k)
			}
		}
		b, _ := json.Marshal(raw)
		var got demoUserJSON
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		want, ok := byID[got.ID]
		if !ok {
			t.Fatalf("unknown id %s", got.ID)
		}
		if got.UserPrincipalName != want.UserPrincipalName {
			t.Errorf("%s: upn %q", got.ID, got.UserPrincipalName)
		}
		for name, pair := range map[string][2]*string{
			"mail": {got.Mail, want.Mail}, "givenName": {got.GivenName, want.GivenName}, "surname": {got.Surname, want.Surname},
			"displayName": {got.DisplayName, want.DisplayName}, "department": {got.Department, want.Department},
			"jobTitle": {got.JobTitle, want.JobTitle}, "employeeId": {got.EmployeeID, want.EmployeeID},
			"officeLocation": {got.OfficeLocation, want.OfficeLocation}, "city": {got.City, want.City},
			"state": {got.State, want.State}, "country": {got.Country, want.Country}, "userType": {got.UserType, want.UserType},
		} {
			if (pair[0] == nil) != (pair[1] == nil) || pair[0] != nil && *pair[0] != *pair[1] {
				t.Errorf("%s: %s = %v, want %v", want.UserPrincipalName, name, deref(pair[0]), deref(pair[1]))
			}
		}
		checkTime(t, want.UserPrincipalName+" employeeHireDate", got.EmployeeHireDate, want.EmployeeHireDate)
		checkTime(t, want.UserPrincipalName+" createdDateTime", got.CreatedDateTime, want.CreatedDateTime)
		if !slices.Equal(got.ProxyAddresses, orEmpty(want.ProxyAddresses)) || !slices.Equal(got.OtherMails, orEmpty(want.OtherMails)) {
			t.Errorf("%s: collections %v %v", want.UserPrincipalName, got.ProxyAddresses, got.OtherMails)
		}
		if got.AccountEnabled == nil || *got.AccountEnabled != *want.AccountEnabled {
			t.Errorf("%s: accountEnabled %v", want.UserPrincipalName, got.AccountEnabled)
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return "<null>"
	}
	return fmt.Sprintf("%q", *p)
}

// checkTime compares a DateTimeOffset Graph sent with the tenant's value:
// null for nil, otherwise RFC 3339 in UTC with a Z.
func checkTime(t *testing.T, what string, got *string, want *time.Time) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("%s = %q, want null", what, *got)
	case want != nil && got == nil:
		t.Errorf("%s = null, want %s", what, want.Format(time.RFC3339))
	case want != nil && *got != want.UTC().Format(time.RFC3339):
		t.Errorf("%s = %q, want %q", what, *got, want.UTC().Format(time.RFC3339))
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestTopBounds(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	for _, top := range []string{"0", "1000", "-1"} {
		resp, body := get(t, s.URL()+"/v1.0/users?$top="+top, tok)
		e := expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
		if want := fmt.Sprintf("Invalid page size specified: '%s'. Must be between 1 and 999 inclusive.", top); e.Error.Message != want {
			t.Errorf("message = %q, want %q", e.Error.Message, want)
		}
	}
	resp, body := get(t, s.URL()+"/v1.0/users?$top=ten", tok)
	expectGraphError(t, resp, body, 400, "BadRequest")
	for top, want := range map[string]int{"1": 1, "999": len(s.Tenant().Users)} {
		resp, body := get(t, s.URL()+"/v1.0/users?$top="+top, tok)
		if c := decodeCollection(t, resp, body); len(c.Value) != want {
			t.Errorf("$top=%s: %d users, want %d", top, len(c.Value), want)
		}
	}
}

func TestDefaultPageSizeIs100(t *testing.T) {
	s := startTenant(t, GenerateTenant(7, 250))
	resp, body := get(t, s.URL()+"/v1.0/users", demoToken(t, s))
	c := decodeCollection(t, resp, body)
	if len(c.Value) != 100 || c.NextLink == "" {
		t.Errorf("first page: %d users, nextLink %q; want 100 and a link", len(c.Value), c.NextLink)
	}
}

// TestPagingVisitsEveryUserOnce follows nextLinks to the end: every user
// once, in userPrincipalName order, links on the host the request used and
// keeping the other query options, the link before value.
func TestPagingVisitsEveryUserOnce(t *testing.T) {
	tenant := GenerateTenant(11, 523)
	s := startTenant(t, tenant)
	tok := demoToken(t, s)

	// Reach the server through a name of our own: the links must use it.
	const host = "graph.fake.test"
	link := "http://" + host + "/v1.0/users?$select=id,userPrincipalName&$top=50&$count=true"
	var upns []string
	seen := map[string]bool{}
	pages := 0
	for link != "" {
		if !strings.HasPrefix(link, "http://"+host+"/v1.0/users?$select=id,userPrincipalName&$top=50&$count=true&$skiptoken=") && pages > 0 {
			t.Fatalf("nextLink %q does not keep host and query options", link)
		}
		u, _ := url.Parse(link)
		req, _ := http.NewRequest(http.MethodGet, s.URL()+u.RequestURI(), nil)
		req.Host = host
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("ConsistencyLevel", "eventual")
		resp, body := do(t, req)
		c := decodeCollection(t, resp, body)
		pages++
		if pages == 1 && (c.Count == nil || *c.Count != len(tenant.Users)) {
			t.Errorf("page 1 @odata.count = %v, want %d", c.Count, len(tenant.Users))
		}
		if pages > 1 && c.Count != nil {
			t.Errorf("page %d has @odata.count", pages)
		}
		if c.NextLink != "" {
			if i, j := bytes.Index(body, []byte(`"@odata.nextLink"`)), bytes.Index(body, []byte(`"value"`)); i < 0 || i > j {
				t.Errorf("@odata.nextLink is not before value")
			}
			tokParam := strings.SplitN(c.NextLink, "$skiptoken=", 2)[1]
			if !strings.HasPrefix(tokParam, "RFNwdAIAAQAAA") {
				t.Errorf("skiptoken %q does not look like a directory token", tokParam)
			}
		}
		for _, item := range c.Value {
			var id, upn string
			_ = json.Unmarshal(item["id"], &id)
			_ = json.Unmarshal(item["userPrincipalName"], &upn)
			if seen[id] {
				t.Fatalf("user %s seen twice", id)
			}
			seen[id] = true
			upns = append(upns, upn)
		}
		link = c.NextLink
	}
	if len(seen) != len(tenant.Users) || pages != 11 {
		t.Errorf("saw %d users in %d pages, want %d in 11", len(seen), pages, len(tenant.Users))
	}
	if !slices.IsSortedFunc(upns, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("users are not in userPrincipalName order")
	}
}

func TestDemoUsersOrder(t *testing.T) {
	s := startDemo(t)
	resp, body := get(t, s.URL()+"/v1.0/users?$select=userPrincipalName&$top=999", demoToken(t, s))
	c := decodeCollection(t, resp, body)
	var upns []string
	for _, item := range c.Value {
		var upn string
		_ = json.Unmarshal(item["userPrincipalName"], &upn)
		upns = append(upns, upn)
	}
	// Case-insensitive: dan.park before Dana.Rivera although 'D' < 'd'.
	i, j := slices.Index(upns, "dan.park@northwind.example"), slices.Index(upns, "Dana.Rivera@NorthWind.Example")
	if i < 0 || j < 0 || i > j {
		t.Errorf("dan.park at %d, Dana.Rivera at %d; want dan.park first", i, j)
	}
}

func TestInvalidSkipToken(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	for _, bad := range []string{"garbage", "RFNwdAIAAQAAAA", encodeSkipToken(skipToken{page: 2, key: "no cursor"})} {
		resp, body := get(t, s.URL()+"/v1.0/users?$skiptoken="+url.QueryEscape(bad), tok)
		expectGraphError(t, resp, body, 400, "Request_BadRequest")
	}
}

func TestUnsupportedQueriesAndPaths(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	cases := []struct {
		path   string
		status int
		code   string
	}{
		{"/v1.0/users?$filter=" + url.QueryEscape("startsWith(displayName,'A')"), 400, "Request_UnsupportedQuery"},
		{"/v1.0/users?$skip=10", 400, "Request_BadRequest"},
		{"/v1.0/users?$top=1&$top=2", 400, "BadRequest"},
		{"/v1.0/devices", 404, "Request_ResourceNotFound"},
		{"/v1.0/groups?$skip=10", 400, "Request_BadRequest"},
		{"/v1.0/groups?$orderby=displayName&$filter=" + url.QueryEscape("securityEnabled eq true"), 400, "Request_UnsupportedQuery"},
		{"/v1.0/", 404, "Request_ResourceNotFound"},
		{"/beta/users", 404, "Request_ResourceNotFound"},
		{"/v1.0/users/00000000-0000-4000-8000-000000000000", 404, "Request_ResourceNotFound"},
		{"/nowhere", 404, "Request_ResourceNotFound"},
	}
	for _, tc := range cases {
		resp, body := get(t, s.URL()+tc.path, tok)
		expectGraphError(t, resp, body, tc.status, tc.code)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/v1.0/users", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, body := do(t, req)
	expectGraphError(t, resp, body, 405, "Request_BadRequest")
}

func TestGetUser(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	for _, key := range []string{"6b0e5d2c-7a41-4f3e-9c8d-000000000031", url.PathEscape("lee_fabrikam.example#EXT#@northwindtraders.onmicrosoft.com"), "LEE_FABRIKAM.EXAMPLE%23EXT%23@northwindtraders.onmicrosoft.com"} {
		resp, body := get(t, s.URL()+"/v1.0/users/"+key+"?$select=id,mail,userType", tok)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", key, resp.StatusCode, body)
		}
		if got := keys(t, body); !slices.Equal(got, []string{"@odata.context", "id", "mail", "userType"}) {
			t.Errorf("keys %v", got)
		}
		var u struct{ Mail, UserType string }
		_ = json.Unmarshal(body, &u)
		if u.Mail != "lee@fabrikam.example" || u.UserType != "Guest" {
			t.Errorf("%s: %+v", key, u)
		}
	}
}

func TestOrganization(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	resp, body := get(t, s.URL()+"/v1.0/organization", tok)
	c := decodeCollection(t, resp, body)
	if len(c.Value) != 1 || c.Context != s.URL()+"/v1.0/$metadata#organization" {
		t.Fatalf("got %d organizations, context %q", len(c.Value), c.Context)
	}
	var org struct {
		ID, DisplayName, TenantType string
		VerifiedDomains             []struct {
			Capabilities         string
			IsDefault, IsInitial bool
			Name, Type           string
		}
	}
	b, _ := json.Marshal(c.Value[0])
	if err := json.Unmarshal(b, &org); err != nil {
		t.Fatalf("verifiedDomains shape: %v", err)
	}
	if org.ID != DemoTenantID || org.DisplayName != "Northwind Traders" || org.TenantType != "AAD" || len(org.VerifiedDomains) != 4 {
		t.Errorf("organization = %+v", org)
	}
	var raw struct{ VerifiedDomains []json.RawMessage }
	_ = json.Unmarshal(b, &raw)
	if got := keys(t, raw.VerifiedDomains[0]); !slices.Equal(got, []string{"capabilities", "isDefault", "isInitial", "name", "type"}) {
		t.Errorf("verifiedDomain keys %v", got)
	}

	resp, body = get(t, s.URL()+"/v1.0/organization?$select=ID,verifiedDomains", tok)
	c = decodeCollection(t, resp, body)
	if got := sortedKeys(c.Value[0]); !slices.Equal(got, []string{"id", "verifiedDomains"}) {
		t.Errorf("$select keys %v", got)
	}
	if c.Context != s.URL()+"/v1.0/$metadata#organization(id,verifiedDomains)" {
		t.Errorf("context %q", c.Context)
	}
	resp, body = get(t, s.URL()+"/v1.0/organization?$select=nope", tok)
	e := expectGraphError(t, resp, body, 400, "BadRequest")
	if !strings.Contains(e.Error.Message, "on type 'microsoft.graph.organization'") {
		t.Errorf("message %q", e.Error.Message)
	}
	resp, body = get(t, s.URL()+"/v1.0/organization/"+DemoTenantID+"?$select=displayName", tok)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"displayName":"Northwind Traders"`) {
		t.Errorf("single organization: %d %s", resp.StatusCode, body)
	}
}

// TestConcurrentPaging reads the tenant from many goroutines at once (run
// with -race).
func TestConcurrentPaging(t *testing.T) {
	s := startTenant(t, GenerateTenant(3, 300))
	tok := demoToken(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			link, n := s.URL()+"/v1.0/users?$top=37&$select=id", 0
			for link != "" {
				req, _ := http.NewRequest(http.MethodGet, link, nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				var c struct {
					NextLink string            `json:"@odata.nextLink"`
					Value    []json.RawMessage `json:"value"`
				}
				err = json.NewDecoder(resp.Body).Decode(&c)
				resp.Body.Close()
				if err != nil {
					errs <- err
					return
				}
				n += len(c.Value)
				link = c.NextLink
			}
			if n != 300 {
				errs <- fmt.Errorf("read %d users, want 300", n)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkListUsers pages through 20,000 users at $top=999: the cost of
// the fake itself in the provider's benchmarks.
func BenchmarkListUsers(b *testing.B) {
	s := Start(GenerateTenant(1, 20000))
	defer s.Close()
	tok := token(b, s, DemoClientID, DemoClientSecret)
	b.ReportAllocs()
	for b.Loop() {
		link := s.URL() + "/v1.0/users?$top=999&$select=" + allModelled
		for link != "" {
			req, _ := http.NewRequest(http.MethodGet, link, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var page struct {
				NextLink string            `json:"@odata.nextLink"`
				Value    []json.RawMessage `json:"value"`
			}
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
			link = page.NextLink
		}
	}
}
