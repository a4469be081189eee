# The rules' logic, module by module, with inputs written here: what each
# rule finds, and what it must let through. No tenant and no Graph request;
# the guest rule calls the provider's email_domain function, which runs even
# with the provider mocked.

mock_provider "azuresaas" {}

run "guest_domains" {
  command = plan

  module {
    source = "./modules/guest_domains"
  }

  variables {
    allowed_domains = ["contoso.example", "MÜNCHEN.de"]
    guests = [
      # Allowed: the domain compares case-insensitively...
      { id = "u-kim", email = "kim@CONTOSO.example", user_principal_name = "kim_CONTOSO.example#EXT#@tenant.onmicrosoft.com" },
      # ...and in IDNA ASCII form.
      { id = "u-jo", email = "jo@xn--mnchen-3ya.de", user_principal_name = "jo@xn--mnchen-3ya.de" },
      # Outside: the home domain of an #EXT# UPN is the invited address's.
      { id = "u-mo", email = null, user_principal_name = "mo_outlook.example#EXT#@tenant.onmicrosoft.com" },
      # Outside: a guest with a tenant UPN is judged by its email.
      { id = "u-vendor", email = "Vendor.Kim@Northwind.Example", user_principal_name = "vendor.kim@tenant.onmicrosoft.com" },
    ]
  }

  assert {
    condition     = [for g in output.outside : g.id] == ["u-mo", "u-vendor"]
    error_message = "Outside: ${jsonencode(output.outside)}; want u-mo and u-vendor."
  }
  assert {
    condition     = [for g in output.outside : g.domain] == ["outlook.example", "northwind.example"]
    error_message = "Domains: ${jsonencode([for g in output.outside : g.domain])}."
  }
}

run "open_access" {
  command = plan

  module {
    source = "./modules/open_access"
  }

  variables {
    exceptions = { "sp-zoom" = "CHG-1234" }
    service_principals = [
      # Found: open access with SAML, and with an OAuth2 integration alone.
      { id = "sp-slack", display_name = "Slack", open_access = true, account_enabled = true, oauth2_integration = false, sso_mode = "saml" },
      { id = "sp-miro", display_name = "Miro", open_access = true, account_enabled = null, oauth2_integration = true, sso_mode = null },
      # Let through: an approved exception, an app without single sign-on,
      # a disabled app, and an app that requires assignment.
      { id = "sp-zoom", display_name = "Zoom", open_access = true, account_enabled = true, oauth2_integration = false, sso_mode = "oidc" },
      { id = "sp-wiki", display_name = "Wiki", open_access = true, account_enabled = true, oauth2_integration = false, sso_mode = "notSupported" },
      { id = "sp-old", display_name = "Old CRM", open_access = true, account_enabled = false, oauth2_integration = false, sso_mode = "password" },
      { id = "sp-box", display_name = "Box", open_access = false, account_enabled = true, oauth2_integration = true, sso_mode = "saml" },
    ]
  }

  assert {
    condition     = [for sp in output.violations : sp.id] == ["sp-slack", "sp-miro"]
    error_message = "Violations: ${jsonencode(output.violations)}; want sp-slack and sp-miro."
  }
}

run "posture" {
  command = plan

  module {
    source = "./modules/posture"
  }

  variables {
    now                     = "2026-09-30T12:00:00Z"
    pending_invitation_days = 30
    without_mfa = [
      { user_principal_name = "root@Contoso.example", is_admin = true },
      { user_principal_name = "kim@contoso.example", is_admin = false },
      # isAdmin null: not an admin
      { user_principal_name = "jo@fabrikam.example", is_admin = null },
    ]
    guests = [
      # 31 days: a finding
      { user_principal_name = "a_x.example#EXT#@t.example", external_user_state = "PendingAcceptance", external_user_state_change_date_time = "2026-08-30T11:00:00Z" },
      # exactly 30 days: not more than 30
      { user_principal_name = "b_x.example#EXT#@t.example", external_user_state = "PendingAcceptance", external_user_state_change_date_time = "2026-08-31T12:00:00Z" },
      # accepted long ago, and never invited
      { user_principal_name = "c_x.example#EXT#@t.example", external_user_state = "Accepted", external_user_state_change_date_time = "2025-01-01T00:00:00Z" },
      { user_principal_name = "d_x.example#EXT#@t.example", external_user_state = null, external_user_state_change_date_time = null },
    ]
    # user consent off, and no way to ask an admin
    consent = { user_consent = "none", admin_consent_requests_enabled = false }
  }

  assert {
    condition     = output.admins_without_mfa == ["root@Contoso.example"]
    error_message = "Admins: ${jsonencode(output.admins_without_mfa)}."
  }
  assert {
    condition     = output.without_mfa_by_domain == { "contoso.example" = ["root@Contoso.example", "kim@contoso.example"], "fabrikam.example" = ["jo@fabrikam.example"] }
    error_message = "By domain: ${jsonencode(output.without_mfa_by_domain)}."
  }
  assert {
    condition     = output.pending_guests == [{ user_principal_name = "a_x.example#EXT#@t.example", days = 31 }]
    error_message = "Pending: ${jsonencode(output.pending_guests)}."
  }
  assert {
    condition     = output.no_admin_consent_workflow && !output.user_consent_to_all_apps
    error_message = "Consent: none without the workflow."
  }
}

run "posture_consent_unreadable" {
  command = plan

  module {
    source = "./modules/posture"
  }

  # Without Policy.Read.All the settings are null: nothing is found.
  variables {
    now                     = "2026-09-30T12:00:00Z"
    pending_invitation_days = 30
    without_mfa             = []
    guests                  = []
    consent                 = { user_consent = null, admin_consent_requests_enabled = null }
  }

  assert {
    condition     = !output.user_consent_to_all_apps && !output.no_admin_consent_workflow
    error_message = "Null settings find nothing."
  }
}

run "idle_m365_seats" {
  command = plan

  module {
    source = "./modules/idle_m365_seats"
  }

  variables {
    idle_days           = 60
    report_refresh_date = "2026-08-29"
    names_concealed     = false
    sku_part_numbers    = ["spe_e3", "SPE_E5"]
    seats = [
      # Idle: the newest of the four is 61 days old (Yammer does not count).
      { user_principal_name = "Ian@Contoso.example", sku_part_number = "SPE_E3" },
      # Idle: listed with no activity, and not listed at all.
      { user_principal_name = "never@contoso.example", sku_part_number = "SPE_E5" },
      { user_principal_name = "unlisted@contoso.example", sku_part_number = "SPE_E3" },
      # Active: Teams 60 days ago is not more than 60.
      { user_principal_name = "tess@contoso.example", sku_part_number = "SPE_E3" },
      # Active: a deleted account of the same name is left out, the live one counts.
      { user_principal_name = "reused@contoso.example", sku_part_number = "SPE_E3" },
      # Not a Microsoft 365 seat, or no SKU name.
      { user_principal_name = "never@contoso.example", sku_part_number = "VISIOCLIENT" },
      { user_principal_name = "never@contoso.example", sku_part_number = null },
    ]
    usage = [
      { user_principal_name = "ian@contoso.example", is_deleted = false, exchange_last_activity_date = "2026-06-29", onedrive_last_activity_date = null, sharepoint_last_activity_date = "2026-06-01", teams_last_activity_date = null },
      { user_principal_name = "never@contoso.example", is_deleted = false, exchange_last_activity_date = null, onedrive_last_activity_date = null, sharepoint_last_activity_date = null, teams_last_activity_date = null },
      { user_principal_name = "tess@contoso.example", is_deleted = false, exchange_last_activity_date = null, onedrive_last_activity_date = null, sharepoint_last_activity_date = null, teams_last_activity_date = "2026-06-30" },
      { user_principal_name = "reused@contoso.example", is_deleted = true, exchange_last_activity_date = null, onedrive_last_activity_date = null, sharepoint_last_activity_date = null, teams_last_activity_date = null },
      { user_principal_name = "Reused@contoso.example", is_deleted = false, exchange_last_activity_date = "2026-08-28", onedrive_last_activity_date = null, sharepoint_last_activity_date = null, teams_last_activity_date = null },
    ]
  }

  assert {
    condition     = [for s in output.idle_seats : s.user_principal_name] == ["Ian@Contoso.example", "never@contoso.example", "unlisted@contoso.example"]
    error_message = "Idle: ${jsonencode(output.idle_seats)}; want Ian, never and unlisted."
  }
  assert {
    condition     = output.idle_seats[0].last_activity == "2026-06-29" && output.idle_seats[1].last_activity == null
    error_message = "Last activity: ${jsonencode(output.idle_seats)}."
  }
  assert {
    condition     = output.idle_seat_counts == { "SPE_E3" = 2, "SPE_E5" = 1 }
    error_message = "Counts: ${jsonencode(output.idle_seat_counts)}."
  }
}

run "idle_m365_seats_concealed" {
  command = plan

  module {
    source = "./modules/idle_m365_seats"
  }

  variables {
    idle_days           = 60
    report_refresh_date = "2026-08-29"
    names_concealed     = true
    sku_part_numbers    = ["SPE_E3"]
    seats               = [{ user_principal_name = "ian@contoso.example", sku_part_number = "SPE_E3" }]
    usage               = []
  }

  assert {
    condition     = length(output.idle_seats) == 0
    error_message = "Concealed names join nothing, so nothing is found."
  }
}
