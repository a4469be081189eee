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
