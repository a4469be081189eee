package inventory

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// StatusReader is what the integration status reads; *graph.Client is one.
type StatusReader interface {
	CurrentTokenClaims(ctx context.Context) (graph.TokenClaims, error)
	CredentialKind() graph.CredentialKind
	ListSubscribedSkus(ctx context.Context) ([]graph.SubscribedSku, error)
	GetReportSettings(ctx context.Context) (graph.ReportSettings, error)
	GetApplicationByAppID(ctx context.Context, appID string) (graph.Application, error)
}

// The seed's four integration tasks, in its order.
const (
	TaskHRRoster             = "HR Roster"
	TaskApplicationDiscovery = "Application Discovery"
	TaskSSOApplicationRoster = "SSO Application Roster"
	TaskSSOApplicationAccess = "SSO Application Access"
)

const (
	premiumBlocker            = "The tenant has no Microsoft Entra ID P1 or P2 licence, and Microsoft Graph refuses sign-in logs to such tenants (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant): subscribe to Entra ID P1 or P2, or a bundle that includes it such as Microsoft 365 E3 or E5."
	credentialExpiryWarnDays  = 30
	credentialExpiryWarnAfter = credentialExpiryWarnDays * 24 * time.Hour
)

// Premium levels of Microsoft Entra ID.
const (
	PremiumP2   = "P2"
	PremiumP1   = "P1"
	PremiumNone = "none"
)

// Service plan ids of Entra ID P1 and P2 (graph-reference-2 §1.3): they
// come inside bundles, so plans are matched, never SKUs.
const (
	servicePlanEntraP1 = "41781fb2-bc02-4b7c-bd55-b576c07bb09d" // AAD_PREMIUM
	servicePlanEntraP2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998" // AAD_PREMIUM_P2
)

// PremiumOf is the tenant's Entra ID level: P2 when an active SKU (Enabled
// or Warning) has the P2 plan provisioned (Success), else P1 for the P1
// plan, else none.
func PremiumOf(skus []graph.SubscribedSku) string {
	level := PremiumNone
	for _, sku := range skus {
		status := deref(sku.CapabilityStatus)
		if !strings.EqualFold(status, "Enabled") && !strings.EqualFold(status, "Warning") {
			continue
		}
		for _, plan := range sku.ServicePlans {
			if !strings.EqualFold(deref(plan.ProvisioningStatus), "Success") {
				continue
			}
			switch strings.ToLower(plan.ServicePlanID) {
			case servicePlanEntraP2:
				return PremiumP2
			case servicePlanEntraP1:
				level = PremiumP1
			}
		}
	}
	return level
}

// TaskStatus is the readiness of one integration task or data source.
// Ready and MissingPermissions are nil when the granted permissions are
// unknown.
type TaskStatus struct {
	Name               string
	Ready              *bool
	MissingPermissions []string
	Blockers           []string
}

// Credential is one of the app registration's secrets or certificates.
type Credential = graph.AppCredential

// IntegrationStatus says whether the app registration is set up for the
// four tasks. A nil field could not be read; Notes say why.
type IntegrationStatus struct {
	TenantID           *string
	ClientID           string
	CredentialKind     graph.CredentialKind
	GrantedPermissions []string // nil: the token's roles could not be read
	Tasks              []TaskStatus
	DataSources        []TaskStatus // sorted by name
	Premium            *string
	ConcealedNames     *bool
	Credentials        []Credential // sorted by end date (none last), then key id
	Notes              []string
}

// ReadIntegrationStatus reads what it can and never fails on what it may
// not read: that part is nil with a note naming the permission. It fails
// only when no token can be had (or ctx ends). A read the token's roles
// show to be refused is not sent.
//
// dataSources are the provider's data sources with their reads: each gets
// its readiness by the tasks' rules.
func ReadIntegrationStatus(ctx context.Context, g StatusReader, clientID string, dataSources []DataSourceReads) (IntegrationStatus, error) {
	claims, err := g.CurrentTokenClaims(ctx)
	if err != nil {
		return IntegrationStatus{}, err
	}
	s := IntegrationStatus{ClientID: clientID, CredentialKind: g.CredentialKind()}
	var granted []string
	if claims.Readable {
		granted = claims.Roles
		s.GrantedPermissions = granted
		if claims.TenantID != "" {
			s.TenantID = &claims.TenantID
		}
		if len(granted) == 0 {
			s.note("The access token carries no application permissions (no roles claim): grant the permissions below and admin consent for them in the tenant (Enterprise applications > Permissions > Grant admin consent).")
		}
	} else {
		s.note("The access token is not a JSON Web Token, so the granted permissions cannot be read from it: the tasks' readiness is unknown.")
	}
	// refusal is the note for a read the token's roles do not cover;
	// such a read is not sent. With unknown roles every read is tried.
	refusal := func(endpoint, what string) string {
		if !claims.Readable || Covers(granted, endpoint) {
			return ""
		}
		return fmt.Sprintf("%s cannot be read: %s needs %s; grant it to read it.", what, endpoint,
			strings.Join(MissingPermissions(granted, endpoint), " and "))
	}
	const (
		premiumWhat   = "Whether the tenant has Entra ID P1 or P2 (premium)"
		concealedWhat = "Whether usage reports conceal names (concealed_names)"
		appWhat       = "The app registration's secrets and certificates (credentials)"
	)
	skusRefused := refusal(EndpointSubscribedSkus, premiumWhat)
	settingsRefused := refusal(EndpointReportSettings, concealedWhat)
	appRefused := refusal(EndpointApplication, appWhat)

	// The three reads run at once, so that one Graph keeps failing (and
	// retrying) does not use up the time of the others.
	var (
		wg          sync.WaitGroup
		skus        []graph.SubscribedSku
		settings    graph.ReportSettings
		app         graph.Application
		skusErr     error
		settingsErr error
		appErr      error
	)
	run := func(send bool, read func()) {
		if send {
			wg.Add(1)
			go func() { defer wg.Done(); read() }()
		}
	}
	run(skusRefused == "", func() { skus, skusErr = g.ListSubscribedSkus(ctx) })
	run(settingsRefused == "", func() { settings, settingsErr = g.GetReportSettings(ctx) })
	run(appRefused == "", func() { app, appErr = g.GetApplicationByAppID(ctx, clientID) })
	wg.Wait()
	for _, err := range []error{skusErr, settingsErr, appErr} {
		if err != nil && fatal(ctx, err) {
			return IntegrationStatus{}, err
		}
	}

	switch {
	case skusRefused != "":
		s.note(skusRefused)
	case skusErr != nil:
		s.note(premiumWhat + " could not be read: " + skusErr.Error())
	default:
		p := PremiumOf(skus)
		s.Premium = &p
	}
	if s.Premium == nil {
		s.note("Without the tenant's licences, SSO Application Access is not checked for its Entra ID P1 or P2 requirement.")
	}

	switch {
	case settingsRefused != "":
		s.note(settingsRefused)
	case settingsErr != nil:
		s.note(concealedWhat + " could not be read: " + settingsErr.Error())
	default:
		s.ConcealedNames = &settings.DisplayConcealedNames
		if settings.DisplayConcealedNames {
			s.note("Microsoft 365 usage reports conceal user, group and site names (admin center > Settings > Org settings > Reports). azuresaas_m365_active_users then shows hashes instead of user names, which cannot be joined with the directory; the other datasets are not affected.")
		}
	}

	s.Credentials = []Credential{}
	switch {
	case appRefused != "":
		s.note(appRefused)
	case graph.IsNotFound(appErr):
		s.note("The app registration " + clientID + " is not in this tenant, so its credentials cannot be read: a multi-tenant application is registered in its home tenant; check its secrets there. " + appErr.Error())
	case appErr != nil:
		s.note(appWhat + " could not be read: " + appErr.Error())
	default:
		s.Credentials = sortCredentials(app.Credentials)
		s.noteCredentialInUse()
	}

	for _, task := range seedTasks {
		s.Tasks = append(s.Tasks, readiness(task.Name, task.Reads, granted, claims.Readable, s.Premium))
		if !claims.Readable {
			continue
		}
		if missing := MissingPermissions(granted, task.Reads.Sometimes...); len(missing) > 0 {
			s.note(fmt.Sprintf("%s also reads %s %s, which needs %s.", task.Name,
				strings.Join(task.Reads.Sometimes, ", "), task.Reads.When, strings.Join(missing, " and ")))
		}
	}
	s.DataSources = dataSourceStatuses(dataSources, granted, claims.Readable, s.Premium)
	return s, nil
}

func (s *IntegrationStatus) note(n string) { s.Notes = append(s.Notes, n) }

// noteCredentialInUse says what in_use could not tell.
func (s *IntegrationStatus) noteCredentialInUse() {
	inUse := 0
	for _, c := range s.Credentials {
		if c.InUse {
			inUse++
		}
	}
	switch {
	case s.CredentialKind == graph.CredentialFederated:
		s.note("The provider authenticates with a federated (OIDC) token: none of the app registration's secrets or certificates is in use, and federated credentials do not expire.")
	case inUse == 0:
		s.note(fmt.Sprintf("None of the app registration's credentials matches the configured %s.", s.CredentialKind))
	case inUse > 1:
		s.note(fmt.Sprintf("%d of the app registration's secrets start with the same three characters as the configured one; in_use marks each of them.", inUse))
	}
}

// fatal reports whether err ends the read instead of becoming a note: no
// token could be had, or the read was cancelled or ran out of time.
func fatal(ctx context.Context, err error) bool {
	var te *graph.TokenError
	return errors.As(err, &te) || ctx.Err() != nil
}

func sortCredentials(list []Credential) []Credential {
	out := append([]Credential{}, list...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].EndDateTime, out[j].EndDateTime
		switch {
		case a == nil && b == nil:
		case a == nil || b == nil:
			return b == nil
		case !a.Equal(*b):
			return a.Before(*b)
		}
		return out[i].KeyID < out[j].KeyID
	})
	return out
}

// Warning is a plan-time warning: a title and the detail that says what to do.
type Warning struct {
	Summary, Detail string
}

// Warnings are each task that is not ready (with the permissions to grant
// or what blocks it) and each credential in use that expires within 30
// days of now.
func (s IntegrationStatus) Warnings(now time.Time) []Warning {
	var out []Warning
	for _, t := range s.Tasks {
		if t.Ready == nil || *t.Ready {
			continue
		}
		var why []string
		if len(t.MissingPermissions) > 0 {
			why = append(why, "grant the Microsoft Graph application permission(s) "+strings.Join(t.MissingPermissions, ", ")+
				" to the app registration "+s.ClientID+" and grant admin consent for them in the tenant.")
		}
		why = append(why, t.Blockers...)
		out = append(out, Warning{Summary: "Integration Task Not Ready: " + t.Name,
			Detail: t.Name + " cannot be read yet: " + strings.Join(why, " ")})
	}
	for _, c := range s.Credentials {
		// An in_use credential already past its end shares its hint with
		// the one in use: the token was issued, so it is not that one.
		if !c.InUse || c.EndDateTime == nil || c.EndDateTime.Sub(now) > credentialExpiryWarnAfter || c.EndDateTime.Before(now) {
			continue
		}
		left := c.EndDateTime.Sub(now)
		out = append(out, Warning{Summary: "Credential in Use Expires Soon",
			Detail: fmt.Sprintf("The %s the provider authenticates with (key ID %s) expires on %s, in %s. Add a new %s to the app registration %s under Certificates & secrets, switch the provider to it, then remove the old one.",
				c.Type, c.KeyID, c.EndDateTime.UTC().Format(time.RFC3339), describeDays(left), c.Type, s.ClientID)})
	}
	return out
}

func describeDays(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	switch days {
	case 0:
		return "less than a day"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}
