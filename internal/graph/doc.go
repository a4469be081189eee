// Package graph is a small Microsoft Graph v1.0 client: token, transport,
// paging, retries, typed errors. It reads the few endpoints the provider needs,
// knows nothing about Terraform, and logs through tflog's "graph" subsystem
// without ever logging a secret, a token, a query string or a body.
package graph
