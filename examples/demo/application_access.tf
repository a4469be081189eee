# SSO Application Access: who actually signed in to each application in the
# last 30 days. Graph allows 5 sign-in log requests in any 10 seconds; these
# two data sources need one page each.

# Everyone who signed in successfully, guests and deleted users included.
data "azuresaas_application_access" "last_30_days" {
  since          = "720h"
  include_guests = true
}

# Every sign-in, failures included, to count them.
data "azuresaas_sign_ins" "last_30_days" {
  since = "720h"
}

locals {
  access_apps = distinct([for a in data.azuresaas_application_access.last_30_days.access : a.app_display_name])
}

output "access_active_users" {
  value = { for app in local.access_apps : app => length([for a in data.azuresaas_application_access.last_30_days.access : a if a.app_display_name == app]) }
}

output "access_sign_in_counts" {
  value = {
    total  = length(data.azuresaas_sign_ins.last_30_days.sign_ins)
    failed = length([for s in data.azuresaas_sign_ins.last_30_days.sign_ins : s if s.status_code != 0])
  }
}

output "access_top_failure_reasons" {
  value = { for r in distinct([for s in data.azuresaas_sign_ins.last_30_days.sign_ins : s.failure_reason if s.status_code != 0]) :
  r => length([for s in data.azuresaas_sign_ins.last_30_days.sign_ins : s if s.failure_reason == r]) }
}

output "access_sample" {
  value = [for a in slice(data.azuresaas_application_access.last_30_days.access, 0, min(6, length(data.azuresaas_application_access.last_30_days.access))) : {
    app        = a.app_display_name
    user       = a.user_principal_name
    last_login = a.last_login
    location   = a.login_location
    sign_ins   = a.sign_in_count
  }]
}
