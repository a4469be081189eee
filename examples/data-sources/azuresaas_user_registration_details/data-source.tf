# Admins who have not registered any MFA method: Graph is asked only for the
# users without MFA ($filter=isMfaRegistered eq false); the provider keeps
# the admins among them.
data "azuresaas_user_registration_details" "admins_without_mfa" {
  mfa_registered = false
  admins_only    = true
}

# Members of one domain without MFA.
data "azuresaas_user_registration_details" "contoso_without_mfa" {
  domain_names   = ["contoso.com"]
  mfa_registered = false
}

# Counts are safe to print; names go to a sensitive output.
output "admins_without_mfa_count" {
  value = length(data.azuresaas_user_registration_details.admins_without_mfa.users)
}

output "admins_without_mfa" {
  value     = [for u in data.azuresaas_user_registration_details.admins_without_mfa.users : u.user_principal_name]
  sensitive = true
}

output "contoso_without_mfa_count" {
  value = length(data.azuresaas_user_registration_details.contoso_without_mfa.users)
}
