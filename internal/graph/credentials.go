package graph

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t is defined as the SHA-1 thumbprint; it identifies, it does not protect.
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// Reasons a client certificate cannot be used. LoadCertificate wraps one of
// them, so that callers can say which without parsing text.
var (
	ErrCertificateFormat    = errors.New("not a PEM file or a PKCS#12 (PFX) bundle")
	ErrCertificatePassword  = errors.New("the password does not open the PKCS#12 (PFX) bundle")
	ErrCertificateNoKey     = errors.New("holds no private key")
	ErrCertificateKeyType   = errors.New("the key is not an RSA key")
	ErrCertificateExpired   = errors.New("the certificate has expired")
	ErrCertificateNotYet    = errors.New("the certificate is not valid yet")
	ErrCertificateKeyNoCert = errors.New("no certificate in the file matches the private key")
)

// Certificate is a client certificate with its private key, ready to sign
// client assertions.
type Certificate struct {
	Leaf *x509.Certificate
	key  *rsa.PrivateKey
}

// Thumbprint is the certificate's SHA-1 thumbprint in upper-case hex, as the
// Entra admin center lists it under Certificates & secrets.
func (c *Certificate) Thumbprint() string {
	sum := sha1.Sum(c.Leaf.Raw) //nolint:gosec // see the import
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func (c *Certificate) x5t() []byte {
	sum := sha1.Sum(c.Leaf.Raw) //nolint:gosec // see the import
	return sum[:]
}

// LoadCertificate reads a client certificate: PEM (a CERTIFICATE block and
// an unencrypted PRIVATE KEY, RSA PRIVATE KEY block, in any order) or a
// PKCS#12/PFX bundle opened with password. It checks that the key is RSA,
// belongs to the certificate, and that the certificate is valid at now. Its
// errors never contain the key or the password.
func LoadCertificate(data []byte, password string, now time.Time) (*Certificate, error) {
	var certs []*x509.Certificate
	var key any
	var err error
	if bytes.Contains(data, []byte("-----BEGIN")) {
		certs, key, err = parsePEM(data)
	} else {
		certs, key, err = parsePKCS12(data, password)
	}
	if err != nil {
		return nil, err
	}
	if key == nil {
		return nil, ErrCertificateNoKey
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w (Microsoft Entra ID signs client assertions with RS256, so it needs an RSA certificate; found %T)", ErrCertificateKeyType, key)
	}
	var leaf *x509.Certificate
	for _, c := range certs {
		if pub, ok := c.PublicKey.(*rsa.PublicKey); ok && pub.Equal(&rsaKey.PublicKey) {
			leaf = c
			break
		}
	}
	if leaf == nil {
		if len(certs) == 0 {
			return nil, fmt.Errorf("%w: the file holds a private key but no CERTIFICATE", ErrCertificateFormat)
		}
		return nil, ErrCertificateKeyNoCert
	}
	cert := &Certificate{Leaf: leaf, key: rsaKey}
	switch {
	case now.After(leaf.NotAfter):
		return nil, fmt.Errorf("%w: thumbprint %s was valid until %s; create a new certificate and upload it to the app registration",
			ErrCertificateExpired, cert.Thumbprint(), leaf.NotAfter.UTC().Format(time.RFC3339))
	case now.Before(leaf.NotBefore):
		return nil, fmt.Errorf("%w: thumbprint %s is valid from %s", ErrCertificateNotYet, cert.Thumbprint(), leaf.NotBefore.UTC().Format(time.RFC3339))
	}
	return cert, nil
}

func parsePEM(data []byte) ([]*x509.Certificate, any, error) {
	var certs []*x509.Certificate
	var key any
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch block.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, nil, fmt.Errorf("%w: a CERTIFICATE block does not parse: %v", ErrCertificateFormat, err)
			}
			certs = append(certs, c)
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if key != nil {
				return nil, nil, fmt.Errorf("%w: the PEM file holds more than one private key", ErrCertificateFormat)
			}
			if _, encrypted := block.Headers["Proc-Type"]; encrypted {
				return nil, nil, fmt.Errorf("%w: the PEM private key is encrypted; use a PKCS#12 (PFX) bundle with client_certificate_password instead", ErrCertificateFormat)
			}
			k, err := parsePrivateKey(block)
			if err != nil {
				// The parser's error does not quote the key.
				return nil, nil, fmt.Errorf("%w: the %s block does not parse: %v", ErrCertificateFormat, block.Type, err)
			}
			key = k
		case "ENCRYPTED PRIVATE KEY":
			return nil, nil, fmt.Errorf("%w: the PEM private key is encrypted (PKCS#8); use a PKCS#12 (PFX) bundle with client_certificate_password instead", ErrCertificateFormat)
		}
	}
	if len(certs) == 0 && key == nil {
		return nil, nil, fmt.Errorf("%w: no CERTIFICATE or PRIVATE KEY block found", ErrCertificateFormat)
	}
	return certs, key, nil
}

func parsePrivateKey(block *pem.Block) (any, error) {
	switch block.Type {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(block.Bytes)
	}
	return x509.ParsePKCS8PrivateKey(block.Bytes)
}

func parsePKCS12(data []byte, password string) ([]*x509.Certificate, any, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	switch {
	case err == nil:
		return append([]*x509.Certificate{leaf}, chain...), key, nil
	case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
		if password == "" {
			return nil, nil, fmt.Errorf("%w: the bundle is protected and no password is set", ErrCertificatePassword)
		}
		return nil, nil, ErrCertificatePassword
	case strings.Contains(err.Error(), "private key missing"):
		// go-pkcs12 has no sentinel for this; TestLoadCertificate pins the text.
		return nil, nil, fmt.Errorf("%w: the PKCS#12 (PFX) bundle has a certificate but no private key (export it with the private key)", ErrCertificateNoKey)
	}
	return nil, nil, fmt.Errorf("%w: %v", ErrCertificateFormat, err)
}
