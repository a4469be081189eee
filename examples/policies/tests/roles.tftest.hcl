# Rules 13 and 14 (who administers the tenant), for their authors: no
# tenant, no credentials, no network (see policies.tftest.hcl). The first
# runs plant one finding in the root configuration and expect exactly its
# check to fail; the last ones test the module's logic with inputs of
# their own.

mock_provider "azuresaas" {}

run "too_many_global_admins" {
  command = plan

  override_module {
    target = module.roles
    outputs = {
      global_admins          = ["a@contoso.example", "b@contoso.example", "c@contoso.example", "d@contoso.example", "e@contoso.example", "Tier0 Admins"]
      too_many_global_admins = true
      privileged_findings    = []
    }
  }

  expect_failures = [check.global_admins_at_most_max]

  assert {
    condition     = output.global_admin_count == 6
    error_message = "Six Global Administrators."
  }
}

run "guest_in_privileged_role" {
  command = plan

  override_module {
    target = module.roles
    outputs = {
      global_admins          = ["a@contoso.example"]
      too_many_global_admins = false
      privileged_findings    = [{ role = "Helpdesk Administrator", principal = "lee_fabrikam.example#EXT#@contoso.onmicrosoft.com", reason = "guest" }]
    }
  }

  expect_failures = [check.no_guest_or_permanent_privileged_roles]
}

run "roles_logic" {
  command = plan

  module {
    source = "./modules/roles"
  }

  variables {
    max_global_admins    = 2
    permanent_exceptions = { "u-breakglass" = "break-glass" }
    privileged_roles = {
      "62e90394-69f5-4237-9190-012177145e10" = "Global Administrator"
      "729827e3-9c14-49f7-bb1b-9608f156bbb8" = "Helpdesk Administrator"
    }
    assignments = [
      # Permanent Global Administrator: a finding; counts once though held at two scopes.
      { role_template_id = "62e90394-69f5-4237-9190-012177145e10", role_display_name = "Global Administrator", principal_id = "u-ann", principal_display_name = "Ann", principal_user_principal_name = "ann@contoso.example", principal_user_type = "Member", assignment_type = "active", end_date_time = null },
      { role_template_id = "62e90394-69f5-4237-9190-012177145e10", role_display_name = "Global Administrator", principal_id = "u-ann", principal_display_name = "Ann", principal_user_principal_name = "ann@contoso.example", principal_user_type = "Member", assignment_type = "active", end_date_time = "2030-01-01T00:00:00Z" },
      # The break-glass account: permanent, excepted; still counted.
      { role_template_id = "62e90394-69f5-4237-9190-012177145e10", role_display_name = "Global Administrator", principal_id = "u-breakglass", principal_display_name = "Emergency", principal_user_principal_name = "bg@contoso.example", principal_user_type = "Member", assignment_type = "active", end_date_time = null },
      # A group counts once, by its name; time-bound: not permanent.
      { role_template_id = "62e90394-69f5-4237-9190-012177145e10", role_display_name = "Global Administrator", principal_id = "g-tier0", principal_display_name = "Tier0", principal_user_principal_name = null, principal_user_type = null, assignment_type = "active", end_date_time = "2030-01-01T00:00:00Z" },
      # Eligible: neither counted nor permanent.
      { role_template_id = "62e90394-69f5-4237-9190-012177145e10", role_display_name = "Global Administrator", principal_id = "u-eve", principal_display_name = "Eve", principal_user_principal_name = "eve@contoso.example", principal_user_type = "Member", assignment_type = "eligible", end_date_time = null },
      # A guest, eligible and time-bound: still a finding.
      { role_template_id = "729827e3-9c14-49f7-bb1b-9608f156bbb8", role_display_name = "Helpdesk Administrator", principal_id = "u-lee", principal_display_name = "Lee", principal_user_principal_name = "lee_x#EXT#@contoso.example", principal_user_type = "Guest", assignment_type = "eligible", end_date_time = "2030-01-01T00:00:00Z" },
      # Not a privileged role, and a custom role (no template on the list).
      { role_template_id = "29232cdf-9323-42fd-ade2-1d097af3e4de", role_display_name = "Exchange Administrator", principal_id = "u-guest", principal_display_name = "G", principal_user_principal_name = "g#EXT#@contoso.example", principal_user_type = "Guest", assignment_type = "active", end_date_time = null },
      { role_template_id = null, role_display_name = null, principal_id = "u-x", principal_display_name = null, principal_user_principal_name = null, principal_user_type = null, assignment_type = "active", end_date_time = null },
    ]
  }

  assert {
    condition     = output.global_admins == tolist(["Tier0", "ann@contoso.example", "bg@contoso.example"]) && output.too_many_global_admins
    error_message = "Global admins: ${jsonencode(output.global_admins)}."
  }
  assert {
    condition = jsonencode(output.privileged_findings) == jsonencode([
      { principal = "ann@contoso.example", reason = "permanent", role = "Global Administrator" },
      { principal = "lee_x#EXT#@contoso.example", reason = "guest", role = "Helpdesk Administrator" },
    ])
    error_message = "Findings: ${jsonencode(output.privileged_findings)}."
  }
}
