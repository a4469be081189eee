# Rule 3: assigned but unused seats (licence reclamation): users who hold an
# app, directly or through a group, with no successful sign-in to it in the
# window of the application access data source (its `since`). Open access is
# left out: nobody holds a seat of an app everyone may use.
package main

import data.terraform.plan

findings contains {"policy": "unused_seat", "app": entry.app_display_name, "user": entry.email, "msg": msg} if {
	count(plan.access_windows) > 0
	some entry in plan.roster_entries
	entry.source != "open_access"
	not signed_in[sprintf("%s/%s", [entry.app_id, entry.user_id])]
	msg := sprintf("Unused seat: %s holds %s (%s) with no successful sign-in to it since %s", [entry.email, entry.app_display_name, entry.source, concat(", ", plan.access_windows)])
}

# A comprehension, computed once: a partial set rule queried with a key
# (signed_in[k]) is evaluated again for every key.
signed_in := {sprintf("%s/%s", [a.app_id, a.user_id]) | some a in plan.access}

warn contains "The plan reads the application roster but no application access: unused seats are not checked" if {
	count(plan.roster_entries) > 0
	count(plan.access_windows) == 0
}
