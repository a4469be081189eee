# The files themselves (hashicorp/local). Kept apart from main.tf so that a
# pipeline that uploads the CSV straight from `terraform output` can leave
# this file out.
terraform {
  required_providers {
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
  }
}

resource "local_file" "hr_roster" {
  filename = "${path.module}/out/hr_roster.csv"
  content  = local.hr_roster_csv
}

resource "local_file" "sso_roster" {
  filename = "${path.module}/out/sso_roster.csv"
  content  = local.sso_roster_csv
}
