package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &oauth2PermissionGrantsDataSource{}

// oauth2PermissionGrantsDataSource lists delegated permission grants.
type oauth2PermissionGrantsDataSource struct {
	configuredData
}

func newOAuth2PermissionGrantsDataSource() datasource.DataSource {
	return &oauth2PermissionGrantsDataSource{}
}

// oauth2PermissionGrantsModel is the configuration and the state.
type oauth2PermissionGrantsModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	ClientID types.String   `tfsdk:"client_id"`
	Grants   []grantModel   `tfsdk:"grants"`
}

// grantModel is one element of grants.
type grantModel struct {
	ID                  types.String `tfsdk:"id"`
	ClientID            types.String `tfsdk:"client_id"`
	ClientAppID         types.String `tfsdk:"client_app_id"`
	ClientDisplayName   types.String `tfsdk:"client_display_name"`
	ResourceID          types.String `tfsdk:"resource_id"`
	ResourceDisplayName types.String `tfsdk:"resource_display_name"`
	ConsentType         types.String `tfsdk:"consent_type"`
	PrincipalID         types.String `tfsdk:"principal_id"`
	Scopes              []string     `tfsdk:"scopes"`
}

func (d *oauth2PermissionGrantsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_oauth2_permission_grants"
}

// graphReads is what it reads from Graph (graphReader).
func (d *oauth2PermissionGrantsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointPermissionGrants,
		inventory.EndpointServicePrincipals}}
}

func (d *oauth2PermissionGrantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Delegated permission grants: which client applications may act for users on which APIs, " +
			"with what scopes, by an administrator's consent for everyone or one user's own consent.\n\n" +
			"Reads every page of `GET /v1.0/oauth2PermissionGrants` (999 a request; with `client_id`, only that " +
			"client's grants, filtered by Graph), then the names of the service principals the grants name: their ids " +
			"15 to a request, or every page of `GET /v1.0/servicePrincipals`, whichever takes fewer requests (when " +
			"the ids need more than one request, `GET /v1.0/servicePrincipals/$count` tells how many pages the whole " +
			"list has). Requires the Microsoft Graph **application** permissions `Directory.Read.All` (or " +
			"`DelegatedPermissionGrant.Read.All`) and `Application.Read.All`, with admin consent.\n\n" +
			"A grant can outlive the service principal it names: such a grant is still listed, with null names " +
			"(`client_app_id`, `client_display_name` or `resource_display_name`), rather than failing the read.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Only the grants of this client application: its service principal's object ID " +
					"(the App Instance ID, not the application ID), a GUID. Sent to Graph as `$filter=clientId eq '…'`.",
				Optional:   true,
				Validators: []validator.String{guidValidator},
			},
			"grants": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The grants, sorted by `client_display_name` (case-insensitive), " +
					"`resource_display_name` (case-insensitive), `consent_type`, `principal_id`, then `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  computedString("The grant's ID (not a GUID: Graph encodes the client, resource and principal IDs)."),
					"client_id":           computedString("`clientId`: the client service principal's object ID (App Instance ID)."),
					"client_app_id":       computedString("The client's application ID (`appId`); null when the tenant no longer has the client."),
					"client_display_name": computedString("The client's `displayName`; null when the tenant no longer has the client."),
					"resource_id":         computedString("`resourceId`: the object ID of the API's service principal, e.g. Microsoft Graph's."),
					"resource_display_name": computedString("The resource's `displayName`, e.g. `Microsoft Graph`; null when the " +
						"tenant no longer has the resource."),
					"consent_type": computedString("`consentType`: `AllPrincipals` (an administrator consented for everyone) " +
						"or `Principal` (one user consented for themselves)."),
					"principal_id": computedString("`principalId`: the user who consented, for `Principal` grants; null for " +
						"`AllPrincipals`."),
					"scopes": schema.ListAttribute{
						Computed:    true,
						ElementType: types.StringType,
						MarkdownDescription: "The space-separated `scope` split into its values, without empty items, " +
							"de-duplicated case-insensitively (the first spelling stays) and sorted case-insensitively.",
					},
				}},
			},
		},
	}
}

func (d *oauth2PermissionGrantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *oauth2PermissionGrantsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state oauth2PermissionGrantsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	grants, err := inventory.PermissionGrants(ctx, d.provider.graph, state.ClientID.ValueString(), d.provider.maxConcurrency)
	if err != nil {
		readError(diags, "OAuth2 Permission Grants", err)
		return nil
	}
	state.Grants = make([]grantModel, 0, len(grants))
	for _, g := range grants {
		state.Grants = append(state.Grants, grantModelFrom(g))
	}
	return &state
}

func grantModelFrom(g inventory.Grant) grantModel {
	return grantModel{
		ID:                  types.StringValue(g.ID),
		ClientID:            types.StringValue(g.ClientID),
		ClientAppID:         types.StringPointerValue(g.ClientAppID),
		ClientDisplayName:   types.StringPointerValue(g.ClientDisplayName),
		ResourceID:          types.StringValue(g.ResourceID),
		ResourceDisplayName: types.StringPointerValue(g.ResourceDisplayName),
		ConsentType:         types.StringPointerValue(g.ConsentType),
		PrincipalID:         types.StringPointerValue(g.PrincipalID),
		Scopes:              g.Scopes,
	}
}
