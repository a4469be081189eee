# Group-based licensing: a group with members whose licences it could not
# assign (hasMembersWithLicenseErrors). Any azuresaas_groups read counts,
# filtered with license_errors_only or not.
package main

import data.terraform.plan

findings contains {"policy": "group_license_errors", "app": group.display_name, "user": "", "msg": msg} if {
	some group in plan.items("azuresaas_groups", "groups")
	group.has_members_with_license_errors == true
	msg := sprintf("Group-based licensing: %s could not give some of its members the licences it assigns", [group.display_name])
}
