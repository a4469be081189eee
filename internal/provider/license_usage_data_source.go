package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &licenseUsageDataSource{}
	_ stateReader                        = &licenseUsageDataSource{}
)

// licenseUsageDataSource is the licence-reclamation answer: one row per SKU
// with the counts a review reads, computed from the seat list's read
// without a row per seat.
type licenseUsageDataSource struct {
	configuredData
}

func newLicenseUsageDataSource() datasource.DataSource { return &licenseUsageDataSource{} }

// defaultUsageInactiveDays is inactive_days when the configuration leaves it
// null.
const defaultUsageInactiveDays = 90

type licenseUsageModel struct {
	Timeouts              timeouts.Value  `tfsdk:"timeouts"`
	DomainNames           types.Set       `tfsdk:"domain_names"`
	IncludeGuests         types.Bool      `tfsdk:"include_guests"`
	IncludeSignInActivity types.Bool      `tfsdk:"include_sign_in_activity"`
	InactiveDays          types.Int64     `tfsdk:"inactive_days"`
	Skus                  []skuUsageModel `tfsdk:"skus"`
}

type skuUsageModel struct {
	SkuID              types.String `tfsdk:"sku_id"`
	SkuPartNumber      types.String `tfsdk:"sku_part_number"`
	EnabledUnits       types.Int64  `tfsdk:"enabled_units"`
	ConsumedUnits      types.Int64  `tfsdk:"consumed_units"`
	AvailableUnits     types.Int64  `tfsdk:"available_units"`
	AssignedUsers      types.Int64  `tfsdk:"assigned_users"`
	DirectUsers        types.Int64  `tfsdk:"direct_users"`
	GroupUsers         types.Int64  `tfsdk:"group_users"`
	UsersWithErrors    types.Int64  `tfsdk:"users_with_errors"`
	DisabledUsers      types.Int64  `tfsdk:"disabled_users"`
	GuestUsers         types.Int64  `tfsdk:"guest_users"`
	InactiveUsers      types.Int64  `tfsdk:"inactive_users"`
	NeverSignedInUsers types.Int64  `tfsdk:"never_signed_in_users"`
	ReclaimableUsers   types.Int64  `tfsdk:"reclaimable_users"`
}

func (d *licenseUsageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_license_usage"
}

// graphReads is what it reads from Graph (graphReader): the seat list's
// reads, sign-in activity included by default.
func (d *licenseUsageDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointSubscribedSkus, inventory.EndpointUsersSignInActivity},
		Sometimes: []string{inventory.EndpointUsers}, When: "with include_sign_in_activity = false (instead of sign-in activity)"}
}

func (d *licenseUsageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	// seats: a count and the seat-list entries it equals.
	seats := func(what, which string) schema.Int64Attribute {
		return computedInt(what + " Equals the number of `azuresaas_license_assignments` entries of the SKU" + which +
			", for the same `domain_names` and `include_guests`.")
	}
	inactivity := " Null when `include_sign_in_activity = false`."
	sku := map[string]schema.Attribute{
		"sku_id":          computedString("`skuId`."),
		"sku_part_number": computedString("`skuPartNumber`; null for a SKU users still hold but the tenant no longer subscribes to."),
		"enabled_units":   computedInt("`prepaidUnits.enabled`, as `azuresaas_subscribed_skus`; null when the SKU is no longer subscribed."),
		"consumed_units":  computedInt("`consumedUnits`, as `azuresaas_subscribed_skus`; null when the SKU is no longer subscribed."),
		"available_units": computedInt("`enabled_units` − `consumed_units` (negative when more are assigned than bought); " +
			"null when the SKU is no longer subscribed."),
		"assigned_users":    seats("Holders that pass the filters.", ""),
		"direct_users":      seats("Holders with a direct path.", " with `assigned_directly`"),
		"group_users":       seats("Holders with at least one group path.", " with a non-empty `assigned_by_group_ids`"),
		"users_with_errors": seats("Holders whose assignment has an error.", " with an `assignment_error`"),
		"disabled_users":    seats("Holders whose account is disabled (`accountEnabled` false).", " with `account_enabled = false` (the argument)"),
		"guest_users":       seats("Holders whose `userType` is `Guest` (0 unless guests are included).", " with `user_type` `Guest`"),
		"inactive_users": seats("Holders with "+inactivityRule+" (`inactive_days`)."+inactivity,
			" with the same `inactive_days`"),
		"never_signed_in_users": seats("Holders with no successful sign-in on record (`lastSuccessfulSignInDateTime` null)."+inactivity,
			" with `include_sign_in_activity` and a null `last_successful_sign_in`"),
		"reclaimable_users": computedInt("Holders that are disabled **or** inactive, each once: the seats a reclamation " +
			"can take back. Equals the distinct users of the SKU's `azuresaas_license_assignments` entries with " +
			"`account_enabled = false` and with `inactive_days`, for the same `domain_names` and `include_guests`." + inactivity),
	}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock("`" + durationText(pacedReadTimeout) + "`, `" +
			durationText(directoryReadTimeout) + "` with `include_sign_in_activity = false`")},
		MarkdownDescription: "Licence usage: one row per SKU with how many people hold it, how, and how many of those " +
			"seats are idle or held by disabled accounts, without a row per seat. A plan holds a few numbers per SKU " +
			"instead of the seat list; each count equals the number of `azuresaas_license_assignments` entries the same " +
			"arguments and the matching filter give.\n\n" +
			"Reads what `azuresaas_license_assignments` reads: `GET /v1.0/subscribedSkus` once and every page of " +
			"`GET /v1.0/users` with `assignedLicenses`, `licenseAssignmentStates` and (unless " +
			"`include_sign_in_activity = false`) `signInActivity`, 500 users a request (999 without sign-in activity). " +
			"Requires the Microsoft Graph **application** permissions `User.Read.All` and `LicenseAssignment.Read.All` " +
			"(or `Organization.Read.All`, or `Directory.Read.All` for both) and, for the inactivity counts, " +
			"`AuditLog.Read.All` and an Entra ID P1/P2 tenant, with admin consent.",
		Attributes: map[string]schema.Attribute{
			"domain_names": domainNamesArgument(userDomainsDescription),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also count guests' licences. Overrides the provider's `include_guests`.",
				Optional:            true,
			},
			"include_sign_in_activity": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Read each holder's `signInActivity` (default `true`) for `inactive_users`, " +
					"`never_signed_in_users` and `reclaimable_users`. `false` needs neither `AuditLog.Read.All` nor " +
					"P1/P2, reads 999 users a request, and leaves those counts null.",
			},
			"inactive_days": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "A holder is inactive with " + inactivityRule + ". Default `90`; a whole number " +
					"of at least 1.",
				Validators: []validator.Int64{int64validator.AtLeast(1), signInActivityNotOff{}},
			},
			"skus": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "Every subscribed SKU (with zeros when no one the filters keep holds it), then " +
					"every SKU still held but no longer subscribed; sorted as `azuresaas_subscribed_skus`: by " +
					"`sku_part_number` (case-insensitive), then `sku_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: sku},
			},
		},
	}
}

func (d *licenseUsageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *licenseUsageDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	readStart := time.Now()
	var state licenseUsageModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	withActivity := state.IncludeSignInActivity.IsNull() || state.IncludeSignInActivity.ValueBool()
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, signInActivityTimeout(withActivity), diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.LicenseUsageFilter{Users: d.provider.userDefaults}
	if !state.DomainNames.IsNull() {
		filter.Users.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &filter.Users.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		filter.Users.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	filter.Users.SignInActivity = withActivity
	days := state.InactiveDays
	if days.IsNull() {
		days = types.Int64Value(defaultUsageInactiveDays)
	}
	filter.InactiveBefore = inactiveCutoff(days, readStart)
	if diags.HasError() {
		return nil
	}

	usage, err := inventory.LicenseUsage(ctx, d.provider.graph, filter)
	if err != nil {
		licenceReadError(diags, "License Usage", "include_sign_in_activity", err)
		return nil
	}
	state.Skus = make([]skuUsageModel, len(usage))
	for i, u := range usage {
		state.Skus[i] = skuUsageModelFrom(u)
	}
	return &state
}

func skuUsageModelFrom(u inventory.SkuUsage) skuUsageModel {
	return skuUsageModel{
		SkuID:              types.StringValue(u.SkuID),
		SkuPartNumber:      types.StringPointerValue(u.SkuPartNumber),
		EnabledUnits:       types.Int64PointerValue(u.Enabled),
		ConsumedUnits:      types.Int64PointerValue(u.Consumed),
		AvailableUnits:     types.Int64PointerValue(u.Available),
		AssignedUsers:      types.Int64Value(u.AssignedUsers),
		DirectUsers:        types.Int64Value(u.DirectUsers),
		GroupUsers:         types.Int64Value(u.GroupUsers),
		UsersWithErrors:    types.Int64Value(u.UsersWithErrors),
		DisabledUsers:      types.Int64Value(u.DisabledUsers),
		GuestUsers:         types.Int64Value(u.GuestUsers),
		InactiveUsers:      types.Int64PointerValue(u.InactiveUsers),
		NeverSignedInUsers: types.Int64PointerValue(u.NeverSignedInUsers),
		ReclaimableUsers:   types.Int64PointerValue(u.ReclaimableUsers),
	}
}
