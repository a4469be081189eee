# Credentials from the environment: ARM_TENANT_ID, ARM_CLIENT_ID and
# ARM_CLIENT_SECRET (or AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET).
provider "azuresaas" {}

# Or explicitly, with the secret from a sensitive variable, and defaults that
# every data source listing users applies unless it overrides them.
variable "client_secret" {
  type      = string
  sensitive = true
}

provider "azuresaas" {
  alias         = "explicit"
  tenant_id     = "00000000-0000-0000-0000-000000000000"
  client_id     = "11111111-1111-1111-1111-111111111111"
  client_secret = var.client_secret

  domain_names    = ["contoso.com", "fabrikam.com"]
  include_guests  = false
  environment     = "public"
  max_concurrency = 8
}
