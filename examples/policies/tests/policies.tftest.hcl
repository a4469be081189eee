# Tests of the policies for their authors: no tenant, no credentials, no
# network. mock_provider stands in for azuresaas (Terraform still loads the
# provider's schema, and runs its validators), so every data source reads as
# an empty directory unless a run says otherwise.
#
#   terraform init && terraform test        (in examples/policies)
#
# Each rule's logic is a module fed by the data sources; a run plants one
# finding with override_module and asserts that exactly the check (or the
# gate's precondition) meant to catch it fails (expect_failures).
# override_data cannot plant findings in the data sources themselves: it
# cannot set a list of nested attributes before hashicorp/terraform#38369 is
# fixed ("expected object type, found tuple"). rules.tftest.hcl tests the
# modules' logic with inputs of its own.

mock_provider "azuresaas" {}

# An empty tenant: no SaaS app (the roster is then not read at all), no
# guest, no disabled account. Every rule passes.
run "empty_tenant_passes" {
  command = plan

  assert {
    condition     = output.saas_app_count == 0 && output.guest_count == 0
    error_message = "The mocked tenant has no SaaS app and no guest."
  }
  assert {
    condition     = length(output.idle_apps) == 0 && length(output.unused_seat_counts) == 0
    error_message = "An empty tenant has no idle app and no unused seat."
  }
  assert {
    condition     = length(output.reclaimable_licence_counts) == 0
    error_message = "An empty tenant has no seat of a disabled or idle holder."
  }
}

run "guest_outside_allowed_domains" {
  command = plan

  override_module {
    target = module.guest_domains
    outputs = {
      outside = [{ id = "u-mo", email = "mo_outlook.example#EXT#@tenant.onmicrosoft.com", domain = "outlook.example" }]
    }
  }

  expect_failures = [check.guests_from_allowed_domains]
}

# The gate: an open-access app stops the plan.
run "open_access_on_a_third_party_app" {
  command = plan

  override_module {
    target = module.open_access
    outputs = {
      violations = [{ id = "sp-zoom", display_name = "Zoom" }]
    }
  }

  expect_failures = [output.open_access_violations]
}

# An approved exception is reported with its reason.
run "open_access_exception_is_reported" {
  command = plan

  variables {
    open_access_exceptions = { "5a000000-0000-4000-8000-000000000004" = "CHG-1234" }
  }

  assert {
    condition     = output.open_access_exceptions["5a000000-0000-4000-8000-000000000004"] == "CHG-1234"
    error_message = "The exception from the variable is in the output."
  }
}

run "unused_seat" {
  command = plan

  # Carl holds Slack and did not sign in to it.
  override_module {
    target = module.seat_usage
    outputs = {
      unused_seats                    = { "Slack" = ["carl@contoso.example"] }
      unused_seat_counts              = { "Slack" = 1 }
      idle_apps                       = []
      disabled_users_with_assignments = {}
    }
  }

  expect_failures = [check.no_unused_seats]

  assert {
    condition     = output.unused_seat_counts["Slack"] == 1 && length(output.idle_apps) == 0
    error_message = "One Slack seat goes unused; no app is idle."
  }
}

run "idle_app" {
  command = plan

  # No one signed in to Zoom: the app is idle and Bo's seat unused with it.
  override_module {
    target = module.seat_usage
    outputs = {
      unused_seats                    = { "Zoom" = ["bo@contoso.example"] }
      unused_seat_counts              = { "Zoom" = 1 }
      idle_apps                       = ["Zoom"]
      disabled_users_with_assignments = {}
    }
  }

  expect_failures = [check.no_idle_apps, check.no_unused_seats]

  assert {
    condition     = output.idle_apps[0] == "Zoom" && length(output.idle_apps) == 1
    error_message = "Zoom is the one idle app."
  }
}

run "disabled_account_holding_assignments" {
  command = plan

  override_module {
    target = module.seat_usage
    outputs = {
      unused_seats                    = {}
      unused_seat_counts              = {}
      idle_apps                       = []
      disabled_users_with_assignments = { "lynne@contoso.example" = ["Slack", "Workday"] }
    }
  }

  expect_failures = [check.no_disabled_users_with_assignments]
}

# Access posture: each finding fails its own check; counts are plain
# outputs, names sensitive ones.
run "admin_without_mfa" {
  command = plan

  override_module {
    target = module.posture
    outputs = {
      admins_without_mfa        = ["root@contoso.example"]
      without_mfa_by_domain     = { "contoso.example" = ["root@contoso.example", "kim@contoso.example"], "fabrikam.example" = ["jo@fabrikam.example"] }
      pending_guests            = []
      user_consent_to_all_apps  = false
      no_admin_consent_workflow = false
    }
  }

  expect_failures = [check.admins_have_mfa]

  assert {
    condition     = output.admins_without_mfa_count == 1 && output.users_without_mfa_counts == { "contoso.example" = 2, "fabrikam.example" = 1 }
    error_message = "Counts: ${jsonencode(output.users_without_mfa_counts)}."
  }
}

run "guest_invitation_pending" {
  command = plan

  override_module {
    target = module.posture
    outputs = {
      admins_without_mfa        = []
      without_mfa_by_domain     = {}
      pending_guests            = [{ user_principal_name = "kim_partner.example#EXT#@tenant.onmicrosoft.com", days = 45 }]
      user_consent_to_all_apps  = false
      no_admin_consent_workflow = false
    }
  }

  expect_failures = [check.guest_invitations_accepted]
}

run "user_consent_to_all_apps" {
  command = plan

  override_module {
    target = module.posture
    outputs = {
      admins_without_mfa        = []
      without_mfa_by_domain     = {}
      pending_guests            = []
      user_consent_to_all_apps  = true
      no_admin_consent_workflow = false
    }
  }

  expect_failures = [check.no_user_consent_to_all_apps]
}

run "no_admin_consent_workflow" {
  command = plan

  override_module {
    target = module.posture
    outputs = {
      admins_without_mfa        = []
      without_mfa_by_domain     = {}
      pending_guests            = []
      user_consent_to_all_apps  = false
      no_admin_consent_workflow = true
    }
  }

  expect_failures = [check.admin_consent_workflow_when_user_consent_is_off]
}

# Rule 7: a Microsoft 365 seat whose holder used none of the four products.
run "idle_m365_seat" {
  command = plan

  override_module {
    target = module.idle_m365_seats
    outputs = {
      idle_seats       = [{ user_principal_name = "ian@contoso.example", sku = "SPE_E3", last_activity = "2026-05-01" }]
      idle_seat_counts = { "SPE_E3" = 1 }
    }
  }

  expect_failures = [check.m365_seats_in_use]

  assert {
    condition     = output.idle_m365_seat_counts["SPE_E3"] == 1
    error_message = "One idle SPE_E3 seat."
  }
}

# A report with concealed names cannot be joined: its own check says so.
run "m365_names_concealed" {
  command = plan

  override_data {
    target = data.azuresaas_m365_active_users.usage
    values = {
      names_concealed = true
    }
  }

  expect_failures = [check.m365_usage_names_visible]
}
