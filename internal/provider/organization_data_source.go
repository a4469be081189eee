package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &organizationDataSource{}

type organizationDataSource struct {
	configuredData
}

func newOrganizationDataSource() datasource.DataSource { return &organizationDataSource{} }

type organizationModel struct {
	Timeouts        timeouts.Value        `tfsdk:"timeouts"`
	TenantID        types.String          `tfsdk:"tenant_id"`
	DisplayName     types.String          `tfsdk:"display_name"`
	VerifiedDomains []verifiedDomainModel `tfsdk:"verified_domains"`
}

type verifiedDomainModel struct {
	Name    types.String `tfsdk:"name"`
	Default types.Bool   `tfsdk:"default"`
	Initial types.Bool   `tfsdk:"initial"`
	Type    types.String `tfsdk:"type"`
}

func (d *organizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

// graphReads is what it reads from Graph (graphReader).
func (d *organizationDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointOrganization}}
}

func (d *organizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "The tenant: its ID, display name and verified domains.\n\n" +
			"Reads `GET /v1.0/organization`. Requires the Microsoft Graph **application** permission " +
			"`Organization.Read.All` (or `Directory.Read.All`), with admin consent.",
		Attributes: map[string]schema.Attribute{
			"tenant_id":    schema.StringAttribute{Computed: true, MarkdownDescription: "The directory (tenant) ID."},
			"display_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The organization's display name."},
			"verified_domains": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The tenant's verified domains, sorted by name (case-insensitive).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "The domain name."},
					"default": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is the default domain for new users."},
					"initial": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is the initial `*.onmicrosoft.com` domain."},
					"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "`Managed` or `Federated`."},
				}},
			},
		},
	}
}

func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var limit timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &limit)...)
	ctx, cancel, ok := withReadTimeout(ctx, limit, directoryReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	org, err := inventory.ReadOrganization(ctx, d.provider.graph)
	if err != nil {
		readError(&resp.Diagnostics, "the Organization", err)
		return
	}
	model := organizationModelFrom(org)
	model.Timeouts = limit
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func organizationModelFrom(org inventory.Organization) organizationModel {
	domains := make([]verifiedDomainModel, 0, len(org.VerifiedDomains))
	for _, d := range org.VerifiedDomains {
		domains = append(domains, verifiedDomainModel{
			Name:    types.StringValue(d.Name),
			Default: types.BoolValue(d.Default),
			Initial: types.BoolValue(d.Initial),
			Type:    types.StringValue(d.Type),
		})
	}
	return organizationModel{
		TenantID:        types.StringValue(org.TenantID),
		DisplayName:     types.StringPointerValue(org.DisplayName),
		VerifiedDomains: domains,
	}
}
