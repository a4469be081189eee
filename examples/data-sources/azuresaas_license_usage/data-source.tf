# Licence reclamation in a few numbers per SKU: who holds each licence, and
# how many of those seats are idle (no successful sign-in in 90 days, or
# ever) or held by disabled accounts. The plan holds one row per SKU, not a
# row per seat.
data "azuresaas_license_usage" "all" {
  include_guests = true
  inactive_days  = 90
}

output "reclaimable_seats" {
  value = {
    for s in data.azuresaas_license_usage.all.skus : coalesce(s.sku_part_number, s.sku_id) => s.reclaimable_users
    if s.reclaimable_users > 0
  }
}

# Paid for but unassigned, and over-assigned, SKUs.
output "unassigned_units" {
  value = { for s in data.azuresaas_license_usage.all.skus : s.sku_part_number => s.available_units if s.available_units != null }
}

# Who the idle seats are: only the seats of inactive holders go into the
# plan (see azuresaas_license_assignments' inactive_days).
data "azuresaas_license_assignments" "idle_e3" {
  sku_part_numbers = ["SPE_E3"]
  inactive_days    = 90
}

output "idle_e3_holders" {
  value     = [for a in data.azuresaas_license_assignments.idle_e3.assignments : a.user_principal_name]
  sensitive = true
}
