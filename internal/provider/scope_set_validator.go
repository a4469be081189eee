package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// scopeSetValidator checks a set of delegated scope values: none blank or
// holding white space (a grant's scope is split on it, so such a value
// never matches), and no two equal once case is ignored (scopes compare
// case-insensitively, so the second would be a silent repeat).
type scopeSetValidator struct{}

var _ validator.Set = scopeSetValidator{}

func (scopeSetValidator) Description(context.Context) string {
	return "scope values must be non-blank, without white space, and distinct ignoring case"
}

func (v scopeSetValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (scopeSetValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, elem := range req.ConfigValue.Elements() {
		s, ok := elem.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		value := s.ValueString()
		at := req.Path.AtSetValue(elem)
		switch {
		case strings.TrimSpace(value) == "":
			resp.Diagnostics.AddAttributeError(at, "Invalid Scope",
				"A scope value is empty or blank: remove it, or write a delegated permission such as Mail.Read.")
			continue
		case strings.ContainsFunc(value, func(r rune) bool { return strings.ContainsRune(" \t\r\n\v\f", r) }):
			resp.Diagnostics.AddAttributeError(at, "Invalid Scope",
				fmt.Sprintf("%q holds white space: a grant's scope is split on white space, so it can never match. "+
					"Write each scope as its own value.", value))
			continue
		}
		key := strings.ToLower(value)
		if first, dup := seen[key]; dup {
			resp.Diagnostics.AddAttributeError(at, "Duplicate Scope",
				fmt.Sprintf("%q and %q differ only in case; scopes compare case-insensitively: keep one.", first, value))
			continue
		}
		seen[key] = value
	}
}
