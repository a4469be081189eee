data "azuresaas_users" "guests" {
  guests_only = true
}

# Guests by the domain of their email, in the form the domain filters use
# (lower case, IDNA ASCII), so the keys match domain_names as written.
output "guests_by_domain" {
  value = {
    for u in data.azuresaas_users.guests.users :
    provider::azuresaas::email_domain(u.email) => u.email...
  }
}

# "xn--mnchen-3ya.de"
output "example" {
  value = provider::azuresaas::email_domain("Ann@MÜNCHEN.de")
}
