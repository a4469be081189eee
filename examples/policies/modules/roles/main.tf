# Rules 13 and 14's logic (who administers the tenant): more than
# max_global_admins principals actively holding Global Administrator, and a
# guest, or a permanent active assignment, in a privileged role. A module
# fed by azuresaas_directory_role_assignments, so that `terraform test` can
# hand it inputs directly (tests/roles.tftest.hcl).
#
# Microsoft Graph v1.0 has no isPrivileged on role definitions (beta only),
# so the privileged roles are a list of built-in role template ids
# (policy.json's privileged_roles): roles Microsoft labels PRIVILEGED in
# "Microsoft Entra built-in roles". Template ids are the same in every
# tenant; a custom role is never on the list.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "assignments" {
  type = list(object({
    role_template_id              = string
    role_display_name             = string
    principal_id                  = string
    principal_display_name        = string
    principal_user_principal_name = string
    principal_user_type           = string
    assignment_type               = string
    end_date_time                 = string
  }))
  description = "azuresaas_directory_role_assignments' assignments."
}

variable "privileged_roles" {
  type        = map(string)
  description = "Privileged built-in roles: template id => display name."
}

variable "max_global_admins" {
  type        = number
  description = "More principals than this actively holding Global Administrator is a finding."
}

variable "permanent_exceptions" {
  type        = map(string)
  description = "Principal ids allowed a permanent assignment in a privileged role (break-glass accounts), with the reason."
}

locals {
  global_administrator = "62e90394-69f5-4237-9190-012177145e10"
  # A group counts once, whoever its members are; a principal with several
  # active instances of the role (say at two scopes) counts once.
  global_admins = distinct([
    for a in var.assignments : coalesce(a.principal_user_principal_name, a.principal_display_name, a.principal_id)
    if a.role_template_id == local.global_administrator && a.assignment_type == "active"
  ])
  privileged = [
    for a in var.assignments : {
      role      = a.role_display_name
      principal = coalesce(a.principal_user_principal_name, a.principal_display_name, a.principal_id)
      guest     = a.principal_user_type == "Guest"
      permanent = a.assignment_type == "active" && a.end_date_time == null && !contains(keys(var.permanent_exceptions), a.principal_id)
    }
    if contains(keys(var.privileged_roles), coalesce(a.role_template_id, "-"))
  ]
}

output "global_admins" {
  description = "The principals actively holding Global Administrator (user principal name, else display name, else id)."
  value       = sort(local.global_admins)
}

output "too_many_global_admins" {
  description = "More than max_global_admins principals actively hold Global Administrator."
  value       = length(local.global_admins) > var.max_global_admins
}

output "privileged_findings" {
  description = "Guests (active or eligible) and permanent active assignments in privileged roles, outside the exceptions."
  value = [
    for f in local.privileged : {
      role      = f.role
      principal = f.principal
      reason    = join(", ", compact([f.guest ? "guest" : "", f.permanent ? "permanent" : ""]))
    }
    if f.guest || f.permanent
  ]
}
