# Who administers the tenant (rules 13 and 14, warnings): more than
# max_global_admins Global Administrators, and guests or permanent active
# assignments in privileged roles (policy.json's privileged_roles:
# v1.0 has no isPrivileged, so the list is the policy's own). Role
# definitions are read once and principals come expanded with the
# assignments. In a tenant without Entra ID P2 or ID Governance, set
# include_eligible = false: every assignment is then active and permanent.
data "azuresaas_directory_role_assignments" "all" {}

module "roles" {
  source               = "./modules/roles"
  assignments          = data.azuresaas_directory_role_assignments.all.assignments
  privileged_roles     = local.policy.privileged_roles
  max_global_admins    = local.policy.max_global_admins
  permanent_exceptions = local.policy.permanent_privileged_exceptions
}

# Rule 13: at most max_global_admins principals hold Global Administrator.
check "global_admins_at_most_max" {
  assert {
    condition     = !module.roles.too_many_global_admins
    error_message = "${length(module.roles.global_admins)} principals actively hold Global Administrator, more than ${local.policy.max_global_admins} (see output global_admins): use less privileged roles, or make them eligible through PIM."
  }
}

# Rule 14: no guest and no permanent active assignment in a privileged role
# (break-glass accounts are listed in permanent_privileged_exceptions).
check "no_guest_or_permanent_privileged_roles" {
  assert {
    condition     = length(module.roles.privileged_findings) == 0
    error_message = "Guests or permanent assignments in privileged roles (see output privileged_role_findings): ${join(", ", [for f in module.roles.privileged_findings : "${f.principal} as ${f.role} (${f.reason})"])}. Make them eligible and time-bound through PIM, or take the role away."
  }
}

output "global_admin_count" {
  value = length(module.roles.global_admins)
}

output "global_admins" {
  value     = module.roles.global_admins
  sensitive = true
}

output "privileged_role_findings" {
  value     = module.roles.privileged_findings
  sensitive = true
}
