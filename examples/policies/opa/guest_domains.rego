# Rule 2: guests only from allowed partner domains (allowed_guest_domains).
# A guest's home domain is the invited address an #EXT# user principal name
# encodes (ann_partner.example#EXT#@tenant.onmicrosoft.com), else the domain
# of its email.
package main

import data.terraform.plan

findings contains {"policy": "guest_domain", "app": "", "user": user.email, "msg": msg} if {
	some user in plan.users
	user.user_type == "Guest"
	domain := home_domain(user)
	not domain in plan.allowed_guest_domains
	msg := sprintf("Guest from a domain that is not an allowed partner: %s (%s)", [user.email, domain])
}

home_domain(user) := lower(match[0][1]) if {
	contains(user.user_principal_name, "#EXT#")
	match := regex.find_all_string_submatch_n(`_([^_]+)#EXT#@`, user.user_principal_name, 1)
	count(match) == 1
} else := "" if {
	contains(user.user_principal_name, "#EXT#")
} else := lower(parts[1]) if {
	parts := split(user.email, "@")
	count(parts) == 2
} else := ""
