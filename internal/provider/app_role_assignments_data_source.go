package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
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
	_ datasource.DataSourceWithConfigure        = &appRoleAssignmentsDataSource{}
	_ stateReader                               = &appRoleAssignmentsDataSource{}
	_ datasource.DataSourceWithConfigValidators = &appRoleAssignmentsDataSource{}
)

// appRoleAssignmentsDataSource lists who holds an application's app roles.
type appRoleAssignmentsDataSource struct {
	configuredData
}

func newAppRoleAssignmentsDataSource() datasource.DataSource { return &appRoleAssignmentsDataSource{} }

type appRoleAssignmentsModel struct {
	Timeouts           timeouts.Value           `tfsdk:"timeouts"`
	ServicePrincipalID types.String             `tfsdk:"service_principal_id"`
	AppID              types.String             `tfsdk:"app_id"`
	Assignments        []appRoleAssignmentModel `tfsdk:"assignments"`
}

type appRoleAssignmentModel struct {
	ID                   types.String `tfsdk:"id"`
	PrincipalID          types.String `tfsdk:"principal_id"`
	PrincipalType        types.String `tfsdk:"principal_type"`
	PrincipalDisplayName types.String `tfsdk:"principal_display_name"`
	AppRoleID            types.String `tfsdk:"app_role_id"`
	CreatedDateTime      types.String `tfsdk:"created_date_time"`
	ResourceID           types.String `tfsdk:"resource_id"`
	ResourceDisplayName  types.String `tfsdk:"resource_display_name"`
}

func (d *appRoleAssignmentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_app_role_assignments"
}

// graphReads is what it reads from Graph (graphReader).
func (d *appRoleAssignmentsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointAppRoleAssignedTo},
		Sometimes: []string{inventory.EndpointServicePrincipals}, When: "with app_id, to find its service principal"}
}

func (d *appRoleAssignmentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "The app role assignments of one application: the users, groups and service principals " +
			"granted its roles (an enterprise application's *Users and groups*).\n\n" +
			"Reads every page of `GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo` (999 a request); an `app_id` is " +
			"first resolved with `GET /v1.0/servicePrincipals?$filter=appId eq '…'`. Requires the Microsoft Graph " +
			"**application** permission `Application.Read.All` (or `Directory.Read.All`), with admin consent.",
		Attributes: map[string]schema.Attribute{
			"service_principal_id": schema.StringAttribute{
				MarkdownDescription: "The application's service principal object ID (its App Instance ID, the enterprise " +
					"application's *Object ID*). Exactly one of `service_principal_id` and `app_id` is required; when " +
					"`app_id` is given, this is the service principal it resolves to.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{guidValidator},
			},
			"app_id": schema.StringAttribute{
				MarkdownDescription: "The application (client) ID. Exactly one of `service_principal_id` and `app_id` is " +
					"required; an application ID without a service principal in the tenant is an error.",
				Optional:   true,
				Validators: []validator.String{guidValidator},
			},
			"assignments": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The assignments, sorted by `principal_display_name` (case-insensitive), then `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": computedString("The assignment's ID. Not a GUID: Graph encodes the principal's ID and a second GUID " +
						"in 43 base64url characters."),
					"principal_id":           computedString("The object ID of the user, group or service principal granted the role."),
					"principal_type":         computedString("`User`, `Group` or `ServicePrincipal`."),
					"principal_display_name": computedString("`principalDisplayName`."),
					"app_role_id": computedString("The app role's ID; `00000000-0000-0000-0000-000000000000` is the default " +
						"access role (no specific role)."),
					"created_date_time":     computedString("When the assignment was made (RFC 3339)."),
					"resource_id":           computedString("The service principal the role belongs to."),
					"resource_display_name": computedString("`resourceDisplayName`: the application's name."),
				}},
			},
		},
	}
}

func (d *appRoleAssignmentsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("service_principal_id"), path.MatchRoot("app_id")),
	}
}

func (d *appRoleAssignmentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *appRoleAssignmentsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state appRoleAssignmentsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	spID := state.ServicePrincipalID.ValueString()
	if !state.AppID.IsNull() {
		id, err := inventory.ResolveServicePrincipalID(ctx, d.provider.graph, state.AppID.ValueString())
		var unknown *inventory.UnknownAppIDError
		if errors.As(err, &unknown) {
			diags.AddAttributeError(path.Root("app_id"), "Unknown Application ID", err.Error())
			return nil
		}
		if err != nil {
			readError(diags, "App Role Assignments", err)
			return nil
		}
		spID = id
	}
	assignments, err := inventory.AppRoleAssignments(ctx, d.provider.graph, spID)
	var notFound *inventory.NotFoundError
	if errors.As(err, &notFound) && state.AppID.IsNull() {
		diags.AddAttributeError(path.Root("service_principal_id"), "Unknown Service Principal", err.Error())
		return nil
	}
	if err != nil {
		readError(diags, "App Role Assignments", err)
		return nil
	}
	// The service principal id is filled in when app_id named the app.
	state.ServicePrincipalID = types.StringValue(spID)
	state.Assignments = make([]appRoleAssignmentModel, 0, len(assignments))
	for _, a := range assignments {
		state.Assignments = append(state.Assignments, appRoleAssignmentModelFrom(a))
	}
	return &state
}

func appRoleAssignmentModelFrom(a inventory.AppRoleAssignment) appRoleAssignmentModel {
	return appRoleAssignmentModel{
		ID:                   types.StringValue(a.ID),
		PrincipalID:          types.StringValue(a.PrincipalID),
		PrincipalType:        types.StringPointerValue(a.PrincipalType),
		PrincipalDisplayName: types.StringPointerValue(a.PrincipalDisplayName),
		AppRoleID:            types.StringPointerValue(a.AppRoleID),
		CreatedDateTime:      timeValue(a.CreatedDateTime),
		ResourceID:           types.StringPointerValue(a.ResourceID),
		ResourceDisplayName:  types.StringPointerValue(a.ResourceDisplayName),
	}
}
