# Who has used none of the Microsoft 365 services they hold in 60 days
# (the newest activity in any of them is more than 60 days before the
# report's refresh date, or there is none).
data "azuresaas_m365_active_users" "idle" {
  period        = "D90"
  inactive_days = 60
}

output "idle_m365_users" {
  value     = [for u in data.azuresaas_m365_active_users.idle.users : u.user_principal_name if !u.is_deleted]
  sensitive = true
}

# The tenant may conceal user names in usage reports (the default since
# 2021): then nothing can be joined with the directory. Fail early.
check "usage_report_names_visible" {
  assert {
    condition     = !data.azuresaas_m365_active_users.idle.names_concealed
    error_message = "Microsoft 365 usage reports conceal user names: turn off \"Display concealed user, group, and site names in all reports\" in the Microsoft 365 admin center."
  }
}
