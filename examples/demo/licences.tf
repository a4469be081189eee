# Licences: what the tenant pays for, who holds each seat, and who has not
# signed in successfully for 90 days (beyond the 30 days of sign-in logs,
# from each user's signInActivity).
data "azuresaas_subscribed_skus" "all" {}

data "azuresaas_license_assignments" "all" {
  include_guests           = true
  include_sign_in_activity = true
}

locals {
  # No successful sign-in in 90 days; never (null) counts as idle.
  idle_licences = [
    for a in data.azuresaas_license_assignments.all.assignments : a
    if coalesce(provider::azuresaas::days_between(a.last_successful_sign_in, plantimestamp()), 90) >= 90
  ]
}

output "licence_skus" {
  value = [
    for s in data.azuresaas_subscribed_skus.all.skus : {
      sku       = s.sku_part_number
      status    = s.capability_status
      bought    = s.enabled_units
      suspended = s.suspended_units
      held      = s.consumed_units
      available = s.available_units
    }
  ]
}

output "licence_assignments" {
  value = length(data.azuresaas_license_assignments.all.assignments)
}

output "idle_licences_by_sku" {
  value = {
    for sku in distinct([for a in local.idle_licences : a.sku_part_number]) :
    sku => [for a in local.idle_licences : a.email if a.sku_part_number == sku]
  }
}

output "disabled_licence_holders" {
  value = sort(distinct([for a in data.azuresaas_license_assignments.all.assignments : a.email if a.account_enabled == false]))
}

output "licence_errors" {
  value = [for a in data.azuresaas_license_assignments.all.assignments : "${a.email} ${a.sku_part_number}: ${a.assignment_error}" if a.assignment_error != null]
}
