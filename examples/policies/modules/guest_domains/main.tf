# Rule 2's logic: the guests whose home domain is not an allowed one. It is
# a module of its own, fed the users, so that `terraform test` can hand it
# guests directly (tests/rules.tftest.hcl): override_data cannot set a list
# of nested attributes (hashicorp/terraform#38369).
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "guests" {
  type        = list(object({ id = string, email = string, user_principal_name = string }))
  description = "The guests (azuresaas_users with guests_only = true)."
}

variable "allowed_domains" {
  type        = list(string)
  description = "The partner domains guests may come from."
}

locals {
  # Both sides in the form email_domain gives (lower case, IDNA ASCII), so
  # that "münchen.de" and "xn--mnchen-3ya.de" are one domain; a map, since
  # contains() walks the list on every call.
  allowed = { for d in var.allowed_domains : provider::azuresaas::email_domain("@${d}") => true }

  # A guest's home domain: the invited address encoded in an #EXT# user
  # principal name (ann_partner.example#EXT#@tenant.onmicrosoft.com), else
  # the domain of its email.
  guests = [
    for u in var.guests : {
      id    = u.id
      email = u.email
      domain = (
        strcontains(u.user_principal_name, "#EXT#")
        ? lower(try(regex("_([^_]+)#EXT#@", u.user_principal_name)[0], ""))
        : provider::azuresaas::email_domain(coalesce(u.email, u.user_principal_name))
      )
    }
  ]
}

output "outside" {
  description = "The guests from other domains: id, email and the domain found."
  value       = [for g in local.guests : g if !try(local.allowed[g.domain], false)]
}
