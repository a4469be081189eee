# Rule 15: app registrations whose secrets or certificates expire within
# credential_expiry_days. No tenant and no Graph request: the provider is
# mocked (see policies.tftest.hcl for why findings are planted in the
# module's outputs rather than in the data source).

mock_provider "azuresaas" {}

# The check warns, naming the app, the credential type and whom to ask.
run "expiring_credential" {
  command = plan

  override_module {
    target = module.expiring_credentials
    outputs = {
      expiring = [{ app_id = "a1", app = "Payroll", type = "certificate", key_id = "k1", name = "CN=payroll",
      end = "2026-12-16T00:00:00Z", owners = ["dana@contoso.example"] }]
      summary = [{ app = "Payroll", types = ["certificate"], owners = ["dana@contoso.example"] }]
    }
  }

  expect_failures = [check.credentials_not_expiring]

  assert {
    condition     = length(output.expiring_credentials) == 1 && output.expiring_credentials[0].owners == ["dana@contoso.example"]
    error_message = "Output: ${jsonencode(output.expiring_credentials)}."
  }
}

# The module's logic: the window's bounds, credentials without an end, and
# the owners' three forms.
run "expiring_credentials" {
  command = plan

  module {
    source = "./modules/expiring_credentials"
  }

  variables {
    now  = "2026-12-07T12:00:00Z"
    days = 30
    applications = [
      { id = "o1", app_id = "a1", display_name = "Payroll", owners = [
        { id = "u1", display_name = "Dana", user_principal_name = "dana@contoso.example" },
        { id = "sp1", display_name = "deployer", user_principal_name = null },
        { id = "u2", display_name = null, user_principal_name = null },
        ], credentials = [
        # Found: ends on the window's last second.
        { type = "certificate", key_id = "k1", display_name = "CN=payroll", end_date_time = "2027-01-06T12:00:00Z" },
        # Let through: already ended, and no end at all.
        { type = "secret", key_id = "k2", display_name = "old", end_date_time = "2026-12-07T11:59:59Z" },
        { type = "secret", key_id = "k3", display_name = "forever", end_date_time = null },
      ] },
      # Found: ends as the plan is made; no owner.
      { id = "o2", app_id = "a2", display_name = "Fax", owners = [], credentials = [
        { type = "secret", key_id = "k4", display_name = null, end_date_time = "2026-12-07T12:00:00Z" },
      ] },
      # Let through: one second too late; owners not read.
      { id = "o3", app_id = "a3", display_name = null, owners = null, credentials = [
        { type = "secret", key_id = "k5", display_name = null, end_date_time = "2027-01-06T12:00:01Z" },
      ] },
    ]
  }

  assert {
    condition     = [for e in output.expiring : e.key_id] == ["k1", "k4"]
    error_message = "Expiring: ${jsonencode(output.expiring)}; want k1 and k4."
  }
  assert {
    condition     = jsonencode([for e in output.expiring : e.owners]) == jsonencode([["dana@contoso.example", "deployer", "u2"], []])
    error_message = "Owners: ${jsonencode([for e in output.expiring : e.owners])}."
  }
  assert {
    condition     = jsonencode(output.summary) == jsonencode([{ app = "Payroll", types = ["certificate"], owners = ["dana@contoso.example", "deployer", "u2"] }, { app = "Fax", types = ["secret"], owners = [] }])
    error_message = "Summary: ${jsonencode(output.summary)}."
  }
}
