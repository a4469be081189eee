# Integration status: is each app registration set up for the four tasks?
# The default provider signs in as the demo app (everything granted); the
# aliases sign in as the demo's other apps, and one reads a second tenant
# without Entra ID P1/P2. Their credentials come from var.status_apps.

variable "status_apps" {
  type = map(object({
    tenant_id     = string
    client_id     = string
    client_secret = string
    endpoint      = string
  }))
  sensitive   = true
  description = "The demo's other apps, by case name: tenant, client ID, secret and the fake Graph serving the tenant."
}

provider "azuresaas" {
  alias          = "no_audit_log"
  tenant_id      = var.status_apps["no_audit_log"].tenant_id
  client_id      = var.status_apps["no_audit_log"].client_id
  client_secret  = var.status_apps["no_audit_log"].client_secret
  graph_endpoint = var.status_apps["no_audit_log"].endpoint
  authority_host = var.status_apps["no_audit_log"].endpoint
}

provider "azuresaas" {
  alias          = "no_consent"
  tenant_id      = var.status_apps["no_consent"].tenant_id
  client_id      = var.status_apps["no_consent"].client_id
  client_secret  = var.status_apps["no_consent"].client_secret
  graph_endpoint = var.status_apps["no_consent"].endpoint
  authority_host = var.status_apps["no_consent"].endpoint
}

provider "azuresaas" {
  alias          = "free_tenant"
  tenant_id      = var.status_apps["free_tenant"].tenant_id
  client_id      = var.status_apps["free_tenant"].client_id
  client_secret  = var.status_apps["free_tenant"].client_secret
  graph_endpoint = var.status_apps["free_tenant"].endpoint
  authority_host = var.status_apps["free_tenant"].endpoint
}

provider "azuresaas" {
  alias          = "expiring"
  tenant_id      = var.status_apps["expiring"].tenant_id
  client_id      = var.status_apps["expiring"].client_id
  client_secret  = var.status_apps["expiring"].client_secret
  graph_endpoint = var.status_apps["expiring"].endpoint
  authority_host = var.status_apps["expiring"].endpoint
}

data "azuresaas_integration_status" "all_granted" {}

data "azuresaas_integration_status" "no_audit_log" {
  provider = azuresaas.no_audit_log
}

data "azuresaas_integration_status" "no_consent" {
  provider = azuresaas.no_consent
}

data "azuresaas_integration_status" "free_tenant" {
  provider = azuresaas.free_tenant
}

data "azuresaas_integration_status" "expiring" {
  provider = azuresaas.expiring
}

locals {
  status_cases = {
    "1 all granted"            = data.azuresaas_integration_status.all_granted
    "2 no AuditLog.Read.All"   = data.azuresaas_integration_status.no_audit_log
    "3 no admin consent"       = data.azuresaas_integration_status.no_consent
    "4 Free tenant (no P1/P2)" = data.azuresaas_integration_status.free_tenant
    "5 secret expiring soon"   = data.azuresaas_integration_status.expiring
  }
}

output "integration_status" {
  value = { for name, s in local.status_cases : name => {
    client_id       = s.client_id
    premium         = s.premium
    concealed_names = s.concealed_names
    granted         = s.granted_permissions
    tasks = [for t in s.tasks : {
      name     = t.name
      ready    = t.ready
      missing  = t.missing_permissions
      blockers = t.blockers
    }]
    data_sources = [for d in s.data_sources : {
      name     = d.name
      ready    = d.ready
      missing  = d.missing_permissions
      blockers = length(d.blockers)
    }]
    credential_in_use_ends = one([for c in s.credentials : c.end_date_time if c.in_use])
    notes                  = length(s.notes)
  } }
}
