# Rule 1 (gate): no third-party app with single sign-on allows open access.
# An app whose "Assignment required" is off lets every account of the tenant,
# guests included, sign in to it. The precondition on the output
# open_access_violations stops the plan, naming the apps; approve an
# exception in open_access_exceptions to let one through.
data "azuresaas_service_principals" "third_party" {
  exclude_first_party = true
  include_owners      = true # owners.tf: apps without an owner
}

module "open_access" {
  source             = "./modules/open_access"
  service_principals = data.azuresaas_service_principals.third_party.service_principals
  exceptions         = local.open_access_exceptions
}

output "open_access_violations" {
  description = "How many third-party apps with single sign-on allow open access without an exception (the plan stops unless 0)."
  value       = length(module.open_access.violations)

  precondition {
    condition     = length(module.open_access.violations) == 0
    error_message = "Third-party apps with single sign-on allow open access (no assignment required): ${join(", ", [for sp in module.open_access.violations : "${sp.display_name} (${sp.id})"])}. Turn on \"Assignment required\" in Entra ID, or add the app to open_access_exceptions with a reason."
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
