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

output "staff_emails" {
  value = [for u in data.azuresaas_users.staff.users : u.email]
}

output "disabled_accounts" {
  value = [for u in data.azuresaas_users.everyone.users : u.user_principal_name if u.account_enabled == false]
}
