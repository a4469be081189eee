# Rule 7: Microsoft 365 seats (m365_sku_part_numbers) whose holder used none
# of Exchange, OneDrive, SharePoint and Teams in m365_idle_days (policy.json;
# default 60): the licence seats joined with the Microsoft 365 active users
# report by user principal name, case-insensitively. The newest of the four
# activity dates counts from the report's refresh date; a holder the report
# does not list, or lists with no activity, is idle. A report whose names
# are concealed cannot be joined: it gives a warning, not findings.
package main

import data.terraform.plan

findings contains {"policy": "idle_m365_seat", "app": seat.sku_part_number, "user": seat.user_principal_name, "msg": msg} if {
	count(m365_reports) > 0
	not m365_concealed
	some seat in licence_seats
	upper(seat.sku_part_number) in m365_skus
	seat.user_principal_name != null
	not m365_active[lower(seat.user_principal_name)]
	msg := sprintf("Idle Microsoft 365 seat: %s holds %s and used none of Exchange, OneDrive, SharePoint and Teams in %d days", [seat.user_principal_name, seat.sku_part_number, m365_idle_days])
}

warn contains msg if {
	m365_concealed
	msg := "The Microsoft 365 usage report conceals user names: idle Microsoft 365 seats cannot be found until \"Display concealed user, group, and site names in all reports\" is turned off"
}

m365_reports := [source.values |
	some source in plan.data_sources
	source.type == "azuresaas_m365_active_users"
	not source.deferred
]

m365_concealed if {
	some report in m365_reports
	report.names_concealed == true
}

m365_skus := {upper(s) | some s in m365_sku_part_numbers}

# The live accounts active in any of the four products within
# m365_idle_days of the report's refresh date, by lower-cased name: a set,
# computed once, so the rule stays linear in the seats.
m365_active contains lower(u.user_principal_name) if {
	some report in m365_reports
	some u in report.users
	not u.is_deleted
	some d in [u.exchange_last_activity_date, u.onedrive_last_activity_date, u.sharepoint_last_activity_date, u.teams_last_activity_date]
	d != null
	m365_refresh_day - date_day(d) <= m365_idle_days
}

m365_refresh_day := max({date_day(r.report_refresh_date) | some r in m365_reports; r.report_refresh_date != null})

date_day(d) := floor(time.parse_ns("2006-01-02", d) / (((24 * 3600) * 1000) * 1000000))

default m365_idle_days := 60

m365_idle_days := data.azuresaas.m365_idle_days

default m365_sku_part_numbers := ["SPE_E3", "SPE_E5"]

m365_sku_part_numbers := data.azuresaas.m365_sku_part_numbers
