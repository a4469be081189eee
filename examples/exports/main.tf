# Writes the HR Roster and the SSO Application Roster to CSV files, as a
# pipeline hands them to a SaaS-management platform: `terraform apply`, then
# upload hr_roster.csv and sso_roster.csv. The files are in files.tf.
terraform {
  required_version = ">= 1.8" # provider functions
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
  }
}

# Credentials come from ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET.
# The two endpoints are for the local fake Graph; leave them unset for
# Microsoft Graph.
variable "graph_endpoint" {
  type    = string
  default = null
}

variable "authority_host" {
  type    = string
  default = null
}

provider "azuresaas" {
  graph_endpoint = var.graph_endpoint
  authority_host = var.authority_host
  include_guests = true
}

data "azuresaas_users" "roster" {}

data "azuresaas_service_principals" "saas" {
  exclude_first_party = true
}

data "azuresaas_application_roster" "sso" {
  service_principal_ids = [
    for sp in data.azuresaas_service_principals.saas.service_principals : sp.id
    if sp.enterprise_app && sp.account_enabled != false
  ]
}

locals {
  # Every attribute of the HR roster, as the data source returns it.
  hr_roster_csv = provider::azuresaas::to_csv(data.azuresaas_users.roster.users)
  # The columns the platform's import expects, in its names.
  sso_roster_csv = provider::azuresaas::to_csv([
    for e in data.azuresaas_application_roster.sso.entries : {
      application = e.app_display_name
      app_id      = e.app_id
      email       = e.email
      assigned_by = e.source
      since       = e.active_date
    }
  ])
}
