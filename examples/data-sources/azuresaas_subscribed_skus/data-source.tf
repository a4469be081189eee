data "azuresaas_subscribed_skus" "all" {}

# Seats bought and held per SKU; a negative available count means more seats
# are assigned than bought.
output "seats" {
  value = {
    for s in data.azuresaas_subscribed_skus.all.skus : s.sku_part_number => {
      bought    = s.enabled_units
      held      = s.consumed_units
      available = s.available_units
      status    = s.capability_status
    }
  }
}

# Does any active SKU carry Microsoft Entra ID P1 (plan AAD_PREMIUM)?
output "has_entra_id_p1" {
  value = anytrue([
    for s in data.azuresaas_subscribed_skus.all.skus : s.capability_status == "Enabled" && anytrue([
      for p in s.service_plans : p.name == "AAD_PREMIUM" && p.provisioning_status != "Disabled"
    ])
  ])
}
