# Who may sign in to two applications, and how they got access.
data "azuresaas_application_roster" "saas" {
  service_principal_ids = [
    "00000000-0000-0000-0000-000000000001",
    "00000000-0000-0000-0000-000000000002",
  ]
  domain_names = ["contoso.com"]
}

output "users_per_app" {
  value = { for e in data.azuresaas_application_roster.saas.entries : e.app_display_name => e.email... }
}

# Nested groups are not expanded by Entra ID: their members do not get the app.
output "nested_groups_to_review" {
  value = data.azuresaas_application_roster.saas.nested_group_ids
}
