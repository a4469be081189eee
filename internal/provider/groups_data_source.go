package provider

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &groupsDataSource{}
	_ stateReader                        = &groupsDataSource{}
)

// groupsDataSource lists the tenant's groups: security, Microsoft 365,
// dynamic, role-assignable, and the licences they assign.
type groupsDataSource struct {
	configuredData
}

func newGroupsDataSource() datasource.DataSource {
	return &groupsDataSource{}
}

type groupsModel struct {
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	SecurityEnabled   types.Bool     `tfsdk:"security_enabled"`
	MailEnabled       types.Bool     `tfsdk:"mail_enabled"`
	Unified           types.Bool     `tfsdk:"unified"`
	Dynamic           types.Bool     `tfsdk:"dynamic"`
	LicenseErrorsOnly types.Bool     `tfsdk:"license_errors_only"`
	DisplayNamePrefix types.String   `tfsdk:"display_name_prefix"`
	Groups            []groupModel   `tfsdk:"groups"`
}

type groupModel struct {
	ID                          types.String `tfsdk:"id"`
	DisplayName                 types.String `tfsdk:"display_name"`
	Mail                        types.String `tfsdk:"mail"`
	MailEnabled                 types.Bool   `tfsdk:"mail_enabled"`
	SecurityEnabled             types.Bool   `tfsdk:"security_enabled"`
	GroupTypes                  []string     `tfsdk:"group_types"`
	MembershipRule              types.String `tfsdk:"membership_rule"`
	Visibility                  types.String `tfsdk:"visibility"`
	CreatedDateTime             types.String `tfsdk:"created_date_time"`
	IsAssignableToRole          types.Bool   `tfsdk:"is_assignable_to_role"`
	OnPremisesSyncEnabled       types.Bool   `tfsdk:"on_premises_sync_enabled"`
	AssignedLicenseSkuIDs       []string     `tfsdk:"assigned_license_sku_ids"`
	HasMembersWithLicenseErrors types.Bool   `tfsdk:"has_members_with_license_errors"`
}

func (d *groupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_groups"
}

// graphReads is what it reads from Graph (graphReader).
func (d *groupsDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Endpoints: []string{inventory.EndpointGroups}}
}

// maxGroupDisplayName is the longest display name Graph accepts for a
// group: a longer prefix can match nothing.
const maxGroupDisplayName = 256

// displayNamePrefixValidator refuses a prefix that cannot mean what it
// says: empty (leave the argument out to keep every group), blank, with
// control characters, or longer than any group's name.
var displayNamePrefixValidator = stringCheck{"must be the start of a group's display name", func(s string) string {
	switch {
	case s == "":
		return "it is empty; leave display_name_prefix out to keep every group"
	case strings.TrimSpace(s) == "":
		return "it is blank; a display name prefix needs a visible character"
	case strings.ContainsFunc(s, unicode.IsControl):
		return "it has a control character (a new line or a tab?), which no display name has"
	case len([]rune(s)) > maxGroupDisplayName:
		return fmt.Sprintf("it is longer than %d characters, the longest display name Graph allows for a group", maxGroupDisplayName)
	}
	return ""
}}

func (d *groupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	filterBool := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Ownership and privilege: the tenant's groups (security groups, Microsoft 365 groups, dynamic " +
			"groups, role-assignable groups), the licences each assigns (group-based licensing) and whether any of their " +
			"members has a licence error.\n\n" +
			"Reads every page of `GET /v1.0/groups` (999 groups a request), with the filters Graph supports as standard " +
			"queries sent as `$filter` so that only matching groups are read: `security_enabled`, `mail_enabled`, " +
			"`unified = true`, `dynamic = true`, `license_errors_only` and `display_name_prefix`. `unified = false` and " +
			"`dynamic = false` would need Graph's `not`, an advanced query whose index can lag recent changes; they are " +
			"applied by the provider after the read instead. Graph never returns `hasMembersWithLicenseErrors`, not even " +
			"when selected: it can only be filtered on, so `has_members_with_license_errors` costs one more request, " +
			"`$select=id` with the same filter and `hasMembersWithLicenseErrors eq true` (one page unless more than 999 " +
			"groups have licence errors); none when `license_errors_only = true` or no group matched. A tenant of 20,000 " +
			"groups takes 21 requests for the list and 1 for licence errors.\n\n" +
			"Requires the Microsoft Graph **application** permission `GroupMember.Read.All` (the least Microsoft lists), " +
			"or `Group.Read.All` or `Directory.Read.All`. Microsoft does not say whether `GroupMember.Read.All` alone " +
			"returns `assignedLicenses` and `membershipRule`: when Graph sends them as null, `assigned_license_sku_ids` " +
			"(or a dynamic group's `membership_rule`) is null, not empty, and the read warns and names `Group.Read.All`.",
		Attributes: map[string]schema.Attribute{
			"security_enabled": filterBool("Keep the groups whose `securityEnabled` is this value. Sent to Graph " +
				"(`securityEnabled eq true|false`)."),
			"mail_enabled": filterBool("Keep the groups whose `mailEnabled` is this value. Sent to Graph " +
				"(`mailEnabled eq true|false`)."),
			"unified": filterBool("`true`: keep the Microsoft 365 groups (`groupTypes` contains `Unified`), sent to Graph " +
				"as `groupTypes/any(c:c eq 'Unified')`; `false`: keep the others, applied by the provider after the read."),
			"dynamic": filterBool("`true`: keep the groups with dynamic membership (`groupTypes` contains " +
				"`DynamicMembership`), sent to Graph; `false`: keep the groups with assigned membership, applied by the " +
				"provider after the read."),
			"license_errors_only": filterBool("`true`: keep only the groups with members whose licences the group could not " +
				"assign (`hasMembersWithLicenseErrors eq true`, sent to Graph); `false` or unset keeps every group."),
			"display_name_prefix": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep the groups whose display name starts with this text, compared " +
					"case-insensitively. Sent to Graph as `startswith(displayName,'…')` (a quote in it is escaped). Must not be " +
					"empty: leave it out to keep every group.",
				Validators: []validator.String{displayNamePrefixValidator},
			},
			"groups": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The groups, sorted by `display_name` (case-insensitive), then `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":               computedString("The group's object ID."),
					"display_name":     computedString("`displayName`."),
					"mail":             computedString("`mail`: the SMTP address of a mail-enabled group; null otherwise."),
					"mail_enabled":     computedBool("`mailEnabled`."),
					"security_enabled": computedBool("`securityEnabled`."),
					"group_types": computedStrings("`groupTypes`, sorted: `Unified` for a Microsoft 365 group, " +
						"`DynamicMembership` for dynamic membership; empty for neither."),
					"membership_rule": computedString("`membershipRule`: a dynamic group's rule, e.g. " +
						"`(user.department -eq \"Sales\")`; null for assigned membership."),
					"visibility": computedString("`visibility` as Graph sends it: `Public`, `Private`, `HiddenMembership`; " +
						"role-assignable groups have been documented both as `Private` and as `Hidden`, and either is passed on. " +
						"Null when Graph does not say (a security group usually)."),
					"created_date_time":     computedString("`createdDateTime` (RFC 3339)."),
					"is_assignable_to_role": computedBool("`isAssignableToRole`: the group can be assigned a directory role."),
					"on_premises_sync_enabled": computedBool("`onPremisesSyncEnabled`: `true` synced from an on-premises " +
						"directory, `false` formerly synced, null never synced."),
					"assigned_license_sku_ids": computedStrings("The `skuId`s of `assignedLicenses`, sorted: the licences the " +
						"group assigns to its members (group-based licensing); empty for none, null when Graph did not send " +
						"them (see the permission note above)."),
					"has_members_with_license_errors": computedBool("Whether some member's licence could not be assigned by " +
						"this group (`hasMembersWithLicenseErrors`, learnt from Graph's filter)."),
				}},
			},
		},
	}
}

func (d *groupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *groupsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state groupsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	list, err := inventory.Groups(ctx, d.provider.graph, inventory.GroupFilter{
		SecurityEnabled:   state.SecurityEnabled.ValueBoolPointer(),
		MailEnabled:       state.MailEnabled.ValueBoolPointer(),
		Unified:           state.Unified.ValueBoolPointer(),
		Dynamic:           state.Dynamic.ValueBoolPointer(),
		LicenseErrorsOnly: state.LicenseErrorsOnly.ValueBool(),
		DisplayNamePrefix: state.DisplayNamePrefix.ValueString(),
	})
	if err != nil {
		readError(diags, "Groups", err)
		return nil
	}
	if list.NullLicences > 0 || list.NullRules > 0 {
		diags.AddWarning("Graph Withheld Group Properties",
			fmt.Sprintf("Microsoft Graph sent assignedLicenses as null for %d group(s) and membershipRule as null for %d dynamic "+
				"group(s). The application may hold only GroupMember.Read.All, which Microsoft does not document as returning "+
				"them: grant Group.Read.All (application permission, with admin consent) to read them. Until then "+
				"assigned_license_sku_ids and membership_rule are null for those groups, which does not mean none.",
				list.NullLicences, list.NullRules))
	}
	state.Groups = make([]groupModel, len(list.Groups))
	for i, g := range list.Groups {
		state.Groups[i] = groupModel{
			ID:                          types.StringValue(g.ID),
			DisplayName:                 types.StringPointerValue(g.DisplayName),
			Mail:                        types.StringPointerValue(g.Mail),
			MailEnabled:                 types.BoolPointerValue(g.MailEnabled),
			SecurityEnabled:             types.BoolPointerValue(g.SecurityEnabled),
			GroupTypes:                  g.GroupTypes,
			MembershipRule:              types.StringPointerValue(g.MembershipRule),
			Visibility:                  types.StringPointerValue(g.Visibility),
			CreatedDateTime:             timeValue(g.CreatedDateTime),
			IsAssignableToRole:          types.BoolPointerValue(g.IsAssignableToRole),
			OnPremisesSyncEnabled:       types.BoolPointerValue(g.OnPremisesSyncEnabled),
			AssignedLicenseSkuIDs:       g.AssignedLicenseSkuIDs,
			HasMembersWithLicenseErrors: types.BoolValue(g.HasMembersWithLicenseErrors),
		}
	}
	return &state
}
