package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

var _ function.Function = emailDomainFunction{}

// emailDomainFunction is provider::azuresaas::email_domain(address).
type emailDomainFunction struct{}

func newEmailDomainFunction() function.Function { return emailDomainFunction{} }

func (emailDomainFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "email_domain"
}

func (emailDomainFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The domain of an email address or user principal name, as the domain filters compare it",
		MarkdownDescription: "Returns what follows the last `@` of an address, trimmed, lower-cased and in IDNA ASCII form " +
			"(`Ann@MÜNCHEN.de` gives `xn--mnchen-3ya.de`): the very form in which the `domain_names` filters of the " +
			"provider and of `azuresaas_users` compare domains, computed by the same code. A guest's `#EXT#` user " +
			"principal name gives the tenant's domain, as the filters see it; use the guest's `email` for its home domain. " +
			"An address without `@` gives `\"\"`; null gives null.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "address",
				AllowNullValue:      true,
				MarkdownDescription: "An email address or user principal name, such as a user's `email` or `user_principal_name`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (emailDomainFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var address types.String
	resp.Error = req.Arguments.Get(ctx, &address)
	if resp.Error != nil {
		return
	}
	if address.IsNull() {
		resp.Error = resp.Result.Set(ctx, types.StringNull())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.StringValue(inventory.EmailDomain(address.ValueString())))
}
