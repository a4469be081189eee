package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &usersDataSource{}
	_ stateReader                        = &usersDataSource{}
)

// usersDataSource is the HR Roster.
type usersDataSource struct {
	configuredData
}

func newUsersDataSource() datasource.DataSource { return &usersDataSource{} }

// usersModel is the data source as configured and as stored.
type usersModel struct {
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
	DomainNames    types.Set      `tfsdk:"domain_names"`
	IncludeGuests  types.Bool     `tfsdk:"include_guests"`
	GuestsOnly     types.Bool     `tfsdk:"guests_only"`
	AccountEnabled types.Bool     `tfsdk:"account_enabled"`
	SignInActivity types.Bool     `tfsdk:"include_sign_in_activity"`
	Users          []userModel    `tfsdk:"users"`
}

// userModel is one element of users.
type userModel struct {
	ID                types.String `tfsdk:"id"`
	UserPrincipalName types.String `tfsdk:"user_principal_name"`
	Email             types.String `tfsdk:"email"`
	EmailAliases      []string     `tfsdk:"email_aliases"`
	FirstName         types.String `tfsdk:"first_name"`
	LastName          types.String `tfsdk:"last_name"`
	DisplayName       types.String `tfsdk:"display_name"`
	ActiveDate        types.String `tfsdk:"active_date"`
	CreatedDateTime   types.String `tfsdk:"created_date_time"`
	Department        types.String `tfsdk:"department"`
	JobTitle          types.String `tfsdk:"job_title"`
	EmployeeID        types.String `tfsdk:"employee_id"`
	Location          types.String `tfsdk:"location"`
	UserType          types.String `tfsdk:"user_type"`
	AccountEnabled    types.Bool   `tfsdk:"account_enabled"`

	LastSignIn               types.String `tfsdk:"last_sign_in"`
	LastNonInteractiveSignIn types.String `tfsdk:"last_non_interactive_sign_in"`
	LastSuccessfulSignIn     types.String `tfsdk:"last_successful_sign_in"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

// graphReads is what it reads from Graph (graphReader).
func (d *usersDataSource) graphReads() inventory.Reads {
	return inventory.HRRosterReads
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	userAttributes := map[string]schema.Attribute{
		"id":                  computedString("The user's object ID."),
		"user_principal_name": computedString("`userPrincipalName`."),
		"email":               computedString("`mail`; when it is null or empty, `userPrincipalName`."),
		"email_aliases": schema.ListAttribute{
			Computed:    true,
			ElementType: types.StringType,
			MarkdownDescription: "The SMTP entries of `proxyAddresses` (without the `smtp:` prefix) and " +
				"`otherMails`, without `email`, de-duplicated case-insensitively and sorted.",
		},
		"first_name":        computedString("`givenName`."),
		"last_name":         computedString("`surname`."),
		"display_name":      computedString("`displayName`."),
		"active_date":       computedString("`employeeHireDate` when set, else `createdDateTime` (RFC 3339)."),
		"created_date_time": computedString("`createdDateTime` (RFC 3339); null for some users created before 2018."),
		"department":        computedString("`department`."),
		"job_title":         computedString("`jobTitle`."),
		"employee_id":       computedString("`employeeId`."),
		"location": computedString("`officeLocation`; when empty, the non-empty parts of `city`, `state` and " +
			"`country` joined by \", \"; null when there are none."),
		"user_type":       computedString("`userType`: `Member`, `Guest` or null."),
		"account_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "`accountEnabled`."},
	}
	for name, a := range signInActivityAttributes() {
		userAttributes[name] = a
	}
	userObject := schema.NestedAttributeObject{Attributes: userAttributes}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": signInActivityTimeoutsBlock()},
		MarkdownDescription: "The HR Roster: the tenant's users, filtered by email domain and guest status.\n\n" +
			"Reads every page of `GET /v1.0/users` (999 users a request, only the properties used; 500 with " +
			"`include_sign_in_activity`). Requires the Microsoft Graph **application** permission `User.Read.All` (or " +
			"`Directory.Read.All`), with admin consent; `include_sign_in_activity` also needs `AuditLog.Read.All` and an " +
			"Entra ID P1/P2 tenant.",
		Attributes: map[string]schema.Attribute{
			"domain_names": domainNamesArgument(userDomainsDescription),
			"include_guests": schema.BoolAttribute{
				MarkdownDescription: "Also keep guests (`userType` `Guest`). Overrides the provider's `include_guests`; " +
					"without either, only members and users with a null `userType` are kept.",
				Optional: true,
			},
			"guests_only": schema.BoolAttribute{
				MarkdownDescription: "Keep only guests (`userType` `Guest`), whatever `include_guests` says. Graph is asked " +
					"for guests only (`$filter=userType eq 'Guest'`), so a policy about guests reads a few pages, not the " +
					"whole directory, and the plan holds only them.",
				Optional: true,
			},
			"account_enabled": schema.BoolAttribute{
				MarkdownDescription: "Keep only the users whose `accountEnabled` is this value (`false`: disabled " +
					"accounts). Graph is asked for those only (`$filter=accountEnabled eq false`).",
				Optional: true,
			},
			"include_sign_in_activity": includeSignInActivityAttribute(),
			"users": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The users, sorted by `user_principal_name` (case-insensitive), then `id`. " +
					"A property Graph returns as null is null.",
				NestedObject: userObject,
			},
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *usersDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state usersModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, signInActivityTimeout(state.SignInActivity.ValueBool()), diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := d.provider.userDefaults
	if !state.DomainNames.IsNull() {
		filter.DomainNames = nil
		diags.Append(state.DomainNames.ElementsAs(ctx, &filter.DomainNames, false)...)
	}
	if !state.IncludeGuests.IsNull() {
		filter.IncludeGuests = state.IncludeGuests.ValueBool()
	}
	filter.GuestsOnly = state.GuestsOnly.ValueBool()
	filter.AccountEnabled = state.AccountEnabled.ValueBoolPointer()
	filter.SignInActivity = state.SignInActivity.ValueBool()
	if diags.HasError() {
		return nil
	}

	people, err := inventory.HRRoster(ctx, d.provider.graph, filter)
	if err != nil {
		licenceReadError(diags, "Users", err)
		return nil
	}
	state.Users = make([]userModel, len(people))
	for i, p := range people {
		state.Users[i] = userModelFrom(p)
	}
	return &state
}

// userModelFrom applies the attribute mapping of users to one roster entry.
func userModelFrom(p inventory.Person) userModel {
	return userModel{
		ID:                types.StringValue(p.ID),
		UserPrincipalName: types.StringPointerValue(p.UserPrincipalName),
		Email:             types.StringPointerValue(p.Email),
		EmailAliases:      p.EmailAliases,
		FirstName:         types.StringPointerValue(p.FirstName),
		LastName:          types.StringPointerValue(p.LastName),
		DisplayName:       types.StringPointerValue(p.DisplayName),
		ActiveDate:        timeValue(p.ActiveDate),
		CreatedDateTime:   timeValue(p.CreatedDateTime),
		Department:        types.StringPointerValue(p.Department),
		JobTitle:          types.StringPointerValue(p.JobTitle),
		EmployeeID:        types.StringPointerValue(p.EmployeeID),
		Location:          types.StringPointerValue(p.Location),
		UserType:          types.StringPointerValue(p.UserType),
		AccountEnabled:    types.BoolPointerValue(p.AccountEnabled),

		LastSignIn:               timeValue(p.LastSignIn),
		LastNonInteractiveSignIn: timeValue(p.LastNonInteractiveSignIn),
		LastSuccessfulSignIn:     timeValue(p.LastSuccessfulSignIn),
	}
}
