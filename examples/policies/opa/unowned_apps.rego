# Ownership: SaaS apps (enterprise apps, not Microsoft's, enabled) without an
# owner: nobody to ask about them. Apps read without include_owners (owners
# null) are not judged. Microsoft's first-party apps and managed identities
# have no owners in any tenant, and are left out by saas_apps.
package main

import data.terraform.plan

findings contains {"policy": "unowned_app", "app": sp.display_name, "user": "", "msg": msg} if {
	some sp in plan.saas_apps
	is_array(sp.owners)
	count(sp.owners) == 0
	msg := sprintf("No owner: the SaaS app %s (%s) has no owner to ask about it", [sp.display_name, sp.id])
}
