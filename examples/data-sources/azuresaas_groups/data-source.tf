# Groups whose members the group could not license (a seat shortage, a
# conflicting plan): Graph is asked for those only
# ($filter=hasMembersWithLicenseErrors eq true).
data "azuresaas_groups" "license_errors" {
  license_errors_only = true
}

# Security groups with assigned (not dynamic) membership that are not
# Microsoft 365 groups: security_enabled goes to Graph, unified = false and
# dynamic = false are applied by the provider after the read.
data "azuresaas_groups" "assigned_security" {
  security_enabled = true
  unified          = false
  dynamic          = false
}

# Every group: the licences each assigns (group-based licensing) and the
# role-assignable ones.
data "azuresaas_groups" "all" {}

output "groups_with_license_errors" {
  value = [for g in data.azuresaas_groups.license_errors.groups : g.display_name]
}

output "assigned_security_group_count" {
  value = length(data.azuresaas_groups.assigned_security.groups)
}

output "licensing_groups" {
  value = {
    for g in data.azuresaas_groups.all.groups : g.display_name => g.assigned_license_sku_ids
    if length(coalesce(g.assigned_license_sku_ids, [])) > 0
  }
}

output "role_assignable_groups" {
  value = [for g in data.azuresaas_groups.all.groups : g.display_name if g.is_assignable_to_role == true]
}
