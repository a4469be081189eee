# Rules 9 to 12's logic (access posture): admins without MFA, users without
# MFA by domain, guests whose invitation is pending for too long, and the
# consent settings. A module fed by the data sources, so that
# `terraform test` can hand it inputs directly (tests/rules.tftest.hcl).
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "without_mfa" {
  type        = list(object({ user_principal_name = string, is_admin = bool }))
  description = "The users without MFA registered (azuresaas_user_registration_details with mfa_registered = false)."
}

variable "guests" {
  type = list(object({
    user_principal_name                  = string
    external_user_state                  = string
    external_user_state_change_date_time = string
  }))
  description = "The guests (azuresaas_users with guests_only = true)."
}

variable "consent" {
  type        = object({ user_consent = string, admin_consent_requests_enabled = bool })
  description = "azuresaas_consent_settings; null attributes (a policy that could not be read) find nothing."
}

variable "pending_invitation_days" {
  type        = number
  description = "A guest whose invitation is pending for more than this many days is a finding."
}

variable "now" {
  type        = string
  description = "The time the rules are judged at (RFC 3339): plantimestamp() in the root module."
}

locals {
  # The domain part as the provider's filters compare it (lower case).
  without_mfa_by_domain = {
    for u in var.without_mfa : provider::azuresaas::email_domain(u.user_principal_name) => u.user_principal_name...
  }
  pending_guests = [
    for g in var.guests : {
      user_principal_name = g.user_principal_name
      days                = provider::azuresaas::days_between(g.external_user_state_change_date_time, var.now)
    }
    if g.external_user_state == "PendingAcceptance" && g.external_user_state_change_date_time != null
  ]
}

output "admins_without_mfa" {
  description = "The user principal names of admins without MFA registered."
  value       = [for u in var.without_mfa : u.user_principal_name if u.is_admin == true]
}

output "without_mfa_by_domain" {
  description = "Users without MFA registered, by domain of their user principal name."
  value       = local.without_mfa_by_domain
}

output "pending_guests" {
  description = "Guests whose invitation has been pending for more than pending_invitation_days, with the days."
  value       = [for g in local.pending_guests : g if g.days > var.pending_invitation_days]
}

output "user_consent_to_all_apps" {
  description = "Users may consent to any app on their own (the legacy setting)."
  value       = var.consent.user_consent == "all_apps"
}

output "no_admin_consent_workflow" {
  description = "User consent is off and users cannot ask an admin either: people turn to unsanctioned workarounds."
  value       = var.consent.user_consent == "none" && var.consent.admin_consent_requests_enabled == false
}
