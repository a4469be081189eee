// Package policyexamples tests examples/policies: it plans the configuration
// with real terraform against fakegraph's demo tenant and a clean copy of it,
// checks the warnings of its check blocks and the failure of its
// postcondition, and evaluates the OPA policies of examples/policies/opa on
// the plan JSON with OPA's Go library.
package policyexamples
