# The direct members of a group.
data "azuresaas_group_members" "sales" {
  group_id = "00000000-0000-0000-0000-000000000000"
}

# Everyone in it, nested groups included.
data "azuresaas_group_members" "sales_all" {
  group_id   = "00000000-0000-0000-0000-000000000000"
  transitive = true
}

output "sales_emails" {
  value = [for m in data.azuresaas_group_members.sales.members : m.email if m.type == "user"]
}
