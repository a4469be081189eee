# HR Roster: the tenant and its users.
data "azuresaas_organization" "tenant" {}

# The HR Roster with the defaults: members (and null userType) of every domain.
data "azuresaas_users" "members" {}

# Everyone, guests included, to show what the guest filter leaves out.
data "azuresaas_users" "everyone" {
  include_guests = true
}

locals {
  member_domains = [for u in data.azuresaas_users.members.users : lower(split("@", u.email)[1])]
}

output "organization" {
  value = {
    name    = data.azuresaas_organization.tenant.display_name
    domains = [for d in data.azuresaas_organization.tenant.verified_domains : d.name]
  }
}

output "members_by_domain" {
  value = { for d in distinct(local.member_domains) : d => length([for x in local.member_domains : x if x == d]) }
}

output "member_count" {
  value = length(data.azuresaas_users.members.users)
}

output "guests_left_out" {
  value = sort([for u in data.azuresaas_users.everyone.users : u.email if u.user_type == "Guest"])
}

output "disabled_members" {
  value = [for u in data.azuresaas_users.members.users : u.user_principal_name if u.account_enabled == false]
}

output "sample" {
  value = [for u in slice(data.azuresaas_users.members.users, 0, 6) : {
    email       = u.email
    name        = u.display_name
    location    = u.location
    active_date = u.active_date
    aliases     = length(u.email_aliases)
  }]
}
