package inventory

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// Microsoft's owner tenants: an app registered in either is first-party.
// f8cdef31-… is the tenant of Microsoft's services; 72f988bf-… is Microsoft's
// corporate tenant, which owns some first-party apps too.
var microsoftTenantIDs = []string{
	"f8cdef31-a31e-4b4a-93e4-5f571e91255a",
	"72f988bf-86f1-41af-91ab-2d7cd011db47",
}

// Tags Entra ID sets on service principals.
const (
	// TagIntegratedApp marks an app shown under Enterprise applications.
	TagIntegratedApp = "WindowsAzureActiveDirectoryIntegratedApp"
	// TagCustomSSO marks a non-gallery SAML app.
	TagCustomSSO = "WindowsAzureActiveDirectoryCustomSingleSignOnApplication"
)

// microsoftPublisher is the publisher of first-party apps without a verified
// publisher.
const microsoftPublisher = "Microsoft"

// ServicePrincipalLister streams a tenant's service principals;
// *graph.Client is one.
type ServicePrincipalLister interface {
	ListServicePrincipals(ctx context.Context, each func(graph.ServicePrincipal) error) error
}

// DiscoveryReader is what Application Discovery reads; *graph.Client is one.
type DiscoveryReader interface {
	ServicePrincipalLister
	OrganizationReader
}

// DiscoveryFilter selects the apps of Application Discovery.
type DiscoveryFilter struct {
	ExcludeFirstParty  bool // drop apps owned by Microsoft's tenants
	EnterpriseAppsOnly bool // keep only apps tagged TagIntegratedApp
}

// Application is one entry of Application Discovery: a service principal
// with the derived attributes. Pointers are null in Terraform.
type Application struct {
	ID                     string
	AppID                  string
	DisplayName            *string
	Publisher              *string
	AppOwnerOrganizationID *string
	FirstParty             bool
	EnterpriseApp          bool
	AccountEnabled         *bool
	ServicePrincipalType   *string
	SignInAudience         *string
	Tags                   []string
	Homepage               *string
	LoginURL               *string
	ReplyURLs              []string
	SSOMode                *string
	OpenAccess             bool
	SSOIntegration         *bool // nil when the organization could not be read
	OAuth2Integration      bool
	// SAMLCertificateExpires is when the SAML signing certificate in use
	// expires (SAMLCertificateExpiry), or nil.
	SAMLCertificateExpires *time.Time
	// Owners are the service principal's owners (SortAppOwners; empty when
	// it has none); nil unless read with DiscoverApplicationsWithOwners.
	Owners []AppOwner
}

// Discovery is the result of Application Discovery.
type Discovery struct {
	Applications []Application
	// OrganizationDenied is Graph's 403 on GET /organization when the app
	// lacks Organization.Read.All. The applications are still listed, but
	// without the organization: SSOIntegration is nil, and the tenant's own
	// apps have no publisher unless it is verified.
	OrganizationDenied *graph.Error
}

// Owner is what the rules need to know about the tenant: its ID and display
// name. The zero Owner stands for a tenant that could not be read.
type Owner struct {
	TenantID    string
	DisplayName *string
	known       bool
}

// KnownOwner returns the Owner of a tenant that was read.
func KnownOwner(tenantID string, displayName *string) Owner {
	return Owner{TenantID: tenantID, DisplayName: displayName, known: true}
}

// DiscoverApplications reads the organization and every service principal
// of the tenant, and returns those the filter keeps, sorted by display name
// (case-insensitive) then id. A 403 on the organization is reported in
// Discovery.OrganizationDenied; any other error is returned.
func DiscoverApplications(ctx context.Context, graphReader DiscoveryReader, filter DiscoveryFilter) (Discovery, error) {
	d, _, err := discover(ctx, graphReader, graphReader.ListServicePrincipals, filter)
	if err != nil {
		return Discovery{}, err
	}
	SortApplications(d.Applications)
	return d, nil
}

// discover is Application Discovery over list (with or without owners): the
// applications kept, and the service principals they came from, in the
// same order.
func discover(ctx context.Context, org OrganizationReader, list func(context.Context, func(graph.ServicePrincipal) error) error,
	filter DiscoveryFilter) (Discovery, []graph.ServicePrincipal, error) {
	var d Discovery
	var owner Owner
	o, err := org.GetOrganization(ctx)
	var gerr *graph.Error
	switch {
	case err == nil:
		owner = KnownOwner(o.ID, o.DisplayName)
	case errors.As(err, &gerr) && gerr.StatusCode == http.StatusForbidden:
		d.OrganizationDenied = gerr
	default:
		return Discovery{}, nil, err
	}

	var kept []graph.ServicePrincipal
	err = list(ctx, func(sp graph.ServicePrincipal) error {
		app := ApplicationFrom(sp, owner)
		if filter.keeps(app) {
			d.Applications = append(d.Applications, app)
			kept = append(kept, sp)
		}
		return nil
	})
	if err != nil {
		return Discovery{}, nil, err
	}
	return d, kept, nil
}

func (f DiscoveryFilter) keeps(app Application) bool {
	if f.ExcludeFirstParty && app.FirstParty {
		return false
	}
	if f.EnterpriseAppsOnly && !app.EnterpriseApp {
		return false
	}
	return true
}

// ApplicationFrom applies the Application Discovery rules to one service
// principal of owner's tenant.
func ApplicationFrom(sp graph.ServicePrincipal, owner Owner) Application {
	firstParty := IsFirstParty(sp.AppOwnerOrganizationID)
	publisher := Publisher(sp.VerifiedPublisher.DisplayName, sp.AppOwnerOrganizationID, owner)
	var ssoIntegration *bool
	if owner.known {
		v := SamePublisherName(publisher, owner.DisplayName)
		ssoIntegration = &v
	}
	return Application{
		ID:                     sp.ID,
		AppID:                  sp.AppID,
		DisplayName:            sp.DisplayName,
		Publisher:              publisher,
		AppOwnerOrganizationID: sp.AppOwnerOrganizationID,
		FirstParty:             firstParty,
		EnterpriseApp:          hasTag(sp.Tags, TagIntegratedApp),
		AccountEnabled:         sp.AccountEnabled,
		ServicePrincipalType:   sp.ServicePrincipalType,
		SignInAudience:         sp.SignInAudience,
		Tags:                   nonNil(sp.Tags),
		Homepage:               sp.Homepage,
		LoginURL:               sp.LoginURL,
		ReplyURLs:              nonNil(sp.ReplyURLs),
		SSOMode:                sp.PreferredSingleSignOnMode,
		OpenAccess:             !sp.AppRoleAssignmentRequired,
		SSOIntegration:         ssoIntegration,
		OAuth2Integration:      IsOAuth2Integration(sp.PreferredSingleSignOnMode, sp.ReplyURLs, sp.Tags),
		SAMLCertificateExpires: SAMLCertificateExpiry(sp.KeyCredentials, sp.PreferredTokenSigningKeyThumbprint),
	}
}

// IsFirstParty reports whether an app's owner tenant is one of Microsoft's.
func IsFirstParty(appOwnerOrganizationID *string) bool {
	if appOwnerOrganizationID == nil {
		return false
	}
	owner := strings.TrimSpace(*appOwnerOrganizationID)
	for _, id := range microsoftTenantIDs {
		if strings.EqualFold(owner, id) {
			return true
		}
	}
	return false
}

// Publisher is an app's publisher: the verified publisher's name when it is
// set (not null or blank); else the organization's display name when the app
// is registered in the tenant itself; else "Microsoft" for first-party apps;
// else nil. Graph v1.0 has no publisherName on service principals.
func Publisher(verifiedPublisher, appOwnerOrganizationID *string, owner Owner) *string {
	if verifiedPublisher != nil && strings.TrimSpace(*verifiedPublisher) != "" {
		return verifiedPublisher
	}
	if owner.known && owner.DisplayName != nil && appOwnerOrganizationID != nil &&
		strings.EqualFold(strings.TrimSpace(*appOwnerOrganizationID), owner.TenantID) {
		return owner.DisplayName
	}
	if IsFirstParty(appOwnerOrganizationID) {
		p := microsoftPublisher
		return &p
	}
	return nil
}

// SamePublisherName reports whether a publisher name is the organization's
// display name, ignoring surrounding spaces and case. A missing or blank
// name matches nothing.
func SamePublisherName(publisher, organization *string) bool {
	if publisher == nil || organization == nil {
		return false
	}
	p, o := strings.TrimSpace(*publisher), strings.TrimSpace(*organization)
	return p != "" && strings.EqualFold(p, o)
}

// IsOAuth2Integration reports whether an app signs users in with OAuth 2.0 /
// OpenID Connect: its SSO mode is oidc, or it has no SSO mode but has reply
// URLs and is not a custom (non-gallery) SAML app.
func IsOAuth2Integration(ssoMode *string, replyURLs, tags []string) bool {
	if ssoMode != nil && *ssoMode != "" {
		return strings.EqualFold(*ssoMode, "oidc")
	}
	return len(replyURLs) > 0 && !hasTag(tags, TagCustomSSO)
}

// hasTag reports whether tags holds tag, ignoring case and surrounding
// spaces (tags are free text that apps and scripts set).
func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(strings.TrimSpace(t), tag) {
			return true
		}
	}
	return false
}

// nonNil turns a list Graph left out into an empty one: tags and replyUrls
// are never null in Graph.
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// SortApplications orders apps by display name (case-insensitive), then id.
func SortApplications(apps []Application) {
	sortFold(apps, func(a *Application) string { return deref(a.DisplayName) }, func(a *Application) string { return a.ID })
}
