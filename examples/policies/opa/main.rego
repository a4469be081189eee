# SaaS-governance policies over the plan JSON of a configuration that uses
# the azuresaas data sources (examples/policies). One file per rule; each adds
# to `violations` (objects with policy, app, user and msg, for programs) and
# the messages become `deny`, the rule conftest reads by default:
#
#   conftest test --policy opa --data policy.json plan.json
#   opa eval --format pretty -d opa -d policy.json -i plan.json data.main.deny
#
# Parameters come from the data document (policy.json): allowed_guest_domains
# and open_access_exceptions (service principal id to reason).
package main

import data.terraform.plan

deny contains finding.msg if {
	some finding in findings
}

# A read deferred to apply time has no results at plan time: say that its
# rules went unchecked rather than pass silently.
warn contains msg if {
	some address, source in plan.data_sources
	source.deferred
	msg := sprintf("%s is read during apply (its arguments depend on values known only then): the policies cannot check its results at plan time", [address])
}
