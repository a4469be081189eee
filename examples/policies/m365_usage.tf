# Rule 7 (warning): Microsoft 365 seats whose holder used none of Exchange,
# OneDrive, SharePoint and Teams in m365_idle_days (policy.json), from the
# Microsoft 365 active users report (Reports.Read.All) joined with the
# seats of the Microsoft 365 SKUs by user principal name. The SKUs that count
# as Microsoft 365 seats are m365_sku_part_numbers; only those the tenant
# subscribes to are read (sku_part_numbers refuses a name it does not know).
data "azuresaas_m365_active_users" "usage" {
  period = "D90"
}

data "azuresaas_subscribed_skus" "tenant" {}

locals {
  m365_skus_subscribed = [
    for s in data.azuresaas_subscribed_skus.tenant.skus : s.sku_part_number
    if s.sku_part_number != null && contains([for n in local.policy.m365_sku_part_numbers : upper(n)], upper(coalesce(s.sku_part_number, "")))
  ]
}

data "azuresaas_license_assignments" "m365" {
  count            = length(local.m365_skus_subscribed) > 0 ? 1 : 0
  sku_part_numbers = local.m365_skus_subscribed
}

module "idle_m365_seats" {
  source              = "./modules/idle_m365_seats"
  seats               = flatten(data.azuresaas_license_assignments.m365[*].assignments)
  usage               = data.azuresaas_m365_active_users.usage.users
  report_refresh_date = data.azuresaas_m365_active_users.usage.report_refresh_date
  names_concealed     = data.azuresaas_m365_active_users.usage.names_concealed
  idle_days           = local.policy.m365_idle_days
  sku_part_numbers    = local.policy.m365_sku_part_numbers
}

check "m365_seats_in_use" {
  assert {
    condition     = length(module.idle_m365_seats.idle_seats) == 0
    error_message = "Microsoft 365 seats whose holder used none of Exchange, OneDrive, SharePoint and Teams in ${local.policy.m365_idle_days} days (see output idle_m365_seats): ${join(", ", [for sku, n in module.idle_m365_seats.idle_seat_counts : "${sku} ${n}"])}."
  }
}

# Concealed names (Microsoft's default since 2021) make the report
# impossible to join: say so instead of finding nothing.
check "m365_usage_names_visible" {
  assert {
    condition     = !data.azuresaas_m365_active_users.usage.names_concealed
    error_message = "The Microsoft 365 usage report conceals user names, so idle Microsoft 365 seats cannot be found: turn off \"Display concealed user, group, and site names in all reports\" in the Microsoft 365 admin center."
  }
}

output "idle_m365_seat_counts" {
  value = module.idle_m365_seats.idle_seat_counts
}

output "idle_m365_seats" {
  value     = module.idle_m365_seats.idle_seats
  sensitive = true
}
