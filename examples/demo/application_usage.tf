# Application usage: per SaaS app, how many people hold it and how many used
# it in the last 30 days — one row per app, from the same reads as the roster
# (assigned only) and the access list, so the plan holds a handful of numbers
# per app instead of a row per (app, user).
data "azuresaas_application_usage" "last_30_days" {
  service_principal_ids = local.roster_app_ids
  since                 = "720h"
  include_guests        = true
}

output "usage_by_app" {
  value = [for a in data.azuresaas_application_usage.last_30_days.applications : {
    app             = a.display_name
    open_access     = a.open_access
    assigned        = a.assigned_users
    direct          = a.direct_users
    group           = a.group_users
    groups          = a.assigned_groups
    nested          = a.nested_groups
    active          = a.active_users
    active_assigned = a.active_assigned_users
    idle_assigned   = a.inactive_assigned_users
    sign_ins        = a.sign_in_count
  }]
}
