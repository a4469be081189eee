package inventory

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// SAMLCertificateExpiry is when the SAML signing certificate a service
// principal uses expires: the end of the keyCredentials entry with usage
// Verify whose customKeyIdentifier (base64 of the certificate thumbprint's
// bytes) is, as hex, the preferred thumbprint, compared case-insensitively.
// Nil when the thumbprint is null or blank, or no Verify key matches (the
// beta-only preferredTokenSigningKeyEndDateTime is not read). When two
// Verify keys match (Graph should not send that), the later end wins.
func SAMLCertificateExpiry(keys []graph.KeyCredential, thumbprint *string) *time.Time {
	if thumbprint == nil {
		return nil
	}
	want := strings.TrimSpace(*thumbprint)
	if want == "" {
		return nil
	}
	var found *time.Time
	for _, k := range keys {
		if k.Usage == nil || !strings.EqualFold(strings.TrimSpace(*k.Usage), "Verify") || k.CustomKeyIdentifier == nil {
			continue
		}
		id, ok := decodeBinary(*k.CustomKeyIdentifier)
		if !ok || !strings.EqualFold(hex.EncodeToString(id), want) {
			continue
		}
		if end := k.EndsAt(); end != nil && (found == nil || end.After(*found)) {
			found = end
		}
	}
	return found
}

// decodeBinary decodes an Edm.Binary value. Graph sends standard base64
// with padding; the unpadded and URL-safe forms are accepted too, since
// OData allows base64url.
func decodeBinary(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}
