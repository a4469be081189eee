# Who used which application in the last 30 days, members of two domains.
data "azuresaas_application_access" "last_30_days" {
  since        = "720h"
  domain_names = ["contoso.com", "fabrikam.com"]
}

# Active users per application.
output "active_users" {
  value = {
    for app in distinct([for a in data.azuresaas_application_access.last_30_days.access : a.app_display_name]) :
    app => length([for a in data.azuresaas_application_access.last_30_days.access : a if a.app_display_name == app])
  }
}

# When each user last signed in to one application, and from where.
data "azuresaas_application_access" "crm" {
  since          = "720h"
  app_ids        = ["00000000-0000-0000-0000-000000000000"]
  include_guests = true
}

output "crm_last_logins" {
  value = { for a in data.azuresaas_application_access.crm.access : a.user_principal_name => "${a.last_login} (${coalesce(a.login_location, "unknown location")})" }
}
