# Rules 3 to 5 work on who holds each app (the SSO Application Roster) and
# who used it (the SSO Application Access): see modules/seat_usage.
module "seat_usage" {
  source            = "./modules/seat_usage"
  apps              = local.saas_apps
  since             = local.since
  disabled_user_ids = local.disabled_user_ids
}

# Rule 3 (warning): assigned but unused seats, for licence reclamation.
check "no_unused_seats" {
  assert {
    condition     = sum(concat([0], values(module.seat_usage.unused_seat_counts))) == 0
    error_message = "Assigned seats with no successful sign-in in ${local.policy.idle_days} days (licence reclamation; see output unused_seats): ${join(", ", [for app, n in module.seat_usage.unused_seat_counts : "${app} ${n}"])}."
  }
}

# Rule 4 (warning): apps no one has signed in to.
check "no_idle_apps" {
  assert {
    condition     = length(module.seat_usage.idle_apps) == 0
    error_message = "SaaS apps no one signed in to in ${local.policy.idle_days} days: ${join(", ", module.seat_usage.idle_apps)}."
  }
}

# Rule 5 (warning): disabled accounts that still hold app assignments.
check "no_disabled_users_with_assignments" {
  assert {
    condition     = length(module.seat_usage.disabled_users_with_assignments) == 0
    error_message = "Disabled accounts still hold app assignments: ${join("; ", [for user, apps in module.seat_usage.disabled_users_with_assignments : "${user} (${join(", ", apps)})"])}."
  }
}

# Per app, the seats to reclaim: counts in the plan, names only on request
# (`terraform output -json unused_seats`), since they are personal data.
output "unused_seat_counts" {
  value = module.seat_usage.unused_seat_counts
}

output "unused_seats" {
  value     = module.seat_usage.unused_seats
  sensitive = true
}

output "idle_apps" {
  value = module.seat_usage.idle_apps
}
