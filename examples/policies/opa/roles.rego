# Rules 13 and 14 (who administers the tenant): more than max_global_admins
# principals actively holding Global Administrator, and a guest (active or
# eligible) or a permanent active assignment in a privileged role.
# Graph v1.0 has no isPrivileged, so privileged_roles (policy.json) lists
# the built-in roles' template ids; permanent_privileged_exceptions names
# the principals (break-glass accounts) allowed a permanent assignment.
package main

import data.terraform.plan

global_administrator := "62e90394-69f5-4237-9190-012177145e10"

default max_global_admins := 5

max_global_admins := data.azuresaas.max_global_admins

default privileged_roles := {}

privileged_roles := data.azuresaas.privileged_roles

default permanent_exceptions := {}

permanent_exceptions := data.azuresaas.permanent_privileged_exceptions

# principal_name is what a finding names: the user principal name, else the
# display name, else the id (a deleted principal).
principal_name(a) := a.principal_user_principal_name if is_string(a.principal_user_principal_name)

principal_name(a) := a.principal_display_name if {
	not is_string(a.principal_user_principal_name)
	is_string(a.principal_display_name)
}

principal_name(a) := a.principal_id if {
	not is_string(a.principal_user_principal_name)
	not is_string(a.principal_display_name)
}

# A group counts once; so does a principal holding the role at two scopes.
global_admins contains principal_name(a) if {
	some a in plan.items("azuresaas_directory_role_assignments", "assignments")
	a.role_template_id == global_administrator
	a.assignment_type == "active"
}

findings contains {"policy": "too_many_global_admins", "app": "Global Administrator", "user": "", "msg": msg} if {
	count(global_admins) > max_global_admins
	msg := sprintf("Global Administrators: %d principals actively hold the role, more than %d", [count(global_admins), max_global_admins])
}

findings contains {"policy": "privileged_role", "app": a.role_display_name, "user": principal_name(a), "msg": msg} if {
	some a in plan.items("azuresaas_directory_role_assignments", "assignments")
	privileged_roles[a.role_template_id]
	reasons := [r | some r in ["guest", "permanent"]; privileged_reason(a, r)]
	count(reasons) > 0
	msg := sprintf("Privileged role: %s holds %s (%s)", [principal_name(a), a.role_display_name, concat(", ", reasons)])
}

privileged_reason(a, "guest") if a.principal_user_type == "Guest"

privileged_reason(a, "permanent") if {
	a.assignment_type == "active"
	a.end_date_time == null
	not permanent_exceptions[a.principal_id]
}
