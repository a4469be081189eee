# The demo configuration that `make demo` runs against the fake Graph's demo
# tenant. Credentials come from ARM_TENANT_ID, ARM_CLIENT_ID and
# ARM_CLIENT_SECRET; the two endpoints point at the local fake Graph.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "graph_endpoint" {
  type        = string
  description = "The fake Graph's base URL, e.g. http://127.0.0.1:8080."
}

variable "authority_host" {
  type        = string
  description = "The fake token endpoint's base URL (the same server)."
}

provider "azuresaas" {
  graph_endpoint = var.graph_endpoint
  authority_host = var.authority_host
}

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
