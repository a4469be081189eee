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
  # A guest's home domain: the invited address encoded in an #EXT# user
  # principal name (ann_partner.example#EXT#@tenant.onmicrosoft.com), else
  # the domain of its email as the provider's domain filters compare it
  # (lower case, IDNA ASCII).
  guests = [
    for u in data.azuresaas_users.guests.users : {
      id    = u.id
      email = u.email
      domain = (
        strcontains(u.user_principal_name, "#EXT#")
        ? lower(try(regex("_([^_]+)#EXT#@", u.user_principal_name)[0], ""))
        : provider::azuresaas::email_domain(u.email)
      )
    }
  ]
  guests_outside = [for g in local.guests : g if !contains(local.allowed_guest_domains, g.domain)]

  disabled_user_ids = [for u in data.azuresaas_users.disabled.users : u.id]
}

# Rule 2 (warning): guests only from allowed partner domains.
check "guests_from_allowed_domains" {
  assert {
    condition     = length(local.guests_outside) == 0
    error_message = "Guests from domains outside allowed_guest_domains (policy.json): ${join(", ", [for g in local.guests_outside : "${g.email} (${g.domain})"])}."
  }
}

output "guest_count" {
  value = length(local.guests)
}
