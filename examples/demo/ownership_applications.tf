# Ownership and privilege: the tenant's app registrations, the secrets and
# certificates that expire next, and whom to ask (their owners).
data "azuresaas_applications" "all" {}

data "azuresaas_applications" "expiring" {
  credentials_expiring_within_days = 30
}

output "ownership_applications" {
  value = {
    registrations = length(data.azuresaas_applications.all.applications)
    without_owner = [for a in data.azuresaas_applications.all.applications : a.display_name if length(a.owners) == 0]
    expiring = [for a in data.azuresaas_applications.expiring.applications : {
      app     = a.display_name
      types   = distinct([for c in a.credentials : c.type if c.end_date_time == a.next_credential_expiry])
      in_days = provider::azuresaas::days_between(plantimestamp(), a.next_credential_expiry)
      owners  = [for o in a.owners : coalesce(o.user_principal_name, o.display_name, o.id)]
    }]
    expired = [for a in data.azuresaas_applications.all.applications : a.display_name
    if anytrue([for c in a.credentials : c.end_date_time == null ? false : timecmp(c.end_date_time, plantimestamp()) < 0])]
  }
}
