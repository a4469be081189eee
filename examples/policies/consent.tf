# Rule 6 (warns): users consented high-risk scopes (mail, files, the
# directory...) to an app whose publisher nobody verified. An administrator's
# consent for everyone is a decision someone made; a user's click on
# "Accept" for an unknown vendor is what this rule is for.
data "azuresaas_consented_applications" "apps" {} # Microsoft's own apps left out

locals {
  unverified_high_risk = [
    for a in data.azuresaas_consented_applications.apps.applications : a
    if a.consented_user_count > 0 && !a.verified_publisher && length(a.high_risk_scopes) > 0
  ]
}

check "user_consent_to_unverified_apps" {
  assert {
    condition = length(local.unverified_high_risk) == 0
    error_message = "Users consented high-risk scopes to apps without a verified publisher: ${join(", ", [
      for a in local.unverified_high_risk : "${coalesce(a.display_name, a.app_instance_id)} (${join(" ", a.high_risk_scopes)}; ${a.consented_user_count} user(s))"
    ])}. Review the app, revoke the grants, or restrict user consent to verified publishers."
  }
}

# Rule 7 (warns): SAML signing certificates that expire within
# saml_certificate_days (policy.json), or already have: single sign-on to
# the app stops on that day.
locals {
  saml_deadline = timeadd(plantimestamp(), "${local.policy.saml_certificate_days * 24}h")
  saml_expiring = [
    for sp in data.azuresaas_service_principals.third_party.service_principals : sp
    if sp.saml_certificate_expires != null && timecmp(coalesce(sp.saml_certificate_expires, local.saml_deadline), local.saml_deadline) < 0
  ]
}

check "saml_certificates" {
  assert {
    condition = length(local.saml_expiring) == 0
    error_message = "SAML signing certificates expiring within ${local.policy.saml_certificate_days} days: ${join(", ", [
      for sp in local.saml_expiring : "${sp.display_name} (${sp.saml_certificate_expires})"
    ])}. Add a new certificate to the app in Entra ID and in the vendor's SSO settings before then."
  }
}
