package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
)

// TokenClaims is what the client's current access token says about the
// caller (graph-reference-2 §7). The token is for Graph, not for us: its
// payload is read without checking the signature, and only to describe the
// setup, never to decide what to send.
type TokenClaims struct {
	// Readable is false when the token is not a JWT whose payload decodes
	// (Microsoft may make tokens opaque); the other fields are empty then.
	Readable bool
	TenantID string // tid
	// Roles are the application permissions granted to the app, sorted and
	// without duplicates. Entra leaves the claim out when there are none, so
	// an absent claim is an empty list, not an unknown one.
	Roles []string
}

// CurrentTokenClaims returns the claims of the token the client sends,
// fetching one if it has none. It fails only when no token can be had; that
// error explains the AADSTS code as every other request's would.
func (c *Client) CurrentTokenClaims(ctx context.Context) (TokenClaims, error) {
	tok, err := c.tokens.get(withLogging(ctx))
	if err != nil {
		return TokenClaims{}, err
	}
	return decodeTokenClaims(tok.value), nil
}

// decodeTokenClaims reads the payload of a JWT (header.payload.signature,
// base64url without padding). Anything else gives Readable false.
func decodeTokenClaims(token string) TokenClaims {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return TokenClaims{}
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return TokenClaims{}
	}
	var claims struct {
		Tid   string   `json:"tid"`
		Roles []string `json:"roles"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return TokenClaims{}
	}
	roles := make([]string, 0, len(claims.Roles))
	for _, r := range claims.Roles {
		if r = strings.TrimSpace(r); r != "" {
			roles = append(roles, r)
		}
	}
	slices.Sort(roles)
	return TokenClaims{Readable: true, TenantID: claims.Tid, Roles: slices.Compact(roles)}
}
