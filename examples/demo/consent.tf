# Consent discovery: the apps people connected on their own, and the SAML
# signing certificates about to break single sign-on.
data "azuresaas_consented_applications" "apps" {} # Microsoft's own apps left out by default

locals {
  organization = lower(trimspace(data.azuresaas_organization.tenant.display_name))
}

output "consented_apps" {
  value = [for a in data.azuresaas_consented_applications.apps.applications : {
    name        = a.display_name
    publisher   = a.publisher
    verified    = a.verified_publisher
    admin       = a.admin_consented
    users       = a.consented_user_count
    high_risk   = a.high_risk_scopes
    third_party = a.publisher == null || lower(trimspace(coalesce(a.publisher, "-"))) != local.organization
  }]
}

# SAML apps whose signing certificate expires within 60 days, or already has.
output "saml_expiring" {
  value = [for sp in data.azuresaas_service_principals.all.service_principals : {
    name    = sp.display_name
    expires = sp.saml_certificate_expires
  } if sp.saml_certificate_expires != null && timecmp(coalesce(sp.saml_certificate_expires, "9999-12-31T00:00:00Z"), timeadd(plantimestamp(), "1440h")) < 0]
}
