# Group-based licensing (groups.tf), with the provider mocked as in
# policies.tftest.hcl: the root check fails when the rule finds a group, and
# the rule's logic keeps exactly the groups with licence errors.

mock_provider "azuresaas" {}

run "group_license_errors" {
  command = plan

  override_module {
    target = module.group_license_errors
    outputs = {
      with_errors = ["Visio Users"]
    }
  }

  expect_failures = [check.no_group_license_errors]

  assert {
    condition     = output.groups_with_license_errors == ["Visio Users"]
    error_message = "Output: ${jsonencode(output.groups_with_license_errors)}."
  }
}

run "group_license_errors_rule" {
  command = plan

  module {
    source = "./modules/group_license_errors"
  }

  variables {
    groups = [
      { display_name = "Visio Users", has_members_with_license_errors = true },
      { display_name = "All Company", has_members_with_license_errors = false },
      { display_name = "Research Lab", has_members_with_license_errors = null },
      { display_name = "E5 Pilot", has_members_with_license_errors = true },
    ]
  }

  assert {
    condition     = output.with_errors == tolist(["E5 Pilot", "Visio Users"])
    error_message = "with_errors: ${jsonencode(output.with_errors)}."
  }
}
