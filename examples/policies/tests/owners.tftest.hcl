# The "apps without an owner" rule (owners.tf, modules/unowned_apps): the
# check fails on a planted finding, and the module finds exactly the apps in
# its scope that have no owner. No tenant, no credentials, no network.
#
#   terraform init && terraform test        (in examples/policies)

mock_provider "azuresaas" {}

# The check warns when the module finds an app nobody owns.
run "app_without_an_owner" {
  command = plan

  override_module {
    target = module.unowned_apps
    outputs = {
      unowned = [{ id = "sp-servicenow", display_name = "ServiceNow" }]
    }
  }

  expect_failures = [check.apps_without_an_owner]
}

# The rule's logic, with service principals written here.
run "unowned_apps" {
  command = plan

  module {
    source = "./modules/unowned_apps"
  }

  variables {
    service_principals = [
      # Found: an enabled enterprise app of this tenant, and a vendor's, with
      # no owner; account_enabled null counts as enabled.
      { id = "sp-servicenow", display_name = "ServiceNow", enterprise_app = true, first_party = false, account_enabled = true, owners = [] },
      { id = "sp-dropbox", display_name = "Dropbox Business", enterprise_app = true, first_party = false, account_enabled = null, owners = [] },
      # Let through: an owner (even one whose names the app may not read),
      # Microsoft's own app, an app that is not an enterprise app, a
      # disabled app, and an app read without include_owners (null).
      { id = "sp-slack", display_name = "Slack", enterprise_app = true, first_party = false, account_enabled = true,
      owners = [{ id = "u-1", type = "user", display_name = null, user_principal_name = null }] },
      { id = "sp-teams", display_name = "Microsoft Teams", enterprise_app = true, first_party = true, account_enabled = true, owners = [] },
      { id = "sp-mi", display_name = "mi-payroll", enterprise_app = false, first_party = false, account_enabled = true, owners = [] },
      { id = "sp-trello", display_name = "Trello", enterprise_app = true, first_party = false, account_enabled = false, owners = [] },
      { id = "sp-zoom", display_name = "Zoom", enterprise_app = true, first_party = false, account_enabled = true, owners = null },
    ]
  }

  assert {
    condition     = [for sp in output.unowned : sp.id] == ["sp-servicenow", "sp-dropbox"]
    error_message = "Unowned: ${jsonencode(output.unowned)}; want ServiceNow and Dropbox Business."
  }
}
