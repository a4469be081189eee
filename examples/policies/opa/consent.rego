# Rule 6: users consented high-risk scopes to an app without a verified
# publisher (an administrator's consent for everyone is left to review).
package main

import data.terraform.plan

findings contains {"policy": "unverified_consent", "app": app_name(app), "user": "", "msg": msg} if {
	some app in plan.consented_applications
	app.consented_user_count > 0
	app.verified_publisher != true
	count(app.high_risk_scopes) > 0
	msg := sprintf("Unverified consent: %d user(s) gave %s (%s), an app without a verified publisher, the high-risk scopes %s", [app.consented_user_count, app_name(app), app.app_instance_id, concat(" ", app.high_risk_scopes)])
}

app_name(app) := app.display_name if is_string(app.display_name)
else := app.app_instance_id
