package inventory

import "testing"

// The domain filters and the email_domain function both go through
// EmailDomain; these are the forms Graph hands them.
func TestEmailDomain(t *testing.T) {
	for _, tc := range []struct{ address, want string }{
		{"Ann@Contoso.COM", "contoso.com"},
		{"ann@münchen.de", "xn--mnchen-3ya.de"},
		{"ann@MÜNCHEN.de", "xn--mnchen-3ya.de"},
		{"ann@xn--mnchen-3ya.de", "xn--mnchen-3ya.de"},
		// A guest's UPN carries the invited address before #EXT#; the
		// filters see the tenant's domain after the last "@".
		{"ann_partner.example#EXT#@Contoso.onmicrosoft.com", "contoso.onmicrosoft.com"},
		{`"a@b"@example.org`, "example.org"},
		{"ann@ example.org ", "example.org"},
		{"no-at-sign", ""},
		{"trailing@", ""},
		{"", ""},
	} {
		if got := EmailDomain(tc.address); got != tc.want {
			t.Errorf("EmailDomain(%q) = %q, want %q", tc.address, got, tc.want)
		}
	}
	// The filter keeps a user exactly when EmailDomain names a listed domain.
	set := newDomainSet([]string{"MÜNCHEN.de"})
	upn := "x@münchen.DE"
	if !set.matches(&upn) {
		t.Errorf("domain set of MÜNCHEN.de does not match %q", upn)
	}
}
