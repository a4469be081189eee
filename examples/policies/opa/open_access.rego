# Rule 1: no third-party app with single sign-on allows open access
# (appRoleAssignmentRequired false: every account of the tenant, guests
# included, may sign in). Apps in open_access_exceptions are let through.
package main

import data.terraform.plan

findings contains {"policy": "open_access", "app": sp.display_name, "user": "", "msg": msg} if {
	some sp in plan.service_principals
	sp.first_party != true
	sp.open_access == true
	sp.account_enabled != false
	sso_configured(sp)
	not plan.open_access_exceptions[sp.id]
	msg := sprintf("Open access: the third-party app %s (%s) has %s single sign-on and does not require assignment", [sp.display_name, sp.id, sso_kind(sp)])
}

sso_configured(sp) if sp.sso_mode in {"saml", "oidc", "password"}

sso_configured(sp) if sp.oauth2_integration == true

sso_kind(sp) := sp.sso_mode if sp.sso_mode in {"saml", "oidc", "password"}
else := "OAuth/OIDC"
