# Application Discovery: every service principal, and the SaaS apps among them.
data "azuresaas_service_principals" "all" {}

# The SaaS apps: listed under Enterprise applications, not Microsoft's own.
data "azuresaas_service_principals" "saas" {
  exclude_first_party  = true
  enterprise_apps_only = true
}

output "discovery_counts" {
  value = {
    all              = length(data.azuresaas_service_principals.all.service_principals)
    third_party      = length([for sp in data.azuresaas_service_principals.all.service_principals : sp.id if !sp.first_party])
    first_party      = length([for sp in data.azuresaas_service_principals.all.service_principals : sp.id if sp.first_party])
    managed_identity = length([for sp in data.azuresaas_service_principals.all.service_principals : sp.id if sp.service_principal_type == "ManagedIdentity"])
    saas             = length(data.azuresaas_service_principals.saas.service_principals)
    sso_integration  = length([for sp in data.azuresaas_service_principals.saas.service_principals : sp.id if sp.sso_integration == true])
  }
}

output "discovery_saas" {
  value = [for sp in data.azuresaas_service_principals.saas.service_principals : {
    name        = sp.display_name
    publisher   = sp.publisher
    sso_mode    = sp.sso_mode
    open_access = sp.open_access
    oauth2      = sp.oauth2_integration
    enabled     = sp.account_enabled
  }]
}
