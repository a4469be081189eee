# SaaS-governance policies as Terraform checks, over the azuresaas data
# sources. Nothing is created: `terraform plan` reads the tenant and reports.
#
# - An output precondition stops the plan: it gates the pipeline on
#   third-party apps with single sign-on that anyone in the tenant may use.
# - `check` blocks only warn: guests from other domains, unused seats, idle
#   apps and disabled accounts that still hold apps are for someone to
#   follow up, not a reason to block every other change.
#
# The parameters the checks and the OPA policies (opa/) share are in
# policy.json, so both state the same rules.
#
# The rules' logic is in modules (modules/) fed by the data sources, so that
# `terraform test` (tests/) can test each rule with the provider mocked.
terraform {
  required_version = ">= 1.8" # check blocks (1.5), provider functions (1.8)
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

# Credentials come from ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET
# (or a federated token in pipelines: see the "Authenticating in pipelines"
# guide). The two endpoints are for the local fake Graph; leave them unset
# for Microsoft Graph.
variable "graph_endpoint" {
  type        = string
  default     = null
  description = "Microsoft Graph base URL override (the local fake Graph in tests)."
}

variable "authority_host" {
  type        = string
  default     = null
  description = "Token endpoint base URL override (the local fake Graph in tests)."
}

variable "open_access_exceptions" {
  type        = map(string)
  default     = {}
  description = "Service principal ids allowed to keep open access, with the reason (a ticket, an approval), on top of policy.json's."
}

provider "azuresaas" {
  graph_endpoint = var.graph_endpoint
  authority_host = var.authority_host
  include_guests = true # governance covers guests too
}

locals {
  policy                 = jsondecode(file("${path.module}/policy.json")).azuresaas
  open_access_exceptions = merge(local.policy.open_access_exceptions, var.open_access_exceptions)
  # The sign-in window: "assigned but unused" and "idle" mean no successful
  # sign-in in it. Graph keeps 30 days of sign-ins (7 without P1/P2).
  since = "${local.policy.idle_days * 24}h"
}
