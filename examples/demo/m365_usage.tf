# Microsoft 365 usage: who holds a Microsoft 365 E3 seat but used none of
# Exchange, OneDrive, SharePoint and Teams in 60 days, from the Microsoft 365
# active users report joined with the licence seats (licences.tf) by user
# principal name. The report lags a day or two: days count back from its
# refresh date.
data "azuresaas_m365_active_users" "all" {
  period = "D90"
}

locals {
  m365_report = data.azuresaas_m365_active_users.all
  # The newest activity in the four products of each live account.
  m365_last_activity = {
    for upn, dates in {
      for u in local.m365_report.users : lower(u.user_principal_name) => [
        for d in [u.exchange_last_activity_date, u.onedrive_last_activity_date, u.sharepoint_last_activity_date, u.teams_last_activity_date] : d if d != null
      ]... if !u.is_deleted
    } : upn => try(reverse(sort(flatten(dates)))[0], null)
  }
  idle_m365_seats = [
    for a in data.azuresaas_license_assignments.all.assignments : {
      user = a.user_principal_name
      last = try(local.m365_last_activity[lower(a.user_principal_name)], null)
    }
    if a.sku_part_number == "SPE_E3" && !local.m365_report.names_concealed && (
      try(local.m365_last_activity[lower(a.user_principal_name)], null) == null ||
      coalesce(provider::azuresaas::days_between("${coalesce(try(local.m365_last_activity[lower(a.user_principal_name)], null), "1970-01-01")}T00:00:00Z", "${local.m365_report.report_refresh_date}T00:00:00Z"), 0) > 60
    )
  ]
}

output "m365_report" {
  value = {
    refresh_date    = local.m365_report.report_refresh_date
    users           = length(local.m365_report.users)
    deleted         = length([for u in local.m365_report.users : u if u.is_deleted])
    names_concealed = local.m365_report.names_concealed
    e3_seats        = length([for a in data.azuresaas_license_assignments.all.assignments : a if a.sku_part_number == "SPE_E3"])
  }
}

output "idle_m365_seats" {
  value = [for s in local.idle_m365_seats : "${s.user} (${s.last == null ? "no activity" : "last ${s.last}"})"]
}
