package inventory

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// DefaultHighRiskScopes are the delegated scopes that let an app read or
// change a user's mail, files, sites, notes, contacts, calendars, chats or
// the directory: what a SaaS-management team asks about first.
var DefaultHighRiskScopes = []string{
	"Mail.Read", "Mail.ReadWrite", "Mail.Send", "Mail.Read.Shared", "Mail.ReadWrite.Shared",
	"Mail.Send.Shared", "MailboxSettings.ReadWrite", "Files.Read.All", "Files.ReadWrite.All",
	"Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All",
	"Notes.Read.All", "Notes.ReadWrite.All", "Contacts.Read", "Contacts.ReadWrite",
	"Calendars.ReadWrite", "Chat.Read", "Chat.ReadWrite", "User.ReadWrite.All",
	"Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All",
	"Directory.AccessAsUser.All", "full_access_as_user", "EWS.AccessAsUser.All",
	"EAS.AccessAsUser.All",
}

// ConsentReader is what consent discovery reads; *graph.Client is one.
type ConsentReader interface {
	GrantReader
	OrganizationReader
}

// ConsentOptions are the arguments of consent discovery.
type ConsentOptions struct {
	ExcludeFirstParty bool
	// HighRiskScopes replaces DefaultHighRiskScopes when not nil.
	HighRiskScopes []string
	MaxConcurrency int
}

// ConsentedApplication is one client application holding delegated grants.
// AppID, DisplayName and Publisher are nil when the tenant no longer has
// the client's service principal.
type ConsentedApplication struct {
	AppInstanceID      string // the client service principal's object id
	AppID              *string
	DisplayName        *string
	Publisher          *string
	FirstParty         bool
	VerifiedPublisher  bool
	AdminConsented     bool     // holds an AllPrincipals grant
	ConsentedUserCount int      // distinct principals of its Principal grants
	Scopes             []string // union over its grants, as SplitScopes
	HighRiskScopes     []string // those of Scopes in the high-risk list
	Resources          []string // display names of the resources, sorted; unnamed resources left out
}

// Consent is the result of consent discovery.
type Consent struct {
	Applications []ConsentedApplication
	// OrganizationDenied is Graph's 403 on GET /organization: the
	// applications are listed, but the tenant's own apps have no publisher
	// unless it is verified.
	OrganizationDenied *graph.Error
}

// ConsentedApplications reads every delegated grant, the service
// principals they name and the organization, and returns one entry per
// client application, sorted by display name (case-insensitive) then
// app instance id.
func ConsentedApplications(ctx context.Context, g ConsentReader, opts ConsentOptions) (Consent, error) {
	var c Consent
	var owner Owner
	org, err := g.GetOrganization(ctx)
	var gerr *graph.Error
	switch {
	case err == nil:
		owner = KnownOwner(org.ID, org.DisplayName)
	case errors.As(err, &gerr) && gerr.StatusCode == http.StatusForbidden:
		c.OrganizationDenied = gerr
	default:
		return Consent{}, err
	}
	raw, names, err := readGrants(ctx, g, "", opts.MaxConcurrency)
	if err != nil {
		return Consent{}, err
	}
	c.Applications = AggregateConsent(raw, names, owner, opts)
	return c, nil
}

// AggregateConsent groups grants by client into ConsentedApplications.
// names holds the service principals by lower-cased id.
func AggregateConsent(grants []graph.OAuth2PermissionGrant, names map[string]*graph.ServicePrincipalBrief, owner Owner, opts ConsentOptions) []ConsentedApplication {
	highRisk := opts.HighRiskScopes
	if highRisk == nil {
		highRisk = DefaultHighRiskScopes
	}
	risky := make(map[string]bool, len(highRisk))
	for _, s := range highRisk {
		risky[strings.ToLower(strings.TrimSpace(s))] = true
	}

	type building struct {
		app       ConsentedApplication
		scopes    []string
		users     map[string]bool
		resources map[string]string // folded name -> first spelling
	}
	byClient := map[string]*building{}
	var order []string
	// Grants in id order, so that the first spelling of a scope kept is the
	// same whatever order Graph pages them in.
	sorted := append([]graph.OAuth2PermissionGrant(nil), grants...)
	slices.SortStableFunc(sorted, func(a, b graph.OAuth2PermissionGrant) int { return strings.Compare(a.ID, b.ID) })
	for _, gr := range sorted {
		key := strings.ToLower(gr.ClientID)
		b := byClient[key]
		if b == nil {
			b = &building{app: ConsentedApplication{AppInstanceID: gr.ClientID}, users: map[string]bool{}, resources: map[string]string{}}
			if sp := names[key]; sp != nil {
				b.app.AppID, b.app.DisplayName = &sp.AppID, sp.DisplayName
				b.app.FirstParty = IsFirstParty(sp.AppOwnerOrganizationID)
				b.app.Publisher = Publisher(sp.VerifiedPublisher.DisplayName, sp.AppOwnerOrganizationID, owner)
				b.app.VerifiedPublisher = sp.VerifiedPublisher.DisplayName != nil && strings.TrimSpace(*sp.VerifiedPublisher.DisplayName) != ""
			}
			byClient[key] = b
			order = append(order, key)
		}
		switch {
		case strings.EqualFold(deref(gr.ConsentType), ConsentAllPrincipals):
			b.app.AdminConsented = true
		case strings.EqualFold(deref(gr.ConsentType), ConsentPrincipal) && gr.PrincipalID != nil:
			b.users[strings.ToLower(*gr.PrincipalID)] = true
		}
		b.scopes = append(b.scopes, SplitScopes(gr.Scope)...)
		if res := names[strings.ToLower(gr.ResourceID)]; res != nil && res.DisplayName != nil {
			if _, ok := b.resources[strings.ToLower(*res.DisplayName)]; !ok {
				b.resources[strings.ToLower(*res.DisplayName)] = *res.DisplayName
			}
		}
	}

	apps := make([]ConsentedApplication, 0, len(order))
	for _, key := range order {
		b := byClient[key]
		if opts.ExcludeFirstParty && b.app.FirstParty {
			continue
		}
		app := b.app
		app.ConsentedUserCount = len(b.users)
		app.Scopes = uniqueFold(b.scopes)
		app.HighRiskScopes = []string{}
		for _, s := range app.Scopes {
			if risky[strings.ToLower(s)] {
				app.HighRiskScopes = append(app.HighRiskScopes, s)
			}
		}
		app.Resources = make([]string, 0, len(b.resources))
		for _, name := range b.resources {
			app.Resources = append(app.Resources, name)
		}
		app.Resources = uniqueFold(app.Resources)
		apps = append(apps, app)
	}
	sortFold(apps, func(a *ConsentedApplication) string { return deref(a.DisplayName) }, func(a *ConsentedApplication) string { return a.AppInstanceID })
	return apps
}
