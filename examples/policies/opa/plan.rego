# The azuresaas data sources in a Terraform plan (`terraform show -json` of a
# saved plan), for the policies of package main.
#
# Data sources read at plan time are under prior_state.values.root_module and
# its child modules (at any depth) with "mode": "data". A read Terraform must
# defer to apply time (its arguments depend on values known only then) is in
# resource_changes with the action "read", and its results are unknown.
package terraform.plan

# modules are the root module and every child module below it.
modules contains module if {
	some path, module
	walk(input.prior_state.values.root_module, [path, module])
	module_path(path)
}

# module_path holds for [], ["child_modules", i], ["child_modules", i,
# "child_modules", j], ...: the only paths under root_module that lead to a
# module.
module_path(path) if {
	count(path) % 2 == 0
	every i, key in path {
		module_path_key(i, key)
	}
}

module_path_key(i, _) if i % 2 == 1

module_path_key(i, key) if {
	i % 2 == 0
	key == "child_modules"
}

# data_sources maps each address of an azuresaas data source to its type,
# values and whether its read is deferred to apply time.
data_sources[address] := {"type": change.type, "values": object.get(change.change, "after", {}), "deferred": true} if {
	some change in input.resource_changes
	change.mode == "data"
	startswith(change.type, "azuresaas_")
	"read" in change.change.actions
	address := change.address
}

data_sources[address] := {"type": resource.type, "values": resource.values, "deferred": false} if {
	some module in modules
	some resource in module.resources
	resource.mode == "data"
	startswith(resource.type, "azuresaas_")
	address := resource.address
	not deferred[address]
}

deferred contains change.address if {
	some change in input.resource_changes
	change.mode == "data"
	"read" in change.change.actions
}

# items are the elements of the list attribute attr of every data source of
# type typ whose values are known.
items(typ, attr) := {item |
	some source in data_sources
	source.type == typ
	list := object.get(source.values, attr, null)
	is_array(list)
	some item in list
}

service_principals := items("azuresaas_service_principals", "service_principals")

users := items("azuresaas_users", "users")

roster_entries := items("azuresaas_application_roster", "entries")

access := items("azuresaas_application_access", "access")

consented_applications := items("azuresaas_consented_applications", "applications")

# access_windows are the `since` arguments of the application access reads:
# "no sign-in" means none in that window.
access_windows := {since |
	some source in data_sources
	source.type == "azuresaas_application_access"
	not source.deferred
	since := source.values.since
}

# saas_apps are the enterprise apps that are not Microsoft's and are enabled.
saas_apps := {sp |
	some sp in service_principals
	sp.enterprise_app == true
	sp.first_party != true
	sp.account_enabled != false
}

# Parameters, from the data document (policy.json): conftest --data, or
# opa eval -d.
default allowed_guest_domains := set()

allowed_guest_domains := {lower(d) | some d in data.azuresaas.allowed_guest_domains}

default open_access_exceptions := {}

open_access_exceptions := data.azuresaas.open_access_exceptions

default saml_certificate_days := 60

saml_certificate_days := data.azuresaas.saml_certificate_days

# saml_deadline is saml_certificate_days after the plan was made: the plan
# JSON's timestamp, so a saved plan is judged as of its own time.
saml_deadline := time.parse_rfc3339_ns(input.timestamp) + ((saml_certificate_days * 24) * 3600) * 1000000000
