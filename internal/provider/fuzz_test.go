package provider

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// The fuzz targets run their seed corpus (testdata/fuzz/<name>/) in every
// `go test`; `go test -fuzz <name> ./internal/provider` explores further.

// FuzzSignInTimeArgument: since/until either parse to a time in the years
// Graph's filter can say (1 to 9999, UTC) or give a problem that quotes
// nothing but the value; never a panic.
func FuzzSignInTimeArgument(f *testing.F) {
	for _, s := range []string{"168h", "2025-01-31T00:00:00Z", "2025-01-31T00:00:00.123456789+05:30", "-1h", "0s",
		"", " ", "yesterday", "' or 1 eq 1", "9999-12-31T23:59:59Z", "2562047h", "1ns"} {
		f.Add(s)
	}
	now := time.Date(2025, 2, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, problem := parseTimeArgument(s, now)
		if problem != "" {
			if !got.IsZero() {
				t.Fatalf("%q: a problem and a time %s", s, got)
			}
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("%q: %s is not UTC", s, got)
		}
		if y := got.Year(); y < 1 || y > 9999 {
			t.Fatalf("%q parsed to the year %d", s, y)
		}
		if !strings.ContainsAny(s, "T") && got.After(now) {
			t.Fatalf("the duration %q reaches forward to %s", s, got)
		}
	})
}

// FuzzDomainName: a name the validator accepts normalises to a non-empty
// ASCII form that is stable (normalising it again changes nothing) and the
// same whatever the ASCII letter case; the validator never panics and
// explains every refusal.
func FuzzDomainName(f *testing.F) {
	for _, s := range []string{"contoso.com", "Contoso.COM", "münchen.de", "MÜNCHEN.de", "xn--mnchen-3ya.de",
		"@contoso.com", "contoso.com.", " contoso.com", "", "contoso", "a..b", "contoso.com' or 1 eq 1", "%27.com",
		"ab--cd.com", "ß.de", "ｆｕｌｌｗｉｄｔｈ.com", "xn--.com", "\u200d.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		problem := domainNameProblem(s)
		if problem != "" {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("accepted invalid UTF-8 %q", s)
		}
		n := inventory.NormalizeDomain(s)
		if n == "" || !isASCII(n) {
			t.Fatalf("%q normalises to %q, not a non-empty ASCII name", s, n)
		}
		if again := inventory.NormalizeDomain(n); again != n {
			t.Fatalf("%q: normalising %q again gives %q", s, n, again)
		}
		if up := inventory.NormalizeDomain(asciiUpper(s)); up != n {
			t.Fatalf("%q and its upper case normalise to %q and %q", s, n, up)
		}
		if strings.ContainsAny(s, "'\"%@ /\\") {
			t.Fatalf("accepted %q, which holds a character no domain name has", s)
		}
	})
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
