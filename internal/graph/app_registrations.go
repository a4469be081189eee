package graph

import (
	"context"
	"time"
)

// AppRegistration is one of the tenant's app registrations as GET
// /v1.0/applications lists them (graph-reference-3 §2). A property Graph
// sends as null or leaves out is nil. Items of types derived from
// application (agentIdentityBlueprint, §0.5) are app registrations too and
// are read the same way.
type AppRegistration struct {
	ID string
	// AppID is nil only if Graph sends null: its docs say it never does,
	// its CSDL allows it (graph-reference-3 CONFLICT 15).
	AppID           *string
	DisplayName     *string
	CreatedDateTime *time.Time
	SignInAudience  *string
	PublisherDomain *string
	// VerifiedPublisher is verifiedPublisher.displayName: nil when Graph
	// sends null or an object whose fields are all null (unverified).
	VerifiedPublisher *string
	// Credentials are the client secrets and certificates, as
	// GetApplicationByAppID reads them (secret hints stay in this package).
	Credentials []AppCredential
	// Owners are the owners the list carried (ApplicationsQuery.IncludeOwners);
	// a set that MayBeIncomplete must be read whole with ListOwners.
	Owners OwnerSet
}

// ApplicationsQuery says what ListApplications reads beside the
// registrations.
type ApplicationsQuery struct {
	// IncludeOwners expands each registration's owners ($expand=owners,
	// pages of 100, at most MaxExpandedOwners owners each).
	IncludeOwners bool
}

// applicationListFields is $select for ListApplications: exactly what
// AppRegistration holds. keyCredentials brings the certificates' metadata
// (their bytes are never needed, and lists send them null).
var applicationListFields = []string{
	"id", "appId", "displayName", "createdDateTime", "signInAudience", "publisherDomain",
	"verifiedPublisher", "passwordCredentials", "keyCredentials",
}

// applicationsPageSize is $top for /applications: Graph's documented
// maximum (graph-reference-3 §2.2).
const applicationsPageSize = 999

// ListApplications calls each for every app registration in the tenant
// (GET /v1.0/applications, all pages, 999 per page; 100 with owners, the
// most Graph serves with $expand). Credential expiry is
// not filtered in Graph, which refuses it (graph-reference-3 §2.2, CONFLICT
// 6): callers filter. Selecting keyCredentials is limited by Graph to 150
// requests a minute per tenant; a 429 is retried after its Retry-After like
// any other. On any error the list is incomplete. Needs Application.Read.All.
func (c *Client) ListApplications(ctx context.Context, q ApplicationsQuery, each func(AppRegistration) error) error {
	ctx = withLogging(ctx)
	query := selectQuery(applicationListFields, applicationsPageSize)
	if q.IncludeOwners {
		query = expandOwnersQuery(applicationListFields)
	}
	lr := listRequest{path: "/v1.0/applications", query: query, permission: permissionApplicationRead}
	return listAll(ctx, c, lr, func(w appRegistrationWire) error { return each(c.appRegistration(w)) })
}

// appRegistrationWire is an application as a list sends it; @odata.type
// (present on derived types) is not needed and not decoded.
type appRegistrationWire struct {
	ID                  string              `json:"id"`
	AppID               *string             `json:"appId"`
	DisplayName         *string             `json:"displayName"`
	CreatedDateTime     *graphTime          `json:"createdDateTime"`
	SignInAudience      *string             `json:"signInAudience"`
	PublisherDomain     *string             `json:"publisherDomain"`
	VerifiedPublisher   *VerifiedPublisher  `json:"verifiedPublisher"`
	PasswordCredentials []passwordWire      `json:"passwordCredentials"`
	KeyCredentials      []keyCredentialMeta `json:"keyCredentials"`
	Owners              OwnerSet            `json:"owners"`
}

func (w appRegistrationWire) objectID() string { return w.ID }

func (c *Client) appRegistration(w appRegistrationWire) AppRegistration {
	a := AppRegistration{
		ID: w.ID, AppID: w.AppID, DisplayName: w.DisplayName, CreatedDateTime: w.CreatedDateTime.time(),
		SignInAudience: w.SignInAudience, PublisherDomain: w.PublisherDomain, Owners: w.Owners,
	}
	if w.VerifiedPublisher != nil {
		a.VerifiedPublisher = w.VerifiedPublisher.DisplayName
	}
	a.Credentials = c.appCredentials(w.PasswordCredentials, len(w.KeyCredentials), func(i int) (keyCredentialMeta, string) {
		return w.KeyCredentials[i], w.KeyCredentials[i].thumbprint()
	})
	return a
}
