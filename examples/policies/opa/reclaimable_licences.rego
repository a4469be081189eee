# Rule 6: paid licences held by disabled accounts, or by users without a
# successful sign-in in licence_idle_days (policy.json; default 90). Idle
# seats are judged only from licence reads that include sign-in activity:
# without it every last_successful_sign_in is null, which says nothing.
package main

import data.terraform.plan

findings contains {"policy": "reclaimable_licence", "app": sku_name(seat), "user": seat.email, "msg": msg} if {
	some seat in licence_seats
	reason := reclaim_reason(seat)
	msg := sprintf("Reclaimable licence: %s holds %s (%s)", [seat.email, sku_name(seat), reason])
}

licence_seats := {seat |
	some source in plan.data_sources
	source.type == "azuresaas_license_assignments"
	not source.deferred
	some seat in source.values.assignments
}

# Seats from reads with sign-in activity, by user and SKU: reads with
# include_sign_in_activity, and reads filtered by inactive_days (which read
# it too, and keep only idle holders' seats; the rule still judges each seat
# by its own date against licence_idle_days).
with_sign_ins := {sprintf("%s/%s", [seat.user_id, seat.sku_id]) |
	some source in plan.data_sources
	source.type == "azuresaas_license_assignments"
	not source.deferred
	read_sign_ins(source.values)
	some seat in source.values.assignments
}

read_sign_ins(values) if values.include_sign_in_activity == true

read_sign_ins(values) if values.inactive_days != null

reclaim_reason(seat) := "disabled account" if {
	seat.account_enabled == false
} else := sprintf("no successful sign-in in %d days", [licence_idle_days]) if {
	with_sign_ins[sprintf("%s/%s", [seat.user_id, seat.sku_id])]
	idle(seat)
}

idle(seat) if seat.last_successful_sign_in == null

idle(seat) if time.parse_rfc3339_ns(seat.last_successful_sign_in) < licence_cutoff_ns

sku_name(seat) := seat.sku_part_number if seat.sku_part_number != null

else := seat.sku_id

default licence_idle_days := 90

licence_idle_days := data.azuresaas.licence_idle_days

# The cutoff counts back from the plan's own timestamp (Terraform 1.5+),
# so the rule agrees with the check block; else from now.
licence_cutoff_ns := plan_time_ns - ((licence_idle_days * 24) * 3600) * 1000000000

plan_time_ns := time.parse_rfc3339_ns(input.timestamp) if input.timestamp

else := time.now_ns()
