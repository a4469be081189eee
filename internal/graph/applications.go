package graph

import (
	"context"
	"crypto/sha1" //nolint:gosec // a certificate thumbprint is SHA-1 by definition; it identifies, it does not protect.
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Application is an app registration's identity and credentials, as
// GET /v1.0/applications(appId='…') returns them (graph-reference-2 §6).
type Application struct {
	ID          string
	AppID       string
	DisplayName *string
	Credentials []AppCredential
}

// AppCredential is one of the application's client secrets or certificates.
// A secret's hint never leaves this package: InUse says what it is for.
type AppCredential struct {
	Type          string // "secret" or "certificate"
	KeyID         string
	DisplayName   *string
	StartDateTime *time.Time
	EndDateTime   *time.Time
	// InUse is true when this is the credential the client authenticates
	// with: a secret whose hint is the configured secret's first three
	// characters, or the certificate with the configured thumbprint.
	InUse bool
}

const permissionApplicationRead = "Application.Read.All"

var applicationFields = []string{"id", "appId", "displayName", "passwordCredentials", "keyCredentials"}

// GetApplicationByAppID reads the app registration with application
// (client) ID appID through the alternate-key form. An unknown appID is an
// *Error with StatusCode 404 (see IsNotFound). Selecting keyCredentials
// returns each certificate's bytes, from which the thumbprint is computed.
func (c *Client) GetApplicationByAppID(ctx context.Context, appID string) (Application, error) {
	if !isGUID(appID) {
		return Application{}, fmt.Errorf("graph: application ID %q is not a GUID", appID)
	}
	ctx = withLogging(ctx)
	w, err := getObject[applicationWire](ctx, c, "/v1.0/applications(appId='"+strings.ToLower(appID)+"')",
		selectQuery(applicationFields, 0), permissionApplicationRead)
	if err != nil {
		return Application{}, err
	}
	app := Application{ID: w.ID, AppID: w.AppID, DisplayName: w.DisplayName}
	app.Credentials = c.appCredentials(w.PasswordCredentials, len(w.KeyCredentials), func(i int) (keyCredentialMeta, string) {
		return w.KeyCredentials[i].keyCredentialMeta, w.KeyCredentials[i].thumbprint()
	})
	return app, nil
}

type applicationWire struct {
	ID                  string           `json:"id"`
	AppID               string           `json:"appId"`
	DisplayName         *string          `json:"displayName"`
	PasswordCredentials []passwordWire   `json:"passwordCredentials"`
	KeyCredentials      []keyCredentials `json:"keyCredentials"`
}

type passwordWire struct {
	KeyID         string     `json:"keyId"`
	DisplayName   *string    `json:"displayName"`
	StartDateTime *graphTime `json:"startDateTime"`
	EndDateTime   *graphTime `json:"endDateTime"`
	Hint          *string    `json:"hint"`
}

// keyCredentialMeta is a keyCredential without the certificate: what a
// list decodes (a list never needs the bytes, graph-reference-3 §2.2).
type keyCredentialMeta struct {
	KeyID               string     `json:"keyId"`
	DisplayName         *string    `json:"displayName"`
	Type                string     `json:"type"`
	Usage               string     `json:"usage"`
	StartDateTime       *graphTime `json:"startDateTime"`
	EndDateTime         *graphTime `json:"endDateTime"`
	CustomKeyIdentifier *string    `json:"customKeyIdentifier"` // base64 of Binary
}

type keyCredentials struct {
	keyCredentialMeta
	Key []byte `json:"key"` // the certificate (DER), when selected
}

// appCredentials is an application's secrets and client certificates, in
// Graph's order (secrets first). key(i) is keyCredential i and its
// thumbprint ("" when unknown).
func (c *Client) appCredentials(passwords []passwordWire, keys int, key func(int) (keyCredentialMeta, string)) []AppCredential {
	var out []AppCredential
	for _, p := range passwords {
		out = append(out, AppCredential{
			Type: "secret", KeyID: p.KeyID, DisplayName: p.DisplayName,
			StartDateTime: p.StartDateTime.time(), EndDateTime: p.EndDateTime.time(),
			InUse: p.Hint != nil && c.usesSecretWithHint(*p.Hint),
		})
	}
	for i := range keys {
		k, thumbprint := key(i)
		// A signing certificate's private half (usage Sign) is not a
		// client credential; the public half (Verify) is.
		if !strings.EqualFold(k.Usage, "Verify") {
			continue
		}
		out = append(out, AppCredential{
			Type: "certificate", KeyID: k.KeyID, DisplayName: k.DisplayName,
			StartDateTime: k.StartDateTime.time(), EndDateTime: k.EndDateTime.time(),
			InUse: thumbprint != "" && c.usesCertificate(thumbprint),
		})
	}
	return out
}

// thumbprint is the certificate's thumbprint from customKeyIdentifier,
// which defaults to the thumbprint's bytes; "" when it is not that.
func (k keyCredentialMeta) thumbprint() string {
	if k.CustomKeyIdentifier == nil {
		return ""
	}
	b, err := base64.StdEncoding.DecodeString(*k.CustomKeyIdentifier)
	if err != nil || len(b) != sha1.Size {
		return ""
	}
	return strings.ToUpper(hex.EncodeToString(b))
}

// thumbprint is the SHA-1 of the certificate when Graph sent its bytes,
// else customKeyIdentifier, which defaults to the thumbprint's bytes
// (graph-reference-2 §6.3).
func (k keyCredentials) thumbprint() string {
	if len(k.Key) > 0 {
		sum := sha1.Sum(k.Key) //nolint:gosec // see the import
		return strings.ToUpper(hex.EncodeToString(sum[:]))
	}
	return k.keyCredentialMeta.thumbprint()
}
