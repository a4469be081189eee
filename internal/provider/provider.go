package provider

import (
	"context"
	"maps"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

var (
	_ provider.Provider              = &azuresaasProvider{}
	_ provider.ProviderWithFunctions = &azuresaasProvider{}
)

// azuresaasProvider reads Microsoft Entra ID through Microsoft Graph.
type azuresaasProvider struct {
	version       string
	reportsBudget graph.ReportsBudget // zero: Graph's limit (see options.go)
	// retryBaseDelay and retryMaxDelay: zero is the graph package's
	// defaults (WithRetryDelays).
	retryBaseDelay, retryMaxDelay time.Duration

	// httpClient is the base HTTP client of Graph and token requests: nil
	// (the graph package's default) except in tests.
	httpClient *http.Client

	// configured is what Configure last handed the data sources, for the
	// reads the protocol server answers itself (protocol_server.go). Like
	// the framework's own copy, the last configuration wins when one
	// process serves several aliases (-debug).
	configured atomic.Pointer[providerData]
}

// New returns a constructor of the provider for providerserver.Serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &azuresaasProvider{version: version}
	}
}

// providerModel is the provider block as written.
type providerModel struct {
	TenantID       types.String `tfsdk:"tenant_id"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	DomainNames    types.Set    `tfsdk:"domain_names"`
	IncludeGuests  types.Bool   `tfsdk:"include_guests"`
	Environment    types.String `tfsdk:"environment"`
	GraphEndpoint  types.String `tfsdk:"graph_endpoint"`
	AuthorityHost  types.String `tfsdk:"authority_host"`
	MaxConcurrency types.Int64  `tfsdk:"max_concurrency"`

	// Certificate and OIDC credentials (credentials.go).
	ClientCertificatePath     types.String `tfsdk:"client_certificate_path"`
	ClientCertificate         types.String `tfsdk:"client_certificate"`
	ClientCertificatePassword types.String `tfsdk:"client_certificate_password"`
	UseOIDC                   types.Bool   `tfsdk:"use_oidc"`
	OIDCToken                 types.String `tfsdk:"oidc_token"`
	OIDCTokenFilePath         types.String `tfsdk:"oidc_token_file_path"`
}

func (p *azuresaasProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "azuresaas"
	resp.Version = p.version
}

func (p *azuresaasProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads Microsoft Entra ID (Azure AD) through Microsoft Graph with the OAuth 2.0 " +
			"client-credentials flow: the HR Roster, Application Discovery, SSO Application Roster and SSO " +
			"Application Access datasets of a SaaS-management team. Every argument can also come from an " +
			"environment variable; explicit configuration wins, and `ARM_*` variables win over `AZURE_*` ones.",
		Attributes: map[string]schema.Attribute{
			"tenant_id": schema.StringAttribute{
				MarkdownDescription: "The directory (tenant) ID, a GUID, or one of the tenant's domain names such as " +
					"`contoso.onmicrosoft.com`. Environment: `ARM_TENANT_ID`, then `AZURE_TENANT_ID`.",
				Optional:   true,
				Validators: []validator.String{tenantIDValidator},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The application (client) ID of the app registration, a GUID. " +
					"Environment: `ARM_CLIENT_ID`, then `AZURE_CLIENT_ID`.",
				Optional:   true,
				Validators: []validator.String{guidValidator},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "A client secret of the app registration (its **Value**, not its secret ID). " +
					"Environment: `ARM_CLIENT_SECRET`, then `AZURE_CLIENT_SECRET`. An explicitly empty value is an " +
					"error, even when the environment variable is set.",
				Optional:  true,
				Sensitive: true,
			},
			"domain_names": schema.SetAttribute{
				MarkdownDescription: "Default user filter for every data source that lists users: keep the users " +
					"whose user principal name or mail is in one of these domains (case-insensitive). Empty or " +
					"unset keeps every domain. A data source's own `domain_names` overrides it.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(domainNameValidator)},
			},
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Default guest filter: when false (the default), only users whose `userType` is " +
					"`Member` or null are listed; when true, guests too. A data source's own `include_guests` overrides it.",
				Optional: true,
			},
			"environment": schema.StringAttribute{
				MarkdownDescription: "The Microsoft cloud: `public` (default, also for GCC), `usgovernment` (GCC High), " +
					"`dod` or `china`. Sets the authority host and the Graph endpoint. Environment: `ARM_ENVIRONMENT`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(cloudNames()...)},
			},
			"graph_endpoint": schema.StringAttribute{
				MarkdownDescription: "Overrides the cloud's Microsoft Graph endpoint, e.g. `https://graph.microsoft.com` " +
					"(proxies, emulators). Must be `https://`, except for loopback hosts, which may use `http://`.",
				Optional:   true,
				Validators: []validator.String{endpointValidator},
			},
			"authority_host": schema.StringAttribute{
				MarkdownDescription: "Overrides the cloud's token authority, e.g. `https://login.microsoftonline.com`. " +
					"Must be `https://`, except for loopback hosts, which may use `http://`.",
				Optional:   true,
				Validators: []validator.String{endpointValidator},
			},
			"max_concurrency": schema.Int64Attribute{
				MarkdownDescription: "How many Graph listings fan-out work (the application roster's applications, " +
					"assignments, group members and user list) may run at once (1 to 64, default 8). Each listing also " +
					"requests its next page while it reads the current one, so Microsoft Graph may receive up to twice " +
					"this many requests at once.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 64)},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, credentialAttributes())
}

func (p *azuresaasProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	// Recorded after every Configure, nil when it failed, as the
	// framework's server records resp.DataSourceData.
	defer func() {
		data, _ := resp.DataSourceData.(*providerData)
		p.configured.Store(data)
	}()
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(ctx, config, osLookup)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings.reportsBudget = p.reportsBudget
	settings.httpClient = p.httpClient
	settings.retryBaseDelay, settings.retryMaxDelay = p.retryBaseDelay, p.retryMaxDelay
	data, err := newProviderData(settings, p.version)
	if err != nil {
		resp.Diagnostics.AddError("Cannot Configure the Microsoft Graph Client", err.Error())
		return
	}
	resp.DataSourceData = data
}

// dataSourceData is the data source's ProviderData: nil (not a nil
// *providerData) until the provider is configured, as the framework gives it.
func (p *azuresaasProvider) dataSourceData() any {
	if data := p.configured.Load(); data != nil {
		return data
	}
	return nil
}

func (p *azuresaasProvider) Resources(context.Context) []func() resource.Resource { return nil }

// Functions are pure (no Graph request), for policies: Terraform 1.8+.
func (p *azuresaasProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newDaysBetweenFunction,
		newEmailDomainFunction,
		newToCSVFunction,
	}
}

func (p *azuresaasProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newOrganizationDataSource,
		newUsersDataSource,
		newSignInsDataSource,
		newApplicationAccessDataSource,
		newServicePrincipalsDataSource,
		newAppRoleAssignmentsDataSource,
		newGroupMembersDataSource,
		newApplicationRosterDataSource,
		newIntegrationStatusDataSource,
		newOAuth2PermissionGrantsDataSource,
		newConsentedApplicationsDataSource,
		newSubscribedSkusDataSource,
		newLicenseAssignmentsDataSource,
		newUserRegistrationDetailsDataSource,
		newGroupsDataSource,
		newConsentSettingsDataSource,
		newLicenseUsageDataSource,
		newApplicationUsageDataSource,
		newM365ActiveUsersDataSource,
		newDirectoryRoleAssignmentsDataSource,
		newApplicationsDataSource,
	}
}
