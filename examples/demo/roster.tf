# SSO Application Roster: who may sign in to the demo tenant's SaaS apps.
# The apps come from Application Discovery (discovery.tf): every SaaS app
# that is enabled.
locals {
  roster_app_ids = [for sp in data.azuresaas_service_principals.saas.service_principals : sp.id if sp.account_enabled == true]
}

data "azuresaas_application_roster" "demo" {
  service_principal_ids = local.roster_app_ids
}

data "azuresaas_application_roster" "assigned" {
  service_principal_ids = local.roster_app_ids
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
