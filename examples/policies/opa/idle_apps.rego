# Rule 4: SaaS apps (enterprise apps, not Microsoft's, enabled) that no one
# signed in to successfully in the window of the application access data
# source.
package main

import data.terraform.plan

findings contains {"policy": "idle_app", "app": app.display_name, "user": "", "msg": msg} if {
	count(plan.access_windows) > 0
	some app in plan.saas_apps
	not used[app.app_id]
	msg := sprintf("Idle app: no one signed in to %s (%s) since %s", [app.display_name, app.id, concat(", ", plan.access_windows)])
}

# A comprehension, computed once (see signed_in in unused_seats.rego).
used := {a.app_id | some a in plan.access}
