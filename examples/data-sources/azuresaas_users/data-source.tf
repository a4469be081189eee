# Members (and users with a null userType) of two domains; a user counts when
# the domain of their user principal name or of their mail matches.
data "azuresaas_users" "staff" {
  domain_names = ["contoso.com", "fabrikam.com"]
}

# Everyone, guests included, whatever the provider's defaults say.
data "azuresaas_users" "everyone" {
  domain_names   = []
  include_guests = true
}

# Only the disabled accounts, guests included: Graph is asked for them alone
# ($filter=accountEnabled eq false), so the read and the plan stay small.
data "azuresaas_users" "disabled" {
  account_enabled = false
  include_guests  = true
}

output "staff_emails" {
  value = [for u in data.azuresaas_users.staff.users : u.email]
}

output "disabled_accounts" {
  value = [for u in data.azuresaas_users.disabled.users : u.user_principal_name]
}
