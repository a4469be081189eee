# Group-based licensing's logic: the groups that could not give some of
# their members the licences they assign. A module fed by the data source,
# so that `terraform test` can hand it inputs directly
# (tests/groups.tftest.hcl). It reads nothing itself; the provider is named
# so that OpenTofu, like Terraform, takes the test file's azuresaas for
# azuresaas/azuresaas rather than hashicorp/azuresaas.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "groups" {
  type        = list(object({ display_name = string, has_members_with_license_errors = bool }))
  description = "Groups (azuresaas_groups; with license_errors_only = true Graph sends only those with errors)."
}

output "with_errors" {
  description = "The display names of the groups with members in licence error, sorted."
  value       = sort([for g in var.groups : g.display_name if g.has_members_with_license_errors == true])
}
