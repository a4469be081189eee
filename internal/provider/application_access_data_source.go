package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure      = &applicationAccessDataSource{}
	_ stateReader                             = &applicationAccessDataSource{}
	_ datasource.DataSourceWithValidateConfig = &applicationAccessDataSource{}
)

// applicationAccessDataSource is SSO Application Access: last login per
// user per application.
type applicationAccessDataSource struct {
	configuredData
}

func newApplicationAccessDataSource() datasource.DataSource { return &applicationAccessDataSource{} }

type applicationAccessModel struct {
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
	Since         types.String   `tfsdk:"since"`
	Until         types.String   `tfsdk:"until"`
	AppIDs        types.Set      `tfsdk:"app_ids"`
	DomainNames   types.Set      `tfsdk:"domain_names"`
	IncludeGuests types.Bool     `tfsdk:"include_guests"`
	Access        []accessModel  `tfsdk:"access"`
}

type accessModel struct {
	UserID            types.String `tfsdk:"user_id"`
	UserPrincipalName types.String `tfsdk:"user_principal_name"`
	AppID             types.String `tfsdk:"app_id"`
	AppDisplayName    types.String `tfsdk:"app_display_name"`
	LastLogin         types.String `tfsdk:"last_login"`
	LoginLocation     types.String `tfsdk:"login_location"`
	SignInCount       types.Int64  `tfsdk:"sign_in_count"`
}

func (d *applicationAccessDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_access"
}

// graphReads is what it reads from Graph (graphReader).
func (d *applicationAccessDataSource) graphReads() inventory.Reads {
	return inventory.ApplicationAccessReads
}

func (d *applicationAccessDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(pacedReadTimeout)},
		MarkdownDescription: "SSO Application Access: who actually uses each application — one entry per user and " +
			"application with their last successful sign-in, where it came from, and how many successful " +
			"sign-ins they made in the time range. Compare it with assignments to find unused licences.\n\n" +
			"Reads every page of `GET /v1.0/auditLogs/signIns` for successful sign-ins in the time range " +
			"(and the applications given), aggregating as the pages arrive. When a user filter is set " +
			"(`include_guests` false, or `domain_names`), it also reads `GET /v1.0/users` once, which needs " +
			"`User.Read.All`. " + signInsPacing + "\n\n" + signInsPermissions,
		Attributes: map[string]schema.Attribute{
			"since": schema.StringAttribute{Required: true, MarkdownDescription: sinceDescription},
			"until": schema.StringAttribute{Optional: true, MarkdownDescription: untilDescription},
			"app_ids": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only these applications (application IDs, GUIDs). Unset or empty: every " +
					"application with a sign-in.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(guidValidator)},
			},
			"domain_names": domainNamesArgument("Keep the users whose user principal name **or** mail in the directory is " +
				"in one of these domains, compared case-insensitively. Overrides the provider's `domain_names`; an " +
				"empty set keeps every domain."),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also keep guests (`userType` `Guest` in the directory). Overrides the provider's " +
					"`include_guests`. A sign-in of a user who is no longer in the directory is kept only when " +
					"guests are included and no domain is named.",
				Optional: true,
			},
			"access": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "One entry per user and application, sorted by `app_display_name`, then " +
					"`user_principal_name` (both case-insensitive), then `app_id`, then `user_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"user_id":             computedString("The user's object ID."),
					"user_principal_name": computedString("The user's principal name in their newest successful sign-in."),
					"app_id":              computedString("The application ID."),
					"app_display_name":    computedString("The application's name in the newest successful sign-in."),
					"last_login":          computedString("The newest successful sign-in (RFC 3339, UTC)."),
					"login_location": computedString("Where that sign-in came from: `\"city, state, country\"` with " +
						"empty parts left out; null when all are empty."),
					"sign_in_count": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "How many successful sign-ins the user made to the application in the time range."},
				}},
			},
		},
	}
}

func (d *applicationAccessDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	readSignInWindow(ctx, req.Config, time.Now(), true, &resp.Diagnostics)
}

func (d *applicationAccessDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *applicationAccessDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state applicationAccessModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, pacedReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	window, ok := readSignInWindow(ctx, config, time.Now(), false, diags)
	if !ok || diags.HasError() {
		return nil
	}
	q := inventory.AccessQuery{Since: window.since, Until: window.until, Users: d.provider.userDefaults}
	if !state.AppIDs.IsNull() {
		diags.Append(state.AppIDs.ElementsAs(ctx, &q.AppIDs, false)...)
	}
	if !state.DomainNames.IsNull() {
		q.Users.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &q.Users.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		q.Users.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	if diags.HasError() {
		return nil
	}

	entries, err := inventory.ApplicationAccess(ctx, d.provider.graph, d.provider.graph, q)
	if err != nil {
		readError(diags, "Application Access", err)
		return nil
	}
	state.Access = make([]accessModel, 0, len(entries))
	for _, e := range entries {
		state.Access = append(state.Access, accessModelFrom(e))
	}
	return &state
}

func accessModelFrom(a inventory.Access) accessModel {
	last := a.LastLogin
	return accessModel{
		UserID:            types.StringValue(a.UserID),
		UserPrincipalName: types.StringPointerValue(a.UserPrincipalName),
		AppID:             types.StringValue(a.AppID),
		AppDisplayName:    types.StringPointerValue(a.AppDisplayName),
		LastLogin:         timeValue(&last),
		LoginLocation:     types.StringPointerValue(a.LoginLocation),
		SignInCount:       types.Int64Value(int64(a.SignInCount)),
	}
}
