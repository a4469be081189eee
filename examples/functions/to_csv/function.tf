data "azuresaas_users" "everyone" {
  include_guests = true
}

# The HR roster as CSV for a SaaS-management platform or a spreadsheet: a
# header of the attribute names, sorted; email_aliases joined by ";".
# (The examples/exports configuration writes it to a file with local_file.)
output "hr_roster_csv" {
  value = provider::azuresaas::to_csv(data.azuresaas_users.everyone.users)
}

# Pick the columns first when you want fewer, or to rename them.
output "directory_csv" {
  value = provider::azuresaas::to_csv([
    for u in data.azuresaas_users.everyone.users : {
      email      = u.email
      department = u.department
      enabled    = u.account_enabled
    }
  ])
}

# For a file people open in Excel, LibreOffice or Google Sheets: names chosen
# by outside publishers (consented applications) that start with =, +, - or @
# get a leading ' so the spreadsheet shows them as text instead of running
# them as formulas. Leave the option out for machine imports (exact values).
data "azuresaas_consented_applications" "all" {}

output "consent_review_csv" {
  value = provider::azuresaas::to_csv([
    for a in data.azuresaas_consented_applications.all.applications : {
      application = a.display_name
      publisher   = a.publisher
      users       = a.consented_user_count
    }
  ], "spreadsheet")
}
