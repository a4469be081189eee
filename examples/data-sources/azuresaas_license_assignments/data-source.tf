# Who holds Microsoft 365 E3, and when they last signed in. Naming one SKU
# asks Graph for its holders only.
data "azuresaas_license_assignments" "e3" {
  sku_part_numbers         = ["SPE_E3"]
  include_sign_in_activity = true
}

locals {
  cutoff = timeadd(plantimestamp(), "-2160h") # 90 days

  # Seats to reclaim: held by a disabled account, or by someone without a
  # successful sign-in in 90 days (or ever).
  reclaimable = [
    for a in data.azuresaas_license_assignments.e3.assignments : a.user_principal_name
    if !a.account_enabled || a.last_successful_sign_in == null || timecmp(coalesce(a.last_successful_sign_in, local.cutoff), local.cutoff) < 0
  ]
}

output "reclaimable_e3_seats" {
  value     = local.reclaimable
  sensitive = true
}

# Every seat, with how it was assigned and its errors.
data "azuresaas_license_assignments" "all" {
  include_guests = true
}

output "assignment_errors" {
  value = [
    for a in data.azuresaas_license_assignments.all.assignments : "${a.user_principal_name}: ${a.sku_part_number} ${a.assignment_error}"
    if a.assignment_error != null
  ]
  sensitive = true
}
