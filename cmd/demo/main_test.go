package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// TestDemoRunsTwice runs the whole demo as `make demo` does, twice in a row
// (it must leave nothing behind that breaks a second run), and checks the HR
// Roster section against the demo tenant. It must leave no process running.
func TestDemoRunsTwice(t *testing.T) {
	tfrun.RequireCLI(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	t.Setenv("TF_CLI_CONFIG_FILE", "") // the demo writes its own
	for attempt := 1; attempt <= 2; attempt++ {
		var out bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		err := run(ctx, &out)
		cancel()
		if err != nil {
			t.Fatalf("run %d: %v\n%s", attempt, err, out.String())
		}
		summary := out.String()
		if i, j := strings.Index(summary, "Integration status:"), strings.Index(summary, "HR Roster of"); i < 0 || i > j {
			t.Errorf("run %d: the summary does not start with the integration status:\n%s", attempt, summary)
		}
		for _, want := range []string{
			"SSO Application Access   NOT READY: grant AuditLog.Read.All",
			"granted: (none: no admin consent)",
			"Application Discovery    NOT READY: grant Application.Read.All, Organization.Read.All",
			"SSO Application Access   NOT READY: needs Entra ID P1 or P2",
			// without AuditLog.Read.All (nor Policy.Read.All), and a Free
			// tenant: too many to list
			"data sources readable: 14 of 21 (data_sources says what each needs)",
			"data sources readable: 17 of 21 (data_sources says what each needs)",
			"concealed names in usage reports: off",
			"in 11 days — plan warns: renew it",
			"HR Roster of Northwind Traders",
			"30 members",
			"5 guests left out by the default filter",
			"3 disabled accounts stay on the roster",
			"adele.vance@northwind.example",
			"Assigned but unused seats (no successful sign-in in 30 days): 21 of 35 assigned seats",
			"Application Discovery: 24 service principals",
			"3 allow open access (no assignment needed): ServiceNow, Twitter, Zoom",
			"Consented apps: 3 third-party, 2 with high-risk scopes: FileSync Free (Files.ReadWrite.All; 1 user; unverified publisher), " +
				"QuickPDF Converter (Mail.Read; 2 users; verified publisher QuickPDF Software Ltd)",
			"admin-consented for everyone: Northwind Intranet",
			"SAML certificates expiring within 60 days: Salesforce (in 20 days, ",
			"Slack (expired 5 days ago, ",
			"Licences: 34 seats of 32 bought; 4 held by people with no sign-in in 90 days, by SKU",
			"VISIOCLIENT     3 of  2 bought, 1 idle  over-assigned by 1",
			"Access posture: 4 of 27 members without MFA registered: admin@northwindtraders.onmicrosoft.com, kai@northwind.example, " +
				"tomas.novak@tailspin.example, wei.chen@Fabrikam-Labs.example",
			"admins without MFA: admin@northwindtraders.onmicrosoft.com; passwordless-capable: breakglass@northwindtraders.onmicrosoft.com",
			"guest invitations never accepted: mo_outlook.example#EXT#@northwindtraders.onmicrosoft.com (12 days), " +
				"rosa.diaz_tailspin.example#EXT#@northwindtraders.onmicrosoft.com (45 days)",
			"user consent: all_apps (microsoft-user-default-legacy); users may register apps: yes",
			"guest invitations from: everyone; guest access: limited; admin consent requests: no",
			"Licence usage (azuresaas_license_usage, one row per SKU): 5 seats to reclaim (disabled, or no successful sign-in in 90 days)",
			"SPE_E3            30       28      25         4       0         3       0         2      1            3",
			"Application usage, last 30 days: 10 apps, 23 assignments unused",
			"    Slack                           13       1     13       3       1      25                8              5        90",
			"idle Microsoft 365 E3 seats (none of Exchange, OneDrive, SharePoint, Teams in 60 days): 5 of 28",
			"alex.wilber@northwind.example (no activity)",
			"christie.cline@tailspin.example (last ",
			"Ownership and privilege:\n  App owners (11 SaaS apps): no one to ask about Dropbox Business, ServiceNow, Twitter",
			"    Northwind Intranet           24  Adele Vance, Alex Wilber, Allan Deyoung, and 21 more",
			"    Northwind Expenses            2  Lynne Robbins, Northwind Expenses (servicePrincipal)",
			// Ownership and privilege: app registrations (azuresaas_applications).
			"App registrations: 12, 3 with a secret or certificate expiring within 30 days:",
			"a credential already ended: Legacy Fax Gateway, Northwind Expired Secret, Northwind Inventory (demo)",
			"without an owner: 8 of 12 (Legacy Fax Gateway, Northwind App Reader, ",
			"  Directory roles: 11 active and 3 eligible assignments",
			"    Global Administrator, 7 active, more than 5: the policy fires: Adele Vance (time-bound), Alex Wilber (time-bound), " +
				"Dan Park, Dana Rivera, Emergency Access, MOD Administrator, Tier0 Admins (role-assignable group)",
			"    eligible (PIM): Alex Wilber (Global Administrator), Nestor Wilke (Privileged Role Administrator), " +
				"Grady Archie (Security Administrator, time-bound)",
			"    guests holding roles: Lee Gu (Helpdesk Administrator); service principals: nw-func-payroll (User Administrator, " +
				"scope /administrativeUnits/7a000000-0000-4000-8000-000000000001); deleted principals: 1",
			"  Groups: 9; Microsoft 365: All Company; dynamic: Dyn-Engineering; role-assignable: Helpdesk Admins, Tier0 Admins",
			"    group-based licensing: Research Lab (SPE_E3), Visio Users (VISIOCLIENT); members with licence errors in: Visio Users",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("run %d: the summary lacks %q:\n%s", attempt, want, out.String())
			}
		}
		// Soonest first, with whom to ask. The demo tenant dates them from
		// its own creation, and plantimestamp() may fall on either side of
		// it: a day either way.
		if !expiringRegistrations.MatchString(out.String()) {
			t.Errorf("run %d: the summary lacks the expiring app registrations (%s):\n%s", attempt, expiringRegistrations, out.String())
		}
	}
	if left := demoProcesses(t); len(left) > 0 {
		t.Errorf("the demo left processes running: %v", left)
	}
	if entries, _ := filepath.Glob(filepath.Join(os.TempDir(), "azuresaas-demo-*")); len(entries) > 0 {
		t.Errorf("the demo left temporary directories behind: %v", entries)
	}
}

var expiringRegistrations = regexp.MustCompile(`` +
	`\n    Northwind Payroll Connector: certificate in [89] days \(ask adele\.vance@northwind\.example, Dana\.Rivera@NorthWind\.Example\)` +
	`\n    Northwind Inventory \(secret expiring\): secret in 1[12] days \(no owner to ask\)` +
	`\n    Northwind HR Sync: secret in 2[45] days \(ask alex\.wilber@northwind\.example\)\n`)

// demoProcesses lists running processes whose command line points into a
// demo work directory (the provider binary the demo built).
func demoProcesses(t *testing.T) []string {
	t.Helper()
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var found []string
	for _, path := range cmdlines {
		raw, err := os.ReadFile(path)
		if err == nil && bytes.Contains(raw, []byte("azuresaas-demo-")) {
			found = append(found, path+": "+strings.ReplaceAll(string(raw), "\x00", " "))
		}
	}
	return found
}
