package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &consentedApplicationsDataSource{}

// consentedApplicationsDataSource is consent discovery: one entry per
// client application holding delegated grants.
type consentedApplicationsDataSource struct {
	configuredData
}

func newConsentedApplicationsDataSource() datasource.DataSource {
	return &consentedApplicationsDataSource{}
}

// consentedApplicationsModel is the configuration and the state.
type consentedApplicationsModel struct {
	Timeouts          timeouts.Value              `tfsdk:"timeouts"`
	ExcludeFirstParty types.Bool                  `tfsdk:"exclude_first_party"`
	HighRiskScopes    types.Set                   `tfsdk:"high_risk_scopes"`
	Applications      []consentedApplicationModel `tfsdk:"applications"`
}

// consentedApplicationModel is one element of applications.
type consentedApplicationModel struct {
	AppInstanceID      types.String `tfsdk:"app_instance_id"`
	AppID              types.String `tfsdk:"app_id"`
	DisplayName        types.String `tfsdk:"display_name"`
	Publisher          types.String `tfsdk:"publisher"`
	FirstParty         types.Bool   `tfsdk:"first_party"`
	VerifiedPublisher  types.Bool   `tfsdk:"verified_publisher"`
	AdminConsented     types.Bool   `tfsdk:"admin_consented"`
	ConsentedUserCount types.Int64  `tfsdk:"consented_user_count"`
	Scopes             []string     `tfsdk:"scopes"`
	HighRiskScopes     []string     `tfsdk:"high_risk_scopes"`
	Resources          []string     `tfsdk:"resources"`
}

func (d *consentedApplicationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consented_applications"
}

// graphReads is what it reads from Graph (graphReader).
func (d *consentedApplicationsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointOrganization,
		inventory.EndpointPermissionGrants, inventory.EndpointServicePrincipals}}
}

func (d *consentedApplicationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Consent discovery: the applications people connected on their own (\"Sign in with " +
			"Microsoft\" and consent) or an administrator consented to, one entry per client application holding " +
			"delegated permission grants, with the scopes it holds and those that are high-risk.\n\n" +
			"Reads `GET /v1.0/organization` once, every page of `GET /v1.0/oauth2PermissionGrants` (999 a request), " +
			"and the service principals the grants name (their ids 15 to a request, or the whole list, whichever takes " +
			"fewer requests). Requires the Microsoft Graph **application** permissions `Directory.Read.All` (or " +
			"`DelegatedPermissionGrant.Read.All`), `Application.Read.All` and `Organization.Read.All`, with admin " +
			"consent. Without `Organization.Read.All` the applications are still listed, and a warning names the " +
			"permission.\n\n" +
			"A grant can outlive the service principal it names. A client the tenant no longer has is still listed, " +
			"with null `app_id`, `display_name` and `publisher` (and `first_party` false); a resource the tenant no " +
			"longer has is left out of `resources`, while its grant's scopes still count.\n\n" +
			"Default high-risk scopes: `" + strings.Join(inventory.DefaultHighRiskScopes, "`, `") + "`.",
		Attributes: map[string]schema.Attribute{
			"exclude_first_party": schema.BoolAttribute{
				MarkdownDescription: "Leave out Microsoft's own applications (registered in Microsoft's tenants " +
					"`f8cdef31-a31e-4b4a-93e4-5f571e91255a` and `72f988bf-86f1-41af-91ab-2d7cd011db47`), which hold most " +
					"grants in any tenant. Default **true** here.",
				Optional: true,
			},
			"high_risk_scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes that count as high-risk, compared case-insensitively; replaces the " +
					"default list (see above). Values must be non-blank, without white space, and distinct ignoring case.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{scopeSetValidator{}},
			},
			"applications": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The client applications, sorted by `display_name` (case-insensitive), then `app_instance_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"app_instance_id": computedString("The client service principal's object ID (`clientId` of its grants)."),
					"app_id":          computedString("The application ID (`appId`)."),
					"display_name":    computedString("The application's `displayName`."),
					"publisher": computedString("As in `azuresaas_service_principals`: `verifiedPublisher.displayName` when " +
						"set; else the organization's display name for the tenant's own applications; else `Microsoft` for " +
						"first-party applications; else null."),
					"first_party": computedBool("Whether the application is registered in one of Microsoft's tenants."),
					"verified_publisher": computedBool("Whether the application has a verified publisher " +
						"(`verifiedPublisher.displayName` is set)."),
					"admin_consented": computedBool("Whether it holds an `AllPrincipals` grant: an administrator consented for everyone."),
					"consented_user_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many distinct " +
						"users consented for themselves (distinct `principal_id` of its `Principal` grants)."},
					"scopes":           computedStrings("Every scope of its grants, de-duplicated case-insensitively and sorted."),
					"high_risk_scopes": computedStrings("Those of `scopes` in the high-risk list, sorted."),
					"resources":        computedStrings("The display names of the APIs it was granted scopes on, e.g. `Microsoft Graph`, sorted."),
				}},
			},
		},
	}
}

func (d *consentedApplicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *consentedApplicationsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state consentedApplicationsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	opts := inventory.ConsentOptions{
		ExcludeFirstParty: state.ExcludeFirstParty.IsNull() || state.ExcludeFirstParty.ValueBool(),
		MaxConcurrency:    d.provider.maxConcurrency,
	}
	if !state.HighRiskScopes.IsNull() {
		opts.HighRiskScopes = []string{}
		diags.Append(state.HighRiskScopes.ElementsAs(ctx, &opts.HighRiskScopes, false)...)
		if diags.HasError() {
			return nil
		}
	}
	consent, err := inventory.ConsentedApplications(ctx, d.provider.graph, opts)
	if err != nil {
		readError(diags, "Consented Applications", err)
		return nil
	}
	if consent.OrganizationDenied != nil {
		organizationDeniedWarning(diags, consent.OrganizationDenied, "Publishers Of The Tenant's Own Applications Are Null",
			"the tenant's own applications have a null publisher unless it is verified", "it")
	}
	state.Applications = make([]consentedApplicationModel, 0, len(consent.Applications))
	for _, a := range consent.Applications {
		state.Applications = append(state.Applications, consentedApplicationModel{
			AppInstanceID:      types.StringValue(a.AppInstanceID),
			AppID:              types.StringPointerValue(a.AppID),
			DisplayName:        types.StringPointerValue(a.DisplayName),
			Publisher:          types.StringPointerValue(a.Publisher),
			FirstParty:         types.BoolValue(a.FirstParty),
			VerifiedPublisher:  types.BoolValue(a.VerifiedPublisher),
			AdminConsented:     types.BoolValue(a.AdminConsented),
			ConsentedUserCount: types.Int64Value(int64(a.ConsentedUserCount)),
			Scopes:             a.Scopes,
			HighRiskScopes:     a.HighRiskScopes,
			Resources:          a.Resources,
		})
	}
	return &state
}
