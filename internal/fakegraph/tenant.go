package fakegraph

import (
	"crypto/x509"
	"time"
)

// Tenant is the directory a Server serves. A Server reads it but never
// changes it; callers must not change it after passing it to New.
type Tenant struct {
	ID          string // GUID
	DisplayName string
	Domains     []Domain // the organization's verifiedDomains
	Users       []User
	Apps        []App // client applications that may request tokens

	// Applications are the tenant's app registrations (GET /applications).
	// Each App is listed too, as the registration behind the client,
	// unless Applications has one with its appId (app_registrations.go).
	Applications []Application

	// OIDCIssuers are the external identity providers whose signing keys
	// the token endpoint can fetch, for federated credentials.
	OIDCIssuers []*OIDCIssuer

	// ServicePrincipals are the tenant's enterprise applications and other
	// service principals (Microsoft first-party apps, managed identities...).
	ServicePrincipals []ServicePrincipal

	// Groups, Devices and Contacts are the other objects a group may have
	// as members; AppRoleAssignments grant service principals' app roles to
	// users, groups and service principals (see groups.go).
	Groups             []Group
	Devices            []Device
	Contacts           []OrgContact
	AppRoleAssignments []AppRoleAssignment
	// GroupLicenseErrorsFilterAdvancedOnly makes GET /groups refuse
	// hasMembersWithLicenseErrors eq true without advanced query parameters
	// (graph-reference-3 UNKNOWN 10: expected to work without them, which
	// is the default).
	GroupLicenseErrorsFilterAdvancedOnly bool
	// GroupPropertiesNeedGroupReadAll makes GET /groups send
	// assignedLicenses and membershipRule as null to an application that
	// holds GroupMember.Read.All but none of the higher group permissions
	// (graph-reference-3 UNKNOWN 9: one of its two possible answers; off by
	// default).
	GroupPropertiesNeedGroupReadAll bool

	// OAuth2PermissionGrants are the delegated permission grants
	// (/oauth2PermissionGrants): the apps users or admins consented to.
	OAuth2PermissionGrants []OAuth2PermissionGrant

	// SignIns are the sign-in logs (/auditLogs/signIns), in any order.
	SignIns []SignIn
	// WithoutPremium is a tenant without Entra ID P1 or P2: the sign-in
	// logs answer 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant.
	WithoutPremium bool

	// UserRegistrationDetails is the authentication methods registration
	// report (/reports/authenticationMethods/userRegistrationDetails); a
	// tenant WithoutPremium answers it 403 like the sign-in logs.
	UserRegistrationDetails []UserRegistrationDetails

	// RoleDefinitions are the directory roles
	// (/roleManagement/directory/roleDefinitions); nil is the built-in
	// catalogue (BuiltInRoleDefinitions). RoleAssignments are who holds
	// them, active or eligible (roles.go).
	RoleDefinitions []RoleDefinition
	RoleAssignments []RoleAssignment
	// WithoutP2 is a tenant with Entra ID P1 but neither P2 nor ID
	// Governance: the PIM schedule instance lists answer 400
	// AadPremiumLicenseRequired (so does a tenant WithoutPremium).
	WithoutP2 bool

	// AuthorizationPolicy and AdminConsentRequestPolicy are the consent and
	// guest settings (/policies/...); nil is a tenant's defaults (see
	// defaultAuthorizationPolicy; the admin consent workflow off).
	AuthorizationPolicy       *AuthorizationPolicy
	AdminConsentRequestPolicy *AdminConsentRequestPolicy

	// SubscribedSkus are the licences the tenant pays for (/subscribedSkus).
	SubscribedSkus []SubscribedSku

	// DisplayConcealedNames is /admin/reportSettings' displayConcealedNames:
	// Microsoft 365 usage reports hide names (on by default since 2021).
	DisplayConcealedNames bool

	// M365ActiveUsers are the rows of the Microsoft 365 active users usage
	// report (m365_usage.go), dated M365ReportRefreshDate (zero: two days
	// before the request).
	M365ActiveUsers       []M365ActiveUser
	M365ReportRefreshDate time.Time
}

// Domain is one of the organization's verifiedDomains.
type Domain struct {
	Name      string
	IsDefault bool
	IsInitial bool
	Type      string // "Managed" or "Federated"
	// Capabilities is Graph's comma-separated string, e.g.
	// "Email, OfficeCommunicationsOnline" (not an array).
	Capabilities string
}

// User is a microsoft.graph.user. Pointers model Graph's nullable
// properties: nil is sent as null, a pointer to "" as "".
type User struct {
	ID                string
	UserPrincipalName string

	Mail, GivenName, Surname, DisplayName, Department, JobTitle, EmployeeID, OfficeLocation, City, State, Country, UserType *string

	// ProxyAddresses and OtherMails are sent as [] when empty, never null.
	ProxyAddresses, OtherMails []string

	EmployeeHireDate, CreatedDateTime *time.Time
	AccountEnabled                    *bool

	// ExternalUserState is PendingAcceptance or Accepted for a user invited
	// through the invitation API, nil (null) for everyone else
	// (graph-reference-3 §6); ExternalUserStateChangeDateTime is when it
	// last changed.
	ExternalUserState               *string
	ExternalUserStateChangeDateTime *time.Time

	// AssignedLicenses are the SKUs the user holds, however assigned;
	// LicenseAssignmentStates the paths they came by (one per direct or
	// group assignment). Both are sent as [] when empty.
	AssignedLicenses        []AssignedLicense
	LicenseAssignmentStates []LicenseAssignmentState
	// SignInActivity is sent only on $select=signInActivity; nil is null
	// (the user never signed in, or not since April 2020).
	SignInActivity *SignInActivity
}

// AssignedLicense is one of a user's assignedLicenses.
type AssignedLicense struct {
	SkuID         string
	DisabledPlans []string // service plan ids
}

// LicenseAssignmentState is one path by which a user holds a SKU.
type LicenseAssignmentState struct {
	SkuID           string
	AssignedByGroup string // "" for a direct assignment (sent as null)
	DisabledPlans   []string
	State           string // Active, ActiveWithError, Disabled, Error
	Error           string // "" (sent as null), CountViolation, MutuallyExclusiveViolation, ...
	LastUpdated     *time.Time
}

// SignInActivity is a user's signInActivity; nil times are null.
type SignInActivity struct {
	LastSignIn, LastNonInteractiveSignIn, LastSuccessfulSignIn *time.Time
}

// App is a client application registered in the tenant, with its service
// principal's admin-consented Microsoft Graph application permissions.
type App struct {
	ClientID    string
	DisplayName string
	Secrets     []Secret
	Permissions []string // granted application permissions, e.g. "User.Read.All"

	// Certificates are the app's certificate credentials (public parts);
	// one past its NotAfter is refused as expired.
	Certificates []*x509.Certificate
	// FederatedCredentials are the app's federated identity credentials.
	FederatedCredentials []FederatedCredential
}

// Secret is one client secret of an App. Graph shows it as a
// passwordCredential whose hint is the Value's first three characters.
type Secret struct {
	Value   string
	Expired bool // refused as expired whatever EndDateTime says

	// DisplayName, StartDateTime and EndDateTime are what Graph reports;
	// a zero EndDateTime is a date far ahead (or behind, when Expired), and
	// a secret past its EndDateTime is refused as expired too.
	DisplayName                string
	StartDateTime, EndDateTime time.Time
}

// Ptr returns a pointer to v; it keeps hand-written tenants short.
func Ptr[T any](v T) *T { return &v }

// ServicePrincipal is a microsoft.graph.servicePrincipal (graph-reference
// §3.2). Pointers model nullable properties; Tags and ReplyURLs are sent as
// [] when empty.
type ServicePrincipal struct {
	ID                        string
	AppID                     string
	DisplayName               *string
	AppDisplayName            *string
	AppOwnerOrganizationID    *string
	AppRoleAssignmentRequired bool
	AccountEnabled            *bool
	PreferredSingleSignOnMode *string // saml, oidc, password, notSupported or nil
	ServicePrincipalType      *string // Application, ManagedIdentity, Legacy, SocialIdp
	SignInAudience            *string
	Tags                      []string
	Homepage                  *string
	LoginURL                  *string
	LogoutURL                 *string
	ReplyURLs                 []string
	// VerifiedPublisher is sent as an object whose fields are null when the
	// publisher is not verified, as Graph does.
	VerifiedPublisher VerifiedPublisher
	// KeyCredentials are sent as [] when empty. A SAML app's
	// PreferredTokenSigningKeyThumbprint names its signing certificate.
	KeyCredentials                     []KeyCredential
	PreferredTokenSigningKeyThumbprint *string
	// Owners are the object ids of the service principal's owners: users
	// and service principals of the tenant (the service principal itself
	// among them, possibly). Ids the tenant does not have are ignored.
	Owners []string
}

// KeyCredential is one certificate credential of a service principal
// (graph-reference-2 §6.3). CustomKeyIdentifier is sent as base64, as
// Graph's Binary type is; the certificate bytes (key) are not modelled and
// are sent as null.
type KeyCredential struct {
	KeyID               string
	Type                string // AsymmetricX509Cert
	Usage               string // Verify or Sign
	CustomKeyIdentifier []byte // by default the certificate's thumbprint bytes
	DisplayName         *string
	StartDateTime       *time.Time
	EndDateTime         *time.Time
}

// OAuth2PermissionGrant is one delegated permission grant
// (graph-reference-2 §3). PrincipalID is nil for AllPrincipals grants.
type OAuth2PermissionGrant struct {
	ClientID    string // the client service principal's object id
	ConsentType string // AllPrincipals or Principal
	PrincipalID *string
	ResourceID  string // the resource service principal's object id
	Scope       string // space-separated
}

// VerifiedPublisher is a service principal's verifiedPublisher.
type VerifiedPublisher struct {
	DisplayName         *string
	VerifiedPublisherID *string
	AddedDateTime       *time.Time
}
