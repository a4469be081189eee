# Who administers the tenant: every directory role held, active or
# eligible (PIM), with the principal's type and whether it is permanent.
data "azuresaas_directory_role_assignments" "all" {}

output "directory_roles" {
  value = [for a in data.azuresaas_directory_role_assignments.all.assignments : {
    role      = a.role_display_name
    principal = a.principal_display_name
    type      = a.principal_type
    user_type = a.principal_user_type
    kind      = a.assignment_type
    permanent = a.end_date_time == null
    scope     = a.directory_scope_id
  }]
}
