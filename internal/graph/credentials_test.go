package graph

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/testcert"
)

func TestLoadCertificate(t *testing.T) {
	now := time.Now()
	good := testcert.Valid(t, "azuresaas-test")
	other := testcert.Valid(t, "other")
	expired := testcert.New(t, "expired", now.AddDate(-2, 0, 0), now.AddDate(-1, 0, 0))
	future := testcert.New(t, "future", now.Add(24*time.Hour), now.AddDate(1, 0, 0))
	const password = "pfx-Password-9"
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER})

	tests := []struct {
		name     string
		data     []byte
		password string
		want     error  // nil: loads
		wantText string // in the error
	}{
		{"PEM key then certificate", good.PEM(t), "", nil, ""},
		{"PEM certificate then key", append(good.CertPEM(), good.KeyPEM(t)...), "", nil, ""},
		{"PEM with a chain certificate first", append(append(other.CertPEM(), good.CertPEM()...), good.KeyPEM(t)...), "", nil, ""},
		{"PFX with its password", good.PFX(t, password), password, nil, ""},
		{"PFX without a password", good.PFX(t, ""), "", nil, ""},
		{"PFX with a wrong password", good.PFX(t, password), "wrong", ErrCertificatePassword, "password does not open"},
		{"protected PFX without a password", good.PFX(t, password), "", ErrCertificatePassword, "no password is set"},
		{"PFX without a private key", good.PFXWithoutKey(t, password), password, ErrCertificateNoKey, "no private key"},
		{"PEM certificate only", good.CertPEM(), "", ErrCertificateNoKey, "no private key"},
		{"PEM key of another certificate", append(other.KeyPEM(t), good.CertPEM()...), "", ErrCertificateKeyNoCert, "matches the private key"},
		{"expired", expired.PEM(t), "", ErrCertificateExpired, "valid until"},
		{"not yet valid", future.PEM(t), "", ErrCertificateNotYet, "valid from"},
		{"EC key", append(ecPEM, good.CertPEM()...), "", ErrCertificateKeyType, "RSA"},
		{"encrypted PKCS#8 PEM", []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"), "", ErrCertificateFormat, "client_certificate_password"},
		{"neither PEM nor PKCS#12", []byte("hello, I am not a certificate"), "", ErrCertificateFormat, "PKCS#12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cert, err := LoadCertificate(tt.data, tt.password, now)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !cert.Leaf.Equal(good.Cert) || !cert.key.PublicKey.Equal(&good.Key.PublicKey) {
					t.Error("loaded the wrong certificate or key")
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("err = %v, want %v containing %q", err, tt.want, tt.wantText)
			}
			if tt.password != "" && strings.Contains(err.Error(), tt.password) {
				t.Errorf("the error repeats the password: %v", err)
			}
		})
	}
}

func TestCertificateThumbprint(t *testing.T) {
	c := testcert.Valid(t, "thumb")
	cert, err := LoadCertificate(c.PEM(t), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if tp := cert.Thumbprint(); len(tp) != 40 || strings.ToUpper(tp) != tp {
		t.Errorf("thumbprint %q, want 40 upper-case hex digits", tp)
	}
}
