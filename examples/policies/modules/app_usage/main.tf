# Rules 3 and 4 from counts: azuresaas_application_usage gives, per app, what
# modules/seat_usage derives from a row per (app, user) of the roster and of
# the access list — the same reads and rules, so the same findings — while the
# plan holds one row per app. Use it when the counts are the finding; use
# seat_usage when someone needs the names (its sensitive unused_seats output).
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "apps" {
  type        = list(object({ id = string, app_id = string, display_name = string }))
  description = "The apps to look at: service principal id, application id, name."
}

variable "since" {
  type        = string
  description = "The sign-in window, e.g. \"720h\"."
}

# A tenant with no SaaS app has nothing to count (the data source would
# otherwise read every enterprise app).
data "azuresaas_application_usage" "apps" {
  count                 = length(var.apps) > 0 ? 1 : 0
  service_principal_ids = [for a in var.apps : a.id]
  since                 = var.since
}

locals {
  rows = length(var.apps) > 0 ? data.azuresaas_application_usage.apps[0].applications : []
  # Grouped by name (`...`), as seat_usage groups its rows: apps that share a
  # display name add up.
  idle_by_app = { for a in local.rows : a.display_name => a.inactive_assigned_users... if a.inactive_assigned_users > 0 }
}

output "unused_seat_counts" {
  description = "Per app name, how many of its assigned users did not sign in to it since var.since."
  value       = { for app, counts in local.idle_by_app : app => sum(counts) }
}

output "idle_apps" {
  description = "Names of the apps no one signed in to since var.since."
  value       = sort([for a in local.rows : a.display_name if a.active_users == 0])
}
