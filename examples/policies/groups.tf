# Group-based licensing (a warning): a group that assigns licences but could
# not give them to some of its members (no seats left, conflicting service
# plans) leaves those people without the apps they were promised. Graph is
# asked for those groups only ($filter=hasMembersWithLicenseErrors eq true),
# so the plan holds them, not every group.
data "azuresaas_groups" "license_errors" {
  license_errors_only = true
}

module "group_license_errors" {
  source = "./modules/group_license_errors"
  groups = data.azuresaas_groups.license_errors.groups
}

check "no_group_license_errors" {
  assert {
    condition     = length(module.group_license_errors.with_errors) == 0
    error_message = "Groups that could not license some of their members (see output groups_with_license_errors): ${join(", ", module.group_license_errors.with_errors)}. Free seats or resolve the conflicting plans, then reprocess the group's licences."
  }
}

output "groups_with_license_errors" {
  description = "Groups with members whose group-assigned licences are in error."
  value       = module.group_license_errors.with_errors
}
