package fakegraph

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"
)

func TestUsersHoldingOneSkuAndTheirAssignmentPaths(t *testing.T) {
	s := startDemo(t)
	filter := url.QueryEscape("assignedLicenses/any(x:x/skuId eq " + SkuVisioClient + ")")
	resp, body := get(t, s.URL()+"/v1.0/users?$select=id,assignedLicenses,licenseAssignmentStates&$filter="+filter, demoToken(t, s))
	c := decodeCollection(t, resp, body)
	if len(c.Value) != 3 {
		t.Fatalf("%d Visio holders, want 3: %s", len(c.Value), body)
	}
	for _, u := range c.Value {
		var id string
		var states []struct {
			SkuID           string  `json:"skuId"`
			AssignedByGroup *string `json:"assignedByGroup"`
			Error           *string `json:"error"`
		}
		_ = json.Unmarshal(u["id"], &id)
		if err := json.Unmarshal(u["licenseAssignmentStates"], &states); err != nil {
			t.Fatal(err)
		}
		if id == demoUserID(8) {
			if states[1].Error == nil || *states[1].Error != "CountViolation" || states[1].AssignedByGroup != nil {
				t.Errorf("Lynne Robbins' Visio path = %+v, want a direct one in CountViolation", states[1])
			}
		}
	}
	// Lidia Holloway holds E3 directly and through Research Lab.
	resp, body = get(t, s.URL()+"/v1.0/users/"+demoUserID(22)+"?$select=assignedLicenses,licenseAssignmentStates", demoToken(t, s))
	var lidia struct {
		AssignedLicenses []struct {
			SkuID         string   `json:"skuId"`
			DisabledPlans []string `json:"disabledPlans"`
		} `json:"assignedLicenses"`
		States []struct {
			AssignedByGroup *string `json:"assignedByGroup"`
		} `json:"licenseAssignmentStates"`
	}
	if err := json.Unmarshal(body, &lidia); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if len(lidia.AssignedLicenses) != 1 || len(lidia.AssignedLicenses[0].DisabledPlans) != 0 || len(lidia.States) != 2 ||
		lidia.States[0].AssignedByGroup != nil || *lidia.States[1].AssignedByGroup != DemoResearchGroupID {
		t.Errorf("Lidia Holloway = %s", body)
	}
}

func TestSignInActivitySwitches(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	sel := s.URL() + "/v1.0/users?$select=id,signInActivity&$top="

	s.SetSignInActivityMaxPageSize(120)
	resp, body := get(t, sel+"500", tok)
	expectGraphError(t, resp, body, 400, "Request_UnsupportedQuery")
	if resp, body := get(t, sel+"120", tok); resp.StatusCode != 200 {
		t.Errorf("$top=120 under the 120 limit: %d %s", resp.StatusCode, body)
	}
	// Without signInActivity the limit is 999 as ever.
	if resp, body := get(t, s.URL()+"/v1.0/users?$select=id&$top=999", tok); resp.StatusCode != 200 {
		t.Errorf("$top=999 without signInActivity: %d %s", resp.StatusCode, body)
	}

	s.SetSignInActivityThrottle(2, time.Hour)
	for i := range 2 {
		if resp, _ := get(t, sel+"120", tok); resp.StatusCode != 200 {
			t.Fatalf("request %d within the limit: %d", i+1, resp.StatusCode)
		}
	}
	resp, body = get(t, sel+"120", tok)
	expectGraphError(t, resp, body, 429, "TooManyRequests")
	if resp.Header.Get("Retry-After") == "" || s.SignInActivityThrottled() != 1 {
		t.Errorf("Retry-After %q, throttled %d", resp.Header.Get("Retry-After"), s.SignInActivityThrottled())
	}
	if resp, _ := get(t, s.URL()+"/v1.0/users?$select=id", tok); resp.StatusCode != 200 {
		t.Errorf("users without signInActivity are not throttled: %d", resp.StatusCode)
	}
}

func TestSignInActivityWithoutPremium(t *testing.T) {
	tenant := DemoTenant()
	tenant.WithoutPremium = true
	s := startTenant(t, tenant)
	resp, body := get(t, s.URL()+"/v1.0/users?$select=id,signInActivity", demoToken(t, s))
	expectGraphError(t, resp, body, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant")
	if resp, _ := get(t, s.URL()+"/v1.0/users?$select=id,assignedLicenses", demoToken(t, s)); resp.StatusCode != 200 {
		t.Errorf("licences need no premium: %d", resp.StatusCode)
	}
}
