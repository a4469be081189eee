package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
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
	_ datasource.DataSourceWithConfigure = &groupMembersDataSource{}
	_ stateReader                        = &groupMembersDataSource{}
)

// groupMembersDataSource lists a group's members.
type groupMembersDataSource struct {
	configuredData
}

func newGroupMembersDataSource() datasource.DataSource { return &groupMembersDataSource{} }

type groupMembersModel struct {
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
	GroupID    types.String   `tfsdk:"group_id"`
	Transitive types.Bool     `tfsdk:"transitive"`
	Members    []memberModel  `tfsdk:"members"`
}

type memberModel struct {
	ID                types.String `tfsdk:"id"`
	Type              types.String `tfsdk:"type"`
	DisplayName       types.String `tfsdk:"display_name"`
	UserPrincipalName types.String `tfsdk:"user_principal_name"`
	Email             types.String `tfsdk:"email"`
	FirstName         types.String `tfsdk:"first_name"`
	LastName          types.String `tfsdk:"last_name"`
	UserType          types.String `tfsdk:"user_type"`
}

func (d *groupMembersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_members"
}

// graphReads is what it reads from Graph (graphReader).
func (d *groupMembersDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointGroupMembers},
		Sometimes: []string{inventory.EndpointGroupTransitiveMembers}, When: "with transitive = true"}
}

func (d *groupMembersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "The members of a group: users, groups, service principals, devices and organizational " +
			"contacts.\n\n" +
			"Reads every page of `GET /v1.0/groups/{id}/members`, or `/transitiveMembers` with `transitive = true` " +
			"(999 a request, only the properties used). Requires the Microsoft Graph **application** permission " +
			"`GroupMember.Read.All` (or `Group.Read.All`, `Directory.Read.All`), with admin consent. Members of a type " +
			"the application may not read (devices without `Device.Read.All`, for example) are listed with their " +
			"`id` and `type` only. Graph v1.0 leaves service principals out of direct members (a known issue); they " +
			"are among the transitive members.",
		Attributes: map[string]schema.Attribute{
			"group_id": schema.StringAttribute{
				MarkdownDescription: "The group's object ID. A group that does not exist is an error.",
				Required:            true,
				Validators:          []validator.String{guidValidator},
			},
			"transitive": schema.BoolAttribute{
				MarkdownDescription: "List the members of nested groups too, each object once (`/transitiveMembers`). " +
					"Default false: direct members only (`/members`).",
				Optional: true,
			},
			"members": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The members, sorted by `display_name` (case-insensitive), then `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": computedString("The member's object ID."),
					"type": computedString("`user`, `group`, `servicePrincipal`, `device` or `orgContact` (from " +
						"`@odata.type`)."),
					"display_name":        computedString("`displayName`; null for a member the application may not read."),
					"user_principal_name": computedString("`userPrincipalName` (users only)."),
					"email":               computedString("`mail`; when it is null or empty, `userPrincipalName` (users only)."),
					"first_name":          computedString("`givenName` (users only)."),
					"last_name":           computedString("`surname` (users only)."),
					"user_type":           computedString("`userType`: `Member`, `Guest` or null (users only)."),
				}},
			},
		},
	}
}

func (d *groupMembersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *groupMembersDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state groupMembersModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	members, err := inventory.GroupMembers(ctx, d.provider.graph, state.GroupID.ValueString(), state.Transitive.ValueBool())
	var notFound *inventory.NotFoundError
	if errors.As(err, &notFound) {
		diags.AddAttributeError(path.Root("group_id"), "Unknown Group", err.Error())
		return nil
	}
	if err != nil {
		readError(diags, "Group Members", err)
		return nil
	}
	state.Members = make([]memberModel, 0, len(members))
	for _, m := range members {
		state.Members = append(state.Members, memberModel{
			ID:                types.StringValue(m.ID),
			Type:              types.StringValue(m.Type),
			DisplayName:       types.StringPointerValue(m.DisplayName),
			UserPrincipalName: types.StringPointerValue(m.UserPrincipalName),
			Email:             types.StringPointerValue(m.Email),
			FirstName:         types.StringPointerValue(m.FirstName),
			LastName:          types.StringPointerValue(m.LastName),
			UserType:          types.StringPointerValue(m.UserType),
		})
	}
	return &state
}
