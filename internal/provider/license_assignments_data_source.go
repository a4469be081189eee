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

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &licenseAssignmentsDataSource{}

// licenseAssignmentsDataSource is the seat view licence reclamation starts
// from: one entry per (user, SKU) held.
type licenseAssignmentsDataSource struct {
	configuredData
}

func newLicenseAssignmentsDataSource() datasource.DataSource { return &licenseAssignmentsDataSource{} }

// licenseAssignmentsModel is the state model of the wire contract: the
// arguments as framework values, the result as plain Go.
type licenseAssignmentsModel struct {
	Timeouts              timeouts.Value           `tfsdk:"timeouts"`
	SkuPartNumbers        types.Set                `tfsdk:"sku_part_numbers"`
	DomainNames           types.Set                `tfsdk:"domain_names"`
	IncludeGuests         types.Bool               `tfsdk:"include_guests"`
	IncludeSignInActivity types.Bool               `tfsdk:"include_sign_in_activity"`
	Assignments           []licenseAssignmentModel `tfsdk:"assignments"`
}

type licenseAssignmentModel struct {
	UserID                   types.String `tfsdk:"user_id"`
	UserPrincipalName        types.String `tfsdk:"user_principal_name"`
	Email                    types.String `tfsdk:"email"`
	DisplayName              types.String `tfsdk:"display_name"`
	UserType                 types.String `tfsdk:"user_type"`
	AccountEnabled           types.Bool   `tfsdk:"account_enabled"`
	SkuID                    types.String `tfsdk:"sku_id"`
	SkuPartNumber            types.String `tfsdk:"sku_part_number"`
	AssignedDirectly         types.Bool   `tfsdk:"assigned_directly"`
	AssignedByGroupIDs       []string     `tfsdk:"assigned_by_group_ids"`
	AssignmentError          types.String `tfsdk:"assignment_error"`
	DisabledPlans            []string     `tfsdk:"disabled_plans"`
	LastSignIn               types.String `tfsdk:"last_sign_in"`
	LastNonInteractiveSignIn types.String `tfsdk:"last_non_interactive_sign_in"`
	LastSuccessfulSignIn     types.String `tfsdk:"last_successful_sign_in"`
}

func (d *licenseAssignmentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_license_assignments"
}

// graphReads is what it reads from Graph (graphReader).
func (d *licenseAssignmentsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointSubscribedSkus, inventory.EndpointUsers},
		Sometimes: []string{inventory.EndpointUsersSignInActivity}, When: "with include_sign_in_activity or inactive_days"}
}

// signInActivityAttributes are the three last_* attributes of users and
// license assignments.
func signInActivityAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"last_sign_in": computedString("`signInActivity.lastSignInDateTime`: the last interactive sign-in attempt, " +
			"successful or not (RFC 3339, UTC). Null unless `include_sign_in_activity`, and when Graph has none."),
		"last_non_interactive_sign_in": computedString("`signInActivity.lastNonInteractiveSignInDateTime` (RFC 3339, UTC). " +
			"Null unless `include_sign_in_activity`, and when Graph has none."),
		"last_successful_sign_in": computedString("`signInActivity.lastSuccessfulSignInDateTime`: the last successful " +
			"interactive or non-interactive sign-in (RFC 3339, UTC; recorded since December 2023). Null unless " +
			"`include_sign_in_activity`, and when Graph has none."),
	}
}

// includeSignInActivityAttribute is the include_sign_in_activity argument.
func includeSignInActivityAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Also read each user's `signInActivity` (default `false`) to fill the `last_*` attributes: when " +
			"they last signed in, beyond the 30 days the sign-in logs keep. Needs the application permission " +
			"`AuditLog.Read.All` besides `User.Read.All`, and a Microsoft Entra ID P1 or P2 tenant. Graph then sends at " +
			"most 500 users a page (120 where it still refuses 500), and a read that gets throttled is paced like the " +
			"reports API from then on.",
	}
}

func (d *licenseAssignmentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"user_id":             computedString("The user's object ID."),
		"user_principal_name": computedString("`userPrincipalName`."),
		"email":               computedString("`mail`; when it is null or empty, `userPrincipalName`."),
		"display_name":        computedString("`displayName`."),
		"user_type":           computedString("`userType`: `Member`, `Guest` or null."),
		"account_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "`accountEnabled`: a seat held by " +
			"a disabled account is a seat to reclaim."},
		"sku_id":          computedString("`assignedLicenses.skuId`."),
		"sku_part_number": computedString("The SKU's `skuPartNumber`; null when the tenant no longer subscribes to it."),
		"assigned_directly": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether a `licenseAssignmentStates` " +
			"path has no `assignedByGroup` (a direct assignment). True too when Graph lists no path for the licence."},
		"assigned_by_group_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The groups whose group-based licensing gives the user this SKU (`assignedByGroup`), " +
				"sorted, without repeats."},
		"assignment_error": computedString("Null when every path's `error` is `None` or null; else the first other error " +
			"(`CountViolation`, `MutuallyExclusiveViolation`, `DependencyViolation`, ...), the direct path's first, then " +
			"the groups' by id."),
		"disabled_plans": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The service plans of the SKU turned off for the user (`assignedLicenses.disabledPlans`), " +
				"by name; an id the SKU does not list stays as the id. Sorted."},
	}
	for name, a := range signInActivityAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": signInActivityTimeoutsBlock()},
		MarkdownDescription: "Who holds each licence: one entry per (user, SKU) the user holds, how it was assigned " +
			"(directly and/or by which groups), its errors, its disabled plans and, when asked, the user's last sign-ins. " +
			"Users without licences do not appear.\n\n" +
			"Reads `GET /v1.0/subscribedSkus` once and every page of `GET /v1.0/users` with `assignedLicenses` and " +
			"`licenseAssignmentStates` (999 users a request; 500 with sign-in activity). When `sku_part_numbers` names " +
			"one SKU, Graph is asked for its holders only (`$filter=assignedLicenses/any(x:x/skuId eq …)`). Requires " +
			"the Microsoft Graph **application** permissions `User.Read.All` and `LicenseAssignment.Read.All` (or " +
			"`Organization.Read.All`, or `Directory.Read.All` for both), plus `AuditLog.Read.All` and an Entra ID P1/P2 " +
			"tenant for `include_sign_in_activity`, with admin consent.",
		Attributes: map[string]schema.Attribute{
			"sku_part_numbers": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Keep only these SKUs, by `skuPartNumber` (e.g. `SPE_E3`), compared case-insensitively. " +
					"A name the tenant does not subscribe to is an error that lists the tenant's SKUs. Empty or unset keeps every SKU.",
				Validators: []validator.Set{
					setvalidator.ValueStringsAre(partNumberValidator),
					distinctIgnoringCase{},
				},
			},
			"domain_names": domainNamesArgument(userDomainsDescription),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also keep guests' licences. Overrides the provider's `include_guests`.",
				Optional:            true,
			},
			"include_sign_in_activity": includeSignInActivityAttribute(),
			"assignments": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The seats, sorted by `sku_part_number` (case-insensitive), `email` (case-insensitive), " +
					"`user_id`, then `sku_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: attrs},
			},
		},
	}
}

func (d *licenseAssignmentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *licenseAssignmentsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	if !d.configured(diags) {
		return nil
	}
	var state licenseAssignmentsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, signInActivityTimeout(state.IncludeSignInActivity.ValueBool()), diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.LicenseFilter{Users: d.provider.userDefaults, SignInActivity: state.IncludeSignInActivity.ValueBool()}
	if !state.DomainNames.IsNull() {
		filter.Users.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &filter.Users.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		filter.Users.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	if !state.SkuPartNumbers.IsNull() {
		diags.Append(state.SkuPartNumbers.ElementsAs(ctx, &filter.SkuPartNumbers, false)...)
	}
	if diags.HasError() {
		return nil
	}

	seats, err := inventory.LicenseAssignments(ctx, d.provider.graph, filter)
	if err != nil {
		licenceReadError(diags, "License Assignments", err)
		return nil
	}
	state.Assignments = make([]licenseAssignmentModel, len(seats))
	for i, s := range seats {
		state.Assignments[i] = licenseAssignmentModelFrom(s)
	}
	return &state
}

// licenceReadError puts an unknown part number on sku_part_numbers and a
// refused signInActivity on include_sign_in_activity; others as readError.
func licenceReadError(diags *diag.Diagnostics, what string, err error) {
	var unknown *inventory.UnknownSkuError
	var signIns *graph.SignInActivityError
	switch {
	case errors.As(err, &unknown):
		diags.AddAttributeError(path.Root("sku_part_numbers"), "Unknown SKU Part Number",
			"Cannot read "+what+": "+err.Error()+". Use the part numbers azuresaas_subscribed_skus lists.")
	case errors.As(err, &signIns):
		diags.AddAttributeError(path.Root("include_sign_in_activity"), "Cannot Read Sign-In Activity From Microsoft Graph", err.Error())
	default:
		readError(diags, what, err)
	}
}

func licenseAssignmentModelFrom(a inventory.LicenseAssignment) licenseAssignmentModel {
	return licenseAssignmentModel{
		UserID:                   types.StringValue(a.UserID),
		UserPrincipalName:        types.StringPointerValue(a.UserPrincipalName),
		Email:                    types.StringPointerValue(a.Email),
		DisplayName:              types.StringPointerValue(a.DisplayName),
		UserType:                 types.StringPointerValue(a.UserType),
		AccountEnabled:           types.BoolPointerValue(a.AccountEnabled),
		SkuID:                    types.StringValue(a.SkuID),
		SkuPartNumber:            types.StringPointerValue(a.SkuPartNumber),
		AssignedDirectly:         types.BoolValue(a.AssignedDirectly),
		AssignedByGroupIDs:       a.AssignedByGroups,
		AssignmentError:          types.StringPointerValue(a.AssignmentError),
		DisabledPlans:            a.DisabledPlans,
		LastSignIn:               timeValue(a.LastSignIn),
		LastNonInteractiveSignIn: timeValue(a.LastNonInteractiveSignIn),
		LastSuccessfulSignIn:     timeValue(a.LastSuccessfulSignIn),
	}
}
