# Microsoft 365 seats whose holder used none of Exchange, OneDrive,
# SharePoint and Teams in var.idle_days: the licence seats joined with the
# Microsoft 365 active users report by user principal name (compared
# case-insensitively). The newest of the four activity dates counts, from
# the report's refresh date (reports lag a day or two); a holder the report
# does not list, or lists with no activity, is idle. When the report
# conceals names nothing can be joined, and nothing is found (the root's
# check says why).
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "seats" {
  type        = list(object({ user_principal_name = string, sku_part_number = string }))
  description = "Licence seats (azuresaas_license_assignments' assignments)."
}

variable "usage" {
  type = list(object({
    user_principal_name           = string
    is_deleted                    = bool
    exchange_last_activity_date   = string
    onedrive_last_activity_date   = string
    sharepoint_last_activity_date = string
    teams_last_activity_date      = string
  }))
  description = "The report's users (azuresaas_m365_active_users' users)."
}

variable "report_refresh_date" {
  type        = string
  description = "The report's refresh date, YYYY-MM-DD (null for an empty report)."
}

variable "names_concealed" {
  type        = bool
  description = "Whether the report conceals user names."
}

variable "idle_days" {
  type        = number
  description = "Idle means no activity in the four products for more than this many days."
}

variable "sku_part_numbers" {
  type        = list(string)
  description = "The SKUs that are Microsoft 365 seats (compared case-insensitively)."
}

locals {
  skus = { for s in var.sku_part_numbers : upper(s) => true }
  # The newest activity of each live account, by lower-cased name. Dates
  # are YYYY-MM-DD, so they sort as strings.
  activity = {
    for u in var.usage : lower(u.user_principal_name) => [
      for d in [u.exchange_last_activity_date, u.onedrive_last_activity_date, u.sharepoint_last_activity_date, u.teams_last_activity_date] : d if d != null
    ]... if !coalesce(u.is_deleted, false)
  }
  last_activity = { for upn, dates in local.activity : upn => try(reverse(sort(flatten(dates)))[0], null) }

  m365_seats = [
    for s in var.seats : {
      user_principal_name = s.user_principal_name
      sku                 = s.sku_part_number
      last_activity       = try(local.last_activity[lower(s.user_principal_name)], null)
    }
    if !var.names_concealed && s.user_principal_name != null && try(local.skus[upper(s.sku_part_number)], false)
  ]
  idle_seats = [
    for s in local.m365_seats : s
    if s.last_activity == null || coalesce(provider::azuresaas::days_between("${coalesce(s.last_activity, "1970-01-01")}T00:00:00Z", "${coalesce(var.report_refresh_date, "1970-01-01")}T00:00:00Z"), 0) > var.idle_days
  ]
}

output "idle_seats" {
  value       = local.idle_seats
  description = "The idle seats: user_principal_name, sku, last_activity (null: none in the report)."
}

output "idle_seat_counts" {
  value       = { for sku, seats in { for s in local.idle_seats : s.sku => s... } : sku => length(seats) }
  description = "Idle seats per SKU."
}
