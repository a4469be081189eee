package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Every data source takes a `timeouts { read = "…" }` block, the convention
// azuread users know. The defaults fit the read: directory lists finish in
// minutes even at several hundred thousand objects; reads paced by the sign-in
// logs budget (5 requests in any 10 seconds) can take most of an hour.
const (
	directoryReadTimeout = 20 * time.Minute
	pacedReadTimeout     = 60 * time.Minute
)

// readTimeoutsBlock is the timeouts block of a data source whose read
// defaults to limit.
func readTimeoutsBlock(limit time.Duration) schema.Block {
	return timeoutsBlock("`" + durationText(limit) + "`")
}

// signInActivityTimeoutsBlock is the timeouts block of a users read that
// may include sign-in activity (signInActivityTimeout).
func signInActivityTimeoutsBlock() schema.Block {
	return timeoutsBlock("`" + durationText(directoryReadTimeout) + "`, `" + durationText(pacedReadTimeout) +
		"` with `include_sign_in_activity` (paced after Graph throttles it)")
}

func timeoutsBlock(defaults string) schema.Block {
	block := timeouts.BlockWithOpts(context.Background(), timeouts.Opts{ReadDescription: "How long the read may " +
		"take, as a Go duration longer than zero (`\"90m\"`, `\"2h\"`); default " + defaults + ". A read that runs out of time " +
		"fails with an error that names this block; it never returns part of the list."})
	if nested, ok := block.(schema.SingleNestedBlock); ok {
		if read, ok := nested.Attributes["read"].(schema.StringAttribute); ok {
			read.Validators = append(read.Validators, positiveDuration{})
			nested.Attributes["read"] = read
		}
		nested.MarkdownDescription = "Time limits, as in `timeouts { read = \"2h\" }`."
		return nested
	}
	return block
}

// signInActivityTimeout is the default of a users read: paced after a 429
// when it includes sign-in activity, a directory list otherwise.
func signInActivityTimeout(included bool) time.Duration {
	if included {
		return pacedReadTimeout
	}
	return directoryReadTimeout
}

// withReadTimeout bounds ctx by the block's read timeout, or by limit when
// the block does not set one. The block's validator has already refused a
// value that is not a duration at plan time.
func withReadTimeout(ctx context.Context, block timeouts.Value, limit time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	limit, d := block.Read(ctx, limit)
	diags.Append(d...)
	if d.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	return ctx, cancel, true
}

// durationText writes 20m0s as 20m and 1h0m0s as 1h.
func durationText(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}
