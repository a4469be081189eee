# Access posture (rules 9 to 12, warnings): who can sign in without MFA,
# guests who never accepted their invitation, and who may let apps in.
# Graph is asked only for the users without MFA ($filter=isMfaRegistered eq
# false), so the plan holds them, not the directory. Names stay out of the
# plan's output: counts are plain outputs, names sensitive ones.
data "azuresaas_user_registration_details" "without_mfa" {
  mfa_registered = false
  include_guests = false # a guest's methods live in their home tenant
}

data "azuresaas_consent_settings" "this" {}

module "posture" {
  source                  = "./modules/posture"
  without_mfa             = data.azuresaas_user_registration_details.without_mfa.users
  guests                  = data.azuresaas_users.guests.users
  consent                 = data.azuresaas_consent_settings.this
  pending_invitation_days = local.policy.pending_invitation_days
  now                     = plantimestamp()
}

# Rule 9: every admin has registered MFA.
check "admins_have_mfa" {
  assert {
    condition     = length(module.posture.admins_without_mfa) == 0
    error_message = "${length(module.posture.admins_without_mfa)} admin(s) without MFA registered (see output admins_without_mfa): register a strong method for each, or take the role away."
  }
}

# Rule 10: guests accept their invitation within pending_invitation_days.
check "guest_invitations_accepted" {
  assert {
    condition     = length(module.posture.pending_guests) == 0
    error_message = "Guests whose invitation is pending for more than ${local.policy.pending_invitation_days} days: ${join(", ", [for g in module.posture.pending_guests : "${g.user_principal_name} (${g.days} days)"])}. Resend the invitation or remove the guest."
  }
}

# Rule 11: users may not consent to every app (the legacy setting).
check "no_user_consent_to_all_apps" {
  assert {
    condition     = !module.posture.user_consent_to_all_apps
    error_message = "Users may consent to any app on their own (microsoft-user-default-legacy): allow user consent only for verified publishers and low-impact permissions."
  }
}

# Rule 12: with user consent off, users can ask an admin instead.
check "admin_consent_workflow_when_user_consent_is_off" {
  assert {
    condition     = !module.posture.no_admin_consent_workflow
    error_message = "User consent is off and the admin consent request workflow is off too: users cannot ask for the apps they need. Turn on admin consent requests with reviewers."
  }
}

output "users_without_mfa_counts" {
  description = "Users without MFA registered, per domain."
  value       = { for domain, users in module.posture.without_mfa_by_domain : domain => length(users) }
}

output "users_without_mfa" {
  description = "Their user principal names, per domain."
  value       = module.posture.without_mfa_by_domain
  sensitive   = true
}

output "admins_without_mfa" {
  value     = module.posture.admins_without_mfa
  sensitive = true
}

output "admins_without_mfa_count" {
  value = length(module.posture.admins_without_mfa)
}
