# Rule 1 (gate): no third-party app with single sign-on allows open access.
# An app whose "Assignment required" is off lets every account of the tenant,
# guests included, sign in to it. The postcondition stops the plan, naming the
# apps; approve an exception in open_access_exceptions to let one through.
data "azuresaas_service_principals" "third_party" {
  exclude_first_party = true

  lifecycle {
    postcondition {
      condition = alltrue([
        for sp in self.service_principals : contains(keys(local.open_access_exceptions), sp.id)
        if sp.open_access && sp.account_enabled != false && (sp.oauth2_integration || contains(["saml", "oidc", "password"], coalesce(sp.sso_mode, "none")))
      ])
      error_message = "Third-party apps with single sign-on allow open access (no assignment required): ${join(", ", [
        for sp in self.service_principals : "${sp.display_name} (${sp.id})"
        if sp.open_access && sp.account_enabled != false && (sp.oauth2_integration || contains(["saml", "oidc", "password"], coalesce(sp.sso_mode, "none"))) && !contains(keys(local.open_access_exceptions), sp.id)
      ])}. Turn on \"Assignment required\" in Entra ID, or add the app to open_access_exceptions with a reason."
    }
  }
}

locals {
  # The SaaS apps in use: enterprise apps (not Microsoft's) that are enabled.
  saas_apps = [
    for sp in data.azuresaas_service_principals.third_party.service_principals : {
      id = sp.id, app_id = sp.app_id, display_name = sp.display_name
    } if sp.enterprise_app && sp.account_enabled != false
  ]
}

output "saas_app_count" {
  value = length(local.saas_apps)
}

output "open_access_exceptions" {
  description = "Apps that keep open access by exception, with the reason."
  value       = local.open_access_exceptions
}
