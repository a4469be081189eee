// Package provider is the Terraform layer of the azuresaas provider: the
// provider schema and configuration, the data source schemas and models, and
// diagnostics. The integration rules live in package inventory.
package provider
