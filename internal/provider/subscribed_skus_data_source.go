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

var _ datasource.DataSourceWithConfigure = &subscribedSkusDataSource{}

// subscribedSkusDataSource is what the tenant pays for: a few SKUs, an
// ordinary framework data source.
type subscribedSkusDataSource struct {
	configuredData
}

func newSubscribedSkusDataSource() datasource.DataSource { return &subscribedSkusDataSource{} }

type subscribedSkusModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Skus     []skuModel     `tfsdk:"skus"`
}

type skuModel struct {
	SkuID            types.String       `tfsdk:"sku_id"`
	SkuPartNumber    types.String       `tfsdk:"sku_part_number"`
	AppliesTo        types.String       `tfsdk:"applies_to"`
	CapabilityStatus types.String       `tfsdk:"capability_status"`
	EnabledUnits     types.Int64        `tfsdk:"enabled_units"`
	SuspendedUnits   types.Int64        `tfsdk:"suspended_units"`
	WarningUnits     types.Int64        `tfsdk:"warning_units"`
	LockedOutUnits   types.Int64        `tfsdk:"locked_out_units"`
	ConsumedUnits    types.Int64        `tfsdk:"consumed_units"`
	AvailableUnits   types.Int64        `tfsdk:"available_units"`
	ServicePlans     []servicePlanModel `tfsdk:"service_plans"`
}

type servicePlanModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	ProvisioningStatus types.String `tfsdk:"provisioning_status"`
	AppliesTo          types.String `tfsdk:"applies_to"`
}

func (d *subscribedSkusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subscribed_skus"
}

// graphReads is what it reads from Graph (graphReader).
func (d *subscribedSkusDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointSubscribedSkus}}
}

func computedInt(description string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
}

func (d *subscribedSkusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "The licences the tenant pays for: every subscribed SKU with its units and service plans.\n\n" +
			"Reads `GET /v1.0/subscribedSkus` (no query options; a `@odata.nextLink` is followed if one comes). Requires " +
			"the Microsoft Graph **application** permission `LicenseAssignment.Read.All` (least privileged) or " +
			"`Organization.Read.All` (or `Directory.Read.All`), with admin consent.",
		Attributes: map[string]schema.Attribute{
			"skus": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The SKUs, sorted by `sku_part_number` (case-insensitive), then `sku_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"sku_id":            computedString("`skuId`: the SKU's GUID."),
					"sku_part_number":   computedString("`skuPartNumber`, e.g. `SPE_E3`."),
					"applies_to":        computedString("`appliesTo`: `User` or `Company`."),
					"capability_status": computedString("`capabilityStatus`: `Enabled`, `Warning`, `Suspended`, `Deleted` or `LockedOut`."),
					"enabled_units":     computedInt("`prepaidUnits.enabled`: seats bought and active."),
					"suspended_units":   computedInt("`prepaidUnits.suspended`: seats of a cancelled subscription that can still be reactivated."),
					"warning_units":     computedInt("`prepaidUnits.warning`: seats past expiry, in their grace period."),
					"locked_out_units":  computedInt("`prepaidUnits.lockedOut`: seats of a cancelled subscription."),
					"consumed_units":    computedInt("`consumedUnits`: seats assigned to users."),
					"available_units": computedInt("`enabled_units` − `consumed_units`; negative when more seats are " +
						"assigned than bought, which is itself a finding."),
					"service_plans": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "The SKU's service plans, sorted by `name` (case-insensitive), then `id`.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":   computedString("`servicePlanId`."),
							"name": computedString("`servicePlanName`, e.g. `AAD_PREMIUM`."),
							"provisioning_status": computedString("`provisioningStatus`: `Success`, `Disabled`, `Error`, " +
								"`PendingInput`, `PendingActivation` or `PendingProvisioning`."),
							"applies_to": computedString("`appliesTo`: `User` or `Company`."),
						}},
					},
				}},
			},
		},
	}
}

func (d *subscribedSkusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
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
	skus, err := inventory.SubscribedSkus(ctx, d.provider.graph)
	if err != nil {
		readError(&resp.Diagnostics, "Subscribed SKUs", err)
		return
	}
	model := subscribedSkusModel{Timeouts: limit, Skus: make([]skuModel, len(skus))}
	for i, s := range skus {
		model.Skus[i] = skuModelFrom(s)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func skuModelFrom(s inventory.Sku) skuModel {
	plans := make([]servicePlanModel, len(s.ServicePlans))
	for i, p := range s.ServicePlans {
		plans[i] = servicePlanModel{
			ID:                 types.StringValue(p.ID),
			Name:               types.StringPointerValue(p.Name),
			ProvisioningStatus: types.StringPointerValue(p.ProvisioningStatus),
			AppliesTo:          types.StringPointerValue(p.AppliesTo),
		}
	}
	return skuModel{
		SkuID:            types.StringValue(s.SkuID),
		SkuPartNumber:    types.StringPointerValue(s.SkuPartNumber),
		AppliesTo:        types.StringPointerValue(s.AppliesTo),
		CapabilityStatus: types.StringPointerValue(s.CapabilityStatus),
		EnabledUnits:     types.Int64Value(s.Enabled),
		SuspendedUnits:   types.Int64Value(s.Suspended),
		WarningUnits:     types.Int64Value(s.Warning),
		LockedOutUnits:   types.Int64Value(s.LockedOut),
		ConsumedUnits:    types.Int64Value(s.Consumed),
		AvailableUnits:   types.Int64Value(s.Available),
		ServicePlans:     plans,
	}
}
