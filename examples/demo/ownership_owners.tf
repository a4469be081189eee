# Ownership: whom to ask about each SaaS app, and the apps nobody owns. The
# owners come with the list (100 apps a request); an app with more owners
# than Graph expands (Northwind Intranet has 24) is read again on its own.
data "azuresaas_service_principals" "owned" {
  exclude_first_party  = true
  enterprise_apps_only = true
  include_owners       = true
}

output "app_owners" {
  value = [for sp in data.azuresaas_service_principals.owned.service_principals : {
    name    = sp.display_name
    enabled = sp.account_enabled
    owners  = [for o in sp.owners : { type = o.type, name = o.display_name, upn = o.user_principal_name }]
  }]
}
