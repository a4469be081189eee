# An access review in the plan: who holds each SaaS app (assigned directly
# or through a group) is kept in a terraform_data resource. Each apply
# records the list; each later plan compares the tenant with it, so
#
#   terraform plan -detailed-exitcode
#
# exits with 2 and shows, app by app, who gained (+) and who lost (-)
# access since the last apply; 0 when nothing changed. Review the plan, then
# apply it to make it the new baseline. Nothing outside the state changes.
#
# The state then holds the emails of everyone with access: keep it where
# personal data may be kept (a remote backend with access control).
terraform {
  required_version = ">= 1.4" # terraform_data
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
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
  include_guests = true # guests with access are the first to review
}

data "azuresaas_service_principals" "saas" {
  exclude_first_party = true
}

# Apps anyone may use have no list of holders to review; their open access
# is what to review (see the policy examples).
data "azuresaas_application_roster" "assigned" {
  service_principal_ids = [
    for sp in data.azuresaas_service_principals.saas.service_principals : sp.id
    if sp.enterprise_app && sp.account_enabled != false
  ]
  assigned_only = true
}

locals {
  # Grouping (`...`) builds the map in one pass, and keeps two apps that
  # share a name together instead of failing.
  holders = {
    for e in data.azuresaas_application_roster.assigned.entries : e.app_display_name => e.email...
  }
}

# Per app, the sorted emails of its holders: a plan shows a change as an
# email added to or removed from one app's list.
resource "terraform_data" "sso_access" {
  input = { for app, emails in local.holders : app => sort(emails) }
}
