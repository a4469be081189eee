package fakegraph

import "time"

// The demo tenant's own app registrations (beside those of its client
// apps, which GET /applications lists too). Object ids start c0a00000.
const (
	// DemoPayrollAppObjectID: two owners; its certificate expires
	// DemoPayrollCertificateDays after the tenant is built, its secret in
	// ten months.
	DemoPayrollAppObjectID     = "c0a00000-0000-4000-8000-000000000001"
	DemoPayrollCertificateDays = 9
	// DemoHRSyncAppObjectID: one owner; its secret expires
	// DemoHRSyncSecretDays after the tenant is built.
	DemoHRSyncAppObjectID = "c0a00000-0000-4000-8000-000000000002"
	DemoHRSyncSecretDays  = 25
	// DemoFaxGatewayAppObjectID: no owner, and its only secret ended
	// DemoFaxGatewayExpiredDays before the tenant was built: the
	// integration that already broke, with no one to ask.
	DemoFaxGatewayAppObjectID = "c0a00000-0000-4000-8000-000000000003"
	DemoFaxGatewayExpiredDays = 40
	// DemoTeamsBotAppObjectID: verified publisher, owned by a user and the
	// Salesforce service principal; a certificate valid for a year and a
	// secret without an end date (Graph's CSDL allows one).
	DemoTeamsBotAppObjectID = "c0a00000-0000-4000-8000-000000000004"
	// DemoAgentBlueprintObjectID: an agentIdentityBlueprint, listed among
	// applications with its @odata.type (graph-reference-3 §0.5), with
	// DemoAgentBlueprintOwners owners: more than the 20 Graph expands, so
	// its owners are read again on their own.
	DemoAgentBlueprintObjectID = "c0a00000-0000-4000-8000-000000000005"
	DemoAgentBlueprintOwners   = 22
)

// demoApplications are the registrations above, dated around now as
// datedDemoApps dates the client apps' secrets.
func demoApplications(now time.Time) []Application {
	s := Ptr[string]
	day := now.UTC().Truncate(24 * time.Hour)
	at := func(t time.Time) *time.Time { return &t }
	const (
		dana  = "3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601"
		adele = "6b0e5d2c-7a41-4f3e-9c8d-000000000003"
		alex  = "6b0e5d2c-7a41-4f3e-9c8d-000000000004"
		megan = "6b0e5d2c-7a41-4f3e-9c8d-000000000005"
	)
	var agentOwners []string
	for n := 2; len(agentOwners) < DemoAgentBlueprintOwners; n++ {
		agentOwners = append(agentOwners, demoUser(n))
	}
	myOrg := s("AzureADMyOrg")
	domain := s(DemoDefaultDomain)
	return []Application{
		{ID: DemoPayrollAppObjectID, AppID: "a0a00000-0000-4000-8000-000000000001", DisplayName: s("Northwind Payroll Connector"),
			CreatedDateTime: ts("2023-02-01T10:00:00Z"), SignInAudience: myOrg, PublisherDomain: domain,
			PasswordCredentials: []PasswordCredential{{KeyID: "c0a10000-0000-4000-8000-000000000001", DisplayName: s("payroll-batch"),
				Hint: s("pQ4"), StartDateTime: at(day.AddDate(0, -2, 0)), EndDateTime: at(day.AddDate(0, 10, 0))}},
			KeyCredentials: []KeyCredential{{KeyID: "c0a20000-0000-4000-8000-000000000001", Type: "AsymmetricX509Cert", Usage: "Verify",
				CustomKeyIdentifier: []byte("payroll-connector-thumb"), DisplayName: s("CN=payroll.northwind.example"),
				StartDateTime: at(day.AddDate(-1, 0, 0)), EndDateTime: at(now.UTC().Add(DemoPayrollCertificateDays * 24 * time.Hour))}},
			Owners: []string{dana, adele}},
		{ID: DemoHRSyncAppObjectID, AppID: "a0a00000-0000-4000-8000-000000000002", DisplayName: s("Northwind HR Sync"),
			CreatedDateTime: ts("2022-08-15T08:30:00Z"), SignInAudience: myOrg, PublisherDomain: domain,
			PasswordCredentials: []PasswordCredential{{KeyID: "c0a10000-0000-4000-8000-000000000002", DisplayName: s("workday-sync"),
				Hint: s("hR2"), StartDateTime: at(day.AddDate(-1, -11, 0)), EndDateTime: at(now.UTC().Add(DemoHRSyncSecretDays * 24 * time.Hour))}},
			Owners: []string{alex}},
		{ID: DemoFaxGatewayAppObjectID, AppID: "a0a00000-0000-4000-8000-000000000003", DisplayName: s("Legacy Fax Gateway"),
			CreatedDateTime: ts("2019-05-02T14:00:00Z"), SignInAudience: myOrg, PublisherDomain: domain,
			PasswordCredentials: []PasswordCredential{{KeyID: "c0a10000-0000-4000-8000-000000000003", DisplayName: s("fax"),
				Hint: s("fX9"), StartDateTime: at(day.AddDate(-2, 0, -DemoFaxGatewayExpiredDays)),
				EndDateTime: at(day.AddDate(0, 0, -DemoFaxGatewayExpiredDays))}}},
		{ID: DemoTeamsBotAppObjectID, AppID: "a0a00000-0000-4000-8000-000000000004", DisplayName: s("Northwind Teams Bot"),
			CreatedDateTime: ts("2024-03-11T09:00:00Z"), SignInAudience: s("AzureADMultipleOrgs"), PublisherDomain: domain,
			VerifiedPublisher: VerifiedPublisher{DisplayName: s(DemoTenantDisplayName), VerifiedPublisherID: s("4711001"),
				AddedDateTime: ts("2024-04-01T00:00:00Z")},
			PasswordCredentials: []PasswordCredential{{KeyID: "c0a10000-0000-4000-8000-000000000004", DisplayName: s("bot framework"), Hint: s("tB7")}},
			KeyCredentials: []KeyCredential{{KeyID: "c0a20000-0000-4000-8000-000000000004", Type: "AsymmetricX509Cert", Usage: "Verify",
				DisplayName: s("CN=teams-bot"), StartDateTime: at(day.AddDate(0, -1, 0)), EndDateTime: at(day.AddDate(1, 0, 0))}},
			Owners: []string{megan, DemoSalesforceID}},
		{ID: DemoAgentBlueprintObjectID, AppID: "a0a00000-0000-4000-8000-000000000005", ODataType: "#microsoft.graph.agentIdentityBlueprint",
			DisplayName: s("Northwind Support Agent"), CreatedDateTime: ts("2026-09-01T12:00:00Z"), SignInAudience: myOrg, PublisherDomain: domain,
			PasswordCredentials: []PasswordCredential{{KeyID: "c0a10000-0000-4000-8000-000000000005", DisplayName: s("agent"),
				Hint: s("aG3"), StartDateTime: at(day.AddDate(0, -1, 0)), EndDateTime: at(day.AddDate(0, 5, 0))}},
			Owners: agentOwners},
	}
}
