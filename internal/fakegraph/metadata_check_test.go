package fakegraph

import (
	"net/http"
	"strings"
	"testing"
)

// TestMetadataCheck feeds the resolver requests real Graph accepts and
// requests it refuses, with the message Graph's 400 carries.
func TestMetadataCheck(t *testing.T) {
	m, err := loadGraphModel()
	if err != nil {
		t.Fatal(err)
	}
	const guid = "84a661c4-e949-4bd2-a560-ed7766fcaf2b"
	good := []struct{ path, query string }{
		// What the provider sends today.
		{"users", "$select=id,userPrincipalName,displayName,mail,accountEnabled,userType,signInActivity&$top=500"},
		{"users", "$filter=userType eq 'Guest' and accountEnabled eq true&$select=id"},
		{"users", "$filter=assignedLicenses/any(x:x/skuId eq " + guid + ")&$select=id,assignedLicenses,licenseAssignmentStates"},
		{"users/3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601", "$select=id,signInActivity"},
		{"organization", "$select=id,displayName,verifiedDomains,assignedPlans"},
		{"applications(appId='" + guid + "')", "$select=id,appId,passwordCredentials,keyCredentials"},
		{"admin/reportSettings", "$select=displayConcealedNames"},
		{"subscribedSkus", ""},
		{"auditLogs/signIns", "$filter=createdDateTime ge 2026-01-01T00:00:00Z and (appId eq '" + guid + "' or appId eq '" + guid + "') and status/errorCode eq 0&$top=1000"},
		{"servicePrincipals", "$select=id,appId,displayName,preferredTokenSigningKeyThumbprint&$filter=id in ('" + guid + "','" + guid + "')"},
		{"servicePrincipals/$count", "$filter=appId eq '" + guid + "'"},
		{"servicePrincipals/" + guid + "/appRoleAssignedTo", "$select=id,principalId,principalType,appRoleId&$top=999"},
		{"oauth2PermissionGrants", "$filter=clientId eq '" + guid + "'"},
		// Group members: directoryObjects read with the properties of their own types.
		{"groups/" + guid + "/members", "$select=id,displayName,userPrincipalName,appId,mail&$top=999"},
		{"groups/" + guid + "/transitiveMembers/microsoft.graph.user", "$select=id,userPrincipalName,accountEnabled&$count=true"},
		{"groups/" + guid + "/members/$count", ""},
		{"servicePrincipals/" + guid + "/owners", "$select=id,displayName,userPrincipalName,appId"},
		// Forms other endpoints of this round use.
		{"reports/getOffice365ActiveUserDetail(period='D30')", ""},
		{"reports/microsoft.graph.getOffice365ActiveUserDetail(period='D7')", ""},
		{"reports/authenticationMethods/userRegistrationDetails", "$select=id,userPrincipalName,isMfaRegistered,methodsRegistered&$filter=isAdmin eq true&$top=999"},
		{"policies/authorizationPolicy", "$select=allowInvitesFrom,defaultUserRolePermissions,guestUserRoleId"},
		{"policies/adminConsentRequestPolicy", "$select=isEnabled,reviewers"},
		{"roleManagement/directory/roleAssignments", "$filter=roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'&$expand=principal"},
		{"roleManagement/directory/roleDefinitions", "$select=id,displayName,templateId,isBuiltIn"},
		{"roleManagement/directory/roleEligibilityScheduleInstances", "$filter=roleDefinitionId eq '" + guid + "'&$expand=principal($select=id,displayName)"},
		{"directoryRoles(roleTemplateId='62e90394-69f5-4237-9190-012177145e10')/members", "$select=id,userPrincipalName"},
		{"groups", "$select=id,displayName,groupTypes,assignedLicenses&$filter=hasMembersWithLicenseErrors eq true&$count=true"},
		{"groups", "$filter=groupTypes/any(c:c eq 'Unified')&$orderby=displayName desc"},
		{"applications", "$select=id,appId,displayName&$expand=owners($select=id,userPrincipalName,appId)"},
		{"applications/" + guid + "/owners", "$select=id,userPrincipalName"},
		{"servicePrincipals(appId='" + guid + "')", "$select=id"},
		{"users('dana@northwind.example')", ""},
		{"users(userPrincipalName='dana@northwind.example')", "$select=id"},
		{"users/delta()", "$select=id"},
		{"users", "$filter=startswith(displayName,'Dan') or endswith(mail,'@x.com')&$orderby=userPrincipalName"},
		{"users", "$filter=not(accountEnabled eq false) and signInActivity/lastSignInDateTime le 2026-01-01T00:00:00Z"},
		{"users", "$filter=assignedLicenses/$count eq 0&$count=true"},
		{"users", "$filter=assignedPlans/all(p:p/capabilityStatus eq 'Enabled' and assignedLicenses/any(l:l/skuId eq p/servicePlanId))"},
		{"users", "$select=microsoft.graph.user/displayName"},
		{"groups/" + guid + "/members", "$filter=microsoft.graph.user/accountEnabled eq true"},
		{"applications(appId='" + guid + "')/owners", "$select=id,displayName,userPrincipalName,appId"},
		{"users/" + guid + "/licenseDetails", "$select=skuId,servicePlans"},
		{"groups/" + guid, "$select=id,displayName&$expand=members($select=id,userPrincipalName)"},
		{"directoryRoles", "$expand=members"},
		{"", ""}, // the service document
	}
	for _, tc := range good {
		if qe := m.checkRequest(tc.path, tc.query); qe != nil {
			t.Errorf("GET /v1.0/%s?%s: %d %s %q, want accepted", tc.path, tc.query, qe.status, qe.code, qe.message)
		}
	}

	bad := []struct{ path, query, message string }{
		{"userz", "", "Resource not found for the segment 'userz'."},
		{"users/" + guid + "/favouriteThings", "", "Resource not found for the segment 'favouriteThings'."},
		{"users/$count/x", "", "Resource not found for the segment 'x'."},
		{"applications(clientId='" + guid + "')", "", "Resource not found for the segment 'applications(clientId='" + guid + "')'."},
		{"groups/" + guid + "/members/microsoft.graph.application2", "", "Resource not found for the segment 'microsoft.graph.application2'."},
		{"groups/" + guid + "/members/microsoft.graph.signIn", "", "Resource not found for the segment 'microsoft.graph.signIn'."},
		{"reports/getOffice365ActiveUserDetail(days='D30')", "", "Resource not found for the segment 'getOffice365ActiveUserDetail(days='D30')'."},
		{"reports/getNoSuchReport(period='D30')", "", "Resource not found for the segment 'getNoSuchReport(period='D30')'."},
		{"policies/authorisationPolicy", "", "Resource not found for the segment 'authorisationPolicy'."},
		{"admin/reportSettings/$count", "", "Resource not found for the segment '$count'."},
		{"reports/getOffice365ActiveUserDetail(period='D30')/content", "", "Resource not found for the segment 'content'."},
		{"reports/getOffice365ActiveUserDetail('D30')", "", "Resource not found for the segment 'getOffice365ActiveUserDetail('D30')'."},
		{"policies/authorizationPolicy/authorizationPolicy", "", "Resource not found for the segment 'authorizationPolicy'."},
		{"users/" + guid + "/members", "", "Resource not found for the segment 'members'."},
		{"users", "$select=id,favouriteColour", "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'."},
		{"servicePrincipals", "$select=id,preferredTokenSigningKeyEndDateTime", "Parsing OData Select and Expand failed: Could not find a property named 'preferredTokenSigningKeyEndDateTime' on type 'microsoft.graph.servicePrincipal'."},
		// A cast narrows: a service principal's appId is not a user's.
		{"groups/" + guid + "/members/microsoft.graph.user", "$select=id,appId", "Parsing OData Select and Expand failed: Could not find a property named 'appId' on type 'microsoft.graph.user'."},
		{"groups/" + guid + "/members", "$select=id,notAPropertyOfAnyone", "Parsing OData Select and Expand failed: Could not find a property named 'notAPropertyOfAnyone' on type 'microsoft.graph.directoryObject'."},
		{"users", "$select=signInActivity/lastSignIn", "Parsing OData Select and Expand failed: Could not find a property named 'lastSignIn' on type 'microsoft.graph.signInActivity'."},
		{"users", "$filter=usertype2 eq 'Guest'", "Invalid filter clause: Could not find a property named 'usertype2' on type 'microsoft.graph.user'."},
		{"users", "$filter=assignedLicenses/any(x:x/skuGuid eq " + guid + ")", "Invalid filter clause: Could not find a property named 'skuGuid' on type 'microsoft.graph.assignedLicense'."},
		{"users", "$filter=assignedLicenses/any(x:y/skuId eq " + guid + ")", "Invalid filter clause: Could not find a property named 'y' on type 'microsoft.graph.user'."},
		{"users", "$filter=signInActivity/lastSignInTime le 2026-01-01T00:00:00Z", "Invalid filter clause: Could not find a property named 'lastSignInTime' on type 'microsoft.graph.signInActivity'."},
		{"users", "$filter=assignedLicenses/skuId eq " + guid, "Invalid filter clause: The parent value for a property access of a property 'skuId' is not a single value. Property access can only be applied to a single value."},
		{"users", "$filter=userType eq 'Guest' and", "Invalid filter clause: Syntax error at position 23 in 'userType eq 'Guest' and'."},
		{"users", "$filter=startswith2(displayName,'a')", "Invalid filter clause: An unknown function with name 'startswith2' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed."},
		{"auditLogs/signIns", "$filter=status/code eq 0", "Invalid filter clause: Could not find a property named 'code' on type 'microsoft.graph.signInStatus'."},
		{"users", "$orderby=displayName,surname2 desc", "Invalid $orderby clause: Could not find a property named 'surname2' on type 'microsoft.graph.user'."},
		{"servicePrincipals", "$expand=ownerz", "Parsing OData Select and Expand failed: Could not find a property named 'ownerz' on type 'microsoft.graph.servicePrincipal'."},
		{"servicePrincipals", "$expand=displayName", "Parsing OData Select and Expand failed: Property 'displayName' on type 'microsoft.graph.servicePrincipal' is not a navigation property or complex property. Only navigation properties can be expanded."},
		{"applications", "$expand=owners($select=id,colour)", "Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.directoryObject'."},
		{"roleManagement/directory/roleAssignments", "$expand=principal($select=id;$filter=nope eq 1)", "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type 'microsoft.graph.directoryObject'."},
		{"reports/authenticationMethods/userRegistrationDetails", "$select=id,isMfaCapable2", "Parsing OData Select and Expand failed: Could not find a property named 'isMfaCapable2' on type 'microsoft.graph.userRegistrationDetails'."},
	}
	for _, tc := range bad {
		qe := m.checkRequest(tc.path, tc.query)
		if qe == nil {
			t.Errorf("GET /v1.0/%s?%s: accepted, want 400 %q", tc.path, tc.query, tc.message)
			continue
		}
		if qe.status != http.StatusBadRequest || qe.code != "BadRequest" || qe.message != tc.message {
			t.Errorf("GET /v1.0/%s?%s:\n got %d %s %q\nwant 400 BadRequest %q", tc.path, tc.query, qe.status, qe.code, qe.message, tc.message)
		}
	}
}

// TestMetadataCheckInTheServer holds the check to the wire: a request the
// metadata refuses gets Graph's 400 error body before any handler (or
// fault) runs, and a good one reaches its handler.
func TestMetadataCheckInTheServer(t *testing.T) {
	s := startDemo(t)
	token := demoToken(t, s)
	s.InjectFault(Fault{PathPrefix: "/v1.0/users", Status: http.StatusServiceUnavailable})

	resp, body := get(t, s.URL()+"/v1.0/users?$select=id,favouriteColour", token)
	e := expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest")
	if want := "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'."; e.Error.Message != want {
		t.Errorf("message = %q, want %q", e.Error.Message, want)
	}
	if e.Error.InnerError.RequestID == "" || e.Error.InnerError.RequestID != resp.Header.Get("request-id") {
		t.Errorf("innerError request-id %q, header %q", e.Error.InnerError.RequestID, resp.Header.Get("request-id"))
	}

	if got := s.Requests(); got[len(got)-1].Refused != e.Error.Message {
		t.Errorf("Requests() records Refused %q, want the message sent", got[len(got)-1].Refused)
	}

	resp, body = get(t, s.URL()+"/v1.0/groupz", token)
	if e := expectGraphError(t, resp, body, http.StatusBadRequest, "BadRequest"); !strings.Contains(e.Error.Message, "'groupz'") {
		t.Errorf("message = %q", e.Error.Message)
	}

	// The fault was not spent on the refused request: the next good one meets it.
	resp, _ = get(t, s.URL()+"/v1.0/users?$select=id", token)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want the injected 503", resp.StatusCode)
	}
	resp, _ = get(t, s.URL()+"/v1.0/users?$select=id", token)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status = %d, want 200", resp.StatusCode)
	}
	if got := s.Requests(); got[len(got)-1].Refused != "" {
		t.Errorf("a request that passed records Refused %q", got[len(got)-1].Refused)
	}
}

// BenchmarkMetadataCheck measures the check on the provider's heaviest
// request forms (the model is parsed once, outside the loop).
func BenchmarkMetadataCheck(b *testing.B) {
	m := mustGraphModel()
	const guid = "84a661c4-e949-4bd2-a560-ed7766fcaf2b"
	requests := [][2]string{
		{"users", "$select=id,userPrincipalName,displayName,mail,accountEnabled,userType,signInActivity&$top=500"},
		{"users", "$filter=assignedLicenses/any(x:x/skuId eq " + guid + ")&$select=id,assignedLicenses,licenseAssignmentStates&$top=999"},
		{"auditLogs/signIns", "$filter=createdDateTime ge 2026-01-01T00:00:00Z and (appId eq '" + guid + "' or appId eq '" + guid + "') and status/errorCode eq 0&$top=1000"},
		{"groups/" + guid + "/transitiveMembers/microsoft.graph.user", "$select=id,userPrincipalName,accountEnabled&$top=999"},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range requests {
			if qe := m.checkRequest(r[0], r[1]); qe != nil {
				b.Fatal(qe.message)
			}
		}
	}
}

// BenchmarkParseGraphMetadata measures what each test process pays once.
func BenchmarkParseGraphMetadata(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseCSDL(graphMetadataGz); err != nil {
			b.Fatal(err)
		}
	}
}
