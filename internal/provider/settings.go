package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

const defaultMaxConcurrency = 8

// settings is the provider configuration once environment variables and
// defaults are applied and every value is checked.
type settings struct {
	tenantID       string
	clientID       string
	clientSecret   string
	authorityHost  string
	graphEndpoint  string
	userDefaults   inventory.UserFilter
	maxConcurrency int
	reportsBudget  graph.ReportsBudget

	clientAssertion       graph.AssertionSource // certificate or OIDC; clientSecret is "" then
	certificateThumbprint string                // with a certificate's clientAssertion
	httpClient            *http.Client          // nil except in tests
	retryBaseDelay        time.Duration         // zero except in tests
	retryMaxDelay         time.Duration         // zero except in tests
}

// envLookup is os.LookupEnv; tests pass their own.
type envLookup func(name string) (string, bool)

var osLookup envLookup = os.LookupEnv

// fromEnv returns the first non-empty variable of names and its name.
func (lookup envLookup) first(names ...string) (value, name string) {
	for _, name := range names {
		if v, ok := lookup(name); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v), name
		}
	}
	return "", ""
}

// resolveSettings merges the provider block with the environment: explicit
// configuration wins, then ARM_*, then AZURE_*. Every problem is reported on
// the attribute the user has to change, naming the variable when the value
// came from one.
func resolveSettings(ctx context.Context, config providerModel, lookup envLookup) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	var s settings

	for name, value := range map[string]interface{ IsUnknown() bool }{
		"tenant_id": config.TenantID, "client_id": config.ClientID, "client_secret": config.ClientSecret,
		"domain_names": config.DomainNames, "include_guests": config.IncludeGuests, "environment": config.Environment,
		"graph_endpoint": config.GraphEndpoint, "authority_host": config.AuthorityHost, "max_concurrency": config.MaxConcurrency,
	} {
		if value.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown Provider Configuration Value", unknownValueDetail(name))
		}
	}
	// A set known as a whole can still hold an element known only at apply
	// (["a.com", terraform_data.x.id]): that is unknown too.
	if !config.DomainNames.IsUnknown() && slices.ContainsFunc(config.DomainNames.Elements(), attr.Value.IsUnknown) {
		diags.AddAttributeError(path.Root("domain_names"), "Unknown Provider Configuration Value", unknownValueDetail("domain_names"))
	}
	for name, value := range unknownCredentialValues(config) {
		if value.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown Provider Configuration Value", unknownValueDetail(name))
		}
	}
	if diags.HasError() {
		return s, diags
	}

	s.tenantID = resolveID(&diags, lookup, "tenant_id", config.TenantID, tenantIDProblem, "ARM_TENANT_ID", "AZURE_TENANT_ID")
	s.clientID = resolveID(&diags, lookup, "client_id", config.ClientID, func(v string) string {
		if isGUID(v) {
			return ""
		}
		return "it must be the application (client) ID, a GUID such as 00000000-0000-0000-0000-000000000000"
	}, "ARM_CLIENT_ID", "AZURE_CLIENT_ID")
	cred := resolveCredential(ctx, &diags, lookup, config, time.Now())
	s.clientSecret, s.clientAssertion, s.certificateThumbprint = cred.secret, cred.assertion, cred.thumbprint

	environment, fromVar := config.Environment.ValueString(), ""
	if config.Environment.IsNull() {
		environment, fromVar = lookup.first("ARM_ENVIRONMENT")
		environment = strings.ToLower(environment)
	}
	if environment == "" {
		environment = "public"
	}
	cloud, ok := clouds[environment]
	if !ok {
		diags.AddAttributeError(path.Root("environment"), "Unknown Environment",
			fmt.Sprintf("%s is %q; the environment must be one of %s.", sourceName("environment", fromVar), environment,
				strings.Join(cloudNames(), ", ")))
	}
	s.authorityHost = strings.TrimSuffix(firstNonEmpty(config.AuthorityHost.ValueString(), cloud.authorityHost), "/")
	s.graphEndpoint = strings.TrimSuffix(firstNonEmpty(config.GraphEndpoint.ValueString(), cloud.graphEndpoint), "/")

	s.userDefaults.IncludeGuests = config.IncludeGuests.ValueBool()
	if !config.DomainNames.IsNull() {
		var names []string
		diags.Append(config.DomainNames.ElementsAs(ctx, &names, false)...)
		s.userDefaults.DomainNames = names
	}
	s.maxConcurrency = defaultMaxConcurrency
	if !config.MaxConcurrency.IsNull() {
		s.maxConcurrency = int(config.MaxConcurrency.ValueInt64())
	}
	return s, diags
}

func unknownValueDetail(attribute string) string {
	return fmt.Sprintf("%s depends on a value that is not known until apply. The provider reads data at plan time, "+
		"so set it from a variable, a literal or an environment variable instead.", attribute)
}

// resolveID takes an identifier from the configuration or the first set
// variable and checks it.
func resolveID(diags *diag.Diagnostics, lookup envLookup, attribute string, configured types.String,
	problem func(string) string, variables ...string) string {
	value, fromVar := configured.ValueString(), ""
	if configured.IsNull() {
		value, fromVar = lookup.first(variables...)
	}
	if value == "" {
		diags.AddAttributeError(path.Root(attribute), "Missing "+titleOf(attribute),
			fmt.Sprintf("No %s is configured: set %s in the provider block or the environment variable %s.",
				attribute, attribute, orList(variables)))
		return ""
	}
	if p := problem(value); p != "" {
		diags.AddAttributeError(path.Root(attribute), "Invalid "+titleOf(attribute),
			fmt.Sprintf("%s is %q, which is not valid: %s.", sourceName(attribute, fromVar), value, p))
	}
	return value
}

// resolveSecret never echoes the secret back.
func resolveSecret(diags *diag.Diagnostics, lookup envLookup, configured types.String) string {
	if !configured.IsNull() {
		if strings.TrimSpace(configured.ValueString()) == "" {
			diags.AddAttributeError(path.Root("client_secret"), "Empty Client Secret",
				"client_secret is set to an empty string in the provider block. An explicit value always wins over "+
					"ARM_CLIENT_SECRET and AZURE_CLIENT_SECRET, so set it to the secret's Value or remove the argument "+
					"to use the environment variable.")
		}
		return configured.ValueString()
	}
	secret, _ := lookup.first("ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET")
	if secret == "" {
		diags.AddAttributeError(path.Root("client_secret"), "Missing Client Secret",
			"No client secret is configured: set client_secret in the provider block (from a sensitive variable) "+
				"or the environment variable ARM_CLIENT_SECRET (or AZURE_CLIENT_SECRET). Use the secret's Value from "+
				"Certificates & secrets of the app registration, not its secret ID.")
	}
	return secret
}

// orList writes ["A", "B", "C"] as "A (or B, or C)".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return names[0] + " (or " + strings.Join(names[1:], ", or ") + ")"
}

func sourceName(attribute, variable string) string {
	if variable != "" {
		return "The environment variable " + variable + " (used because " + attribute + " is not set)"
	}
	return attribute
}

func titleOf(attribute string) string {
	switch attribute {
	case "tenant_id":
		return "Tenant ID"
	case "client_id":
		return "Client ID"
	}
	return attribute
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// providerData is what the provider hands to its data sources.
type providerData struct {
	graph          *graph.Client
	clientID       string
	userDefaults   inventory.UserFilter
	maxConcurrency int
}

func newProviderData(s settings, version string) (*providerData, error) {
	client, err := graph.NewClient(graph.Config{
		TenantID:      s.tenantID,
		ClientID:      s.clientID,
		ClientSecret:  s.clientSecret,
		AuthorityHost: s.authorityHost,
		GraphEndpoint: s.graphEndpoint,
		UserAgent:     "terraform-provider-azuresaas/" + version,
		ReportsBudget: s.reportsBudget,

		// Certificate and OIDC credentials; HTTPClient is nil except in tests.
		ClientAssertion:             s.clientAssertion,
		ClientCertificateThumbprint: s.certificateThumbprint,
		HTTPClient:                  s.httpClient,
		RetryBaseDelay:              s.retryBaseDelay,
		RetryMaxDelay:               s.retryMaxDelay,
	})
	if err != nil {
		return nil, err
	}
	return &providerData{graph: client, clientID: s.clientID, userDefaults: s.userDefaults, maxConcurrency: s.maxConcurrency}, nil
}
