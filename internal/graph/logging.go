package graph

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of this package; its level can be set
// apart from the provider's with TF_LOG_PROVIDER_AZURESAAS_GRAPH.
//
// Fields are method, path (never the query), status, request_id,
// client_request_id, attempt and durations. Nothing here may log a secret, a
// token, a header value other than request IDs, a query string or a body.
const logSubsystem = "graph"

// withLogging gives ctx the graph subsystem logger; it keeps the provider's
// root fields (data source, request) so that our lines can be correlated.
func withLogging(ctx context.Context) context.Context {
	return tflog.NewSubsystem(ctx, logSubsystem,
		tflog.WithRootFields(),
		tflog.WithLevelFromEnv("TF_LOG_PROVIDER_AZURESAAS", "GRAPH"),
	)
}

func logDebug(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemDebug(ctx, logSubsystem, msg, fields)
}

func logInfo(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemInfo(ctx, logSubsystem, msg, fields)
}

func logWarn(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemWarn(ctx, logSubsystem, msg, fields)
}
