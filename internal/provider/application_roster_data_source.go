package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &applicationRosterDataSource{}

// applicationRosterDataSource is the SSO Application Roster.
type applicationRosterDataSource struct {
	configuredData
}

func newApplicationRosterDataSource() datasource.DataSource { return &applicationRosterDataSource{} }

type applicationRosterModel struct {
	ServicePrincipalIDs types.Set    `tfsdk:"service_principal_ids"`
	DomainNames         types.Set    `tfsdk:"domain_names"`
	IncludeGuests       types.Bool   `tfsdk:"include_guests"`
	AssignedOnly        types.Bool   `tfsdk:"assigned_only"`
	Entries             rawListValue `tfsdk:"entries"`
	NestedGroupIDs      []string     `tfsdk:"nested_group_ids"`
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

func (d *applicationRosterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
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
			"domain_names": schema.SetAttribute{
				MarkdownDescription: "Keep the users whose user principal name **or** mail is in one of these domains, " +
					"compared case-insensitively. Overrides the provider's `domain_names`; an empty set keeps every domain.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(domainNameValidator)},
			},
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
	withRawList(&resp.Schema, "entries")
}

func (d *applicationRosterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var config applicationRosterModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := inventory.RosterOptions{
		Filter:         d.provider.userDefaults,
		AssignedOnly:   config.AssignedOnly.ValueBool(),
		MaxConcurrency: d.provider.maxConcurrency,
	}
	if !config.DomainNames.IsNull() {
		opts.Filter.DomainNames = nil
		resp.Diagnostics.Append(config.DomainNames.ElementsAs(ctx, &opts.Filter.DomainNames, false)...)
	}
	if !config.IncludeGuests.IsNull() {
		opts.Filter.IncludeGuests = config.IncludeGuests.ValueBool()
	}
	var ids []string
	resp.Diagnostics.Append(config.ServicePrincipalIDs.ElementsAs(ctx, &ids, false)...)
	if resp.Diagnostics.HasError() {
		return
	}

	roster, err := inventory.ApplicationRoster(ctx, d.provider.graph, ids, opts)
	var notFound *inventory.NotFoundError
	if errors.As(err, &notFound) && notFound.Kind == "service principal" {
		resp.Diagnostics.AddAttributeError(path.Root("service_principal_ids"), "Unknown Service Principal", err.Error())
		return
	}
	if err != nil {
		readError(&resp.Diagnostics, "the SSO Application Roster", err)
		return
	}
	elements := make([]rosterEntryModel, 0, len(roster.Entries))
	for _, e := range roster.Entries {
		elements = append(elements, rosterEntryModel{
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
	// Built directly: a roster can have millions of entries (tfvalues.go).
	element, err := listElementType(ctx, resp.State, "entries")
	var values []tftypes.Value
	if err == nil {
		values, err = modelValues(element, elements)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unexpected Schema", err.Error()+". This is a bug in the provider: please report it.")
		return
	}
	resp.Diagnostics.Append(setStateWith(ctx, req.Config, &resp.State, map[string]tftypes.Value{
		"entries":          tftypes.NewValue(tftypes.List{ElementType: element}, values),
		"nested_group_ids": tfStringList(roster.NestedGroupIDs),
	})...)
}
