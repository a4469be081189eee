package fakegraph

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const rolesBase = "/v1.0/roleManagement/directory/"

func rolesURL(s *Server, list, query string) string {
	u := s.URL() + rolesBase + list
	if query != "" {
		u += "?" + query
	}
	return u
}

func TestRoleDefinitionsBuiltInIDsAreTemplateIDs(t *testing.T) {
	s := startDemo(t)
	resp, body := get(t, rolesURL(s, "roleDefinitions", "$select=id,displayName,templateId,isBuiltIn"), demoToken(t, s))
	c := decodeCollection(t, resp, body)
	found := false
	for _, v := range c.Value {
		var id, tmpl, name string
		_ = json.Unmarshal(v["id"], &id)
		_ = json.Unmarshal(v["templateId"], &tmpl)
		_ = json.Unmarshal(v["displayName"], &name)
		if id != tmpl {
			t.Errorf("%s: id %s != templateId %s", name, id, tmpl)
		}
		found = found || (name == "Global Administrator" && id == RoleGlobalAdministrator)
		if _, has := v["resourceScope"]; has {
			t.Errorf("resourceScope is not in the v1.0 CSDL and must not be sent")
		}
	}
	if !found {
		t.Fatalf("no Global Administrator with id %s in %s", RoleGlobalAdministrator, body)
	}
}

func TestRoleAssignmentListsExpandPrincipals(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	filter := "$filter=" + url.QueryEscape("roleDefinitionId eq '"+RoleGlobalAdministrator+"'") + "&$expand=principal"
	count := func(list string) (direct, group int, types map[string]bool) {
		resp, body := get(t, rolesURL(s, list, filter), tok)
		c := decodeCollection(t, resp, body)
		types = map[string]bool{}
		for _, v := range c.Value {
			var mt string
			_ = json.Unmarshal(v["memberType"], &mt)
			if mt == "Group" {
				group++
			} else {
				direct++
			}
			var p map[string]any
			if err := json.Unmarshal(v["principal"], &p); err != nil || p == nil {
				t.Fatalf("%s: principal not expanded: %s", list, v["principal"])
			}
			odataType, _ := p["@odata.type"].(string)
			types[odataType] = true
		}
		return direct, group, types
	}
	if d, g, types := count("roleAssignments"); d != 7 || g != 0 || !types["#microsoft.graph.group"] {
		t.Errorf("roleAssignments: %d direct, %d via group, types %v; want 7, 0, a group among them", d, g, types)
	}
	if d, g, _ := count("roleAssignmentScheduleInstances"); d != 7 || g != 2 {
		t.Errorf("roleAssignmentScheduleInstances: %d direct, %d via group; want 7 and the group's 2 members", d, g)
	}
	if d, _, _ := count("roleEligibilityScheduleInstances"); d != 1 {
		t.Errorf("roleEligibilityScheduleInstances: %d; want 1", d)
	}
}

func TestRoleInstancesNeedP2AndPermissions(t *testing.T) {
	tenant := DemoTenant()
	tenant.WithoutP2 = true
	s := startTenant(t, tenant)
	tok := demoToken(t, s)
	for _, list := range []string{"roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"} {
		resp, body := get(t, rolesURL(s, list, "$expand=principal"), tok)
		expectGraphError(t, resp, body, http.StatusBadRequest, "AadPremiumLicenseRequired")
	}
	resp, body := get(t, rolesURL(s, "roleAssignments", "$expand=principal"), tok)
	decodeCollection(t, resp, body)

	// Directory.Read.All reads definitions and assignments but not the PIM lists.
	d := startDemo(t)
	other := token(t, d, NoAuditLogClientID, NoAuditLogClientSecret)
	resp, body = get(t, rolesURL(d, "roleAssignments", ""), other)
	decodeCollection(t, resp, body)
	resp, body = get(t, rolesURL(d, "roleEligibilityScheduleInstances", ""), other)
	expectGraphError(t, resp, body, http.StatusForbidden, "Authorization_RequestDenied")
}

func TestRoleInstancesRefuseNestedSelect(t *testing.T) {
	s := startDemo(t)
	tok := demoToken(t, s)
	resp, body := get(t, rolesURL(s, "roleAssignmentScheduleInstances", "$expand="+url.QueryEscape("principal($select=displayName)")), tok)
	expectGraphError(t, resp, body, http.StatusBadRequest, "InvalidFilter")
	// roleAssignments ignores it and sends every property.
	resp, body = get(t, rolesURL(s, "roleAssignments", "$expand="+url.QueryEscape("principal($select=displayName)")), tok)
	c := decodeCollection(t, resp, body)
	if len(c.Value) == 0 || !strings.Contains(string(body), "userPrincipalName") {
		t.Fatalf("roleAssignments with a nested $select: %s", body)
	}
}

func TestRoleAssignmentsDeletedPrincipalIsNull(t *testing.T) {
	s := startDemo(t)
	resp, body := get(t, rolesURL(s, "roleAssignments", "$filter="+url.QueryEscape("roleDefinitionId in ('"+RoleExchangeAdministrator+"')")+"&$expand=principal"), demoToken(t, s))
	c := decodeCollection(t, resp, body)
	if len(c.Value) != 1 || string(c.Value[0]["principal"]) != "null" {
		t.Fatalf("deleted principal: %s", body)
	}
}
