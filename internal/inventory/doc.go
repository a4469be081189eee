// Package inventory holds the four integration tasks (HR Roster, Application
// Discovery, SSO Application Roster, SSO Application Access) as plain Go:
// filters, derivation rules and sort orders. It knows Microsoft Graph only
// through the typed objects of package graph and knows nothing of Terraform.
package inventory
