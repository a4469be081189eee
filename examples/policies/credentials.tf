# Rule 15 (warning): app registrations with a secret or certificate that
# expires within credential_expiry_days (policy.json) of the plan: the
# integration stops working that day. Graph cannot filter on credential
# expiry, so the provider reads every registration and keeps these; the
# owners say whom to ask for the renewal.
data "azuresaas_applications" "expiring_credentials" {
  credentials_expiring_within_days = local.policy.credential_expiry_days
}

module "expiring_credentials" {
  source       = "./modules/expiring_credentials"
  applications = data.azuresaas_applications.expiring_credentials.applications
  days         = local.policy.credential_expiry_days
  now          = plantimestamp()
}

check "credentials_not_expiring" {
  assert {
    condition = length(module.expiring_credentials.expiring) == 0
    error_message = "App registrations with a secret or certificate expiring within ${local.policy.credential_expiry_days} days (see output expiring_credentials): ${join(", ", [
      for s in module.expiring_credentials.summary : "${s.app} (${join(" and ", s.types)}; ${s.owners == null ? "owners not read" : length(s.owners) == 0 ? "no owner" : "ask ${join(", ", s.owners)}"})"
    ])}. Add a new credential, move the integration to it, then remove the old one."
  }
}

output "expiring_credentials" {
  description = "The expiring secrets and certificates: app, credential, end and owners."
  value       = module.expiring_credentials.expiring
}
