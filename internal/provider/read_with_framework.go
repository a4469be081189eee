package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// stateReader is a list data source under the wire contract: readState
// decodes the configuration, reads, and returns a pointer to the state
// model (nil after an error in diags), without touching tfsdk.State.
type stateReader interface {
	readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any
}

// readWithFramework is the framework's Read of such a data source: the
// reference the protocol-level path is held equal to.
func readWithFramework(ctx context.Context, d stateReader, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	state := d.readState(ctx, req.Config, &resp.Diagnostics)
	if state != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}
