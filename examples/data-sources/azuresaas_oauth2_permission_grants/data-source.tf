# Every delegated permission grant of the tenant, with client and resource names.
data "azuresaas_oauth2_permission_grants" "all" {}

# The grants users gave themselves (not an administrator for everyone).
output "user_consents" {
  value = [for g in data.azuresaas_oauth2_permission_grants.all.grants : {
    app    = g.client_display_name
    api    = g.resource_display_name
    user   = g.principal_id
    scopes = g.scopes
  } if g.consent_type == "Principal"]
}

# One client's grants: Graph filters them (clientId eq '…').
data "azuresaas_oauth2_permission_grants" "one_app" {
  client_id = "5a0c0000-0000-4000-8000-000000000001" # the client's service principal object id
}

output "one_app_scopes" {
  value = distinct(flatten([for g in data.azuresaas_oauth2_permission_grants.one_app.grants : g.scopes]))
}
