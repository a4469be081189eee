# Rule 6 (warning): paid licences held by disabled accounts, or by users
# without a successful sign-in in licence_idle_days (policy.json). The
# sign-in logs keep 30 days at most, so this reads each holder's
# signInActivity (AuditLog.Read.All and Entra ID P1/P2).
data "azuresaas_license_assignments" "paid" {
  include_sign_in_activity = true
}

locals {
  # days_between gives null for a holder who never signed in: that counts as
  # idle too.
  reclaimable_licences = [
    for a in data.azuresaas_license_assignments.paid.assignments : {
      sku    = coalesce(a.sku_part_number, a.sku_id)
      email  = a.email
      reason = a.account_enabled == false ? "disabled account" : "no successful sign-in in ${local.policy.licence_idle_days} days"
    }
    if a.account_enabled == false || coalesce(provider::azuresaas::days_between(a.last_successful_sign_in, plantimestamp()), local.policy.licence_idle_days) >= local.policy.licence_idle_days
  ]
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
