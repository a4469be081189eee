package inventory

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// UserFilter selects the users of an HR Roster.
type UserFilter struct {
	// DomainNames keeps the users whose userPrincipalName or mail domain is
	// one of these names, compared case-insensitively. Empty keeps every
	// domain.
	DomainNames []string
	// IncludeGuests also keeps users whose userType is Guest; members and
	// users with a null userType are always kept.
	IncludeGuests bool
	// GuestsOnly keeps only guests (and implies IncludeGuests); Graph is
	// asked for guests only.
	GuestsOnly bool
	// AccountEnabled, when set, keeps only the users whose accountEnabled
	// equals it; Graph is asked for those only.
	AccountEnabled *bool
	// SignInActivity is not a filter: it also reads each user's last
	// sign-ins (signInActivity), which needs AuditLog.Read.All and P1/P2.
	SignInActivity bool
	// InactiveBefore, when not zero, keeps only the users with no
	// successful sign-in at or after it (never included). Graph cannot say
	// "null or earlier than" beside the other filters, so the reads apply it
	// after the listing; it reads sign-in activity whatever SignInActivity
	// says.
	InactiveBefore time.Time
}

// graphQuery is the part of the filter Graph can apply itself.
func (f UserFilter) graphQuery() graph.UserQuery {
	return graph.UserQuery{GuestsOnly: f.GuestsOnly, AccountEnabled: f.AccountEnabled}
}

// narrows reports whether Graph can narrow the listing for this filter.
func (f UserFilter) narrows() bool { return f.GuestsOnly || f.AccountEnabled != nil }

// domainSet is a UserFilter's domains in the one form they are compared in.
type domainSet map[string]struct{}

func newDomainSet(names []string) domainSet {
	if len(names) == 0 {
		return nil
	}
	set := make(domainSet, len(names))
	for _, name := range names {
		set[NormalizeDomain(name)] = struct{}{}
	}
	return set
}

// NormalizeDomain returns the form in which domain names are compared:
// trimmed, lower-cased and, when it has non-ASCII letters, converted to its
// IDNA ASCII form (xn--...), so that "münchen.de", "MÜNCHEN.de" and
// "xn--mnchen-3ya.de" are one domain. A name IDNA refuses is compared
// lower-cased as written.
func NormalizeDomain(name string) string {
	name = strings.TrimSpace(name)
	if isASCII(name) {
		return strings.ToLower(name)
	}
	if ascii, err := idna.Lookup.ToASCII(name); err == nil {
		return strings.ToLower(ascii)
	}
	return strings.ToLower(name)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matches reports whether the domain part of one of the addresses is in the
// set. An empty set matches everything.
func (s domainSet) matches(addresses ...*string) bool {
	if s == nil {
		return true
	}
	for _, address := range addresses {
		if address == nil {
			continue
		}
		if _, ok := s[EmailDomain(*address)]; ok {
			return true
		}
	}
	return false
}

// EmailDomain returns the domain of an address or user principal name in
// the form the domain filters compare it: what follows the last "@",
// normalized by NormalizeDomain; "" when there is no "@". A guest's #EXT#
// UPN therefore gives the tenant's domain, not the invited address's. The
// provider function email_domain calls it, so policies see what filters see.
func EmailDomain(address string) string {
	at := strings.LastIndexByte(address, '@')
	if at < 0 {
		return ""
	}
	return NormalizeDomain(address[at+1:])
}

// isGuest reports whether a userType names a guest. Graph sends "Member",
// "Guest" or null; null counts as a member, as the seed integration does.
func isGuest(userType *string) bool {
	return userType != nil && strings.EqualFold(*userType, "Guest")
}

// keeper returns the guest and domain rules of the filter as one test.
func (f UserFilter) keeper() func(userType, upn, mail *string) bool {
	domains := newDomainSet(f.DomainNames)
	return func(userType, upn, mail *string) bool {
		if isGuest(userType) && !f.IncludeGuests && !f.GuestsOnly {
			return false
		}
		if f.GuestsOnly && !isGuest(userType) {
			return false
		}
		return domains.matches(upn, mail)
	}
}
