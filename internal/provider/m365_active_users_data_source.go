package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &m365ActiveUsersDataSource{}
	_ stateReader                        = &m365ActiveUsersDataSource{}
)

// m365ActiveUsersDataSource is the Microsoft 365 active users report: who
// uses the Exchange, OneDrive, SharePoint and Teams they hold a licence for.
type m365ActiveUsersDataSource struct {
	configuredData
}

func newM365ActiveUsersDataSource() datasource.DataSource { return &m365ActiveUsersDataSource{} }

const defaultM365Period = "D30"

type m365ActiveUsersModel struct {
	Timeouts          timeouts.Value        `tfsdk:"timeouts"`
	Period            types.String          `tfsdk:"period"`
	DomainNames       types.Set             `tfsdk:"domain_names"`
	InactiveDays      types.Int64           `tfsdk:"inactive_days"`
	ReportRefreshDate types.String          `tfsdk:"report_refresh_date"`
	NamesConcealed    types.Bool            `tfsdk:"names_concealed"`
	Users             []m365ActiveUserModel `tfsdk:"users"`
}

type m365ActiveUserModel struct {
	UserPrincipalName          types.String `tfsdk:"user_principal_name"`
	DisplayName                types.String `tfsdk:"display_name"`
	IsDeleted                  types.Bool   `tfsdk:"is_deleted"`
	DeletedDate                types.String `tfsdk:"deleted_date"`
	AssignedProducts           []string     `tfsdk:"assigned_products"`
	HasExchangeLicense         types.Bool   `tfsdk:"has_exchange_license"`
	HasOneDriveLicense         types.Bool   `tfsdk:"has_onedrive_license"`
	HasSharePointLicense       types.Bool   `tfsdk:"has_sharepoint_license"`
	HasTeamsLicense            types.Bool   `tfsdk:"has_teams_license"`
	HasYammerLicense           types.Bool   `tfsdk:"has_yammer_license"`
	ExchangeLastActivityDate   types.String `tfsdk:"exchange_last_activity_date"`
	OneDriveLastActivityDate   types.String `tfsdk:"onedrive_last_activity_date"`
	SharePointLastActivityDate types.String `tfsdk:"sharepoint_last_activity_date"`
	TeamsLastActivityDate      types.String `tfsdk:"teams_last_activity_date"`
	YammerLastActivityDate     types.String `tfsdk:"yammer_last_activity_date"`
	LastActivityDate           types.String `tfsdk:"last_activity_date"`
}

func (d *m365ActiveUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_m365_active_users"
}

// graphReads is what it reads from Graph (graphReader): the report
// request; its download is not a Graph request.
func (d *m365ActiveUsersDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointM365ActiveUsers}}
}

func (d *m365ActiveUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	date := func(what string) schema.StringAttribute {
		return computedString(what + " (`YYYY-MM-DD`); null when the report's cell is empty.")
	}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(pacedReadTimeout)},
		MarkdownDescription: "Who uses the Microsoft 365 services they hold a licence for: Microsoft's " +
			"\"Microsoft 365 active users\" usage report, one entry per user, with the products assigned and the " +
			"last activity date in Exchange, OneDrive, SharePoint, Teams and Yammer (Viva Engage).\n\n" +
			"Reads `GET /v1.0/reports/getOffice365ActiveUserDetail(period='…')`. Graph answers with a redirect to " +
			"a short-lived, pre-authorised CSV download: the provider follows that one redirect (for this report " +
			"only, only to `https`), sends no `Authorization` header or any other credential there, and reads the " +
			"CSV as a stream. A download that fails is retried by requesting the report again. Requires the Microsoft " +
			"Graph **application** permission `Reports.Read.All`, with admin consent (`Directory.Read.All` does " +
			"not cover usage reports). Microsoft allows 14 report requests per 10 minutes per application; a " +
			"throttled request waits as Graph asks.\n\n" +
			"Since 2021 tenants conceal user names in usage reports by default: every name is then a hash that " +
			"matches nothing in the directory, `names_concealed` is true and the read warns. A Global Administrator " +
			"turns it off in the Microsoft 365 admin center (Settings > Org settings > Services > Reports: " +
			"\"Display concealed user, group, and site names in all reports\"); `azuresaas_integration_status` " +
			"reports the setting.",
		Attributes: map[string]schema.Attribute{
			"period": schema.StringAttribute{
				MarkdownDescription: "The report's period: `D7`, `D30`, `D90` or `D180` (days). Default `D30`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(graph.M365ReportPeriods...)},
			},
			"domain_names": domainNamesArgument("Keep the users whose user principal name is in one of these domains, " +
				"compared case-insensitively. Overrides the provider's `domain_names`; an empty set keeps every domain. " +
				"When the tenant conceals names in reports, a domain filter (this one or the provider's) is an error " +
				"that names the setting: set `domain_names = []` to read the concealed report."),
			"inactive_days": schema.Int64Attribute{
				MarkdownDescription: "Keep only the users whose newest activity in any product (`last_activity_date`) " +
					"is null or more than this many days before `report_refresh_date`. A whole number, at least 1.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"report_refresh_date": computedString("The report's `Report Refresh Date` (`YYYY-MM-DD`): the day its " +
				"data is as of, usually a day or two before the read. Null when the report has no rows."),
			"names_concealed": computedBool("True when the report's user names are concealed (hashes instead of " +
				"user principal names): the tenant's \"Display concealed user, group, and site names in all reports\" " +
				"setting is on. Nothing can then be joined with the directory."),
			"users": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The report's users, deleted accounts included, sorted by `user_principal_name` " +
					"(case-insensitive); accounts of the same name by `is_deleted`, then `deleted_date`, then `display_name`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"user_principal_name": computedString("`User Principal Name`; a hash when names are concealed."),
					"display_name":        computedString("`Display Name`; null when empty."),
					"is_deleted":          computedBool("`Is Deleted`."),
					"deleted_date":        date("`Deleted Date`"),
					"assigned_products": computedStrings("`Assigned Products`: the product names, sorted (the report " +
						"joins them with `+`; a ` + ` inside a name, as in `ENTERPRISE MOBILITY + SECURITY E5`, stays in it)."),
					"has_exchange_license":          computedBool("`Has Exchange License`."),
					"has_onedrive_license":          computedBool("`Has OneDrive License`."),
					"has_sharepoint_license":        computedBool("`Has SharePoint License`."),
					"has_teams_license":             computedBool("`Has Teams License`; null where the report has no Teams column."),
					"has_yammer_license":            computedBool("`Has Yammer License`; null where the report has no Yammer column."),
					"exchange_last_activity_date":   date("`Exchange Last Activity Date`"),
					"onedrive_last_activity_date":   date("`OneDrive Last Activity Date`"),
					"sharepoint_last_activity_date": date("`SharePoint Last Activity Date`"),
					"teams_last_activity_date":      date("`Teams Last Activity Date`"),
					"yammer_last_activity_date":     date("`Yammer Last Activity Date`"),
					"last_activity_date":            date("The newest of the five product activity dates"),
				}},
			},
		},
	}
}

func (d *m365ActiveUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *m365ActiveUsersDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	if !d.configured(diags) {
		return nil
	}
	var state m365ActiveUsersModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, pacedReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.M365UsageFilter{Period: defaultM365Period, DomainNames: d.provider.userDefaults.DomainNames,
		InactiveDays: int(state.InactiveDays.ValueInt64())}
	if !state.Period.IsNull() {
		filter.Period = state.Period.ValueString()
	}
	if !state.DomainNames.IsNull() {
		filter.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &filter.DomainNames, false)...)
	}
	if diags.HasError() {
		return nil
	}

	usage, err := inventory.M365ActiveUsers(ctx, d.provider.graph, filter)
	var concealed *inventory.ConcealedNamesError
	switch {
	case errors.As(err, &concealed):
		diags.AddAttributeError(path.Root("domain_names"), "Names Are Concealed in Microsoft 365 Usage Reports", err.Error())
		return nil
	case err != nil:
		readError(diags, "Microsoft 365 Active Users", err)
		return nil
	}
	if usage.NamesConcealed {
		diags.AddWarning("Microsoft 365 Usage Report Conceals User Names",
			"The tenant conceals user names in Microsoft 365 usage reports: every user_principal_name and display_name "+
				"of azuresaas_m365_active_users is a hash that matches nothing in the directory, so the report cannot be "+
				"joined with users or licence assignments. A Global Administrator can turn off \""+
				"Display concealed user, group, and site names in all reports\" in the Microsoft 365 admin center "+
				"(Settings > Org settings > Services > Reports); names show in reports from then on.")
	}
	state.ReportRefreshDate = dateValue(usage.RefreshDate)
	state.NamesConcealed = types.BoolValue(usage.NamesConcealed)
	state.Users = make([]m365ActiveUserModel, len(usage.Users))
	for i, u := range usage.Users {
		state.Users[i] = m365ActiveUserModelFrom(u)
	}
	return &state
}

func m365ActiveUserModelFrom(u inventory.M365ActiveUser) m365ActiveUserModel {
	return m365ActiveUserModel{
		UserPrincipalName:          types.StringValue(u.UserPrincipalName),
		DisplayName:                types.StringPointerValue(u.DisplayName),
		IsDeleted:                  types.BoolPointerValue(u.IsDeleted),
		DeletedDate:                dateValue(u.DeletedDate),
		AssignedProducts:           u.AssignedProducts,
		HasExchangeLicense:         types.BoolPointerValue(u.HasExchangeLicense),
		HasOneDriveLicense:         types.BoolPointerValue(u.HasOneDriveLicense),
		HasSharePointLicense:       types.BoolPointerValue(u.HasSharePointLicense),
		HasTeamsLicense:            types.BoolPointerValue(u.HasTeamsLicense),
		HasYammerLicense:           types.BoolPointerValue(u.HasYammerLicense),
		ExchangeLastActivityDate:   dateValue(u.ExchangeLastActivity),
		OneDriveLastActivityDate:   dateValue(u.OneDriveLastActivity),
		SharePointLastActivityDate: dateValue(u.SharePointLastActivity),
		TeamsLastActivityDate:      dateValue(u.TeamsLastActivity),
		YammerLastActivityDate:     dateValue(u.YammerLastActivity),
		LastActivityDate:           dateValue(u.LastActivity),
	}
}

// dateValue formats a report date as YYYY-MM-DD, or null.
func dateValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.Format(time.DateOnly))
}
