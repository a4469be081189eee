package provider

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// grantOutputs render each grant as one line, names "<null>" when null.
const grantOutputs = `
output "grants" {
  value = [for g in data.azuresaas_oauth2_permission_grants.test.grants :
    "${coalesce(g.client_display_name, "<null>")} -> ${coalesce(g.resource_display_name, "<null>")} ${g.consent_type} ${coalesce(g.principal_id, "<null>")} ${join(",", g.scopes)}"]
}
`

func TestOAuth2PermissionGrantsDataSourceDemo(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	ds := "data.azuresaas_oauth2_permission_grants.test"
	miro := fakegraph.DemoTenant().OAuth2PermissionGrants[4]
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_oauth2_permission_grants" "test" {}` + grantOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("grants", stringList(
					"Azure Portal -> Microsoft Graph AllPrincipals <null> Directory.AccessAsUser.All,User.Read",
					"FileSync Free -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000004 Files.ReadWrite.All,User.Read",
					"Microsoft Teams -> Office 365 SharePoint Online Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000002 AllSites.Read",
					"Miro -> <null> Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000005 user_impersonation",
					"Northwind Intranet -> Microsoft Graph AllPrincipals <null> offline_access,openid,profile,User.Read",
					"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000002 Mail.Read,offline_access,openid",
					"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000003 Mail.Read,offline_access",
				)),
				// A grant naming a resource the tenant no longer has: null
				// resource name, the rest as Graph sent it.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("grants").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                    knownvalue.StringExact(fakegraph.GrantID(miro)),
					"client_id":             knownvalue.StringExact(fakegraph.DemoMiroID),
					"client_app_id":         knownvalue.StringExact(fakegraph.DemoMiroAppID),
					"client_display_name":   knownvalue.StringExact("Miro"),
					"resource_id":           knownvalue.StringExact(fakegraph.DemoDeletedResourceID),
					"resource_display_name": knownvalue.Null(),
					"consent_type":          knownvalue.StringExact("Principal"),
					"principal_id":          knownvalue.StringExact("6b0e5d2c-7a41-4f3e-9c8d-000000000005"),
					"scopes":                stringList("user_impersonation"),
				})),
			},
		}, {
			// client_id keeps one client's grants (Graph filters them).
			Config: providerBlock(server) + `data "azuresaas_oauth2_permission_grants" "test" {
  client_id = "` + strings.ToUpper(fakegraph.DemoQuickPDFID) + `"
}` + grantOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("grants", stringList(
					"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000002 Mail.Read,offline_access,openid",
					"QuickPDF Converter -> Microsoft Graph Principal 6b0e5d2c-7a41-4f3e-9c8d-000000000003 Mail.Read,offline_access",
				)),
			},
		}},
	})
	filtered := false
	for _, r := range server.Requests() {
		if r.Path == "/v1.0/oauth2PermissionGrants" && strings.Contains(r.RawQuery, "clientId+eq") {
			filtered = true
		}
	}
	if !filtered {
		t.Error("client_id was not sent to Graph as $filter=clientId eq")
	}
}

// consentOutputs render each application as one line.
const consentOutputs = `
output "apps" {
  value = [for a in data.azuresaas_consented_applications.test.applications :
    "${coalesce(a.display_name, "<null>")} publisher=${coalesce(a.publisher, "<null>")} verified=${a.verified_publisher} admin=${a.admin_consented} users=${a.consented_user_count} high=${join(",", a.high_risk_scopes)}"]
}
`

func TestConsentedApplicationsDataSourceDemo(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	ds := "data.azuresaas_consented_applications.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			// exclude_first_party defaults to true here.
			Config: providerBlock(server) + `data "azuresaas_consented_applications" "test" {}` + consentOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("apps", stringList(
					"FileSync Free publisher=<null> verified=false admin=false users=1 high=Files.ReadWrite.All",
					"Miro publisher=<null> verified=false admin=false users=1 high=",
					"Northwind Intranet publisher=Northwind Traders verified=false admin=true users=0 high=",
					"QuickPDF Converter publisher=QuickPDF Software Ltd verified=true admin=false users=2 high=Mail.Read",
				)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("applications").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_instance_id":      knownvalue.StringExact(fakegraph.DemoQuickPDFID),
					"app_id":               knownvalue.StringExact(fakegraph.DemoQuickPDFAppID),
					"display_name":         knownvalue.StringExact("QuickPDF Converter"),
					"publisher":            knownvalue.StringExact("QuickPDF Software Ltd"),
					"first_party":          knownvalue.Bool(false),
					"verified_publisher":   knownvalue.Bool(true),
					"admin_consented":      knownvalue.Bool(false),
					"consented_user_count": knownvalue.Int64Exact(2),
					"scopes":               stringList("Mail.Read", "offline_access", "openid"),
					"high_risk_scopes":     stringList("Mail.Read"),
					"resources":            stringList("Microsoft Graph"),
				})),
				// Miro's only resource is gone: no resource names.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("applications").AtSliceIndex(1).AtMapKey("resources"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}, {
			// Microsoft's apps included; a replaced high-risk list.
			Config: providerBlock(server) + `data "azuresaas_consented_applications" "test" {
  exclude_first_party = false
  high_risk_scopes    = ["user.read", "AllSites.Read"]
}` + consentOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("apps", stringList(
					"Azure Portal publisher=Microsoft verified=false admin=true users=0 high=User.Read",
					"FileSync Free publisher=<null> verified=false admin=false users=1 high=User.Read",
					"Microsoft Teams publisher=Microsoft Corporation verified=true admin=false users=1 high=AllSites.Read",
					"Miro publisher=<null> verified=false admin=false users=1 high=",
					"Northwind Intranet publisher=Northwind Traders verified=false admin=true users=0 high=User.Read",
					"QuickPDF Converter publisher=QuickPDF Software Ltd verified=true admin=false users=2 high=",
				)),
			},
		}},
	})
}

// TestConsentedApplicationsOrganizationDenied lists the applications with
// a warning when the organization cannot be read.
func TestConsentedApplicationsOrganizationDenied(t *testing.T) {
	clearCredentialEnv(t)
	tenant := fakegraph.DemoTenant()
	const clientID, secret = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f99", "consent-reader-secret-not-a-real-credential"
	tenant.Apps = append(tenant.Apps, fakegraph.App{ClientID: clientID, DisplayName: "Consent reader",
		Secrets: []fakegraph.Secret{{Value: secret}}, Permissions: []string{"DelegatedPermissionGrant.Read.All", "Application.Read.All"}})
	server := startGraph(t, tenant)
	h := newProtocolHarness(t, http.DefaultClient)
	h.configure(t, map[string]any{"tenant_id": tenant.ID, "client_id": clientID, "client_secret": secret,
		"graph_endpoint": server.URL(), "authority_host": server.URL()})
	state, diags := h.read(context.Background(), t, "azuresaas_consented_applications", nil)
	if hasError(diags) || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning ||
		!strings.Contains(diags[0].Summary, "Organization Not Readable") || !strings.Contains(diags[0].Detail, "Organization.Read.All") {
		t.Fatalf("diagnostics: %s", diagnosticsText(diags))
	}
	var attrs map[string]tftypes.Value
	_ = state.As(&attrs)
	var apps []tftypes.Value
	_ = attrs["applications"].As(&apps)
	if len(apps) != 4 {
		t.Fatalf("%d applications, want 4", len(apps))
	}
	var intranet map[string]tftypes.Value
	_ = apps[2].As(&intranet)
	if !intranet["publisher"].IsNull() {
		t.Errorf("the tenant's own app has a publisher without the organization: %v", intranet["publisher"])
	}
}

// TestServicePrincipalsSAMLCertificatesDemo reads the demo tenant's SAML
// apps: expiring in 20 days, expired, renewed, and without a thumbprint.
func TestServicePrincipalsSAMLCertificatesDemo(t *testing.T) {
	clearCredentialEnv(t)
	server := startGraph(t, fakegraph.DemoTenant())
	want := map[string]string{}
	for _, sp := range server.Tenant().ServicePrincipals {
		switch sp.ID {
		case fakegraph.DemoSalesforceID, fakegraph.DemoSlackID:
			want[*sp.DisplayName] = sp.KeyCredentials[0].EndDateTime.UTC().Format(time.RFC3339)
		case fakegraph.DemoServiceNowID:
			want[*sp.DisplayName] = sp.KeyCredentials[2].EndDateTime.UTC().Format(time.RFC3339) // the renewed one
		}
	}
	if len(want) != 3 {
		t.Fatalf("demo SAML apps: %v", want)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(server) + `data "azuresaas_service_principals" "test" {}
output "expires" {
  value = { for sp in data.azuresaas_service_principals.test.service_principals : sp.display_name => sp.saml_certificate_expires if sp.saml_certificate_expires != null }
}
output "workday" {
  value = coalesce(one([for sp in data.azuresaas_service_principals.test.service_principals : sp.saml_certificate_expires if sp.display_name == "Workday"]), "<null>")
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("expires", knownvalue.MapExact(map[string]knownvalue.Check{
					"Salesforce": knownvalue.StringExact(want["Salesforce"]),
					"Slack":      knownvalue.StringExact(want["Slack"]),
					"ServiceNow": knownvalue.StringExact(want["ServiceNow"]),
				})),
				statecheck.ExpectKnownOutputValue("workday", knownvalue.StringExact("<null>")),
			},
		}},
	})
}
