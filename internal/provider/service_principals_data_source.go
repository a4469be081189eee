package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &servicePrincipalsDataSource{}
	_ stateReader                        = &servicePrincipalsDataSource{}
)

// servicePrincipalsDataSource is Application Discovery.
type servicePrincipalsDataSource struct {
	configuredData
}

func newServicePrincipalsDataSource() datasource.DataSource { return &servicePrincipalsDataSource{} }

type servicePrincipalsModel struct {
	Timeouts           timeouts.Value          `tfsdk:"timeouts"`
	ExcludeFirstParty  types.Bool              `tfsdk:"exclude_first_party"`
	EnterpriseAppsOnly types.Bool              `tfsdk:"enterprise_apps_only"`
	IncludeOwners      types.Bool              `tfsdk:"include_owners"`
	ServicePrincipals  []servicePrincipalModel `tfsdk:"service_principals"`
}

type servicePrincipalModel struct {
	ID                     types.String    `tfsdk:"id"`
	AppID                  types.String    `tfsdk:"app_id"`
	DisplayName            types.String    `tfsdk:"display_name"`
	Publisher              types.String    `tfsdk:"publisher"`
	AppOwnerOrganizationID types.String    `tfsdk:"app_owner_organization_id"`
	FirstParty             types.Bool      `tfsdk:"first_party"`
	EnterpriseApp          types.Bool      `tfsdk:"enterprise_app"`
	AccountEnabled         types.Bool      `tfsdk:"account_enabled"`
	ServicePrincipalType   types.String    `tfsdk:"service_principal_type"`
	SignInAudience         types.String    `tfsdk:"sign_in_audience"`
	Tags                   []string        `tfsdk:"tags"`
	Homepage               types.String    `tfsdk:"homepage"`
	LoginURL               types.String    `tfsdk:"login_url"`
	ReplyURLs              []string        `tfsdk:"reply_urls"`
	SSOMode                types.String    `tfsdk:"sso_mode"`
	OpenAccess             types.Bool      `tfsdk:"open_access"`
	SSOIntegration         types.Bool      `tfsdk:"sso_integration"`
	OAuth2Integration      types.Bool      `tfsdk:"oauth2_integration"`
	SAMLCertificateExpires types.String    `tfsdk:"saml_certificate_expires"`
	Owners                 []appOwnerModel `tfsdk:"owners"`
}

func (d *servicePrincipalsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_principals"
}

// graphReads is what it reads from Graph (graphReader).
func (d *servicePrincipalsDataSource) graphReads() inventory.Reads {
	return inventory.ApplicationDiscoveryReads
}

func (d *servicePrincipalsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Application Discovery: the tenant's service principals (enterprise applications, " +
			"Microsoft first-party apps, managed identities) with their publisher, SSO mode and whether users need an " +
			"assignment to sign in.\n\n" +
			"Reads every page of `GET /v1.0/servicePrincipals` (999 a request, only the properties used) and " +
			"`GET /v1.0/organization` once. Requires the Microsoft Graph **application** permissions " +
			"`Application.Read.All` (or `Directory.Read.All`) and `Organization.Read.All`, with admin consent. Without " +
			"`Organization.Read.All` the applications are still listed, with `sso_integration` null, and a warning " +
			"names the permission.\n\n" +
			"With `include_owners`, the list expands each application's owners (`$expand=owners`, 100 applications a " +
			"request) and reads `GET /v1.0/servicePrincipals/{id}/owners` only for an application whose expanded owners " +
			"may be incomplete (Graph expands 20 at most). " + ownersUserReadNote,
		Attributes: map[string]schema.Attribute{
			"exclude_first_party": schema.BoolAttribute{
				MarkdownDescription: "Leave out Microsoft's own applications: those registered in Microsoft's tenants " +
					"`f8cdef31-a31e-4b4a-93e4-5f571e91255a` and `72f988bf-86f1-41af-91ab-2d7cd011db47`. Default false.",
				Optional: true,
			},
			"enterprise_apps_only": schema.BoolAttribute{
				MarkdownDescription: "Keep only the applications tagged `WindowsAzureActiveDirectoryIntegratedApp`, " +
					"those the Entra admin center lists under **Enterprise applications**. Default false.",
				Optional: true,
			},
			"include_owners": schema.BoolAttribute{
				MarkdownDescription: "Fill in `owners`: each application's owners, whom to ask about it. Default false " +
					"(`owners` null). Needs `Application.Read.All` like the list; user owners' names need `User.Read.All` too.",
				Optional: true,
			},
			"service_principals": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The service principals, sorted by `display_name` (case-insensitive), then `id`. " +
					"A property Graph returns as null is null.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           computedString("The App Instance ID: the service principal's object ID."),
					"app_id":       computedString("The Application ID (client ID), `appId`."),
					"display_name": computedString("The Application Name, `displayName`."),
					"publisher": computedString("`verifiedPublisher.displayName` when set; else the organization's display name " +
						"when the application is registered in this tenant (`appOwnerOrganizationId`); else `Microsoft` " +
						"for first-party applications; else null. (`publisherName` exists only in Graph beta.)"),
					"app_owner_organization_id": computedString("`appOwnerOrganizationId`: the tenant the application is registered in."),
					"first_party": computedBool("Whether `app_owner_organization_id` is one of Microsoft's tenants " +
						"(`f8cdef31-a31e-4b4a-93e4-5f571e91255a`, `72f988bf-86f1-41af-91ab-2d7cd011db47`)."),
					"enterprise_app":         computedBool("Whether the application has the `WindowsAzureActiveDirectoryIntegratedApp` tag."),
					"account_enabled":        computedBool("`accountEnabled`: false when nobody can sign in to the application."),
					"service_principal_type": computedString("`servicePrincipalType`: `Application`, `ManagedIdentity`, `Legacy` or `SocialIdp`."),
					"sign_in_audience":       computedString("`signInAudience`, e.g. `AzureADMyOrg` or `AzureADMultipleOrgs`."),
					"tags":                   computedStrings("`tags`, as Graph returns them."),
					"homepage":               computedString("`homepage`."),
					"login_url":              computedString("`loginUrl`: the service-provider-initiated sign-on URL."),
					"reply_urls":             computedStrings("`replyUrls`, as Graph returns them."),
					"sso_mode": computedString("`preferredSingleSignOnMode`: `saml`, `oidc`, `password`, `notSupported`, or null " +
						"(older SAML apps and OpenID Connect apps often have none)."),
					"open_access": computedBool("Whether users can sign in without an app role assignment " +
						"(`appRoleAssignmentRequired` is false)."),
					"sso_integration": computedBool("Whether `publisher` is the organization's display name (ignoring case " +
						"and surrounding spaces): the application was set up for single sign-on by the tenant itself. " +
						"Null when the organization cannot be read."),
					"oauth2_integration": computedBool("Whether the application uses OAuth 2.0 / OpenID Connect for single " +
						"sign-on: `sso_mode` is `oidc`, or `sso_mode` is null, the application has reply URLs and it is " +
						"not tagged `WindowsAzureActiveDirectoryCustomSingleSignOnApplication`."),
					"saml_certificate_expires": computedString("When the SAML signing certificate in use expires (RFC 3339): the " +
						"`endDateTime` of the `keyCredentials` entry with usage `Verify` whose `customKeyIdentifier` (the " +
						"certificate thumbprint's bytes, base64) is `preferredTokenSigningKeyThumbprint` in hex (compared " +
						"case-insensitively). Null when the application has no preferred thumbprint or no key matches it. " +
						"(`preferredTokenSigningKeyEndDateTime` exists only in Graph beta.)"),
					"owners": ownersAttribute("service principal", "include_owners"),
				}},
			},
		},
	}
}

func (d *servicePrincipalsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *servicePrincipalsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state servicePrincipalsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.DiscoveryFilter{
		ExcludeFirstParty:  state.ExcludeFirstParty.ValueBool(),
		EnterpriseAppsOnly: state.EnterpriseAppsOnly.ValueBool(),
	}

	var discovery inventory.Discovery
	var err error
	if state.IncludeOwners.ValueBool() {
		discovery, err = inventory.DiscoverApplicationsWithOwners(ctx, d.provider.graph, filter, d.provider.maxConcurrency)
	} else {
		discovery, err = inventory.DiscoverApplications(ctx, d.provider.graph, filter)
	}
	if err != nil {
		readError(diags, "Service Principals", err)
		return nil
	}
	if discovery.OrganizationDenied != nil {
		organizationDeniedWarning(diags, discovery.OrganizationDenied, "sso_integration Is Null",
			"the service principals are listed without the organization's display name: sso_integration is null "+
				"for every application, and the tenant's own applications have a null publisher unless it is verified",
			"them")
	}
	state.ServicePrincipals = make([]servicePrincipalModel, 0, len(discovery.Applications))
	for _, app := range discovery.Applications {
		state.ServicePrincipals = append(state.ServicePrincipals, servicePrincipalModelFrom(app))
	}
	return &state
}

// organizationDeniedWarning says what a 403 on GET /organization leaves out
// of a read (summary and leftOut name it) and which permission fills it in.
func organizationDeniedWarning(diags *diag.Diagnostics, denied *inventory.GraphError, summary, leftOut, pronoun string) {
	code, requestID := denied.Code, denied.RequestID
	if code == "" {
		code = "no error code"
	}
	if requestID == "" {
		requestID = "none"
	}
	diags.AddWarning("Organization Not Readable: "+summary,
		fmt.Sprintf("Microsoft Graph refused GET /v1.0/organization (HTTP %d %s; request-id %s), so %s. To fill %s "+
			"in, grant the application permission Organization.Read.All to the app registration and grant admin "+
			"consent for it in the tenant.", denied.StatusCode, code, requestID, leftOut, pronoun))
}

func servicePrincipalModelFrom(a inventory.Application) servicePrincipalModel {
	return servicePrincipalModel{
		ID:                     types.StringValue(a.ID),
		AppID:                  types.StringValue(a.AppID),
		DisplayName:            types.StringPointerValue(a.DisplayName),
		Publisher:              types.StringPointerValue(a.Publisher),
		AppOwnerOrganizationID: types.StringPointerValue(a.AppOwnerOrganizationID),
		FirstParty:             types.BoolValue(a.FirstParty),
		EnterpriseApp:          types.BoolValue(a.EnterpriseApp),
		AccountEnabled:         types.BoolPointerValue(a.AccountEnabled),
		ServicePrincipalType:   types.StringPointerValue(a.ServicePrincipalType),
		SignInAudience:         types.StringPointerValue(a.SignInAudience),
		Tags:                   a.Tags,
		Homepage:               types.StringPointerValue(a.Homepage),
		LoginURL:               types.StringPointerValue(a.LoginURL),
		ReplyURLs:              a.ReplyURLs,
		SSOMode:                types.StringPointerValue(a.SSOMode),
		OpenAccess:             types.BoolValue(a.OpenAccess),
		SSOIntegration:         types.BoolPointerValue(a.SSOIntegration),
		OAuth2Integration:      types.BoolValue(a.OAuth2Integration),
		SAMLCertificateExpires: timeValue(a.SAMLCertificateExpires),
		Owners:                 appOwnerModelsFrom(a.Owners),
	}
}
