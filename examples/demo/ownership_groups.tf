# Ownership and privilege: groups. Every group once; the groups with
# licence errors are a second, filtered read (Graph is asked for them only).
data "azuresaas_groups" "all" {}

data "azuresaas_groups" "license_errors" {
  license_errors_only = true
}

locals {
  sku_names = { for s in data.azuresaas_subscribed_skus.all.skus : s.sku_id => s.sku_part_number }
}

output "ownership_groups" {
  value = {
    total           = length(data.azuresaas_groups.all.groups)
    microsoft_365   = [for g in data.azuresaas_groups.all.groups : g.display_name if contains(g.group_types, "Unified")]
    dynamic         = [for g in data.azuresaas_groups.all.groups : g.display_name if contains(g.group_types, "DynamicMembership")]
    role_assignable = [for g in data.azuresaas_groups.all.groups : g.display_name if g.is_assignable_to_role == true]
    licensing = [for g in data.azuresaas_groups.all.groups : {
      group = g.display_name
      skus  = [for id in g.assigned_license_sku_ids : lookup(local.sku_names, id, id)]
    } if length(coalesce(g.assigned_license_sku_ids, [])) > 0]
    license_errors = [for g in data.azuresaas_groups.license_errors.groups : g.display_name]
  }
}
