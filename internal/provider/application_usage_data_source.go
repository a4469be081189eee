package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	_ datasource.DataSourceWithConfigure      = &applicationUsageDataSource{}
	_ datasource.DataSourceWithValidateConfig = &applicationUsageDataSource{}
	_ stateReader                             = &applicationUsageDataSource{}
)

// applicationUsageDataSource is one row per application: the counts of
// its roster and of its access list, without a row per (app, user).
type applicationUsageDataSource struct {
	configuredData
}

func newApplicationUsageDataSource() datasource.DataSource { return &applicationUsageDataSource{} }

type applicationUsageModel struct {
	Timeouts            timeouts.Value  `tfsdk:"timeouts"`
	ServicePrincipalIDs types.Set       `tfsdk:"service_principal_ids"`
	DomainNames         types.Set       `tfsdk:"domain_names"`
	IncludeGuests       types.Bool      `tfsdk:"include_guests"`
	Since               types.String    `tfsdk:"since"`
	Applications        []appUsageModel `tfsdk:"applications"`
}

type appUsageModel struct {
	AppInstanceID         types.String `tfsdk:"app_instance_id"`
	AppID                 types.String `tfsdk:"app_id"`
	DisplayName           types.String `tfsdk:"display_name"`
	AssignmentRequired    types.Bool   `tfsdk:"assignment_required"`
	OpenAccess            types.Bool   `tfsdk:"open_access"`
	AssignedUsers         types.Int64  `tfsdk:"assigned_users"`
	DirectUsers           types.Int64  `tfsdk:"direct_users"`
	GroupUsers            types.Int64  `tfsdk:"group_users"`
	AssignedGroups        types.Int64  `tfsdk:"assigned_groups"`
	NestedGroups          types.Int64  `tfsdk:"nested_groups"`
	ActiveUsers           types.Int64  `tfsdk:"active_users"`
	ActiveAssignedUsers   types.Int64  `tfsdk:"active_assigned_users"`
	InactiveAssignedUsers types.Int64  `tfsdk:"inactive_assigned_users"`
	SignInCount           types.Int64  `tfsdk:"sign_in_count"`
	LastSignIn            types.String `tfsdk:"last_sign_in"`
}

func (d *applicationUsageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_usage"
}

// graphReads is what it reads from Graph (graphReader): the roster's reads,
// and the access list's with since.
func (d *applicationUsageDataSource) graphReads() inventory.Reads {
	return inventory.Reads{
		Endpoints: []string{inventory.EndpointServicePrincipals, inventory.EndpointAppRoleAssignedTo, inventory.EndpointGroupMembers},
		Sometimes: []string{inventory.EndpointSignIns, inventory.EndpointUsers},
		When: "the sign-in logs with since; the user list for directly assigned users in none of the groups read, " +
			"and with since when a guest or domain filter is set (the provider's default leaves guests out)",
	}
}

func computedCount(description string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
}

func (d *applicationUsageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	withSince := " With `since` only; null without it."
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock("`" + durationText(directoryReadTimeout) + "`, `" +
			durationText(pacedReadTimeout) + "` with `since`")},
		MarkdownDescription: "Application usage: one row per application with how many people it is assigned to " +
			"and, with `since`, how many of them use it — the numbers an application review needs, without the " +
			"row per application and user of `azuresaas_application_roster` and `azuresaas_application_access`. " +
			"Every count equals the number of rows those data sources return for the same arguments " +
			"(`azuresaas_application_roster` with `assigned_only = true`).\n\n" +
			"Reads what `azuresaas_application_roster` reads, once each however many applications share them: the " +
			"applications (`GET /v1.0/servicePrincipals` with `$filter=id in (…)`, 15 to a request; without " +
			"`service_principal_ids`, the service principal list instead), each application's `appRoleAssignedTo`, " +
			"each assigned group's direct `members`, and the user list (`GET /v1.0/users`) when a directly assigned " +
			"user is in none of those groups. With `since`, also what `azuresaas_application_access` reads for the " +
			"applications' IDs: the successful sign-ins from `since` to the start of the read, and the user list " +
			"when a user filter is set (read once, whichever needs it). " + signInsPacing + "\n\n" +
			"Memory follows the distinct users and group memberships, not the (application, user) pairs: users " +
			"and groups are numbered once, and each group's members are kept as numbers, shared by every " +
			"application the group is assigned to.\n\n" +
			"Requires the Microsoft Graph **application** permissions `Application.Read.All` and " +
			"`GroupMember.Read.All`, and `User.Read.All` when the user list is read, with admin consent " +
			"(`Directory.Read.All` covers all three); with `since`, also what the sign-in logs need: " + signInsPermissions,
		Attributes: map[string]schema.Attribute{
			"service_principal_ids": schema.SetAttribute{
				MarkdownDescription: "The applications' service principal object IDs (App Instance IDs). An ID the " +
					"tenant does not have is an error. Unset: every application `azuresaas_service_principals` " +
					"returns with `exclude_first_party = true` and `enterprise_apps_only = true`.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(guidValidator)},
			},
			"domain_names": domainNamesArgument(userDomainsDescription + " Applies to every count."),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also count guests (`userType` `Guest`). Overrides the provider's `include_guests`; " +
					"without either, only members and users with a null `userType` are counted. A sign-in of a user " +
					"who is no longer in the directory counts only when guests are included and no domain is named.",
				Optional: true,
			},
			"since": schema.StringAttribute{Optional: true, MarkdownDescription: sinceDescription + " Unset: no sign-in " +
				"log is read, and the activity attributes are null."},
			"applications": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "One row per application, sorted by `display_name` (case-insensitive), then " +
					"`app_instance_id`. User counts are of distinct users that pass the domain and guest filters.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"app_instance_id":     computedString("The service principal's object ID."),
					"app_id":              computedString("The application (client) ID."),
					"display_name":        computedString("The service principal's `displayName`."),
					"assignment_required": computedBool("`appRoleAssignmentRequired`."),
					"open_access": computedBool("True when assignment is not required, so every user of the tenant may " +
						"sign in. Open access adds nothing to the counts: they are of assignments."),
					"assigned_users": computedCount("Users assigned directly or as direct members of an assigned group: " +
						"the roster's `direct` and `group` entries."),
					"direct_users":    computedCount("Of `assigned_users`, those with a direct assignment."),
					"group_users":     computedCount("Of `assigned_users`, those with at least one group path (a user with both counts in both)."),
					"assigned_groups": computedCount("Distinct groups assigned to the application."),
					"nested_groups": computedCount("Distinct groups that are direct members of an assigned group: the " +
						"roster's `nested_group_ids` for this application. Entra ID does not pass the assignment on to " +
						"their members, who are not counted."),
					"active_users": computedCount("Distinct users with a successful sign-in to the application since " +
						"`since`, assigned or not." + withSince),
					"active_assigned_users":   computedCount("Of `assigned_users`, those among `active_users`." + withSince),
					"inactive_assigned_users": computedCount("`assigned_users` less `active_assigned_users`." + withSince),
					"sign_in_count": computedCount("Successful sign-ins to the application since `since`, by the " +
						"users counted." + withSince),
					"last_sign_in": computedString("The newest of those sign-ins (RFC 3339, UTC); null when there is " +
						"none, and without `since`."),
				}},
			},
		},
	}
}

func (d *applicationUsageDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	readSignInWindow(ctx, req.Config, time.Now(), true, &resp.Diagnostics)
}

func (d *applicationUsageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *applicationUsageDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state applicationUsageModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	limit := directoryReadTimeout
	if !state.Since.IsNull() {
		limit = pacedReadTimeout
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, limit, diags)
	if !ok {
		return nil
	}
	defer cancel()
	opts := inventory.UsageOptions{
		Filter:         d.provider.userDefaults,
		Discovery:      inventory.DiscoveryFilter{ExcludeFirstParty: true, EnterpriseAppsOnly: true},
		MaxConcurrency: d.provider.maxConcurrency,
	}
	if !state.Since.IsNull() {
		start := time.Now()
		window, ok := readSignInWindow(ctx, config, start, false, diags)
		if !ok || diags.HasError() {
			return nil
		}
		opts.Activity = &inventory.UsageWindow{Since: window.since, Until: start.UTC()}
	}
	if !state.DomainNames.IsNull() {
		opts.Filter.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &opts.Filter.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		opts.Filter.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	var ids []string
	if !state.ServicePrincipalIDs.IsNull() {
		ids = []string{}
		diags.Append(state.ServicePrincipalIDs.ElementsAs(ctx, &ids, false)...)
	}
	if diags.HasError() {
		return nil
	}

	usage, err := inventory.ApplicationUsage(ctx, d.provider.graph, ids, opts)
	var notFound *inventory.NotFoundError
	if errors.As(err, &notFound) && notFound.Kind == "service principal" {
		diags.AddAttributeError(path.Root("service_principal_ids"), "Unknown Service Principal", err.Error())
		return nil
	}
	if err != nil {
		readError(diags, "Application Usage", err)
		return nil
	}
	state.Applications = make([]appUsageModel, 0, len(usage))
	for _, u := range usage {
		state.Applications = append(state.Applications, appUsageModelFrom(u))
	}
	return &state
}

func appUsageModelFrom(u inventory.AppUsage) appUsageModel {
	count := func(n int) types.Int64 { return types.Int64Value(int64(n)) }
	m := appUsageModel{
		AppInstanceID:         types.StringValue(u.AppInstanceID),
		AppID:                 types.StringValue(u.AppID),
		DisplayName:           types.StringPointerValue(u.DisplayName),
		AssignmentRequired:    types.BoolValue(u.AssignmentRequired),
		OpenAccess:            types.BoolValue(!u.AssignmentRequired),
		AssignedUsers:         count(u.AssignedUsers),
		DirectUsers:           count(u.DirectUsers),
		GroupUsers:            count(u.GroupUsers),
		AssignedGroups:        count(u.AssignedGroups),
		NestedGroups:          count(u.NestedGroups),
		ActiveUsers:           types.Int64Null(),
		ActiveAssignedUsers:   types.Int64Null(),
		InactiveAssignedUsers: types.Int64Null(),
		SignInCount:           types.Int64Null(),
		LastSignIn:            types.StringNull(),
	}
	if a := u.Activity; a != nil {
		m.ActiveUsers, m.ActiveAssignedUsers = count(a.ActiveUsers), count(a.ActiveAssignedUsers)
		m.InactiveAssignedUsers, m.SignInCount = count(a.InactiveAssignedUsers), count(a.SignInCount)
		m.LastSignIn = timeValue(a.LastSignIn)
	}
	return m
}
