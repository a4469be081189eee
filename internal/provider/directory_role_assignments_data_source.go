package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	_ datasource.DataSourceWithConfigure = &directoryRoleAssignmentsDataSource{}
	_ stateReader                        = &directoryRoleAssignmentsDataSource{}
)

// directoryRoleAssignmentsDataSource is who administers the tenant: each
// directory role held, actively or as eligible.
type directoryRoleAssignmentsDataSource struct {
	configuredData
}

func newDirectoryRoleAssignmentsDataSource() datasource.DataSource {
	return &directoryRoleAssignmentsDataSource{}
}

type directoryRoleAssignmentsModel struct {
	Timeouts        timeouts.Value                 `tfsdk:"timeouts"`
	RoleNames       types.Set                      `tfsdk:"role_names"`
	IncludeEligible types.Bool                     `tfsdk:"include_eligible"`
	Assignments     []directoryRoleAssignmentModel `tfsdk:"assignments"`
}

type directoryRoleAssignmentModel struct {
	ID                         types.String `tfsdk:"id"`
	RoleDefinitionID           types.String `tfsdk:"role_definition_id"`
	RoleDisplayName            types.String `tfsdk:"role_display_name"`
	RoleTemplateID             types.String `tfsdk:"role_template_id"`
	IsBuiltIn                  types.Bool   `tfsdk:"is_built_in"`
	PrincipalID                types.String `tfsdk:"principal_id"`
	PrincipalType              types.String `tfsdk:"principal_type"`
	PrincipalDisplayName       types.String `tfsdk:"principal_display_name"`
	PrincipalUserPrincipalName types.String `tfsdk:"principal_user_principal_name"`
	PrincipalUserType          types.String `tfsdk:"principal_user_type"`
	DirectoryScopeID           types.String `tfsdk:"directory_scope_id"`
	AssignmentType             types.String `tfsdk:"assignment_type"`
	StartDateTime              types.String `tfsdk:"start_date_time"`
	EndDateTime                types.String `tfsdk:"end_date_time"`
}

func (d *directoryRoleAssignmentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_directory_role_assignments"
}

// graphReads is what it reads from Graph (graphReader): the definitions,
// the active PIM instances and (include_eligible, the default) the
// eligible ones; roleAssignments instead of the active instances in a
// tenant without Entra ID P2.
func (d *directoryRoleAssignmentsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{
		Endpoints: []string{inventory.EndpointRoleDefinitions, inventory.EndpointRoleAssignmentInstances, inventory.EndpointRoleEligibilityInstances},
		Sometimes: []string{inventory.EndpointRoleAssignments},
		When:      "in a tenant without Microsoft Entra ID P2 or ID Governance (instead of the PIM assignment instances)",
	}
}

// roleNameValidator: a role display name is not blank.
var roleNameValidator = stringCheck{"must be a role display name such as Global Administrator", func(s string) string {
	if strings.TrimSpace(s) == "" {
		return "it is empty; use a role display name such as Global Administrator"
	}
	return ""
}}

func (d *directoryRoleAssignmentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Who administers the tenant: every Microsoft Entra ID directory role held, actively or as " +
			"eligible (Privileged Identity Management), tenant-wide or scoped, by users, groups and service principals.\n\n" +
			"Reads `GET /v1.0/roleManagement/directory/roleDefinitions` once (for the role names), then the active " +
			"assignments from `roleAssignmentScheduleInstances` (with their start and end) and the eligible ones from " +
			"`roleEligibilityScheduleInstances`, each with `$expand=principal`: a request per page, never one per " +
			"principal or assignment. In a tenant without Microsoft Entra ID P2 or ID Governance, Graph answers the " +
			"instance list `AadPremiumLicenseRequired`; the active assignments are then read from `roleAssignments`, " +
			"whose rows have no start or end. Requires the Microsoft Graph **application** permission " +
			"`RoleManagement.Read.Directory`, with admin consent (`Directory.Read.All` covers the definitions and " +
			"`roleAssignments` but not the PIM lists). The principals' names come from the expansion: with no " +
			"permission to read users (`User.Read.All`), groups or service principals, Graph sends only their ids.",
		Attributes: map[string]schema.Attribute{
			"role_names": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Keep only these roles, by display name (e.g. `Global Administrator`), compared " +
					"case-insensitively. Graph is asked for those roles only (`$filter=roleDefinitionId eq …` or `in (…)`). " +
					"A name the tenant has no role for is an error that lists the tenant's roles. Empty or unset keeps every role.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(roleNameValidator), distinctIgnoringCase{}},
			},
			"include_eligible": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read eligible assignments (default `true`). They need " +
					"`RoleEligibilitySchedule.Read.Directory` or `RoleManagement.Read.Directory` and a tenant with " +
					"Microsoft Entra ID P2 or ID Governance; without either the read fails with an error that says which. " +
					"`false` reads active assignments only.",
			},
			"assignments": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The assignments, sorted by `role_display_name` and `principal_display_name` " +
					"(case-insensitive), then `principal_id`, `assignment_type` and `id`. A role held through a " +
					"role-assignable group appears once, on the group (`azuresaas_group_members` lists its members): the " +
					"rows Graph repeats for each member (`memberType` `Group`) and inherited copies (`Inherited`) are left out.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                 computedString("The assignment's or schedule instance's `id` (opaque, not a GUID)."),
					"role_definition_id": computedString("`roleDefinitionId`."),
					"role_display_name":  computedString("The role's `displayName`; null when the tenant has no such definition."),
					"role_template_id": computedString("The role's `templateId` (for a built-in role equal to its id, the same in " +
						"every tenant, e.g. `62e90394-69f5-4237-9190-012177145e10` for Global Administrator)."),
					"is_built_in":  computedBool("The role's `isBuiltIn`: false for a custom role."),
					"principal_id": computedString("`principalId`: the user, group or service principal holding the role."),
					"principal_type": computedString("`user`, `group` or `servicePrincipal` (types derived from them count as " +
						"them; any other type as Graph names it); null when the principal was deleted."),
					"principal_display_name":        computedString("The principal's `displayName`; null when deleted or not readable."),
					"principal_user_principal_name": computedString("The user's `userPrincipalName`; null for other types."),
					"principal_user_type":           computedString("The user's `userType` (`Member` or `Guest`); null for other types."),
					"directory_scope_id": computedString("`directoryScopeId` as Graph gives it: `/` is the whole tenant, " +
						"`/administrativeUnits/{id}` an administrative unit, `/{id}` one app registration."),
					"assignment_type": computedString("`active` (assigned, or activated just in time) or `eligible`."),
					"start_date_time": computedString("`startDateTime` (RFC 3339); null when Graph gives none " +
						"(always, for active assignments read from `roleAssignments`)."),
					"end_date_time": computedString("`endDateTime` (RFC 3339); null: permanent (or, from `roleAssignments`, " +
						"unknown: a tenant without P2 has no time-bound assignments)."),
				}},
			},
		},
	}
}

func (d *directoryRoleAssignmentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *directoryRoleAssignmentsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state directoryRoleAssignmentsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.RoleAssignmentFilter{IncludeEligible: state.IncludeEligible.IsNull() || state.IncludeEligible.ValueBool()}
	if !state.RoleNames.IsNull() {
		diags.Append(state.RoleNames.ElementsAs(ctx, &filter.RoleNames, false)...)
		if diags.HasError() {
			return nil
		}
	}
	rows, err := inventory.DirectoryRoleAssignments(ctx, d.provider.graph, filter)
	if err != nil {
		var unknown *inventory.UnknownRoleNamesError
		var refused *graph.RoleEligibilityError
		switch {
		case errors.As(err, &unknown):
			diags.AddAttributeError(path.Root("role_names"), "Unknown Directory Role", err.Error())
		case errors.As(err, &refused) && refused.NoLicence:
			diags.AddAttributeError(path.Root("include_eligible"), "Eligible Role Assignments Need Microsoft Entra ID P2", err.Error())
		case errors.As(err, &refused):
			diags.AddAttributeError(path.Root("include_eligible"), "Missing Permission For Eligible Role Assignments", err.Error())
		default:
			readError(diags, "Directory Role Assignments", err)
		}
		return nil
	}
	state.Assignments = make([]directoryRoleAssignmentModel, len(rows))
	for i, r := range rows {
		state.Assignments[i] = directoryRoleAssignmentModel{
			ID:                         types.StringValue(r.ID),
			RoleDefinitionID:           types.StringValue(r.RoleDefinitionID),
			RoleDisplayName:            types.StringPointerValue(r.RoleDisplayName),
			RoleTemplateID:             types.StringPointerValue(r.RoleTemplateID),
			IsBuiltIn:                  types.BoolPointerValue(r.IsBuiltIn),
			PrincipalID:                types.StringValue(r.PrincipalID),
			PrincipalType:              types.StringPointerValue(r.PrincipalType),
			PrincipalDisplayName:       types.StringPointerValue(r.PrincipalDisplayName),
			PrincipalUserPrincipalName: types.StringPointerValue(r.PrincipalUserPrincipalName),
			PrincipalUserType:          types.StringPointerValue(r.PrincipalUserType),
			DirectoryScopeID:           types.StringPointerValue(r.DirectoryScopeID),
			AssignmentType:             types.StringValue(r.AssignmentType),
			StartDateTime:              timeValue(r.StartDateTime),
			EndDateTime:                timeValue(r.EndDateTime),
		}
	}
	return &state
}
