# The files themselves (hashicorp/local), kept apart from main.tf: a
# pipeline that uploads the CSV straight from `terraform output` can leave
# this file and the local provider out.
resource "local_file" "hr_roster" {
  filename = "${path.module}/out/hr_roster.csv"
  content  = local.hr_roster_csv
}

resource "local_file" "sso_roster" {
  filename = "${path.module}/out/sso_roster.csv"
  content  = local.sso_roster_csv
}
