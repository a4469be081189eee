# Who holds an application's roles, by its application (client) ID.
data "azuresaas_app_role_assignments" "salesforce" {
  app_id = "00000000-0000-0000-0000-000000000000"
}

output "assigned_groups" {
  value = [for a in data.azuresaas_app_role_assignments.salesforce.assignments : a.principal_display_name if a.principal_type == "Group"]
}
