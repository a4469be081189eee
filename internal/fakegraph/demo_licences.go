package fakegraph

// Well-known SKU and service plan ids (Microsoft's licensing service plan
// reference); the P1/P2 plan ids are what premium detection matches.
const (
	SkuM365E3      = "05e9a617-0261-4cee-bb44-138d3ef5d965" // SPE_E3: a bundle that carries Entra ID P1
	SkuPowerBIPro  = "f8a1db68-be16-40ed-86d5-cb42ce701560" // POWER_BI_PRO
	SkuVisioClient = "c5928f49-12ba-48f7-ada3-0d743a3601d5" // VISIOCLIENT

	PlanEntraIDP1 = "41781fb2-bc02-4b7c-bd55-b576c07bb09d" // AAD_PREMIUM
	PlanEntraIDP2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998" // AAD_PREMIUM_P2
)

// demoSubscribedSkus are the demo tenant's licences: a bundle that carries
// Entra ID P1 (which is what lets the tenant read sign-in logs), a suspended
// subscription that still has holders, and one with more seats assigned than
// bought. ConsumedUnits are the holders in the demo tenant's users.
func demoSubscribedSkus() []SubscribedSku {
	plan := func(id, name, status string) ServicePlan {
		return ServicePlan{ID: id, Name: name, ProvisioningStatus: status, AppliesTo: "User"}
	}
	return []SubscribedSku{
		{SkuID: SkuM365E3, SkuPartNumber: "SPE_E3", AppliesTo: "User", CapabilityStatus: "Enabled",
			Enabled: 30, ConsumedUnits: 24,
			ServicePlans: []ServicePlan{
				plan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE", "Success"),
				plan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE", "Success"),
				plan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1", "Success"),
				plan(PlanEntraIDP1, "AAD_PREMIUM", "Success"),
				plan("8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM", "Success"),
			}},
		{SkuID: SkuPowerBIPro, SkuPartNumber: "POWER_BI_PRO", AppliesTo: "User", CapabilityStatus: "Suspended",
			Suspended: 10, ConsumedUnits: 3,
			ServicePlans: []ServicePlan{plan("70d33638-9c74-4d01-bfd3-562de28bd4ba", "BI_AZURE_P2", "Disabled")}},
		{SkuID: SkuVisioClient, SkuPartNumber: "VISIOCLIENT", AppliesTo: "User", CapabilityStatus: "Enabled",
			Enabled: 2, ConsumedUnits: 3,
			ServicePlans: []ServicePlan{plan("663a804f-1c30-4ff0-9915-9db84f0d1cea", "VISIO_CLIENT_SUBSCRIPTION", "Success")}},
	}
}
