// Package fakegraph is an in-process Microsoft Graph v1.0 and Microsoft
// identity platform token endpoint that serves a tenant held in memory.
//
// It exists for tests, benchmarks and the demo command: one http.Handler
// answers both the login host (client-credentials tokens, OIDC discovery) and
// the Graph host, with Graph's error bodies, paging and fault switches
// (latency, throttling, 5xx, dropped connections, token expiry). Its behaviour
// follows Microsoft's documentation (shared/graph-reference.md), not the
// provider's assumptions, and every v1.0 request is first held to
// Microsoft's published metadata (metadata_check.go), so a request real
// Graph would refuse is refused here too.
package fakegraph
