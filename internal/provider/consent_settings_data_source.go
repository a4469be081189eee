package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &consentSettingsDataSource{}

// consentSettingsDataSource is who may let apps and guests into the tenant.
type consentSettingsDataSource struct {
	configuredData
}

func newConsentSettingsDataSource() datasource.DataSource { return &consentSettingsDataSource{} }

type consentSettingsModel struct {
	Timeouts                        timeouts.Value `tfsdk:"timeouts"`
	UserConsent                     types.String   `tfsdk:"user_consent"`
	UserConsentPolicies             []string       `tfsdk:"user_consent_policies"`
	UsersCanRegisterApps            types.Bool     `tfsdk:"users_can_register_apps"`
	GuestInvitesAllowedFrom         types.String   `tfsdk:"guest_invites_allowed_from"`
	GuestAccess                     types.String   `tfsdk:"guest_access"`
	AdminConsentRequestsEnabled     types.Bool     `tfsdk:"admin_consent_requests_enabled"`
	AdminConsentReviewers           []string       `tfsdk:"admin_consent_reviewers"`
	AdminConsentRequestDurationDays types.Int64    `tfsdk:"admin_consent_request_duration_days"`
	Notes                           []string       `tfsdk:"notes"`
}

func (d *consentSettingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_consent_settings"
}

// graphReads is what it reads from Graph (graphReader).
func (d *consentSettingsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointAuthorizationPolicy, inventory.EndpointAdminConsentRequestPolicy}}
}

func (d *consentSettingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Access posture: the tenant settings behind consent discovery — who may consent to apps, " +
			"register apps and invite guests, what guests may see, and whether users can ask an admin for consent.\n\n" +
			"Reads `GET /v1.0/policies/authorizationPolicy` and `GET /v1.0/policies/adminConsentRequestPolicy`, which " +
			"need the Microsoft Graph **application** permission `Policy.Read.All`, with admin consent. It never fails " +
			"for a policy it cannot read: that policy's attributes are null, `notes` says why, and `terraform plan` " +
			"shows a warning naming the permission. It fails only when no access token can be had.",
		Attributes: map[string]schema.Attribute{
			"user_consent": computedString("What users may consent to on their own: `none` (no " +
				"`ManagePermissionGrantsForSelf.*` policy is assigned to users), `low_impact` (only " +
				"`microsoft-user-default-low`: apps from verified publishers or this tenant, low-impact permissions), " +
				"`all_apps` (`microsoft-user-default-legacy` is assigned: any app, any permission that needs no admin), " +
				"or `custom` (any other app consent policy; see `user_consent_policies`)."),
			"user_consent_policies": computedStrings("The app consent policies assigned to users " +
				"(`defaultUserRolePermissions.permissionGrantPoliciesAssigned` entries `ManagePermissionGrantsForSelf.{id}`), " +
				"without the prefix, sorted. Owner consent (`ManagePermissionGrantsForOwnedResource.*`) is not user consent " +
				"and is left out."),
			"users_can_register_apps": computedBool("`defaultUserRolePermissions.allowedToCreateApps`: whether users may " +
				"register applications."),
			"guest_invites_allowed_from": computedString("`allowInvitesFrom`: `none`, `adminsAndGuestInviters`, " +
				"`adminsGuestInvitersAndAllMembers` or `everyone` (guests included)."),
			"guest_access": computedString("`guestUserRoleId` by name: `same_as_members`, `limited` (the Guest User " +
				"role), `restricted` (Restricted Guest User), or the role id itself when it is none of these."),
			"admin_consent_requests_enabled": computedBool("`isEnabled` of the admin consent request policy: whether " +
				"users who may not consent can ask an administrator to."),
			"admin_consent_reviewers": computedStrings("The reviewers of admin consent requests, as Graph's `query` " +
				"strings (e.g. `/users/{id}`, a group's or a role's query), sorted."),
			"admin_consent_request_duration_days": schema.Int64Attribute{Computed: true, MarkdownDescription: "" +
				"`requestDurationInDays`: how long a request stays open (Graph may send 0)."},
			"notes": computedStrings("Sentences about what could not be read and why, and what a `custom` consent " +
				"policy needs to be understood."),
		},
	}
}

func (d *consentSettingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var limit timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &limit)...)
	ctx, cancel, ok := withReadTimeout(ctx, limit, directoryReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	settings, err := inventory.ReadConsentSettings(ctx, d.provider.graph)
	if err != nil {
		readError(&resp.Diagnostics, "the Consent Settings", err)
		return
	}
	for _, part := range settings.Unreadable {
		summary := "Consent Settings Partly Unreadable"
		detail := "Microsoft Graph could not be read at " + part.Endpoint + ", so " + part.What + " are null: " + part.Err.Error()
		if part.Denied {
			summary = "Consent Settings Need Policy.Read.All"
			detail = "Microsoft Graph refused " + part.Endpoint + ", so " + part.What + " are null. Grant the application " +
				"permission Policy.Read.All to the app registration and grant admin consent for it. " + part.Err.Error()
		}
		resp.Diagnostics.AddWarning(summary, detail)
	}
	model := consentSettingsModelFrom(settings)
	model.Timeouts = limit
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func consentSettingsModelFrom(s inventory.ConsentSettings) consentSettingsModel {
	m := consentSettingsModel{
		UserConsent:                     types.StringPointerValue(s.UserConsent),
		UserConsentPolicies:             s.UserConsentPolicies,
		UsersCanRegisterApps:            types.BoolPointerValue(s.UsersCanRegisterApps),
		GuestInvitesAllowedFrom:         types.StringPointerValue(s.GuestInvitesAllowedFrom),
		GuestAccess:                     types.StringPointerValue(s.GuestAccess),
		AdminConsentRequestsEnabled:     types.BoolPointerValue(s.AdminConsentRequestsEnabled),
		AdminConsentReviewers:           s.AdminConsentReviewers,
		AdminConsentRequestDurationDays: types.Int64PointerValue(s.AdminConsentRequestDurationDays),
		Notes:                           s.Notes,
	}
	if m.Notes == nil {
		m.Notes = []string{}
	}
	return m
}
