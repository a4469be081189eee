# The apps people connected on their own or an administrator consented to,
# without Microsoft's own apps (exclude_first_party defaults to true here).
data "azuresaas_consented_applications" "apps" {}

# Apps users let in with a high-risk scope although nobody verified who
# publishes them.
output "unverified_high_risk" {
  value = { for a in data.azuresaas_consented_applications.apps.applications : a.app_instance_id => {
    name   = a.display_name
    users  = a.consented_user_count
    scopes = a.high_risk_scopes
  } if length(a.high_risk_scopes) > 0 && !a.verified_publisher && !a.admin_consented }
}

# A stricter list of its own: anything that reads mail or files counts.
data "azuresaas_consented_applications" "strict" {
  high_risk_scopes = ["Mail.Read", "Mail.ReadBasic", "Files.Read", "Files.Read.All", "Files.ReadWrite.All"]
}

output "strict_count" {
  value = length([for a in data.azuresaas_consented_applications.strict.applications : a if length(a.high_risk_scopes) > 0])
}
