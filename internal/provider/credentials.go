package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// The environment variables of each credential argument, in the order they
// are read (azuread's ARM_* names first, then azidentity's AZURE_* ones).
var (
	certificatePathVars     = []string{"ARM_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PATH"}
	certificateValueVars    = []string{"ARM_CLIENT_CERTIFICATE"}
	certificatePasswordVars = []string{"ARM_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_CERTIFICATE_PASSWORD"}
	secretVars              = []string{"ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET"}
	useOIDCVars             = []string{"ARM_USE_OIDC"}
	oidcTokenVars           = []string{"ARM_OIDC_TOKEN"}
	oidcTokenFileVars       = []string{"ARM_OIDC_TOKEN_FILE_PATH", "AZURE_FEDERATED_TOKEN_FILE"}
	oidcRequestURLVars      = []string{"ARM_OIDC_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_URL"}
	oidcRequestTokenVars    = []string{"ARM_OIDC_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"}
)

// credentialEnvVars is every variable the credential arguments read.
func credentialEnvVars() []string {
	var all []string
	for _, vars := range [][]string{certificatePathVars, certificateValueVars, certificatePasswordVars, secretVars,
		useOIDCVars, oidcTokenVars, oidcTokenFileVars, oidcRequestURLVars, oidcRequestTokenVars} {
		all = append(all, vars...)
	}
	return all
}

// credentialAttributes are the provider arguments of certificate and OIDC
// authentication, named as in the azuread provider.
func credentialAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"client_certificate_path": schema.StringAttribute{
			MarkdownDescription: "Path to the client certificate of the app registration: a PEM file with the certificate " +
				"and its unencrypted private key, or a PKCS#12 (`.pfx`/`.p12`) bundle. Environment: " +
				"`ARM_CLIENT_CERTIFICATE_PATH`, then `AZURE_CLIENT_CERTIFICATE_PATH`. The certificate (its public part) must be uploaded to the app registration.",
			Optional: true,
		},
		"client_certificate": schema.StringAttribute{
			MarkdownDescription: "The client certificate as a base64-encoded PKCS#12 (`.pfx`) bundle, as the azuread provider " +
				"takes it (`base64 -w0 app.pfx`). Environment: `ARM_CLIENT_CERTIFICATE`. Use instead of `client_certificate_path`.",
			Optional:  true,
			Sensitive: true,
		},
		"client_certificate_password": schema.StringAttribute{
			MarkdownDescription: "The password of the PKCS#12 bundle, if it has one. Environment: " +
				"`ARM_CLIENT_CERTIFICATE_PASSWORD`, then `AZURE_CLIENT_CERTIFICATE_PASSWORD`.",
			Optional:  true,
			Sensitive: true,
		},
		"use_oidc": schema.BoolAttribute{
			MarkdownDescription: "Authenticate with an OIDC token from another identity provider (workload identity " +
				"federation: GitHub Actions, Azure DevOps, Kubernetes) that matches a federated credential of the app " +
				"registration. The token comes from `oidc_token`, `oidc_token_file_path` or GitHub Actions' " +
				"`ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, in that order. Environment: `ARM_USE_OIDC`.",
			Optional: true,
		},
		"oidc_token": schema.StringAttribute{
			MarkdownDescription: "The OIDC token (a JWT) to exchange. Environment: `ARM_OIDC_TOKEN`.",
			Optional:            true,
			Sensitive:           true,
		},
		"oidc_token_file_path": schema.StringAttribute{
			MarkdownDescription: "Path to a file holding the OIDC token. It is read again whenever a new access token is " +
				"requested, so a token the platform rotates (Kubernetes workload identity) keeps working. Environment: " +
				"`ARM_OIDC_TOKEN_FILE_PATH`, then `AZURE_FEDERATED_TOKEN_FILE`.",
			Optional: true,
		},
	}
}

// unknownCredentialValues are the credential arguments for the unknown-value
// check of resolveSettings.
func unknownCredentialValues(config providerModel) map[string]interface{ IsUnknown() bool } {
	return map[string]interface{ IsUnknown() bool }{
		"client_certificate_path": config.ClientCertificatePath, "client_certificate": config.ClientCertificate,
		"client_certificate_password": config.ClientCertificatePassword, "use_oidc": config.UseOIDC,
		"oidc_token": config.OIDCToken, "oidc_token_file_path": config.OIDCTokenFilePath,
	}
}

// credential is the one way the provider authenticates: a secret, or an
// assertion source (certificate or OIDC).
type credential struct {
	secret     string
	assertion  graph.AssertionSource
	thumbprint string // a certificate's, to tell which of the app's keys is in use
	describe   string // for logs: the kind and where it came from, never the material
}

// kind is one of the three credential kinds and where it was configured.
type credentialKind struct {
	name      string // "a client certificate", ...
	attribute string // the attribute to point errors at
	source    string // "client_secret" or "the environment variable ARM_CLIENT_SECRET"
}

// resolveCredential picks the credential kind: the one the provider block
// configures, else the one the environment configures. Two kinds at the same
// level are an error (see the provider description), as is none.
func resolveCredential(ctx context.Context, diags *diag.Diagnostics, lookup envLookup, config providerModel, now time.Time) credential {
	c := resolveCredentialKind(diags, lookup, config, now)
	if !diags.HasError() {
		tflog.Debug(ctx, "Provider credential chosen", map[string]any{"credential": c.describe})
	}
	return c
}

func resolveCredentialKind(diags *diag.Diagnostics, lookup envLookup, config providerModel, now time.Time) credential {
	block := blockCredentialKinds(config)
	env, envDiags := envCredentialKinds(lookup, config)
	diags.Append(envDiags...)
	kinds, level := block, "the provider block"
	if len(block) == 0 {
		kinds, level = env, "the environment"
	} else if len(env) > 0 {
		diags.AddAttributeWarning(path.Root(block[0].attribute), "Credential in the Environment Ignored",
			fmt.Sprintf("The provider block configures %s (%s), so %s from %s is not used. Unset it to silence this warning.",
				block[0].name, block[0].source, env[0].name, env[0].source))
	}
	switch {
	case diags.HasError():
		return credential{}
	case len(kinds) == 0:
		diags.AddAttributeError(path.Root("client_secret"), "Missing Credentials",
			"No credential is configured. Configure exactly one of: a client secret (client_secret, or ARM_CLIENT_SECRET), "+
				"a client certificate (client_certificate_path or client_certificate, or ARM_CLIENT_CERTIFICATE_PATH or "+
				"ARM_CLIENT_CERTIFICATE), or an OIDC token (use_oidc = true, or ARM_USE_OIDC=true, with a token source). "+
				"Use the secret's Value from Certificates & secrets of the app registration, not its secret ID.")
		return credential{}
	case len(kinds) > 1:
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = fmt.Sprintf("%s (%s)", k.name, k.source)
		}
		diags.AddAttributeError(path.Root(kinds[1].attribute), "Conflicting Credentials",
			fmt.Sprintf("%s configures more than one credential: %s. Configure exactly one kind; a kind in the provider "+
				"block wins over the environment.", capitalize(level), strings.Join(names, " and ")))
		return credential{}
	}
	switch kinds[0].attribute {
	case "client_secret":
		secret := resolveSecret(diags, lookup, config.ClientSecret)
		return credential{secret: secret, describe: "client secret from " + kinds[0].source}
	case "use_oidc":
		return resolveOIDC(diags, lookup, config, now)
	}
	return resolveCertificate(diags, lookup, config, now)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func blockCredentialKinds(config providerModel) []credentialKind {
	var kinds []credentialKind
	switch {
	case !config.ClientCertificatePath.IsNull():
		kinds = append(kinds, credentialKind{"a client certificate", "client_certificate_path", "client_certificate_path"})
	case !config.ClientCertificate.IsNull():
		kinds = append(kinds, credentialKind{"a client certificate", "client_certificate", "client_certificate"})
	}
	if !config.ClientSecret.IsNull() {
		kinds = append(kinds, credentialKind{"a client secret", "client_secret", "client_secret"})
	}
	if config.UseOIDC.ValueBool() {
		kinds = append(kinds, credentialKind{"an OIDC token", "use_oidc", "use_oidc = true"})
	}
	return kinds
}

func envCredentialKinds(lookup envLookup, config providerModel) ([]credentialKind, diag.Diagnostics) {
	var diags diag.Diagnostics
	var kinds []credentialKind
	if _, name := lookup.first(append(append([]string{}, certificatePathVars...), certificateValueVars...)...); name != "" {
		kinds = append(kinds, credentialKind{"a client certificate", attributeOfVar(name), "the environment variable " + name})
	}
	if _, name := lookup.first(secretVars...); name != "" {
		kinds = append(kinds, credentialKind{"a client secret", "client_secret", "the environment variable " + name})
	}
	if config.UseOIDC.IsNull() {
		if v, name := lookup.first(useOIDCVars...); name != "" {
			on, err := strconv.ParseBool(v)
			if err != nil {
				diags.AddAttributeError(path.Root("use_oidc"), "Invalid ARM_USE_OIDC",
					fmt.Sprintf("The environment variable %s is %q; it must be true or false.", name, v))
			} else if on {
				kinds = append(kinds, credentialKind{"an OIDC token", "use_oidc", "the environment variable " + name + "=" + v})
			}
		}
	}
	return kinds, diags
}

func attributeOfVar(name string) string {
	if name == "ARM_CLIENT_CERTIFICATE" {
		return "client_certificate"
	}
	return "client_certificate_path"
}

// setting is one string argument resolved from the block or the environment.
type setting struct {
	value     string
	attribute string
	variable  string // the variable it came from, "" for the block
}

func (s setting) source() string { return sourceName(s.attribute, s.variable) }

// resolveString reads attribute from the block, else from the first set
// variable. An explicitly empty value in the block is an error.
func resolveString(diags *diag.Diagnostics, lookup envLookup, attribute string, configured types.String, variables ...string) setting {
	if !configured.IsNull() {
		if strings.TrimSpace(configured.ValueString()) == "" {
			diags.AddAttributeError(path.Root(attribute), "Empty "+attribute,
				fmt.Sprintf("%s is set to an empty string in the provider block. An explicit value always wins over %s, so set "+
					"it or remove the argument.", attribute, strings.Join(variables, " and ")))
		}
		return setting{value: configured.ValueString(), attribute: attribute}
	}
	v, name := lookup.first(variables...)
	return setting{value: v, attribute: attribute, variable: name}
}

// resolveCertificate loads the certificate at plan time, so that a wrong
// file, password or an expired certificate is reported before any request.
func resolveCertificate(diags *diag.Diagnostics, lookup envLookup, config providerModel, now time.Time) credential {
	filePath := resolveString(diags, lookup, "client_certificate_path", config.ClientCertificatePath, certificatePathVars...)
	value := resolveString(diags, lookup, "client_certificate", config.ClientCertificate, certificateValueVars...)
	password := resolveString(diags, lookup, "client_certificate_password", config.ClientCertificatePassword, certificatePasswordVars...)
	if diags.HasError() {
		return credential{}
	}
	// The block wins over the environment for each argument, and a path in
	// the block wins over a value from the environment.
	if (filePath.value != "" && value.value != "") && (filePath.variable == "") == (value.variable == "") {
		diags.AddAttributeError(path.Root("client_certificate"), "Conflicting Client Certificates",
			fmt.Sprintf("Both %s and %s are set. Set only one: a path to a PEM or PKCS#12 file, or a base64-encoded PKCS#12 bundle.",
				filePath.source(), value.source()))
		return credential{}
	}
	var data []byte
	from := filePath
	if filePath.value == "" || (value.value != "" && value.variable == "") {
		from = value
		decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(value.value), ""))
		if err != nil {
			diags.AddAttributeError(path.Root("client_certificate"), "Invalid Client Certificate",
				fmt.Sprintf("%s is not base64: it takes a PKCS#12 (.pfx) bundle encoded with standard base64, e.g. the "+
					"output of base64 -w0 app.pfx. To use a file, set client_certificate_path instead.", value.source()))
			return credential{}
		}
		data = decoded
	} else {
		raw, err := os.ReadFile(filePath.value)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			diags.AddAttributeError(path.Root("client_certificate_path"), "Unreadable Client Certificate",
				fmt.Sprintf("%s is %q, which cannot be read: %v.", filePath.source(), filePath.value, err))
			return credential{}
		}
		data = raw
	}
	what := from.source()
	if from.attribute == "client_certificate_path" {
		what += fmt.Sprintf(" (%q)", from.value)
	}
	cert, err := graph.LoadCertificate(data, password.value, now)
	if err != nil {
		attribute, title := from.attribute, "Invalid Client Certificate"
		switch {
		case errors.Is(err, graph.ErrCertificatePassword):
			attribute, title = "client_certificate_password", "Wrong Client Certificate Password"
			if password.value == "" {
				err = fmt.Errorf("%w: set client_certificate_password (or ARM_CLIENT_CERTIFICATE_PASSWORD)", err)
			} else {
				err = fmt.Errorf("%w (the password came from %s)", err, password.source())
			}
		case errors.Is(err, graph.ErrCertificateNoKey):
			title = "Client Certificate Without Private Key"
		case errors.Is(err, graph.ErrCertificateExpired):
			title = "Expired Client Certificate"
		case errors.Is(err, graph.ErrCertificateNotYet):
			title = "Client Certificate Not Yet Valid"
		case errors.Is(err, graph.ErrCertificateKeyType):
			title = "Unsupported Client Certificate Key"
		}
		diags.AddAttributeError(path.Root(attribute), title, fmt.Sprintf("The client certificate from %s cannot be used: %v.", what, err))
		return credential{}
	}
	return credential{
		assertion:  graph.CertificateAssertion(cert),
		thumbprint: cert.Thumbprint(),
		describe:   fmt.Sprintf("client certificate %s from %s", cert.Thumbprint(), from.source()),
	}
}

// resolveOIDC picks the token source: oidc_token, oidc_token_file_path (the
// block first, then the environment), then GitHub Actions' request.
func resolveOIDC(diags *diag.Diagnostics, lookup envLookup, config providerModel, now time.Time) credential {
	token := resolveString(diags, lookup, "oidc_token", config.OIDCToken, oidcTokenVars...)
	file := resolveString(diags, lookup, "oidc_token_file_path", config.OIDCTokenFilePath, oidcTokenFileVars...)
	if diags.HasError() {
		return credential{}
	}
	requestURL, urlVar := lookup.first(oidcRequestURLVars...)
	requestToken, tokenVar := lookup.first(oidcRequestTokenVars...)

	// A token in the block, or a token from the environment unless the block
	// names a file.
	useToken := token.value != "" && (token.variable == "" || file.value == "" || file.variable != "")
	switch {
	case useToken:
		if problem := oidcTokenProblem(token.value, now); problem != "" {
			diags.AddAttributeError(path.Root("oidc_token"), "Invalid OIDC Token", fmt.Sprintf("%s %s.", token.source(), problem))
			return credential{}
		}
		return credential{assertion: graph.FederatedToken(token.value), describe: "OIDC token from " + token.source()}
	case file.value != "":
		content, err := graph.ReadFederatedTokenFile(file.value)
		if err != nil {
			diags.AddAttributeError(path.Root("oidc_token_file_path"), "Unreadable OIDC Token File",
				fmt.Sprintf("%s names a file that cannot be used: %s.", file.source(), strings.TrimPrefix(err.Error(), "graph: ")))
			return credential{}
		}
		// An expired token in the file is not an error here: the platform
		// rotates it, and it is read again for every access token.
		if problem := oidcTokenProblem(content, time.Time{}); problem != "" {
			diags.AddAttributeError(path.Root("oidc_token_file_path"), "Invalid OIDC Token File",
				fmt.Sprintf("The file %q (from %s) %s.", file.value, file.source(), strings.Replace(problem, "is not", "does not hold", 1)))
			return credential{}
		}
		return credential{assertion: graph.FederatedTokenFile(file.value), describe: fmt.Sprintf("OIDC token file %q from %s", file.value, file.source())}
	case requestURL != "" || requestToken != "":
		if requestURL == "" || requestToken == "" {
			missing, present := "ACTIONS_ID_TOKEN_REQUEST_URL", tokenVar
			if requestToken == "" {
				missing, present = "ACTIONS_ID_TOKEN_REQUEST_TOKEN", urlVar
			}
			diags.AddAttributeError(path.Root("use_oidc"), "Incomplete GitHub Actions OIDC Request",
				fmt.Sprintf("%s is set but %s is not. GitHub Actions sets both in a job with \"permissions: id-token: write\".", present, missing))
			return credential{}
		}
		if u, err := url.Parse(requestURL); err != nil || (u.Scheme != "https" && (u.Scheme != "http" || !isLoopback(u.Hostname()))) {
			diags.AddAttributeError(path.Root("use_oidc"), "Invalid GitHub Actions OIDC Request URL",
				fmt.Sprintf("The environment variable %s is not an https:// URL.", urlVar))
			return credential{}
		}
		return credential{assertion: graph.GitHubActionsToken(requestURL, requestToken), describe: "OIDC token from GitHub Actions (" + urlVar + ")"}
	}
	diags.AddAttributeError(path.Root("use_oidc"), "Missing OIDC Token",
		"use_oidc is true but no OIDC token is available. Provide one in one of three ways: "+
			"(1) the token itself in oidc_token or ARM_OIDC_TOKEN; "+
			"(2) a file holding it in oidc_token_file_path, ARM_OIDC_TOKEN_FILE_PATH or AZURE_FEDERATED_TOKEN_FILE (Kubernetes workload identity sets the last); "+
			"(3) in GitHub Actions, give the job \"permissions: id-token: write\" so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.")
	return credential{}
}

// oidcTokenProblem checks that a token looks like a JWT and, when now is
// set, has not expired. The message never quotes the token.
func oidcTokenProblem(token string, now time.Time) string {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return "is not a JWT (three base64url parts separated by dots)"
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct {
		Exp *float64 `json:"exp"`
	}
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		return "is not a JWT (its payload is not base64url-encoded JSON)"
	}
	if !now.IsZero() && claims.Exp != nil && now.After(time.Unix(int64(*claims.Exp), 0)) {
		return fmt.Sprintf("expired at %s; pipeline tokens live minutes, so get a fresh one in the same job, or use "+
			"oidc_token_file_path or GitHub Actions' request, which are read again when needed",
			time.Unix(int64(*claims.Exp), 0).UTC().Format(time.RFC3339))
	}
	return ""
}
