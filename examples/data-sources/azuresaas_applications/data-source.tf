# App registrations with a secret or certificate expiring within 30 days,
# with their owners: the integrations that break next, and whom to ask.
# Graph cannot filter on credential expiry: every registration is read and
# the provider keeps these.
data "azuresaas_applications" "expiring" {
  credentials_expiring_within_days = 30
}

output "expiring_credentials" {
  value = [for a in data.azuresaas_applications.expiring.applications : {
    app     = a.display_name
    app_id  = a.app_id
    expires = a.next_credential_expiry
    owners  = [for o in a.owners : coalesce(o.user_principal_name, o.display_name, o.id)]
  }]
}

# Every registration without owners (one request per 999 registrations):
# which ones have a credential that already ended.
data "azuresaas_applications" "all" {
  include_owners = false
}

output "with_expired_credentials" {
  value = [for a in data.azuresaas_applications.all.applications : a.display_name
  if anytrue([for c in a.credentials : c.end_date_time == null ? false : timecmp(c.end_date_time, plantimestamp()) < 0])]
}
