package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// configuredData is embedded by every data source: it receives the
// provider's data in Configure.
type configuredData struct {
	provider *providerData
}

func (c *configuredData) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil { // validation runs before the provider is configured
		return
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider: please report it.", req.ProviderData))
		return
	}
	c.provider = data
}

// configured reports whether the provider handed over its data; when it did
// not, it says so instead of letting Read dereference nothing.
func (c *configuredData) configured(diags *diag.Diagnostics) bool {
	if c.provider == nil {
		diags.AddError("Provider Not Configured",
			"The azuresaas provider was not configured before this data source was read. This is a bug in the provider or Terraform: please report it.")
		return false
	}
	return true
}

// readError turns a failure to read Graph into a diagnostic. The graph
// package's errors already name the cause, the Graph code, the request-id
// and the fix; secrets never reach them.
// A read that ran out of time says which block gives it more.
func readError(diags *diag.Diagnostics, what string, err error) {
	detail := err.Error()
	if errors.Is(err, context.DeadlineExceeded) {
		detail += "\n\nThe read ran out of time. Give it more with a `timeouts { read = \"…\" }` block in this " +
			"data source (a Go duration such as \"2h\"; the default is " + durationText(directoryReadTimeout) +
			", and " + durationText(pacedReadTimeout) + " for reads paced by the sign-in logs budget), or narrow the read."
	}
	diags.AddError("Cannot Read "+what+" From Microsoft Graph", detail)
}

// computedString is a computed string attribute of a data source's result.
func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}

// computedBool is a computed bool attribute of a data source's result.
func computedBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: description}
}

// computedStrings is a computed list of strings of a data source's result.
func computedStrings(description string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
}

// userDomainsDescription is what domain_names does on the data sources
// that read users.
const userDomainsDescription = "Keep the users whose user principal name **or** mail is in one of these domains, " +
	"compared case-insensitively. Overrides the provider's `domain_names`; an empty set keeps every domain."

// domainNamesArgument is the domain_names argument of a data source that
// filters users by domain (inventory.UserFilter).
func domainNamesArgument(description string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: description,
		Optional:            true,
		ElementType:         types.StringType,
		Validators:          []validator.Set{setvalidator.ValueStringsAre(domainNameValidator)},
	}
}

// timeValue formats a time as RFC 3339 in UTC, or null.
func timeValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}
