package inventory

import "github.com/azuresaas/terraform-provider-azuresaas/internal/graph"

// The Graph objects that the data sources show as Graph sends them, named
// here so that the Terraform layer depends on inventory alone.
type (
	// SignIn is one sign-in log entry.
	SignIn = graph.SignIn
	// SignInQuery narrows a sign-in listing on Graph's side.
	SignInQuery = graph.SignInQuery
	// AppRoleAssignment is one assignment to an application.
	AppRoleAssignment = graph.AppRoleAssignment
	// GraphError is Graph refusing a request: status, code, request-id.
	GraphError = graph.Error
)
