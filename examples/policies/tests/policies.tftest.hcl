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
