package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &userRegistrationDetailsDataSource{}
	_ stateReader                        = &userRegistrationDetailsDataSource{}
)

// userRegistrationDetailsDataSource is who has registered MFA, passwordless
// and self-service password reset methods.
type userRegistrationDetailsDataSource struct {
	configuredData
}

func newUserRegistrationDetailsDataSource() datasource.DataSource {
	return &userRegistrationDetailsDataSource{}
}

type userRegistrationDetailsModel struct {
	Timeouts      timeouts.Value          `tfsdk:"timeouts"`
	DomainNames   types.Set               `tfsdk:"domain_names"`
	IncludeGuests types.Bool              `tfsdk:"include_guests"`
	MfaRegistered types.Bool              `tfsdk:"mfa_registered"`
	AdminsOnly    types.Bool              `tfsdk:"admins_only"`
	Users         []userRegistrationModel `tfsdk:"users"`
}

type userRegistrationModel struct {
	ID                     types.String `tfsdk:"id"`
	UserPrincipalName      types.String `tfsdk:"user_principal_name"`
	DisplayName            types.String `tfsdk:"display_name"`
	UserType               types.String `tfsdk:"user_type"`
	IsAdmin                types.Bool   `tfsdk:"is_admin"`
	IsMfaCapable           types.Bool   `tfsdk:"is_mfa_capable"`
	IsMfaRegistered        types.Bool   `tfsdk:"is_mfa_registered"`
	IsPasswordlessCapable  types.Bool   `tfsdk:"is_passwordless_capable"`
	IsSsprRegistered       types.Bool   `tfsdk:"is_sspr_registered"`
	MethodsRegistered      []string     `tfsdk:"methods_registered"`
	PreferredSecondary     types.String `tfsdk:"preferred_secondary_method"`
	SystemPreferredMethods []string     `tfsdk:"system_preferred_methods"`
	LastUpdatedDateTime    types.String `tfsdk:"last_updated_date_time"`
}

func (d *userRegistrationDetailsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_registration_details"
}

// graphReads is what it reads from Graph (graphReader).
func (d *userRegistrationDetailsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointRegistrationDetails}}
}

func (d *userRegistrationDetailsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(pacedReadTimeout)},
		MarkdownDescription: "Access posture: each user's MFA, passwordless and self-service password reset " +
			"registration, from the authentication methods registration report.\n\n" +
			"Reads every page of `GET /v1.0/reports/authenticationMethods/userRegistrationDetails` (999 rows a request). " +
			"Requires the Microsoft Graph **application** permission `AuditLog.Read.All`, with admin consent " +
			"(`UserAuthenticationMethod.Read.All` alone has been refused), and a Microsoft Entra ID P1 or P2 licence in the " +
			"tenant (without one, Graph answers 403 `Authentication_RequestFromNonPremiumTenantOrB2CTenant`). The report " +
			"is one of Graph's identity reports: its requests are paced with the sign-in logs' to 5 in any 10 seconds " +
			"per application and tenant, so 100,000 users take about 200 seconds. Graph documents the report as not " +
			"covering disabled users: a user missing from it has no data, which is not the same as no MFA.",
		Attributes: map[string]schema.Attribute{
			"domain_names": domainNamesArgument("Keep the users whose user principal name is in one of these domains, " +
				"compared case-insensitively (the report has no mail). Overrides the provider's `domain_names`; an empty " +
				"set keeps every domain. Applied by the provider: Graph filters `userPrincipalName` only by `eq` and " +
				"`startsWith`."),
			"include_guests": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also keep guests (`userType` `guest`). Overrides the provider's `include_guests`; " +
					"without either, only members are kept. Applied by the provider (Graph documents no filter on `userType`).",
			},
			"mfa_registered": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the users whose `isMfaRegistered` is this value (`false`: users without " +
					"MFA). Sent to Graph as `$filter=isMfaRegistered eq false`, so only those rows are read.",
			},
			"admins_only": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the users Graph reports as holding an admin role (`isAdmin`; a null " +
					"`isAdmin` is not an admin). Applied by the provider: Graph documents no filter on `isAdmin`, so the " +
					"read's requests are those of the report (narrowed by `mfa_registered`).",
			},
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The users, sorted by `user_principal_name` (case-insensitive), then `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                      computedString("The user's object ID (`id`)."),
					"user_principal_name":     computedString("`userPrincipalName`."),
					"display_name":            computedString("`userDisplayName`."),
					"user_type":               computedString("`userType` as the report writes it: `member` or `guest` (lower case)."),
					"is_admin":                computedBool("`isAdmin`: the user holds an admin role; null when Graph does not say."),
					"is_mfa_capable":          computedBool("`isMfaCapable`: registered a strong method that the tenant's policy allows."),
					"is_mfa_registered":       computedBool("`isMfaRegistered`: registered a strong authentication method (the policy may not allow it)."),
					"is_passwordless_capable": computedBool("`isPasswordlessCapable`: registered a passwordless method the policy allows."),
					"is_sspr_registered":      computedBool("`isSsprRegistered`: registered for self-service password reset."),
					"methods_registered":      computedStrings("`methodsRegistered`, sorted (e.g. `microsoftAuthenticatorPush`, `fido2`, `mobilePhone`)."),
					"preferred_secondary_method": computedString("`userPreferredMethodForSecondaryAuthentication` as Graph sends it " +
						"(an empty string stays empty). `defaultMfaMethod` exists only in beta and is not read."),
					"system_preferred_methods": computedStrings("`systemPreferredAuthenticationMethods`, sorted."),
					"last_updated_date_time":   computedString("`lastUpdatedDateTime` (RFC 3339): when the report last refreshed this row."),
				}},
			},
		},
	}
}

func (d *userRegistrationDetailsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *userRegistrationDetailsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state userRegistrationDetailsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, pacedReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.RegistrationFilter{
		DomainNames:   d.provider.userDefaults.DomainNames,
		IncludeGuests: d.provider.userDefaults.IncludeGuests,
		MfaRegistered: state.MfaRegistered.ValueBoolPointer(),
		AdminsOnly:    state.AdminsOnly.ValueBool(),
	}
	if !state.DomainNames.IsNull() {
		filter.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &filter.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		filter.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	if diags.HasError() {
		return nil
	}
	rows, err := inventory.UserRegistrations(ctx, d.provider.graph, filter)
	if err != nil {
		var refused *graph.RegistrationDetailsError
		if errors.As(err, &refused) {
			title := "Missing Permission For Registration Details"
			if refused.NoPremium {
				title = "Registration Details Need Microsoft Entra ID P1 or P2"
			}
			diags.AddError(title, err.Error())
			return nil
		}
		readError(diags, "User Registration Details", err)
		return nil
	}
	state.Users = make([]userRegistrationModel, len(rows))
	for i, r := range rows {
		state.Users[i] = userRegistrationModelFrom(r)
	}
	return &state
}

func userRegistrationModelFrom(r graph.UserRegistrationDetails) userRegistrationModel {
	return userRegistrationModel{
		ID:                     types.StringValue(r.ID),
		UserPrincipalName:      types.StringPointerValue(r.UserPrincipalName),
		DisplayName:            types.StringPointerValue(r.UserDisplayName),
		UserType:               types.StringPointerValue(r.UserType),
		IsAdmin:                types.BoolPointerValue(r.IsAdmin),
		IsMfaCapable:           types.BoolPointerValue(r.IsMfaCapable),
		IsMfaRegistered:        types.BoolPointerValue(r.IsMfaRegistered),
		IsPasswordlessCapable:  types.BoolPointerValue(r.IsPasswordlessCapable),
		IsSsprRegistered:       types.BoolPointerValue(r.IsSsprRegistered),
		MethodsRegistered:      r.MethodsRegistered,
		PreferredSecondary:     types.StringPointerValue(r.UserPreferredMethodForSecondaryAuthentication),
		SystemPreferredMethods: r.SystemPreferredAuthenticationMethods,
		LastUpdatedDateTime:    timeValue(r.LastUpdatedDateTime),
	}
}
