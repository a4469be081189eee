// Package policyexamples tests the example configurations that run against
// a tenant: it plans examples/policies with real terraform against
// fakegraph's demo tenant and a clean copy of it (the checks' warnings, the
// gate's failure, the OPA policies of examples/policies/opa on the
// plan JSON), runs the policies' `terraform test` files with the mocked
// provider, and applies examples/access-review and examples/exports.
package policyexamples
