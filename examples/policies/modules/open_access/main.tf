# Rule 1's logic: the third-party apps with single sign-on that every
# account of the tenant may use, less the approved exceptions. A module of
# its own so that `terraform test` can hand it service principals directly
# (tests/rules.tftest.hcl), which override_data cannot do for a list of
# nested attributes (hashicorp/terraform#38369).
#
# It uses no provider, but names azuresaas as the other rule modules do:
# tests/rules.tftest.hcl mocks azuresaas for every run, and OpenTofu then
# looks for the provider under the module's name for it, which without this
# block is hashicorp/azuresaas, a provider that does not exist.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "service_principals" {
  type = list(object({
    id                 = string
    display_name       = string
    open_access        = bool
    account_enabled    = bool
    oauth2_integration = bool
    sso_mode           = string
  }))
  description = "The service principals to look at (azuresaas_service_principals)."
}

variable "exceptions" {
  type        = map(string)
  description = "Service principal ids allowed to keep open access, with the reason."
}

output "violations" {
  description = "The enabled apps with single sign-on (SAML, OIDC, password or OAuth2) and no assignment required, not excepted: id and name."
  value = [
    for sp in var.service_principals : { id = sp.id, display_name = sp.display_name }
    if sp.open_access && sp.account_enabled != false
    && (sp.oauth2_integration || contains(["saml", "oidc", "password"], coalesce(sp.sso_mode, "none")))
    && !contains(keys(var.exceptions), sp.id)
  ]
}
