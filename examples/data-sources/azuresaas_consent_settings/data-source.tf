data "azuresaas_consent_settings" "this" {}

# Users who may consent to any app on their own (the legacy setting) let
# apps in that no administrator looked at.
check "no_user_consent_to_all_apps" {
  assert {
    condition     = data.azuresaas_consent_settings.this.user_consent != "all_apps"
    error_message = "Users may consent to any app (microsoft-user-default-legacy): limit user consent to verified publishers and low-impact permissions."
  }
}

output "consent_settings" {
  value = {
    user_consent              = data.azuresaas_consent_settings.this.user_consent
    guest_invites_allowed     = data.azuresaas_consent_settings.this.guest_invites_allowed_from
    guest_access              = data.azuresaas_consent_settings.this.guest_access
    admin_consent_workflow_on = data.azuresaas_consent_settings.this.admin_consent_requests_enabled
  }
}
