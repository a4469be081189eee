package graph

import (
	"crypto/subtle"
	"strings"
)

// CredentialKind is how the client authenticates.
type CredentialKind string

// The three credential kinds.
const (
	CredentialSecret      CredentialKind = "secret"
	CredentialCertificate CredentialKind = "certificate"
	CredentialFederated   CredentialKind = "federated" // an OIDC token: no key of the app registration is used
)

// configuredCredential is what the client keeps to tell which of the app
// registration's credentials it uses: the first three characters of the
// secret (what Graph shows as a password credential's hint, never more), or
// the certificate's thumbprint.
type configuredCredential struct {
	kind       CredentialKind
	secretHint string
	thumbprint string // upper-case hex SHA-1
}

func newConfiguredCredential(cfg Config) configuredCredential {
	switch {
	case cfg.ClientSecret != "":
		return configuredCredential{kind: CredentialSecret, secretHint: secretHint(cfg.ClientSecret)}
	case cfg.ClientCertificateThumbprint != "":
		return configuredCredential{kind: CredentialCertificate, thumbprint: strings.ToUpper(cfg.ClientCertificateThumbprint)}
	}
	return configuredCredential{kind: CredentialFederated}
}

// secretHint is what Entra stores as a secret's hint: its first three
// characters.
func secretHint(secret string) string {
	r := []rune(secret)
	return string(r[:min(3, len(r))])
}

// CredentialKind is the kind of credential the client authenticates with.
func (c *Client) CredentialKind() CredentialKind { return c.credential.kind }

// usesSecretWithHint reports whether hint is the configured secret's. Hints
// are not unique (two secrets may share three characters); the caller says
// so when more than one matches.
func (c *Client) usesSecretWithHint(hint string) bool {
	want := c.credential.secretHint
	return c.credential.kind == CredentialSecret && want != "" &&
		subtle.ConstantTimeCompare([]byte(want), []byte(hint)) == 1
}

// usesCertificate reports whether thumbprint (hex, any case) is the
// configured certificate's.
func (c *Client) usesCertificate(thumbprint string) bool {
	return c.credential.kind == CredentialCertificate && thumbprint != "" &&
		strings.EqualFold(c.credential.thumbprint, thumbprint)
}
