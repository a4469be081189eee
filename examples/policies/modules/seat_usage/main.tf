# Who holds each app (assigned directly or through a group; open access left
# out, since nobody holds a seat of an app everyone may use) against who
# signed in to it successfully since var.since.
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

variable "disabled_user_ids" {
  type        = list(string)
  description = "Ids of disabled accounts."
}

# A tenant with no SaaS app has no roster to read (the data source wants at
# least one id).
data "azuresaas_application_roster" "assigned" {
  count                 = length(var.apps) > 0 ? 1 : 0
  service_principal_ids = [for a in var.apps : a.id]
  assigned_only         = true
}

data "azuresaas_application_access" "window" {
  since = var.since
}

locals {
  # Lookups index maps with try(map[key], false): contains() and lookup()
  # both walk the whole collection on every call, which is quadratic over a
  # large roster.
  entries   = length(var.apps) > 0 ? data.azuresaas_application_roster.assigned[0].entries : []
  signed_in = { for a in data.azuresaas_application_access.window.access : "${a.app_id}/${a.user_id}" => true }
  apps_used = toset([for a in data.azuresaas_application_access.window.access : a.app_id])
  disabled  = { for id in var.disabled_user_ids : id => true }
  # Grouping (`...`) builds each map in one pass: distinct() over a large
  # list compares every pair.
  unused_by_app = {
    for e in local.entries :
    e.app_display_name => e.email... if !try(local.signed_in["${e.app_id}/${e.user_id}"], false)
  }
  disabled_holders = {
    for e in local.entries :
    e.email => e.app_display_name... if try(local.disabled[e.user_id], false)
  }
}

output "unused_seats" {
  description = "Per app name, the emails of users who hold it but did not sign in to it since var.since."
  value       = { for app, emails in local.unused_by_app : app => sort(emails) }
}

output "unused_seat_counts" {
  description = "Per app name, how many seats went unused."
  value       = { for app, emails in local.unused_by_app : app => length(emails) }
}

output "idle_apps" {
  description = "Names of the apps no one signed in to since var.since."
  value       = sort([for a in var.apps : a.display_name if !contains(local.apps_used, a.app_id)])
}

output "disabled_users_with_assignments" {
  description = "Per disabled user's email, the apps they still hold."
  value       = { for email, apps in local.disabled_holders : email => sort(distinct(apps)) }
}
