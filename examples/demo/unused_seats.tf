# Licence reclamation: users who hold an app (directly or through a group)
# but did not sign in to it successfully in the last 30 days. Open access is
# left out: nobody holds a seat of an app everyone may use.
locals {
  # A map indexed with try(): contains() and lookup() walk the whole
  # collection on every call.
  signed_in = { for a in data.azuresaas_application_access.last_30_days.access : "${a.app_id}/${a.user_id}" => true }
  unused_seats = [
    for e in data.azuresaas_application_roster.assigned.entries : e
    if !try(local.signed_in["${e.app_id}/${e.user_id}"], false)
  ]
}

output "unused_seats_by_app" {
  value = {
    for app in distinct([for e in local.unused_seats : e.app_display_name]) :
    app => [for e in local.unused_seats : e.email if e.app_display_name == app]
  }
}

output "assigned_seats" {
  value = length(data.azuresaas_application_roster.assigned.entries)
}
