# Licence usage: the reclamation numbers per SKU, one row each, however many
# seats the tenant has (the seat list above holds one entry per seat).
data "azuresaas_license_usage" "all" {
  include_guests = true
  inactive_days  = 90
}

output "licence_usage" {
  value = [
    for s in data.azuresaas_license_usage.all.skus : {
      sku         = coalesce(s.sku_part_number, s.sku_id)
      bought      = s.enabled_units
      holders     = s.assigned_users
      direct      = s.direct_users
      by_group    = s.group_users
      errors      = s.users_with_errors
      disabled    = s.disabled_users
      guests      = s.guest_users
      inactive    = s.inactive_users
      never       = s.never_signed_in_users
      reclaimable = s.reclaimable_users
    }
  ]
}
