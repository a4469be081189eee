# Rule 15's logic: the secrets and certificates of app registrations that
# end within `days` of `now` (not those that already ended: a rotated-out
# secret left on the app breaks nothing). A module fed by the data source,
# so that `terraform test` can hand it inputs directly
# (tests/credentials.tftest.hcl).
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "applications" {
  type = list(object({
    id           = string
    app_id       = string
    display_name = string
    credentials  = list(object({ type = string, key_id = string, display_name = string, end_date_time = string }))
    owners       = list(object({ id = string, display_name = string, user_principal_name = string }))
  }))
  description = "App registrations (azuresaas_applications); owners null when include_owners = false."
}

variable "days" {
  type        = number
  description = "A credential ending at most this many days after now is a finding."
}

variable "now" {
  type        = string
  description = "The time the rule is judged at (RFC 3339): plantimestamp() in the root module."
}

locals {
  deadline = timeadd(var.now, "${var.days * 24}h")
  expiring = flatten([
    for a in var.applications : [
      for c in a.credentials : {
        app_id = a.app_id
        app    = coalesce(a.display_name, a.app_id)
        type   = c.type
        key_id = c.key_id
        name   = c.display_name
        end    = c.end_date_time
        owners = a.owners == null ? null : [for o in a.owners : coalesce(o.user_principal_name, o.display_name, o.id)]
      }
      # timecmp refuses null: a credential without an end never expires.
      if c.end_date_time != null && timecmp(coalesce(c.end_date_time, var.now), var.now) >= 0 && timecmp(coalesce(c.end_date_time, var.now), local.deadline) <= 0
    ]
  ])
}

output "expiring" {
  description = "One entry per expiring credential: the app, the credential, when it ends and the app's owners (null when not read)."
  value       = local.expiring
}

output "summary" {
  description = "Per app, in the order of the data source (display name): its expiring credentials' types and whom to ask."
  value = [
    for app_id in distinct([for e in local.expiring : e.app_id]) : {
      app    = [for e in local.expiring : e.app if e.app_id == app_id][0]
      types  = distinct([for e in local.expiring : e.type if e.app_id == app_id])
      owners = [for e in local.expiring : e.owners if e.app_id == app_id][0]
    }
  ]
}
