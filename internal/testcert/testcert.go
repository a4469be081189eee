// Package testcert makes throw-away client certificates for tests: an RSA
// key and a self-signed certificate, as PEM and as PKCS#12 (PFX). Nothing
// it makes is committed; every test run has new keys.
package testcert

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// Cert is a generated certificate and its key.
type Cert struct {
	Cert *x509.Certificate
	Key  *rsa.PrivateKey
}

// New makes a self-signed RSA-2048 certificate valid from notBefore to
// notAfter.
func New(t testing.TB, commonName string, notBefore, notAfter time.Time) *Cert {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &Cert{Cert: cert, Key: key}
}

// Valid makes a certificate valid from an hour ago for a year.
func Valid(t testing.TB, commonName string) *Cert {
	now := time.Now()
	return New(t, commonName, now.Add(-time.Hour), now.AddDate(1, 0, 0))
}

// CertPEM is the certificate alone, as PEM.
func (c *Cert) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Cert.Raw})
}

// KeyPEM is the private key as an unencrypted PKCS#8 PEM block.
func (c *Cert) KeyPEM(t testing.TB) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(c.Key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// PEM is the key and the certificate in one file, as openssl writes them.
func (c *Cert) PEM(t testing.TB) []byte {
	return append(c.KeyPEM(t), c.CertPEM()...)
}

// PFX is a PKCS#12 bundle of the key and the certificate, encrypted with
// password (go-pkcs12's Modern encoder: AES-256 and PBKDF2).
func (c *Cert) PFX(t testing.TB, password string) []byte {
	t.Helper()
	pfx, err := pkcs12.Modern.Encode(c.Key, c.Cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	return pfx
}

// PFXWithoutKey is a PKCS#12 bundle holding only the certificate.
func (c *Cert) PFXWithoutKey(t testing.TB, password string) []byte {
	t.Helper()
	pfx, err := pkcs12.Modern.EncodeTrustStore([]*x509.Certificate{c.Cert}, password)
	if err != nil {
		t.Fatal(err)
	}
	return pfx
}

// PFXBase64 is PFX in standard base64, as client_certificate takes it.
func (c *Cert) PFXBase64(t testing.TB, password string) string {
	return base64.StdEncoding.EncodeToString(c.PFX(t, password))
}

// WriteFile writes data to name in a fresh temporary directory of t and
// returns the path.
func WriteFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
