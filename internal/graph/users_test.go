package graph

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestListUsersReadsNullAbsentAndEmptyProperties(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"value":[
			{"id":"full","userPrincipalName":"dana@contoso.example","mail":"Dana@contoso.example",
			 "proxyAddresses":["SMTP:dana@contoso.example","smtp:d@contoso.example"],"otherMails":["dana@home.example"],
			 "givenName":"Dana","surname":"Rivera","displayName":"Dana Rivera",
			 "employeeHireDate":"2021-06-01T00:00:00Z","createdDateTime":"2022-03-14T09:26:53Z",
			 "department":"Finance","jobTitle":"Analyst","employeeId":"E42","officeLocation":"Oslo",
			 "city":"Oslo","state":"","country":"NO","userType":"Member","accountEnabled":true,
			 "externalUserState":"PendingAcceptance","externalUserStateChangeDateTime":"2026-07-12T14:03:55Z"},
			{"id":"nulls","userPrincipalName":null,"mail":null,"proxyAddresses":[],"otherMails":null,"givenName":null,
			 "surname":null,"displayName":null,"employeeHireDate":null,"createdDateTime":null,"department":null,
			 "jobTitle":null,"employeeId":null,"officeLocation":null,"city":null,"state":null,"country":null,
			 "userType":null,"accountEnabled":null,"externalUserState":null,"externalUserStateChangeDateTime":null},
			{"id":"absent"},
			{"id":"empty","mail":"","givenName":"","officeLocation":"","userType":"","accountEnabled":false,
			 "createdDateTime":"2017-01-02T03:04:05.123Z","employeeHireDate":"2020-02-03T00:00:00"}
		]}`)
	})
	users := map[string]User{}
	err := g.client(t).ListUsers(t.Context(), func(u User) error {
		users[u.ID] = u
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	tm := func(v string) *time.Time {
		p, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			t.Fatal(err)
		}
		return &p
	}
	want := map[string]User{
		"full": {
			ID: "full", UserPrincipalName: s("dana@contoso.example"), Mail: s("Dana@contoso.example"),
			ProxyAddresses: []string{"SMTP:dana@contoso.example", "smtp:d@contoso.example"}, OtherMails: []string{"dana@home.example"},
			GivenName: s("Dana"), Surname: s("Rivera"), DisplayName: s("Dana Rivera"),
			EmployeeHireDate: tm("2021-06-01T00:00:00Z"), CreatedDateTime: tm("2022-03-14T09:26:53Z"),
			Department: s("Finance"), JobTitle: s("Analyst"), EmployeeID: s("E42"), OfficeLocation: s("Oslo"),
			City: s("Oslo"), State: s(""), Country: s("NO"), UserType: s("Member"), AccountEnabled: b(true),
			ExternalUserState: s("PendingAcceptance"), ExternalUserStateChangeDateTime: tm("2026-07-12T14:03:55Z"),
		},
		"nulls":  {ID: "nulls", ProxyAddresses: []string{}},
		"absent": {ID: "absent"},
		"empty": {
			ID: "empty", Mail: s(""), GivenName: s(""), OfficeLocation: s(""), UserType: s(""), AccountEnabled: b(false),
			CreatedDateTime: tm("2017-01-02T03:04:05.123Z"), EmployeeHireDate: tm("2020-02-03T00:00:00Z"),
		},
	}
	for id, w := range want {
		if got := users[id]; !reflect.DeepEqual(got, w) {
			t.Errorf("user %q:\n got %+v\nwant %+v", id, got, w)
		}
	}
}

func TestListUsersRejectsABadTimestampWithoutQuotingIt(t *testing.T) {
	g := newFakeGraph(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"value":[{"id":"x","createdDateTime":"PRIVATE-not-a-date"}]}`)
	})
	_, err := listIDs(t.Context(), g.client(t))
	if err == nil || strings.Contains(err.Error(), "PRIVATE") {
		t.Fatalf("err = %v, want an error that does not quote the value", err)
	}
}
