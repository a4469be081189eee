# Everyone who holds Global Administrator, actively or as eligible (PIM).
# Graph is asked for that role only ($filter=roleDefinitionId eq '…').
data "azuresaas_directory_role_assignments" "global_admins" {
  role_names = ["Global Administrator"]
}

# Every role, active assignments only: also works in a tenant without
# Entra ID P2 (the assignments then have no start or end).
data "azuresaas_directory_role_assignments" "active" {
  include_eligible = false
}

locals {
  # Users and service principals holding Global Administrator right now;
  # a group counts once (azuresaas_group_members lists its members).
  active_global_admins = [
    for a in data.azuresaas_directory_role_assignments.global_admins.assignments : a
    if a.assignment_type == "active"
  ]
}

output "active_global_admin_count" {
  value = length(local.active_global_admins)
}

# Guests holding any role, and permanent assignments (no end date).
output "guest_admins" {
  value = [
    for a in data.azuresaas_directory_role_assignments.active.assignments :
    "${a.role_display_name}: ${a.principal_user_principal_name}"
    if a.principal_user_type == "Guest"
  ]
  sensitive = true
}
