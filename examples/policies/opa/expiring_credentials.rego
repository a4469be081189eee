# Rule 15: app registrations with a secret or certificate that expires
# within credential_expiry_days of the plan (not one that already ended: a
# rotated-out secret left on the app breaks nothing). One finding per
# credential, from any azuresaas_applications read in the plan, filtered or
# not; the message names the app's owners when the read has them.
package main

import data.terraform.plan

findings contains {"policy": "expiring_credential", "app": app.display_name, "user": "", "msg": msg} if {
	some app in plan.applications
	some cred in app.credentials
	is_string(cred.end_date_time)
	ends := time.parse_rfc3339_ns(cred.end_date_time)
	ends >= plan.now
	ends <= plan.credential_deadline
	msg := sprintf("Expiring credential: the %s %s of %s (%s) ends %s, within %d days; %s", [cred.type, credential_name(cred), app.display_name, app.app_id, cred.end_date_time, plan.credential_expiry_days, whom_to_ask(app)])
}

credential_name(cred) := sprintf("%q", [cred.display_name]) if is_string(cred.display_name)

credential_name(cred) := cred.key_id if not is_string(cred.display_name)

whom_to_ask(app) := "owners not read" if not is_array(app.owners)

whom_to_ask(app) := "no owner to ask" if {
	is_array(app.owners)
	count(app.owners) == 0
}

whom_to_ask(app) := sprintf("ask %s", [concat(", ", [owner_name(o) | some o in app.owners])]) if {
	is_array(app.owners)
	count(app.owners) > 0
}

owner_name(o) := o.user_principal_name if is_string(o.user_principal_name)

owner_name(o) := o.display_name if {
	not is_string(o.user_principal_name)
	is_string(o.display_name)
}

owner_name(o) := o.id if {
	not is_string(o.user_principal_name)
	not is_string(o.display_name)
}
