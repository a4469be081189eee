# Per enterprise application: how many people hold it, and how many used it
# in the last 30 days. One row per application, however many users.
data "azuresaas_application_usage" "saas" {
  since        = "720h"
  domain_names = ["contoso.com"]
}

# Applications assigned to people of whom fewer than half signed in.
output "underused_apps" {
  value = {
    for a in data.azuresaas_application_usage.saas.applications : a.display_name => {
      assigned = a.assigned_users
      idle     = a.inactive_assigned_users
    } if a.assigned_users > 0 && a.active_assigned_users * 2 < a.assigned_users
  }
}

# Assignments Entra ID does not pass on: groups nested in an assigned group.
output "apps_with_nested_groups" {
  value = [for a in data.azuresaas_application_usage.saas.applications : a.display_name if a.nested_groups > 0]
}
