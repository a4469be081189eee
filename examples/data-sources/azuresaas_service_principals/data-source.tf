# Every service principal of the tenant: SaaS apps, Microsoft's own apps,
# managed identities.
data "azuresaas_service_principals" "all" {}

# The SaaS apps an administrator sees under Enterprise applications, without
# Microsoft's first-party apps.
data "azuresaas_service_principals" "saas" {
  exclude_first_party  = true
  enterprise_apps_only = true
}

# Apps any user of the tenant can sign in to, without an assignment.
output "open_access_apps" {
  value = [for app in data.azuresaas_service_principals.saas.service_principals : app.display_name if app.open_access]
}

# How each SaaS app signs users in: saml, oidc, password, notSupported or null.
output "sso_modes" {
  value = { for app in data.azuresaas_service_principals.saas.service_principals : app.id => {
    name      = app.display_name
    publisher = app.publisher
    sso_mode  = app.sso_mode
    oauth2    = app.oauth2_integration
  } }
}

output "third_party_count" {
  value = length([for app in data.azuresaas_service_principals.all.service_principals : app.id if !app.first_party])
}

# SAML apps whose signing certificate expires within 60 days (or already
# has): single sign-on breaks on that day.
output "saml_certificates_expiring" {
  value = { for app in data.azuresaas_service_principals.saas.service_principals : app.display_name => app.saml_certificate_expires
  if app.saml_certificate_expires != null && timecmp(app.saml_certificate_expires, timeadd(plantimestamp(), "1440h")) < 0 }
}

# Whom to ask about each SaaS app, and the apps nobody owns. Owners come with
# the list; user owners' names need User.Read.All besides Application.Read.All.
data "azuresaas_service_principals" "owned" {
  exclude_first_party  = true
  enterprise_apps_only = true
  include_owners       = true
}

output "owners" {
  value = { for app in data.azuresaas_service_principals.owned.service_principals : app.display_name => [
    for o in app.owners : coalesce(o.user_principal_name, o.display_name, o.id)
  ] }
}

output "apps_without_an_owner" {
  value = [for app in data.azuresaas_service_principals.owned.service_principals : app.display_name if length(app.owners) == 0]
}
