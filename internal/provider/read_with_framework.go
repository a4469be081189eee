package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// stateReader is a list data source that follows the wire-path contract:
// readState decodes the configuration, reads through inventory and returns
// a pointer to its state model (plain slices for the computed lists), or
// nil after adding an error. It never touches tfsdk.State, so the wire path
// can encode the same model itself.
type stateReader interface {
	configured(diags *diag.Diagnostics) bool
	readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any
}

// readWithFramework is a stateReader's framework Read: the reference the
// wire path is tested against.
func readWithFramework(ctx context.Context, d stateReader, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	if state := d.readState(ctx, req.Config, &resp.Diagnostics); state != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}
