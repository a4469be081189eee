# Rules 9 to 12 (access posture): an admin without MFA registered, a guest
# whose invitation is pending for more than pending_invitation_days (from
# the plan's own timestamp), users allowed to consent to any app (the
# legacy setting), and user consent off without the admin consent request
# workflow. A consent setting that could not be read (null) finds nothing.
package main

import data.terraform.plan

findings contains {"policy": "admin_without_mfa", "app": "", "user": user.user_principal_name, "msg": msg} if {
	some user in plan.items("azuresaas_user_registration_details", "users")
	user.is_admin == true
	user.is_mfa_registered == false
	msg := sprintf("Admin without MFA: %s holds an admin role and has registered no strong authentication method", [user.user_principal_name])
}

findings contains {"policy": "pending_guest", "app": "", "user": user.user_principal_name, "msg": msg} if {
	some user in plan.users
	user.external_user_state == "PendingAcceptance"
	is_string(user.external_user_state_change_date_time)
	days := pending_days(user.external_user_state_change_date_time)
	days > pending_invitation_days
	msg := sprintf("Pending guest: %s was invited %d days ago and never accepted", [user.user_principal_name, days])
}

findings contains {"policy": "user_consent_all_apps", "app": "", "user": "", "msg": msg} if {
	some settings in consent_settings
	settings.user_consent == "all_apps"
	msg := "User consent: users may consent to any app on their own (microsoft-user-default-legacy)"
}

findings contains {"policy": "no_admin_consent_workflow", "app": "", "user": "", "msg": msg} if {
	some settings in consent_settings
	settings.user_consent == "none"
	settings.admin_consent_requests_enabled == false
	msg := "Admin consent workflow: user consent is off and users cannot ask an admin for consent"
}

consent_settings contains source.values if {
	some source in plan.data_sources
	source.type == "azuresaas_consent_settings"
}

default pending_invitation_days := 30

pending_invitation_days := data.azuresaas.pending_invitation_days

# Whole days from the state change to the plan's timestamp, truncated, as
# the provider's days_between counts them.
pending_days(changed) := floor((plan_time_ns - time.parse_rfc3339_ns(changed)) / ((24 * 3600) * 1000000000))
