# Rule 6 (warning): paid licences held by disabled accounts, or by users
# without a successful sign-in in licence_idle_days (policy.json). The
# sign-in logs keep 30 days at most, so the idle seats come from each
# holder's signInActivity (AuditLog.Read.All and Entra ID P1/P2).
#
# The plan holds only the seats to reclaim, not every seat of the tenant:
# the provider keeps the seats of disabled accounts (account_enabled, asked
# of Graph) and of idle holders (inactive_days, applied after the read).
data "azuresaas_license_assignments" "disabled" {
  account_enabled = false
}

data "azuresaas_license_assignments" "idle" {
  inactive_days = local.policy.licence_idle_days
}

locals {
  # A disabled account's seat is in both lists: it is reported once, as
  # disabled.
  reclaimable_licences = concat(
    [for a in data.azuresaas_license_assignments.disabled.assignments : {
      sku    = coalesce(a.sku_part_number, a.sku_id)
      email  = a.email
      reason = "disabled account"
    }],
    [for a in data.azuresaas_license_assignments.idle.assignments : {
      sku    = coalesce(a.sku_part_number, a.sku_id)
      email  = a.email
      reason = "no successful sign-in in ${local.policy.licence_idle_days} days"
    } if a.account_enabled != false],
  )
  reclaimable_licence_counts = { for sku, seats in { for r in local.reclaimable_licences : r.sku => r... } : sku => length(seats) }
}

check "licences_in_use" {
  assert {
    condition     = length(local.reclaimable_licences) == 0
    error_message = "Paid licences held by disabled accounts or by users without a successful sign-in in ${local.policy.licence_idle_days} days (see output reclaimable_licences): ${join(", ", [for sku, n in local.reclaimable_licence_counts : "${sku} ${n}"])}."
  }
}

output "reclaimable_licence_counts" {
  value = local.reclaimable_licence_counts
}

# Names are personal data: sensitive, read with `terraform output -json`.
output "reclaimable_licences" {
  value     = local.reclaimable_licences
  sensitive = true
}
