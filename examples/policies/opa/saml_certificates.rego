# Rule 7: SAML signing certificates that expire within saml_certificate_days
# of the plan (its "timestamp"), or already have.
package main

import data.terraform.plan

findings contains {"policy": "saml_certificate", "app": sp.display_name, "user": "", "msg": msg} if {
	some sp in plan.service_principals
	is_string(sp.saml_certificate_expires)
	expires := time.parse_rfc3339_ns(sp.saml_certificate_expires)
	expires < plan.saml_deadline
	msg := sprintf("SAML certificate: the signing certificate of %s (%s) expires %s, within %d days", [sp.display_name, sp.id, sp.saml_certificate_expires, plan.saml_certificate_days])
}
