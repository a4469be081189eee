# SSO Application Roster: who may sign in to the demo tenant's SaaS apps.
locals {
  roster_apps = {
    salesforce = "5a000000-0000-4000-8000-000000000001" # assignment required
    slack      = "5a000000-0000-4000-8000-000000000002" # assignment required
    workday    = "5a000000-0000-4000-8000-000000000003" # assignment required
    servicenow = "5a000000-0000-4000-8000-000000000004" # open access
    dropbox    = "5a000000-0000-4000-8000-000000000006" # assignment required
    expenses   = "5a000000-0000-4000-8000-000000000008" # assignment required
  }
}

data "azuresaas_application_roster" "demo" {
  service_principal_ids = values(local.roster_apps)
}

data "azuresaas_application_roster" "assigned" {
  service_principal_ids = values(local.roster_apps)
  assigned_only         = true
}

output "roster_by_app" {
  value = { for app in distinct([for e in data.azuresaas_application_roster.demo.entries : e.app_display_name]) : app => {
    direct      = length([for e in data.azuresaas_application_roster.demo.entries : e if e.app_display_name == app && e.source == "direct"])
    group       = length([for e in data.azuresaas_application_roster.demo.entries : e if e.app_display_name == app && e.source == "group"])
    open_access = length([for e in data.azuresaas_application_roster.demo.entries : e if e.app_display_name == app && e.source == "open_access"])
  } }
}

output "roster_assigned_only" {
  value = length(data.azuresaas_application_roster.assigned.entries)
}

output "roster_nested_groups" {
  value = data.azuresaas_application_roster.demo.nested_group_ids
}

output "roster_sample" {
  value = [for e in data.azuresaas_application_roster.demo.entries : {
    app = e.app_display_name, email = e.email, source = e.source, active_date = e.active_date
  } if e.app_display_name == "Salesforce"]
}
