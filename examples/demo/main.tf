# The demo configuration that `make demo` runs against the fake Graph's demo
# tenant. Credentials come from ARM_TENANT_ID, ARM_CLIENT_ID and
# ARM_CLIENT_SECRET; the two endpoints point at the local fake Graph.
# Each dataset has its own file here (hr_roster.tf, ...); the demo prints
# the outputs of each as a section.
terraform {
  required_providers {
    azuresaas = {
      source = "azuresaas/azuresaas"
    }
  }
}

variable "graph_endpoint" {
  type        = string
  description = "The fake Graph's base URL, e.g. http://127.0.0.1:8080."
}

variable "authority_host" {
  type        = string
  description = "The fake token endpoint's base URL (the same server)."
}

provider "azuresaas" {
  graph_endpoint = var.graph_endpoint
  authority_host = var.authority_host
}
