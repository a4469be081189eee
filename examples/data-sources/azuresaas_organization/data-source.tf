data "azuresaas_organization" "tenant" {}

output "default_domain" {
  value = one([for d in data.azuresaas_organization.tenant.verified_domains : d.name if d.default])
}
