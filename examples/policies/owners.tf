# Ownership (warns): SaaS apps without an owner. An app nobody owns has
# nobody to ask in an access review, to renew its SAML certificate or to
# answer the vendor: "no one to ask" is the finding. The scope (enabled
# enterprise apps that are not Microsoft's) is in modules/unowned_apps.
# The owners come with the service principal list (include_owners on
# data.azuresaas_service_principals.third_party): a user owner's name needs
# User.Read.All, but an app without any owner is found with
# Application.Read.All alone.
module "unowned_apps" {
  source             = "./modules/unowned_apps"
  service_principals = data.azuresaas_service_principals.third_party.service_principals
}

check "apps_without_an_owner" {
  assert {
    condition = length(module.unowned_apps.unowned) == 0
    error_message = "SaaS apps without an owner (nobody to ask about them): ${join(", ", [
      for sp in module.unowned_apps.unowned : "${sp.display_name} (${sp.id})"
    ])}. Add an owner to each in Entra ID (Enterprise applications > the app > Owners)."
  }
}
