# Access posture: who registered MFA (admins above all), guests who never
# accepted their invitation, and who may consent to apps and invite guests.
data "azuresaas_user_registration_details" "members" {}

data "azuresaas_users" "guests" {
  guests_only = true
}

data "azuresaas_consent_settings" "tenant" {}

output "posture" {
  value = {
    members            = length(data.azuresaas_user_registration_details.members.users)
    without_mfa        = [for u in data.azuresaas_user_registration_details.members.users : u.user_principal_name if !u.is_mfa_registered]
    admins_without_mfa = [for u in data.azuresaas_user_registration_details.members.users : u.user_principal_name if !u.is_mfa_registered && u.is_admin == true]
    passwordless       = [for u in data.azuresaas_user_registration_details.members.users : u.user_principal_name if u.is_passwordless_capable]
    pending_guests = [for g in data.azuresaas_users.guests.users : {
      user = g.user_principal_name
      days = provider::azuresaas::days_between(g.external_user_state_change_date_time, plantimestamp())
    } if g.external_user_state == "PendingAcceptance"]
    consent = {
      user_consent     = data.azuresaas_consent_settings.tenant.user_consent
      policies         = data.azuresaas_consent_settings.tenant.user_consent_policies
      register_apps    = data.azuresaas_consent_settings.tenant.users_can_register_apps
      invites_from     = data.azuresaas_consent_settings.tenant.guest_invites_allowed_from
      guest_access     = data.azuresaas_consent_settings.tenant.guest_access
      admin_requests   = data.azuresaas_consent_settings.tenant.admin_consent_requests_enabled
      request_duration = data.azuresaas_consent_settings.tenant.admin_consent_request_duration_days
    }
  }
}
