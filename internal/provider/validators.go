package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/net/idna"
)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// domainLabel is one DNS label; Unicode letters are allowed so that
// internationalised domain names can be written as users see them.
var domainLabel = regexp.MustCompile(`^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$`)

func isGUID(s string) bool { return guidPattern.MatchString(s) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// domainNameProblem explains why s is not a domain name such as
// contoso.com, or returns "" when it is one.
func domainNameProblem(s string) string {
	switch {
	case s == "":
		return "it is empty"
	case strings.TrimSpace(s) != s:
		return "it has leading or trailing white space"
	case strings.HasPrefix(s, "@"):
		return fmt.Sprintf("it starts with \"@\": write %q", strings.TrimPrefix(s, "@"))
	case strings.HasSuffix(s, "."):
		return fmt.Sprintf("it ends with \".\": write %q", strings.TrimSuffix(s, "."))
	case len(s) > 253:
		return "it is longer than 253 characters"
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return "it has no dot; a domain name looks like contoso.com"
	}
	for _, label := range labels {
		if !domainLabel.MatchString(label) {
			return fmt.Sprintf("the label %q is not valid (letters, digits and inner hyphens only)", label)
		}
	}
	// Unicode names are compared in their IDNA ASCII form (see
	// inventory.NormalizeDomain); one IDNA refuses can never match.
	if ascii, err := idna.Lookup.ToASCII(s); !isASCII(s) && (err != nil || len(ascii) > 253) {
		return "it is not a valid internationalised domain name (IDNA); write it as users' addresses show it, " +
			"or in its ASCII form (xn--...)"
	}
	return ""
}

// tenantIDProblem explains why s is neither a GUID nor a domain name.
func tenantIDProblem(s string) string {
	if isGUID(s) {
		return ""
	}
	if domainNameProblem(s) == "" {
		return ""
	}
	return "it must be the directory (tenant) ID, a GUID such as 00000000-0000-0000-0000-000000000000, " +
		"or one of the tenant's domain names such as contoso.onmicrosoft.com"
}

// endpointProblem explains why s cannot be a Graph or authority endpoint:
// an absolute https URL with a host and nothing after it, or http for a
// loopback host (local emulators).
func endpointProblem(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "it must be an absolute URL such as https://graph.microsoft.com"
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "it must be a scheme and host only, such as https://graph.microsoft.com, without a path, query or credentials"
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https://"
	}
	return ""
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// stringCheck adapts a "problem" function to a framework string validator
// that reports an attribute error at plan time.
type stringCheck struct {
	description string
	problem     func(string) string
}

var (
	_ validator.String = stringCheck{}

	guidValidator = stringCheck{"must be a GUID", func(s string) string {
		if isGUID(s) {
			return ""
		}
		return "it must be a GUID such as 00000000-0000-0000-0000-000000000000"
	}}
	tenantIDValidator   = stringCheck{"must be a GUID or a domain name", tenantIDProblem}
	domainNameValidator = stringCheck{"must be a domain name such as contoso.com", domainNameProblem}
	endpointValidator   = stringCheck{"must be an https:// URL (http:// only for loopback hosts)", endpointProblem}
)

func (c stringCheck) Description(context.Context) string         { return c.description }
func (c stringCheck) MarkdownDescription(context.Context) string { return c.description }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := c.problem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Value",
			fmt.Sprintf("%q is not valid here: %s.", req.ConfigValue.ValueString(), problem))
	}
}

// partNumberValidator: a SKU part number is a non-blank word such as SPE_E3.
var partNumberValidator = stringCheck{"must be a SKU part number such as SPE_E3", func(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "it is empty; use a SKU part number such as SPE_E3 (azuresaas_subscribed_skus lists the tenant's)"
	case strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n"):
		return "a SKU part number has no spaces, e.g. SPE_E3"
	}
	return ""
}}

// distinctIgnoringCase refuses a set of strings with two elements that
// differ only in case: they name one thing twice (a set keeps both).
type distinctIgnoringCase struct{}

var _ validator.Set = distinctIgnoringCase{}

func (distinctIgnoringCase) Description(context.Context) string {
	return "elements must differ in more than case"
}

func (v distinctIgnoringCase) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (distinctIgnoringCase) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(s.ValueString()))
		if first, dup := seen[key]; dup {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate Value",
				fmt.Sprintf("%q and %q differ only in case and name the same thing: keep one.", first, s.ValueString()))
			return
		}
		seen[key] = s.ValueString()
	}
}
