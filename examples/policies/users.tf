# Only the users these rules look at, so that the plan stays small in a large
# tenant: Graph is asked for the guests, and for the disabled accounts, alone.
data "azuresaas_users" "guests" {
  guests_only = true
}

data "azuresaas_users" "disabled" {
  account_enabled = false
  include_guests  = true
}

locals {
  disabled_user_ids = [for u in data.azuresaas_users.disabled.users : u.id]
}

# The guests whose home domain is not in allowed_guest_domains.
module "guest_domains" {
  source          = "./modules/guest_domains"
  guests          = data.azuresaas_users.guests.users
  allowed_domains = local.policy.allowed_guest_domains
}

# Rule 2 (warning): guests only from allowed partner domains.
check "guests_from_allowed_domains" {
  assert {
    condition     = length(module.guest_domains.outside) == 0
    error_message = "Guests from domains outside allowed_guest_domains (policy.json): ${join(", ", [for g in module.guest_domains.outside : "${g.email} (${g.domain})"])}."
  }
}

output "guest_count" {
  value = length(data.azuresaas_users.guests.users)
}
