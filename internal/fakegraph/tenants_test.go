package fakegraph

import (
	"reflect"
	"strings"
	"testing"
)

// checkTenantInvariants checks what every tenant must satisfy: GUID ids,
// ids and UPNs unique (UPNs without case), one default and one initial
// domain, every UPN in a verified domain, every user's accountEnabled set.
func checkTenantInvariants(t *testing.T, tenant *Tenant) {
	t.Helper()
	if !isGUID(tenant.ID) {
		t.Errorf("tenant id %q is not a GUID", tenant.ID)
	}
	verified := map[string]bool{}
	defaults, initials := 0, 0
	for _, d := range tenant.Domains {
		verified[strings.ToLower(d.Name)] = true
		if d.IsDefault {
			defaults++
		}
		if d.IsInitial {
			initials++
			if !strings.HasSuffix(d.Name, ".onmicrosoft.com") {
				t.Errorf("initial domain %q is not *.onmicrosoft.com", d.Name)
			}
		}
		if d.Type != "Managed" && d.Type != "Federated" {
			t.Errorf("domain %q type %q", d.Name, d.Type)
		}
	}
	if defaults != 1 || initials != 1 {
		t.Errorf("%d default and %d initial domains, want 1 and 1", defaults, initials)
	}
	ids, upns := map[string]bool{}, map[string]bool{}
	for _, u := range tenant.Users {
		if !isGUID(u.ID) || ids[u.ID] {
			t.Errorf("user id %q not a GUID or repeated", u.ID)
		}
		ids[u.ID] = true
		key := strings.ToLower(u.UserPrincipalName)
		if upns[key] {
			t.Errorf("UPN %q repeated", u.UserPrincipalName)
		}
		upns[key] = true
		_, domain, ok := strings.Cut(u.UserPrincipalName, "@")
		if !ok || !verified[strings.ToLower(domain)] {
			t.Errorf("UPN %q is not in a verified domain", u.UserPrincipalName)
		}
		if strings.Contains(u.UserPrincipalName, "#EXT#") && !strings.HasSuffix(key, ".onmicrosoft.com") {
			t.Errorf("#EXT# UPN %q not in the initial domain", u.UserPrincipalName)
		}
		if u.AccountEnabled == nil {
			t.Errorf("%s: accountEnabled nil", u.UserPrincipalName)
		}
		if u.UserType != nil && *u.UserType != "Member" && *u.UserType != "Guest" {
			t.Errorf("%s: userType %q", u.UserPrincipalName, *u.UserType)
		}
	}
}

func TestDemoTenantInvariants(t *testing.T) {
	tenant := DemoTenant()
	checkTenantInvariants(t, tenant)
	if tenant.ID != DemoTenantID || tenant.DisplayName != "Northwind Traders" {
		t.Errorf("tenant %s %q", tenant.ID, tenant.DisplayName)
	}
	if n := len(tenant.Users); n < 30 || n > 40 {
		t.Errorf("%d users, want 30-40", n)
	}

	// Each shape the users data source has rules for is present.
	has := func(s *string, v string) bool { return s != nil && *s == v }
	shapes := map[string]func(User) bool{
		"mixed-case domain in UPN": func(u User) bool {
			_, d, _ := strings.Cut(u.UserPrincipalName, "@")
			return d != strings.ToLower(d)
		},
		"mixed-case domain in mail": func(u User) bool {
			if u.Mail == nil {
				return false
			}
			_, d, _ := strings.Cut(*u.Mail, "@")
			return d != strings.ToLower(d)
		},
		"UPN and mail in different domains": func(u User) bool {
			if u.Mail == nil {
				return false
			}
			_, a, _ := strings.Cut(u.UserPrincipalName, "@")
			_, b, _ := strings.Cut(*u.Mail, "@")
			return !strings.EqualFold(a, b)
		},
		"#EXT# guest": func(u User) bool {
			return strings.Contains(u.UserPrincipalName, "#EXT#") && has(u.UserType, "Guest")
		},
		"#EXT# member": func(u User) bool {
			return strings.Contains(u.UserPrincipalName, "#EXT#") && has(u.UserType, "Member")
		},
		"guest without #EXT#": func(u User) bool {
			return !strings.Contains(u.UserPrincipalName, "#EXT#") && has(u.UserType, "Guest")
		},
		"null userType":        func(u User) bool { return u.UserType == nil },
		"no mail":              func(u User) bool { return u.Mail == nil },
		"disabled":             func(u User) bool { return !*u.AccountEnabled },
		"empty givenName":      func(u User) bool { return has(u.GivenName, "") },
		"null givenName":       func(u User) bool { return u.GivenName == nil },
		"hire date":            func(u User) bool { return u.EmployeeHireDate != nil },
		"empty officeLocation": func(u User) bool { return has(u.OfficeLocation, "") },
		"city/state/country only": func(u User) bool {
			return u.OfficeLocation == nil && u.City != nil && u.State != nil && u.Country != nil
		},
		"country only": func(u User) bool { return u.OfficeLocation == nil && u.City == nil && u.Country != nil },
		"no location": func(u User) bool {
			return u.OfficeLocation == nil && u.City == nil && u.State == nil && u.Country == nil
		},
		"no department":            func(u User) bool { return u.Department == nil },
		"no proxyAddresses":        func(u User) bool { return len(u.ProxyAddresses) == 0 },
		"otherMails only aliases":  func(u User) bool { return len(u.ProxyAddresses) == 0 && len(u.OtherMails) > 0 },
		"otherMails overlap proxy": func(u User) bool { return overlapFold(proxySMTP(u.ProxyAddresses), u.OtherMails) },
		"x500 and sip entries": func(u User) bool {
			return hasPrefixFold(u.ProxyAddresses, "x500:") && hasPrefixFold(u.ProxyAddresses, "sip:")
		},
		"mail again in proxyAddresses in other case": func(u User) bool {
			if u.Mail == nil {
				return false
			}
			for _, p := range proxySMTP(u.ProxyAddresses) {
				if p != *u.Mail && strings.EqualFold(p, *u.Mail) {
					return true
				}
			}
			return false
		},
	}
	for name, shape := range shapes {
		found := false
		for _, u := range tenant.Users {
			found = found || shape(u)
		}
		if !found {
			t.Errorf("no demo user shows %q", name)
		}
	}

	nullCreated := 0
	for _, u := range tenant.Users {
		if u.CreatedDateTime == nil {
			nullCreated++
			if u.UserPrincipalName != "johanna.lorenz@northwind.example" {
				t.Errorf("unexpected null createdDateTime: %s", u.UserPrincipalName)
			}
		}
	}
	if nullCreated != 1 {
		t.Errorf("%d users without createdDateTime, want exactly 1", nullCreated)
	}

	// Fresh copies: changing one does not change the next.
	tenant.Users[0].UserPrincipalName = "changed@northwind.example"
	if DemoTenant().Users[0].UserPrincipalName == "changed@northwind.example" {
		t.Error("DemoTenant shares state between calls")
	}
}

func proxySMTP(proxy []string) []string {
	var out []string
	for _, p := range proxy {
		if len(p) > 5 && strings.EqualFold(p[:5], "smtp:") {
			out = append(out, p[5:])
		}
	}
	return out
}

func overlapFold(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}

func hasPrefixFold(list []string, prefix string) bool {
	for _, s := range list {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			return true
		}
	}
	return false
}

func TestDemoApps(t *testing.T) {
	apps := map[string]App{}
	for _, a := range DemoTenant().Apps {
		apps[a.ClientID] = a
	}
	if got := apps[DemoClientID].Permissions; len(got) != 10 { // the seed's six, ReportSettings.Read.All, Policy.Read.All, Reports.Read.All and RoleManagement.Read.Directory
		t.Errorf("demo app permissions %v", got)
	}
	if got := apps[NoUsersClientID].Permissions; !reflect.DeepEqual(got, []string{"Organization.Read.All"}) {
		t.Errorf("no-users app permissions %v", got)
	}
	if s := apps[ExpiredClientID].Secrets; len(s) != 1 || !s[0].Expired {
		t.Errorf("expired app secrets %+v", s)
	}
	if p := apps[NoRolesClientID].Permissions; len(p) != 0 {
		t.Errorf("no-roles app permissions %v", p)
	}
	for _, id := range []string{DemoClientID, NoUsersClientID, ExpiredClientID, NoRolesClientID} {
		if !isGUID(id) {
			t.Errorf("client id %q is not a GUID", id)
		}
	}
}

func TestGenerateTenantIsDeterministic(t *testing.T) {
	a, b := GenerateTenant(42, 400), GenerateTenant(42, 400)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and size gave different tenants")
	}
	small := GenerateTenant(42, 100)
	if small.ID != a.ID || !reflect.DeepEqual(small.Users, a.Users[:100]) {
		t.Error("user i depends on the tenant size")
	}
	if c := GenerateTenant(43, 400); reflect.DeepEqual(c.Users, a.Users) || c.ID == a.ID {
		t.Error("different seeds gave the same tenant")
	}
	if n := len(GenerateTenant(1, 0).Users); n != 0 {
		t.Errorf("GenerateTenant(1, 0) has %d users", n)
	}
}

func TestGenerateTenantShape(t *testing.T) {
	const n = 3000
	tenant := GenerateTenant(9, n)
	checkTenantInvariants(t, tenant)
	var guests, nullType, noMail, mixed, disabled int
	for _, u := range tenant.Users {
		switch {
		case u.UserType == nil:
			nullType++
		case *u.UserType == "Guest":
			guests++
		}
		if u.Mail == nil {
			noMail++
		}
		if _, d, _ := strings.Cut(u.UserPrincipalName, "@"); d != strings.ToLower(d) {
			mixed++
		}
		if !*u.AccountEnabled {
			disabled++
		}
	}
	if guests < n*7/100 || guests > n*13/100 {
		t.Errorf("%d guests of %d, want about 10%%", guests, n)
	}
	for name, count := range map[string]int{"null userType": nullType, "no mail": noMail, "mixed-case domain": mixed, "disabled": disabled} {
		if count == 0 {
			t.Errorf("no generated user with %s", name)
		}
	}
	// The demo clients authenticate against a generated tenant too.
	s := startTenant(t, GenerateTenant(9, 10))
	if resp, body := get(t, s.URL()+"/v1.0/users", demoToken(t, s)); resp.StatusCode != 200 {
		t.Errorf("demo client on a generated tenant: %d %s", resp.StatusCode, body)
	}
}
