# Rules 3 and 4 again, from azuresaas_application_usage (modules/app_usage):
# the same findings as module.seat_usage from one row per app instead of a
# row per (app, user). In a large tenant, keep this module and drop the
# roster and access reads of seat_usage, unless someone needs the names.
module "app_usage" {
  source = "./modules/app_usage"
  apps   = local.saas_apps
  since  = local.since
}

output "unused_seat_counts_from_usage" {
  description = "module.app_usage's unused seats per app: equal to unused_seat_counts."
  value       = module.app_usage.unused_seat_counts
}

output "idle_apps_from_usage" {
  description = "module.app_usage's idle apps: equal to idle_apps."
  value       = module.app_usage.idle_apps
}
