package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// appOwnerModel is one owner of a service principal or an app registration.
type appOwnerModel struct {
	ID                types.String `tfsdk:"id"`
	Type              types.String `tfsdk:"type"`
	DisplayName       types.String `tfsdk:"display_name"`
	UserPrincipalName types.String `tfsdk:"user_principal_name"`
}

// ownersUserReadNote is what user owners' names need, for the descriptions.
const ownersUserReadNote = "A user owner's `display_name` and `user_principal_name` need a user-read permission " +
	"(`User.Read.All` or `Directory.Read.All`) besides `Application.Read.All`: without it Microsoft Graph returns such " +
	"owners with their `id` and `type` only, and both are null."

// ownersAttribute is the owners list of an object whose owners are read
// when includeArgument is true; what names the object ("service principal",
// "application") goes into the description.
func ownersAttribute(object, includeArgument string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed: true,
		MarkdownDescription: "The " + object + "'s owners, sorted by `display_name` (case-insensitive; a null name " +
			"first) then `id`: whom to ask about it. An empty list when it has none (nobody to ask), null unless `" +
			includeArgument + "` is true. " + ownersUserReadNote,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id": computedString("The owner's object ID."),
			"type": computedString("The owner's type, from `@odata.type` without `#microsoft.graph.`: `user` or " +
				"`servicePrincipal` (an application's own service principal, or another one), or a type Graph added " +
				"later (such as `agentIdentity`), as Graph names it."),
			"display_name": computedString("`displayName`; null for a user the provider may not read."),
			"user_principal_name": computedString("`userPrincipalName` of a user owner; null for other types, and for a " +
				"user the provider may not read."),
		}},
	}
}

// appOwnerModelsFrom converts owners in their order; nil (a null list) stays
// nil, an empty list stays empty.
func appOwnerModelsFrom(owners []inventory.AppOwner) []appOwnerModel {
	if owners == nil {
		return nil
	}
	out := make([]appOwnerModel, len(owners))
	for i, o := range owners {
		out[i] = appOwnerModel{
			ID:                types.StringValue(o.ID),
			Type:              types.StringValue(o.Type),
			DisplayName:       types.StringPointerValue(o.DisplayName),
			UserPrincipalName: types.StringPointerValue(o.UserPrincipalName),
		}
	}
	return out
}
