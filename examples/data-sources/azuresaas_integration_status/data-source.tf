# A pipeline gate: the plan fails when a task this configuration uses is not
# ready, or when the credential the provider signs in with expires within 14
# days. A `check` block would only warn (as the data source itself does 30
# days ahead); a postcondition stops the plan, so the pipeline fails.
locals {
  tasks_used = ["HR Roster", "SSO Application Access"]
}

data "azuresaas_integration_status" "this" {
  lifecycle {
    postcondition {
      condition = alltrue([for t in self.tasks : t.ready == true if contains(local.tasks_used, t.name)])
      error_message = join(" ", [for t in self.tasks : format("%s is not ready: %s", t.name, join(" ", concat(
        # [*] turns null (permissions unknown) into an empty list.
        [for p in t.missing_permissions[*] : "Grant ${p} with admin consent."],
        t.blockers,
      ))) if contains(local.tasks_used, t.name) && t.ready != true])
    }
    postcondition {
      condition = alltrue([for c in self.credentials :
        timecmp(c.end_date_time, timeadd(plantimestamp(), "336h")) > 0 if c.in_use
      ])
      error_message = join(" ", [for c in self.credentials :
        "The ${c.type} in use (key ID ${c.key_id}) expires on ${c.end_date_time}: add a new one and switch to it." if c.in_use
      ])
    }
  }
}

output "granted_permissions" {
  value = data.azuresaas_integration_status.this.granted_permissions
}

# Every data source this registration cannot read yet, with what to grant.
output "data_sources_not_ready" {
  value = {
    for d in data.azuresaas_integration_status.this.data_sources :
    d.name => concat(d.missing_permissions, d.blockers) if d.ready == false
  }
}
