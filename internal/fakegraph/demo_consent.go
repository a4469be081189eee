package fakegraph

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"time"
)

// The demo tenant's consent data: apps people connected on their own, an
// admin-consented line-of-business app, Microsoft's own grants, and SAML
// signing certificates at every stage of their life.
const (
	// QuickPDF Converter: a verified vendor's app two users consented to
	// with Mail.Read and offline_access.
	DemoQuickPDFID    = "5a0c0000-0000-4000-8000-000000000001"
	DemoQuickPDFAppID = "a10c0000-5f0c-4e8a-9b3d-000000000001"
	// FileSync Free: an app without a verified publisher that one user
	// let read and write all their files (Files.ReadWrite.All).
	DemoFileSyncID    = "5a0c0000-0000-4000-8000-000000000002"
	DemoFileSyncAppID = "a10c0000-5f0c-4e8a-9b3d-000000000002"

	// DemoGraphID is Microsoft Graph's service principal in the demo
	// tenant: the resource of most grants.
	DemoGraphID = "5a0f0000-0000-4000-8000-000000000001"
	// DemoDeletedResourceID is a resource service principal a grant still
	// names but the tenant no longer has: its names stay null.
	DemoDeletedResourceID = "5a0d0000-0000-4000-8000-000000000001"

	demoQuickPDFTenantID = "b0000000-7a3c-4d2e-9f10-000000000005"
	demoFileSyncTenantID = "b0000000-7a3c-4d2e-9f10-000000000006"
)

// Demo users who consented (members of northwind.example).
const (
	demoUserDan    = "6b0e5d2c-7a41-4f3e-9c8d-000000000002"
	demoUserAdele  = "6b0e5d2c-7a41-4f3e-9c8d-000000000003"
	demoUserAlex   = "6b0e5d2c-7a41-4f3e-9c8d-000000000004"
	demoUserMegan  = "6b0e5d2c-7a41-4f3e-9c8d-000000000005"
	demoTeamsID    = "5a0f0000-0000-4000-8000-000000000003"
	demoPortalID   = "5a0f0000-0000-4000-8000-000000000005"
	demoSharePoint = "5a0f0000-0000-4000-8000-000000000004"
)

// addDemoConsent adds the consent apps, the grants and the SAML signing
// certificates to the demo tenant; expiry dates are relative to now, so
// that "expires in 20 days" stays true whenever the demo runs.
func addDemoConsent(t *Tenant, now time.Time) {
	s := Ptr[string]
	t.ServicePrincipals = append(t.ServicePrincipals,
		ServicePrincipal{ID: DemoQuickPDFID, AppID: DemoQuickPDFAppID, DisplayName: s("QuickPDF Converter"),
			AppDisplayName: s("QuickPDF Converter"), AppOwnerOrganizationID: s(demoQuickPDFTenantID),
			AccountEnabled: Ptr(true), ServicePrincipalType: s("Application"), SignInAudience: s("AzureADandPersonalMicrosoftAccount"),
			// Not set up for SSO by anyone here: users signed in and consented.
			PreferredSingleSignOnMode: s("notSupported"),
			Tags:                      []string{tagWindowsAzureApp}, ReplyURLs: []string{"https://app.quickpdf.example/auth/microsoft"},
			VerifiedPublisher: VerifiedPublisher{DisplayName: s("QuickPDF Software Ltd"),
				VerifiedPublisherID: s("8120374"), AddedDateTime: ts("2022-03-14T10:00:00Z")}},
		ServicePrincipal{ID: DemoFileSyncID, AppID: DemoFileSyncAppID, DisplayName: s("FileSync Free"),
			AppDisplayName: s("FileSync Free"), AppOwnerOrganizationID: s(demoFileSyncTenantID),
			AccountEnabled: Ptr(true), ServicePrincipalType: s("Application"), SignInAudience: s("AzureADMultipleOrgs"),
			PreferredSingleSignOnMode: s("notSupported"),
			Tags:                      []string{tagWindowsAzureApp}, ReplyURLs: []string{"https://filesync-free.example/callback"}},
	)

	principal := func(client, resource, user, scope string) OAuth2PermissionGrant {
		return OAuth2PermissionGrant{ClientID: client, ConsentType: "Principal", PrincipalID: Ptr(user), ResourceID: resource, Scope: scope}
	}
	everyone := func(client, resource, scope string) OAuth2PermissionGrant {
		return OAuth2PermissionGrant{ClientID: client, ConsentType: "AllPrincipals", ResourceID: resource, Scope: scope}
	}
	t.OAuth2PermissionGrants = []OAuth2PermissionGrant{
		// An admin consented for everyone to the tenant's own intranet.
		everyone(DemoIntranetID, DemoGraphID, "openid profile User.Read offline_access"),
		// Two users connected QuickPDF to their mailboxes; the second
		// grant's scope has a repeated value in other case and a double
		// space, as hand-edited grants do.
		principal(DemoQuickPDFID, DemoGraphID, demoUserDan, "Mail.Read offline_access openid"),
		principal(DemoQuickPDFID, DemoGraphID, demoUserAdele, "offline_access  Mail.Read mail.read"),
		// One user let an unverified app read and write all their files.
		principal(DemoFileSyncID, DemoGraphID, demoUserAlex, "Files.ReadWrite.All User.Read"),
		// Miro's grant names a resource the tenant has since deleted.
		principal(DemoMiroID, DemoDeletedResourceID, demoUserMegan, "user_impersonation"),
		// Microsoft's own apps: hidden by exclude_first_party (the default).
		everyone(demoPortalID, DemoGraphID, "User.Read Directory.AccessAsUser.All"),
		principal(demoTeamsID, demoSharePoint, demoUserDan, "AllSites.Read"),
	}

	// SAML signing certificates (a Verify and a Sign key share each
	// certificate's thumbprint, as addTokenSigningCertificate makes them).
	day := 24 * time.Hour
	for i := range t.ServicePrincipals {
		sp := &t.ServicePrincipals[i]
		switch sp.ID {
		case DemoSalesforceID: // expires in 20 days
			signingCertificate(sp, "CN=Microsoft Azure Federated SSO Certificate (Salesforce)", now.Add(-345*day), now.Add(20*day), true)
		case DemoSlackID: // expired 5 days ago
			signingCertificate(sp, "CN=Microsoft Azure Federated SSO Certificate (Slack)", now.Add(-3*365*day), now.Add(-5*day), true)
		case DemoServiceNowID: // renewed: the old certificate expired, the new one is in use
			signingCertificate(sp, "CN=Microsoft Azure Federated SSO Certificate (ServiceNow, old)", now.Add(-1100*day), now.Add(-30*day), false)
			signingCertificate(sp, "CN=Microsoft Azure Federated SSO Certificate (ServiceNow)", now.Add(-40*day), now.Add(3*365*day-40*day), true)
		case DemoWorkdayID: // a certificate, but no preferred thumbprint
			signingCertificate(sp, "CN=Microsoft Azure Federated SSO Certificate (Workday)", now.Add(-100*day), now.Add(10*day), false)
		}
	}
}

// signingCertificate adds a SAML signing certificate's Verify and Sign
// keys to sp, and makes it the preferred one when preferred is set. The
// thumbprint is a SHA-1 of the subject, standing in for the certificate's.
func signingCertificate(sp *ServicePrincipal, subject string, start, end time.Time, preferred bool) {
	thumb := sha1.Sum([]byte(subject))
	start, end = start.UTC().Truncate(time.Second), end.UTC().Truncate(time.Second)
	verifyID, signID := nameGUID(subject+"|verify"), nameGUID(subject+"|sign")
	for _, k := range []struct{ id, usage string }{{verifyID, "Verify"}, {signID, "Sign"}} {
		sp.KeyCredentials = append(sp.KeyCredentials, KeyCredential{
			KeyID: k.id, Type: "AsymmetricX509Cert", Usage: k.usage, CustomKeyIdentifier: thumb[:],
			DisplayName: Ptr(subject), StartDateTime: Ptr(start), EndDateTime: Ptr(end),
		})
	}
	if preferred {
		sp.PreferredTokenSigningKeyThumbprint = Ptr(strings.ToUpper(hex.EncodeToString(thumb[:])))
	}
}
