# Days since each user's last successful sign-in to each app in the window.
data "azuresaas_application_access" "last_30_days" {
  since = "720h"
}

output "days_since_last_login" {
  value = {
    for a in data.azuresaas_application_access.last_30_days.access :
    "${a.app_display_name}/${a.user_principal_name}" => provider::azuresaas::days_between(a.last_login, plantimestamp())
  }
}

# 58: whole days, truncated toward zero.
output "example" {
  value = provider::azuresaas::days_between("2025-01-01T12:00:00Z", "2025-03-01T11:59:59Z")
}
