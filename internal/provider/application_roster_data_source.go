package provider

import (
	"context"
	"errors"

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
	_ datasource.DataSourceWithConfigure = &applicationRosterDataSource{}
	_ stateReader                        = &applicationRosterDataSource{}
)

// applicationRosterDataSource is the SSO Application Roster.
type applicationRosterDataSource struct {
	configuredData
}

func newApplicationRosterDataSource() datasource.DataSource { return &applicationRosterDataSource{} }

type applicationRosterModel struct {
	Timeouts            timeouts.Value     `tfsdk:"timeouts"`
	ServicePrincipalIDs types.Set          `tfsdk:"service_principal_ids"`
	DomainNames         types.Set          `tfsdk:"domain_names"`
	IncludeGuests       types.Bool         `tfsdk:"include_guests"`
	AssignedOnly        types.Bool         `tfsdk:"assigned_only"`
	Entries             []rosterEntryModel `tfsdk:"entries"`
	NestedGroupIDs      []string           `tfsdk:"nested_group_ids"`
}

type rosterEntryModel struct {
	AppID          types.String `tfsdk:"app_id"`
	AppDisplayName types.String `tfsdk:"app_display_name"`
	AppInstanceID  types.String `tfsdk:"app_instance_id"`
	UserID         types.String `tfsdk:"user_id"`
	Email          types.String `tfsdk:"email"`
	FirstName      types.String `tfsdk:"first_name"`
	LastName       types.String `tfsdk:"last_name"`
	ActiveDate     types.String `tfsdk:"active_date"`
	Source         types.String `tfsdk:"source"`
	GroupID        types.String `tfsdk:"group_id"`
}

func (d *applicationRosterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_roster"
}

// graphReads is what it reads from Graph (graphReader).
func (d *applicationRosterDataSource) graphReads() inventory.Reads {
	return inventory.ApplicationRosterReads
}

func (d *applicationRosterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "The SSO Application Roster: who may sign in to each application, directly, through a " +
			"group, or because the application is open to every user.\n\n" +
			"For an application that requires assignment, its users are the users assigned to it directly plus the " +
			"users who are **direct** members of a group assigned to it: Entra ID does not pass an assignment on to " +
			"nested groups, so their members are not on the roster, and the nested groups are listed in " +
			"`nested_group_ids`. Assignments to service principals are left out. An application that does not " +
			"require assignment (open access) gives every user of the tenant, unless `assigned_only` is true. The " +
			"domain and guest filters apply to the users; disabled users stay on the roster.\n\n" +
			"Reads, once each however many applications share them: the applications (`GET /v1.0/servicePrincipals` " +
			"with `$filter=id in (…)`, 15 to a request), each application's `appRoleAssignedTo`, each assigned " +
			"group's direct `members`, and the user list (`GET /v1.0/users`) only when an open-access application " +
			"or a directly assigned user who is in none of those groups needs it. Up to the provider's " +
			"`max_concurrency` reads run at once, each with its next page requested ahead (so up to twice as many " +
			"requests). Requires the Microsoft Graph **application** permissions " +
			"`Application.Read.All` and `GroupMember.Read.All`, and `User.Read.All` when the user list is read, " +
			"with admin consent (`Directory.Read.All` covers all three).",
		Attributes: map[string]schema.Attribute{
			"service_principal_ids": schema.SetAttribute{
				MarkdownDescription: "The applications' service principal object IDs (App Instance IDs), at least one. " +
					"An ID the tenant does not have is an error.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(guidValidator)},
			},
			"domain_names": domainNamesArgument(userDomainsDescription),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also keep guests (`userType` `Guest`). Overrides the provider's `include_guests`; " +
					"without either, only members and users with a null `userType` are kept.",
				Optional: true,
			},
			"assigned_only": schema.BoolAttribute{
				MarkdownDescription: "For open-access applications, keep only the users assigned directly or through a " +
					"group, instead of every user of the tenant. Default false.",
				Optional: true,
			},
			"entries": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "One entry per application and user, sorted by `app_display_name`, then `email` " +
					"(both case-insensitive), then `user_id`, then `app_instance_id`. When several paths give a user an " +
					"application, `source` is `direct` over `group` over `open_access`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"app_id":           computedString("The application (client) ID."),
					"app_display_name": computedString("The service principal's `displayName`."),
					"app_instance_id":  computedString("The service principal's object ID."),
					"user_id":          computedString("The user's object ID."),
					"email":            computedString("`mail`; when it is null or empty, `userPrincipalName`."),
					"first_name":       computedString("`givenName`."),
					"last_name":        computedString("`surname`."),
					"active_date": computedString("The earliest `createdDateTime` (RFC 3339) of the direct and group " +
						"assignments that give the user the application; when open access is the only path, the " +
						"user's active date (`employeeHireDate`, else `createdDateTime`)."),
					"source": computedString("`direct`, `group` or `open_access`."),
					"group_id": computedString("For `group` entries, the granting group's ID (the lowest, when several " +
						"groups grant it); null otherwise."),
				}},
			},
			"nested_group_ids": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The groups that are members of an assigned group, sorted and without repeats: " +
					"their members do not get the application through the assignment.",
			},
		},
	}
}

func (d *applicationRosterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *applicationRosterDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state applicationRosterModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	opts := inventory.RosterOptions{
		Filter:         d.provider.userDefaults,
		AssignedOnly:   state.AssignedOnly.ValueBool(),
		MaxConcurrency: d.provider.maxConcurrency,
	}
	if !state.DomainNames.IsNull() {
		opts.Filter.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &opts.Filter.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		opts.Filter.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	var ids []string
	diags.Append(state.ServicePrincipalIDs.ElementsAs(ctx, &ids, false)...)
	if diags.HasError() {
		return nil
	}

	roster, err := inventory.ApplicationRoster(ctx, d.provider.graph, ids, opts)
	var notFound *inventory.NotFoundError
	if errors.As(err, &notFound) && notFound.Kind == "service principal" {
		diags.AddAttributeError(path.Root("service_principal_ids"), "Unknown Service Principal", err.Error())
		return nil
	}
	if err != nil {
		readError(diags, "the SSO Application Roster", err)
		return nil
	}
	// A roster can have millions of entries: they are written to the wire
	// from these models (protocol_server.go).
	state.Entries = make([]rosterEntryModel, 0, len(roster.Entries))
	for _, e := range roster.Entries {
		state.Entries = append(state.Entries, rosterEntryModel{
			AppID:          types.StringValue(e.AppID),
			AppDisplayName: types.StringPointerValue(e.AppDisplayName),
			AppInstanceID:  types.StringValue(e.AppInstanceID),
			UserID:         types.StringValue(e.UserID),
			Email:          types.StringPointerValue(e.Email),
			FirstName:      types.StringPointerValue(e.FirstName),
			LastName:       types.StringPointerValue(e.LastName),
			ActiveDate:     timeValue(e.ActiveDate),
			Source:         types.StringValue(e.Source),
			GroupID:        types.StringPointerValue(e.GroupID),
		})
	}
	state.NestedGroupIDs = roster.NestedGroupIDs
	if state.NestedGroupIDs == nil {
		state.NestedGroupIDs = []string{} // an empty list, never null
	}
	return &state
}
