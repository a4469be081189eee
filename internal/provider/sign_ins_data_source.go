package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure      = &signInsDataSource{}
	_ stateReader                             = &signInsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &signInsDataSource{}
)

// signInsDataSource lists the sign-in logs.
type signInsDataSource struct {
	configuredData
}

func newSignInsDataSource() datasource.DataSource { return &signInsDataSource{} }

type signInsModel struct {
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
	Since          types.String   `tfsdk:"since"`
	Until          types.String   `tfsdk:"until"`
	AppID          types.String   `tfsdk:"app_id"`
	UserID         types.String   `tfsdk:"user_id"`
	SuccessfulOnly types.Bool     `tfsdk:"successful_only"`
	MaxResults     types.Int64    `tfsdk:"max_results"`
	SignIns        []signInModel  `tfsdk:"sign_ins"`
}

type signInModel struct {
	ID                types.String `tfsdk:"id"`
	CreatedDateTime   types.String `tfsdk:"created_date_time"`
	UserID            types.String `tfsdk:"user_id"`
	UserPrincipalName types.String `tfsdk:"user_principal_name"`
	UserDisplayName   types.String `tfsdk:"user_display_name"`
	AppID             types.String `tfsdk:"app_id"`
	AppDisplayName    types.String `tfsdk:"app_display_name"`
	IPAddress         types.String `tfsdk:"ip_address"`
	ClientAppUsed     types.String `tfsdk:"client_app_used"`
	IsInteractive     types.Bool   `tfsdk:"is_interactive"`
	StatusCode        types.Int64  `tfsdk:"status_code"`
	FailureReason     types.String `tfsdk:"failure_reason"`
	City              types.String `tfsdk:"city"`
	State             types.String `tfsdk:"state"`
	CountryOrRegion   types.String `tfsdk:"country_or_region"`
}

// signInsPermissions is the permission sentence of both sign-in data
// sources' descriptions.
const signInsPermissions = "Requires the Microsoft Graph **application** permissions `AuditLog.Read.All` and " +
	"`Directory.Read.All`, with admin consent, and a Microsoft Entra ID P1 or P2 licence in the tenant " +
	"(without one, Graph answers 403 `Authentication_RequestFromNonPremiumTenantOrB2CTenant`)."

// signInsPacing explains the reports budget in descriptions.
const signInsPacing = "Graph allows 5 requests to the sign-in logs in any 10 seconds per application per tenant: " +
	"the provider paces its requests to that budget, shared by every data source of the provider process, so " +
	"a read of many pages takes about 10 seconds for every 5 pages (1,000 sign-ins a page) rather than failing " +
	"with 429s. Narrow the time range to read less."

func (d *signInsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sign_ins"
}

// graphReads is what it reads from Graph (graphReader).
func (d *signInsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointSignIns}}
}

func (d *signInsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(pacedReadTimeout)},
		MarkdownDescription: "Sign-in logs: who signed in to which application, when, from where, and whether it " +
			"succeeded.\n\n" +
			"Reads every page of `GET /v1.0/auditLogs/signIns` (1,000 sign-ins a request), with the time range, " +
			"application and user sent to Graph as `$filter`. Graph v1.0 lists interactive user sign-ins only. " +
			signInsPacing + "\n\n" + signInsPermissions,
		Attributes: map[string]schema.Attribute{
			"since": schema.StringAttribute{Required: true, MarkdownDescription: sinceDescription},
			"until": schema.StringAttribute{Optional: true, MarkdownDescription: untilDescription},
			"app_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only sign-ins to this application (its application ID, a GUID).",
				Validators:          []validator.String{guidValidator},
			},
			"user_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only sign-ins of this user (their object ID, a GUID).",
				Validators:          []validator.String{guidValidator},
			},
			"successful_only": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only successful sign-ins (`status_code` 0). Default: false, failures too.",
			},
			"max_results": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Keep only the newest this many sign-ins. When it cuts the list, the data source " +
					"warns and says how many were left out (every page is still read, to count them). Without it, " +
					"the list is complete or the read fails.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"sign_ins": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The sign-ins, newest first, then by `id`. A property Graph returns as null " +
					"is null.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  computedString("The sign-in's ID."),
					"created_date_time":   computedString("When the sign-in happened (RFC 3339, UTC)."),
					"user_id":             computedString("The user's object ID."),
					"user_principal_name": computedString("The user's principal name as the log has it (lower case; a guest's home address)."),
					"user_display_name":   computedString("The user's display name."),
					"app_id":              computedString("The application ID signed in to."),
					"app_display_name":    computedString("The application's name."),
					"ip_address":          computedString("The client's IP address."),
					"client_app_used":     computedString("`clientAppUsed`, e.g. `Browser` or `Mobile Apps and Desktop clients`."),
					"is_interactive":      schema.BoolAttribute{Computed: true, MarkdownDescription: "`isInteractive`."},
					"status_code": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "`status.errorCode`: 0 is success, anything else an AADSTS error code."},
					"failure_reason":    computedString("`status.failureReason`."),
					"city":              computedString("`location.city`."),
					"state":             computedString("`location.state`."),
					"country_or_region": computedString("`location.countryOrRegion` (two letters)."),
				}},
			},
		},
	}
}

func (d *signInsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	readSignInWindow(ctx, req.Config, time.Now(), true, &resp.Diagnostics)
}

func (d *signInsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *signInsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state signInsModel
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

	q := inventory.SignInQuery{
		Since:          window.since,
		Until:          window.until,
		UserID:         state.UserID.ValueString(),
		SuccessfulOnly: state.SuccessfulOnly.ValueBool(),
	}
	if id := state.AppID.ValueString(); id != "" {
		q.AppIDs = []string{id}
	}
	maxResults := int(state.MaxResults.ValueInt64())

	list, omitted, err := inventory.SignIns(ctx, d.provider.graph, q, maxResults)
	if err != nil {
		readError(diags, "Sign-Ins", err)
		return nil
	}
	if omitted > 0 {
		diags.AddAttributeWarning(path.Root("max_results"), "Sign-In List Cut by max_results",
			fmt.Sprintf("%d sign-ins match; max_results = %d keeps the newest %d and leaves out %d. "+
				"Raise max_results or narrow since, until, app_id or user_id to see them all.",
				len(list)+omitted, maxResults, len(list), omitted))
	}
	state.SignIns = make([]signInModel, 0, len(list))
	for _, s := range list {
		state.SignIns = append(state.SignIns, signInModelFrom(s))
	}
	return &state
}

func signInModelFrom(s inventory.SignIn) signInModel {
	return signInModel{
		ID:                types.StringValue(s.ID),
		CreatedDateTime:   timeValue(s.CreatedDateTime),
		UserID:            types.StringPointerValue(s.UserID),
		UserPrincipalName: types.StringPointerValue(s.UserPrincipalName),
		UserDisplayName:   types.StringPointerValue(s.UserDisplayName),
		AppID:             types.StringPointerValue(s.AppID),
		AppDisplayName:    types.StringPointerValue(s.AppDisplayName),
		IPAddress:         types.StringPointerValue(s.IPAddress),
		ClientAppUsed:     types.StringPointerValue(s.ClientAppUsed),
		IsInteractive:     types.BoolPointerValue(s.IsInteractive),
		StatusCode:        types.Int64PointerValue(s.ErrorCode),
		FailureReason:     types.StringPointerValue(s.FailureReason),
		City:              types.StringPointerValue(s.City),
		State:             types.StringPointerValue(s.State),
		CountryOrRegion:   types.StringPointerValue(s.CountryOrRegion),
	}
}
