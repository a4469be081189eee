package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ datasource.DataSourceWithConfigure = &integrationStatusDataSource{}

type integrationStatusDataSource struct {
	configuredData
}

func newIntegrationStatusDataSource() datasource.DataSource { return &integrationStatusDataSource{} }

type integrationStatusModel struct {
	Timeouts           timeouts.Value    `tfsdk:"timeouts"`
	TenantID           types.String      `tfsdk:"tenant_id"`
	ClientID           types.String      `tfsdk:"client_id"`
	GrantedPermissions []types.String    `tfsdk:"granted_permissions"`
	Tasks              []taskStatusModel `tfsdk:"tasks"`
	DataSources        []taskStatusModel `tfsdk:"data_sources"`
	Premium            types.String      `tfsdk:"premium"`
	ConcealedNames     types.Bool        `tfsdk:"concealed_names"`
	Credentials        []credentialModel `tfsdk:"credentials"`
	Notes              []types.String    `tfsdk:"notes"`
}

type taskStatusModel struct {
	Name               types.String   `tfsdk:"name"`
	Ready              types.Bool     `tfsdk:"ready"`
	MissingPermissions []types.String `tfsdk:"missing_permissions"`
	Blockers           []types.String `tfsdk:"blockers"`
}

type credentialModel struct {
	Type          types.String `tfsdk:"type"`
	KeyID         types.String `tfsdk:"key_id"`
	DisplayName   types.String `tfsdk:"display_name"`
	StartDateTime types.String `tfsdk:"start_date_time"`
	EndDateTime   types.String `tfsdk:"end_date_time"`
	InUse         types.Bool   `tfsdk:"in_use"`
}

func (d *integrationStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_integration_status"
}

// graphReads is what it reads from Graph (graphReader).
func (d *integrationStatusDataSource) graphReads() inventory.Reads {
	return inventory.Reads{Sometimes: []string{inventory.EndpointSubscribedSkus, inventory.EndpointReportSettings,
		inventory.EndpointApplication}, When: "when the granted permissions cover them"}
}

func (d *integrationStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	stringList := func(description string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Integration status: is the app registration the provider signs in with set up for the four " +
			"integration tasks? It checks the setup steps that otherwise fail late: the application permissions and " +
			"their admin consent, an Entra ID P1 or P2 licence for sign-in logs, whether usage reports conceal names, " +
			"and when the secret or certificate in use expires; `data_sources` says the same for every data source of " +
			"the provider. `terraform plan` shows a warning for each task that is " +
			"not ready (with the permission to grant) and for the credential in use when it expires within 30 days; " +
			"use a `check` block to fail a pipeline instead.\n\n" +
			"It never fails for what it may not read: that attribute is null (or `credentials` empty) and `notes` says " +
			"which permission would let it read it. It fails only when no access token can be had, with the identity " +
			"platform's explanation.\n\n" +
			"Reads the granted permissions from the access token's `roles` claim (no request), then " +
			"`GET /v1.0/subscribedSkus` (`LicenseAssignment.Read.All`, or `Organization.Read.All` or `Directory.Read.All`), " +
			"`GET /v1.0/admin/reportSettings` (`ReportSettings.Read.All`, optional: only for `concealed_names`) and " +
			"`GET /v1.0/applications(appId='{client_id}')` (`Application.Read.All` or `Directory.Read.All`). A read the " +
			"token's permissions do not cover is not sent. Needs no permission of its own: it reports on whatever is granted.",
		Attributes: map[string]schema.Attribute{
			"tenant_id": computedString("The directory (tenant) ID the token was issued for (its `tid` claim); null when " +
				"the token cannot be read."),
			"client_id": computedString("The application (client) ID the provider signs in with."),
			"granted_permissions": stringList("The Microsoft Graph application permissions the access token carries " +
				"(its `roles` claim), sorted. Empty when none is granted with admin consent; null when the token is not " +
				"a JSON Web Token."),
			"tasks": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The four integration tasks, in this order: `HR Roster`, `Application Discovery`, " +
					"`SSO Application Roster`, `SSO Application Access`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": computedString("The task's name."),
					"ready": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether every endpoint the task always " +
						"reads is covered by a granted permission (a higher permission such as `Directory.Read.All` covers " +
						"what Microsoft's permission tables say it covers) and nothing blocks it. Null when the granted " +
						"permissions cannot be read."},
					"missing_permissions": stringList("The least-privileged application permissions to grant (with admin " +
						"consent) for the task; empty when none is missing, null when the granted permissions cannot be read."),
					"blockers": stringList("Other reasons the task cannot run, as sentences, e.g. a tenant without Entra ID " +
						"P1 or P2 for `SSO Application Access`."),
				}},
			},
			"data_sources": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "Every data source of this provider, sorted by `name`: whether this registration can " +
					"read it with its default arguments, by the rules of `tasks`, from the endpoints it always reads (a part " +
					"that is off by default, such as sign-in activity on `azuresaas_users`, does not count).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": computedString("The data source's type name, such as `azuresaas_users`."),
					"ready": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether granted permissions cover " +
						"every endpoint it reads with its default arguments and nothing blocks it. Null when the granted " +
						"permissions cannot be read."},
					"missing_permissions": stringList("The least-privileged application permissions to grant (with admin " +
						"consent) to read it; empty when none is missing, null when the granted permissions cannot be read."),
					"blockers": stringList("Other reasons it cannot be read, as sentences, e.g. a tenant without Entra ID " +
						"P1 or P2 for the sign-in logs."),
				}},
			},
			"premium": computedString("The tenant's Microsoft Entra ID level: `P2`, `P1` or `none`, from the service plans " +
				"(`AAD_PREMIUM_P2`, `AAD_PREMIUM`) provisioned on its active subscriptions, which also counts P1/P2 inside " +
				"bundles such as Microsoft 365 E3/E5. Null when the subscribed SKUs cannot be read."),
			"concealed_names": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Microsoft 365 usage " +
				"reports conceal user, group and site names (`displayConcealedNames`). Reported, not a blocker: only " +
				"`azuresaas_m365_active_users` reads those reports, and shows hashes instead of names while it is on. " +
				"Null without `ReportSettings.Read.All`."},
			"credentials": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The app registration's client secrets and certificates, sorted by `end_date_time` " +
					"(none last), then `key_id`. Empty when the application cannot be read. Secret values and hints are " +
					"never shown.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":            computedString("`secret` or `certificate`."),
					"key_id":          computedString("The credential's key ID."),
					"display_name":    computedString("Its description in the app registration; null when it has none."),
					"start_date_time": computedString("When it became valid (RFC 3339, UTC)."),
					"end_date_time":   computedString("When it expires (RFC 3339, UTC)."),
					"in_use": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the provider signs in with " +
						"it: the secret whose hint is the configured secret's first three characters (two secrets may share " +
						"them; `notes` says so), or the certificate whose thumbprint is the configured certificate's. False " +
						"for every credential when the provider uses an OIDC token."},
				}},
			},
			"notes": stringList("Sentences about what could not be read and why (with the permission that would let it " +
				"read it), and what the reported settings affect."),
		},
	}
}

func (d *integrationStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
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
	status, err := inventory.ReadIntegrationStatus(ctx, d.provider.graph, d.provider.clientID, dataSourceReads(ctx))
	if err != nil {
		readError(&resp.Diagnostics, "the Integration Status", err)
		return
	}
	for _, w := range status.Warnings(time.Now()) {
		resp.Diagnostics.AddWarning(w.Summary, w.Detail)
	}
	model := integrationStatusModelFrom(status)
	model.Timeouts = limit
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func integrationStatusModelFrom(s inventory.IntegrationStatus) integrationStatusModel {
	m := integrationStatusModel{
		TenantID:           types.StringPointerValue(s.TenantID),
		ClientID:           types.StringValue(s.ClientID),
		GrantedPermissions: stringValues(s.GrantedPermissions),
		Premium:            types.StringPointerValue(s.Premium),
		ConcealedNames:     types.BoolPointerValue(s.ConcealedNames),
		Notes:              stringValues(s.Notes),
		Credentials:        make([]credentialModel, 0, len(s.Credentials)),
	}
	if m.Notes == nil {
		m.Notes = []types.String{}
	}
	m.Tasks = readinessModels(s.Tasks)
	m.DataSources = readinessModels(s.DataSources)
	for _, c := range s.Credentials {
		m.Credentials = append(m.Credentials, credentialModel{
			Type:          types.StringValue(c.Type),
			KeyID:         types.StringValue(c.KeyID),
			DisplayName:   types.StringPointerValue(c.DisplayName),
			StartDateTime: timeValue(c.StartDateTime),
			EndDateTime:   timeValue(c.EndDateTime),
			InUse:         types.BoolValue(c.InUse),
		})
	}
	return m
}

func readinessModels(list []inventory.TaskStatus) []taskStatusModel {
	out := make([]taskStatusModel, 0, len(list))
	for _, t := range list {
		out = append(out, taskStatusModel{
			Name:               types.StringValue(t.Name),
			Ready:              types.BoolPointerValue(t.Ready),
			MissingPermissions: stringValues(t.MissingPermissions),
			Blockers:           stringValues(t.Blockers),
		})
	}
	return out
}

// stringValues keeps nil (unknown: null) apart from empty.
func stringValues(list []string) []types.String {
	if list == nil {
		return nil
	}
	out := make([]types.String, len(list))
	for i, s := range list {
		out[i] = types.StringValue(s)
	}
	return out
}
