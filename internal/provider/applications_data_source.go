package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var (
	_ datasource.DataSourceWithConfigure = &applicationsDataSource{}
	_ stateReader                        = &applicationsDataSource{}
)

// applicationsDataSource is the tenant's app registrations with the
// credentials that break integrations when they expire. A tenant can have
// tens of thousands, so it is read on the wire (stateReader).
type applicationsDataSource struct {
	configuredData
}

func newApplicationsDataSource() datasource.DataSource { return &applicationsDataSource{} }

type applicationsModel struct {
	Timeouts                      timeouts.Value     `tfsdk:"timeouts"`
	CredentialsExpiringWithinDays types.Int64        `tfsdk:"credentials_expiring_within_days"`
	IncludeOwners                 types.Bool         `tfsdk:"include_owners"`
	Applications                  []applicationModel `tfsdk:"applications"`
}

type applicationModel struct {
	ID                   types.String         `tfsdk:"id"`
	AppID                types.String         `tfsdk:"app_id"`
	DisplayName          types.String         `tfsdk:"display_name"`
	SignInAudience       types.String         `tfsdk:"sign_in_audience"`
	PublisherDomain      types.String         `tfsdk:"publisher_domain"`
	CreatedDateTime      types.String         `tfsdk:"created_date_time"`
	VerifiedPublisher    types.String         `tfsdk:"verified_publisher"`
	Credentials          []appCredentialModel `tfsdk:"credentials"`
	NextCredentialExpiry types.String         `tfsdk:"next_credential_expiry"`
	Owners               []appOwnerModel      `tfsdk:"owners"`
}

type appCredentialModel struct {
	Type          types.String `tfsdk:"type"`
	KeyID         types.String `tfsdk:"key_id"`
	DisplayName   types.String `tfsdk:"display_name"`
	StartDateTime types.String `tfsdk:"start_date_time"`
	EndDateTime   types.String `tfsdk:"end_date_time"`
}

func (d *applicationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applications"
}

// graphReads is what it reads from Graph (graphReader).
func (d *applicationsDataSource) graphReads() inventory.Reads {
	return inventory.ApplicationsReads
}

func (d *applicationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: map[string]schema.Block{"timeouts": readTimeoutsBlock(directoryReadTimeout)},
		MarkdownDescription: "Ownership and privilege: the tenant's own app registrations, with the client secrets and " +
			"certificates that break an integration when they expire.\n\n" +
			"Reads every page of `GET /v1.0/applications` with `$select` of the properties below (the certificates' bytes, " +
			"`key`, are never read): 999 registrations a request, or 100 with owners (`$expand=owners`, Graph's largest page " +
			"when it expands), plus one request for each registration whose owners Graph may have cut short. Requires the Microsoft Graph **application** permission " +
			"`Application.Read.All`, with admin consent. Graph limits reads that select `keyCredentials` to 150 requests a " +
			"minute per tenant; a throttled page is retried after Graph's `Retry-After`. Graph cannot filter on credential " +
			"expiry (it refuses `keyCredentials/any(…)` and has no filter on `passwordCredentials`), so " +
			"`credentials_expiring_within_days` is applied by the provider after the read. Registrations of types derived " +
			"from application (such as agent identity blueprints) are listed too.",
		Attributes: map[string]schema.Attribute{
			"credentials_expiring_within_days": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Keep only the registrations with a secret or certificate whose `end_date_time` is at or " +
					"after the start of the read and at most this many days (of 24 hours) after it: `0` keeps those ending " +
					"exactly at the read's start, `30` those expiring within a month. Credentials that already ended do " +
					"not count. Unset: every registration.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"include_owners": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Read each registration's owners into `owners`. Default `true`. The owners come " +
					"with the list (`$expand=owners`, which makes pages of 100 registrations); Graph puts at most 20 owners " +
					"in an expanded set, so a registration with 20 is read again from `GET /v1.0/applications/{id}/owners` " +
					"(at most `max_concurrency` at a time). `false`: one request per 999 registrations, and `owners` is null.",
			},
			"applications": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The app registrations, sorted by `display_name` (case-insensitive, a null name " +
					"first), then `app_id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                 computedString("The application object's ID (`id`)."),
					"app_id":             computedString("The application (client) ID (`appId`)."),
					"display_name":       computedString("`displayName`."),
					"sign_in_audience":   computedString("`signInAudience`: `AzureADMyOrg`, `AzureADMultipleOrgs`, `AzureADandPersonalMicrosoftAccount` or `PersonalMicrosoftAccount`."),
					"publisher_domain":   computedString("`publisherDomain`."),
					"created_date_time":  computedString("`createdDateTime` (RFC 3339)."),
					"verified_publisher": computedString("`verifiedPublisher.displayName`: null when the publisher is not verified."),
					"credentials": schema.ListNestedAttribute{
						Computed: true,
						MarkdownDescription: "The client secrets (`passwordCredentials`) and certificates (`keyCredentials` " +
							"with usage `Verify`; the private half of a signing certificate is not a client credential), " +
							"sorted by `end_date_time` (a credential without one last), then `key_id`. A secret's hint is " +
							"never shown.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"type":            computedString("`secret` or `certificate`."),
							"key_id":          computedString("`keyId`."),
							"display_name":    computedString("`displayName`."),
							"start_date_time": computedString("`startDateTime` (RFC 3339)."),
							"end_date_time":   computedString("`endDateTime` (RFC 3339): when the credential stops working; null when Graph gives none."),
						}},
					},
					"next_credential_expiry": computedString("The earliest `end_date_time` among `credentials` at or after " +
						"the start of the read (RFC 3339); null when every credential already ended or there is none."),
					"owners": ownersAttribute("app registration", "include_owners"),
				}},
			},
		},
	}
}

func (d *applicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readWithFramework(ctx, d, req, resp)
}

func (d *applicationsDataSource) readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any {
	var state applicationsModel
	diags.Append(config.Get(ctx, &state)...)
	if diags.HasError() {
		return nil
	}
	ctx, cancel, ok := withReadTimeout(ctx, state.Timeouts, directoryReadTimeout, diags)
	if !ok {
		return nil
	}
	defer cancel()
	filter := inventory.ApplicationFilter{
		ExpiringWithinDays: state.CredentialsExpiringWithinDays.ValueInt64Pointer(),
		IncludeOwners:      state.IncludeOwners.IsNull() || state.IncludeOwners.ValueBool(),
		MaxConcurrency:     d.provider.maxConcurrency,
		Now:                time.Now(),
	}
	rows, err := inventory.Applications(ctx, d.provider.graph, filter)
	if err != nil {
		readError(diags, "App Registrations", err)
		return nil
	}
	state.Applications = make([]applicationModel, len(rows))
	for i, r := range rows {
		state.Applications[i] = applicationModelFrom(r)
	}
	return &state
}

func applicationModelFrom(r inventory.AppRegistration) applicationModel {
	m := applicationModel{
		ID:                   types.StringValue(r.ID),
		AppID:                types.StringPointerValue(r.AppID),
		DisplayName:          types.StringPointerValue(r.DisplayName),
		SignInAudience:       types.StringPointerValue(r.SignInAudience),
		PublisherDomain:      types.StringPointerValue(r.PublisherDomain),
		CreatedDateTime:      timeValue(r.CreatedDateTime),
		VerifiedPublisher:    types.StringPointerValue(r.VerifiedPublisher),
		Credentials:          make([]appCredentialModel, len(r.Credentials)),
		NextCredentialExpiry: timeValue(r.NextCredentialExpiry),
	}
	m.Owners = appOwnerModelsFrom(r.Owners)
	for i, c := range r.Credentials {
		m.Credentials[i] = appCredentialModel{
			Type: types.StringValue(c.Type), KeyID: types.StringValue(c.KeyID), DisplayName: types.StringPointerValue(c.DisplayName),
			StartDateTime: timeValue(c.StartDateTime), EndDateTime: timeValue(c.EndDateTime),
		}
	}
	return m
}
