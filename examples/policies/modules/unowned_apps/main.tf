# The "apps without an owner" rule's logic: the SaaS apps nobody owns, so
# nobody to ask in an access review. A module of its own so that
# `terraform test` can hand it service principals directly
# (tests/owners.tftest.hcl), which override_data cannot do for a list of
# nested attributes (hashicorp/terraform#38369).
#
# Scope: the tenant's enterprise applications (tagged
# WindowsAzureActiveDirectoryIntegratedApp, what the Entra admin center lists
# under Enterprise applications), enabled, and not Microsoft's first-party
# apps: Microsoft's own apps and managed identities have no owners in any
# tenant, so flagging them would bury the findings. A vendor's multi-tenant
# app counts: its service principal in this tenant is the tenant's to look
# after. Apps read without include_owners (owners null) are not judged.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "service_principals" {
  type = list(object({
    id              = string
    display_name    = string
    enterprise_app  = bool
    first_party     = bool
    account_enabled = bool
    owners = list(object({
      id                  = string
      type                = string
      display_name        = string
      user_principal_name = string
    }))
  }))
  description = "The service principals to look at (azuresaas_service_principals with include_owners = true)."
}

output "unowned" {
  description = "The enabled enterprise apps, not Microsoft's, that have no owner: id and name."
  value = [
    for sp in var.service_principals : { id = sp.id, display_name = sp.display_name }
    if sp.enterprise_app && !sp.first_party && sp.account_enabled != false && try(length(sp.owners), -1) == 0
  ]
}
