# Rule 5: disabled accounts that still hold app assignments (directly or
# through a group): remove them, so that re-enabling an account does not
# bring its access back unnoticed.
package main

import data.terraform.plan

findings contains {"policy": "disabled_assignment", "app": entry.app_display_name, "user": entry.email, "msg": msg} if {
	some entry in plan.roster_entries
	entry.source != "open_access"
	disabled[entry.user_id]
	msg := sprintf("Disabled account %s still holds %s (%s assignment)", [entry.email, entry.app_display_name, entry.source])
}

# A comprehension, computed once (see signed_in in unused_seats.rego).
disabled := {user.id | some user in plan.users; user.account_enabled == false}
