package inventory

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// seedPermissionNames are the six permissions of the seed's table.
var seedPermissionNames = []string{"User.Read.All", "Application.Read.All", "Organization.Read.All",
	"GroupMember.Read.All", "AuditLog.Read.All", "Directory.Read.All"}

// TestTaskReadinessEverySeedCombination checks every subset of the seed's
// six permissions against the seed's rules written out by hand: a task is
// ready exactly when the rule says, and the missing permissions are the
// least-privileged ones of the uncovered groups.
func TestTaskReadinessEverySeedCombination(t *testing.T) {
	for mask := 0; mask < 1<<len(seedPermissionNames); mask++ {
		var granted []string
		has := map[string]bool{}
		for i, p := range seedPermissionNames {
			if mask&(1<<i) != 0 {
				granted = append(granted, p)
				has[p] = true
			}
		}
		dir := has["Directory.Read.All"]
		users, apps, org, members := has["User.Read.All"] || dir, has["Application.Read.All"] || dir, has["Organization.Read.All"] || dir, has["GroupMember.Read.All"] || dir
		want := map[string][]string{
			TaskHRRoster:             pick(!users, "User.Read.All"),
			TaskApplicationDiscovery: append(pick(!apps, "Application.Read.All"), pick(!org, "Organization.Read.All")...),
			TaskSSOApplicationRoster: append(pick(!apps, "Application.Read.All"), pick(!members, "GroupMember.Read.All")...),
			TaskSSOApplicationAccess: append(pick(!has["AuditLog.Read.All"], "AuditLog.Read.All"), pick(!dir, "Directory.Read.All")...),
		}
		status, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: granted, premium: "P1"}, testAppID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(status.Tasks) != 4 {
			t.Fatalf("%d tasks", len(status.Tasks))
		}
		for i, task := range status.Tasks {
			if task.Name != []string{TaskHRRoster, TaskApplicationDiscovery, TaskSSOApplicationRoster, TaskSSOApplicationAccess}[i] {
				t.Errorf("task %d is %q: not the seed's order", i, task.Name)
			}
			if !slices.Equal(task.MissingPermissions, want[task.Name]) || *task.Ready != (len(want[task.Name]) == 0) {
				t.Errorf("granted %v: %s ready %v missing %v, want missing %v", granted, task.Name, *task.Ready, task.MissingPermissions, want[task.Name])
			}
		}
	}
}

func pick(cond bool, p string) []string {
	if cond {
		return []string{p}
	}
	return []string{}
}

// TestHigherPermissionsCover holds the table to Microsoft's "higher
// permission" columns, including where a higher one does not cover.
func TestHigherPermissionsCover(t *testing.T) {
	cases := []struct {
		granted  string
		endpoint string
		covers   bool
	}{
		{"User.ReadWrite.All", EndpointUsers, true},
		{"Directory.ReadWrite.All", EndpointUsers, true},
		{"Group.Read.All", EndpointGroupMembers, true},
		{"GroupMember.ReadWrite.All", EndpointGroupMembers, true},
		{"Group.Read.All", EndpointUsers, false},
		{"Application.ReadWrite.OwnedBy", EndpointAppRoleAssignedTo, true},
		{"Application.ReadWrite.OwnedBy", EndpointServicePrincipals, false}, // not in the list page's table
		{"Application.ReadWrite.All", EndpointServicePrincipals, true},
		{"Organization.ReadWrite.All", EndpointOrganization, true},
		{"LicenseAssignment.Read.All", EndpointSubscribedSkus, true},
		{"Organization.Read.All", EndpointSubscribedSkus, true},
		{"Directory.Read.All", EndpointSubscribedSkus, true},
		{"Directory.Read.All", EndpointReportSettings, false}, // only ReportSettings.* read it
		{"ReportSettings.ReadWrite.All", EndpointReportSettings, true},
		{"Directory.Read.All", EndpointApplication, true},
		{"Directory.Read.All", EndpointPermissionGrants, true},
		{"Application.Read.All", EndpointPermissionGrants, false},
		{"Directory.Read.All", EndpointSignIns, false}, // AuditLog.Read.All is never optional
		{"AuditLog.Read.All", EndpointSignIns, false},
		{"user.read.all", EndpointUsers, false},                   // roles are compared exactly, as Graph sends them
		{"AuditLog.Read.All", EndpointUsersSignInActivity, false}, // and a users permission
		{"Directory.Read.All", EndpointUsersSignInActivity, false},
		{"Group.Read.All", EndpointGroupTransitiveMembers, true},
	}
	for _, tc := range cases {
		if got := Covers([]string{tc.granted}, tc.endpoint); got != tc.covers {
			t.Errorf("%s covers %s = %v, want %v", tc.granted, tc.endpoint, got, tc.covers)
		}
	}
	if got := MissingPermissions(nil, EndpointSignIns, EndpointUsers, EndpointSignIns); !slices.Equal(got, []string{"AuditLog.Read.All", "Directory.Read.All", "User.Read.All"}) {
		t.Errorf("missing = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("an endpoint missing from the table did not panic")
		}
	}()
	MissingPermissions(nil, "GET /nowhere")
}

func TestPremiumOf(t *testing.T) {
	s := func(v string) *string { return &v }
	sku := func(status string, plans ...graph.ServicePlanInfo) graph.SubscribedSku {
		return graph.SubscribedSku{CapabilityStatus: s(status), ServicePlans: plans}
	}
	plan := func(id, status string) graph.ServicePlanInfo {
		return graph.ServicePlanInfo{ServicePlanID: id, ProvisioningStatus: s(status)}
	}
	const p1, p2, other = servicePlanEntraP1, servicePlanEntraP2, "8a256a2b-b617-496d-b51b-e76466e88db0"
	cases := []struct {
		name string
		skus []graph.SubscribedSku
		want string
	}{
		{"no SKUs", nil, PremiumNone},
		{"E3 bundle with P1", []graph.SubscribedSku{sku("Enabled", plan(other, "Success"), plan(p1, "Success"))}, PremiumP1},
		{"P2 SKU carries both plans", []graph.SubscribedSku{sku("Enabled", plan(p1, "Success"), plan(p2, "Success"))}, PremiumP2},
		{"P2 in a later SKU wins", []graph.SubscribedSku{sku("Enabled", plan(p1, "Success")), sku("Warning", plan(strings.ToUpper(p2), "success"))}, PremiumP2},
		{"suspended P2 SKU does not count", []graph.SubscribedSku{sku("Suspended", plan(p2, "Success")), sku("Enabled", plan(p1, "Success"))}, PremiumP1},
		{"deleted SKU", []graph.SubscribedSku{sku("Deleted", plan(p1, "Success"))}, PremiumNone},
		{"P1 plan disabled in the bundle", []graph.SubscribedSku{sku("Enabled", plan(p1, "Disabled"))}, PremiumNone},
		{"P1 pending", []graph.SubscribedSku{sku("Enabled", plan(p1, "PendingActivation"))}, PremiumNone},
		{"MFA alone is not premium", []graph.SubscribedSku{sku("Enabled", plan(other, "Success"))}, PremiumNone},
		{"null statuses", []graph.SubscribedSku{{ServicePlans: []graph.ServicePlanInfo{{ServicePlanID: p2}}}}, PremiumNone},
	}
	for _, tc := range cases {
		if got := PremiumOf(tc.skus); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

const testAppID = "2d6e8f0a-1b3c-4d5e-8f9a-0b1c2d3e4f51"

// fakeStatusReader answers from fields; an error field fails that read.
type fakeStatusReader struct {
	unreadable  bool // the token is not a JWT
	roles       []string
	tokenErr    error
	premium     string // "", "P1", "P2", "none"
	skusErr     error
	concealed   bool
	settingsErr error
	creds       []graph.AppCredential
	appErr      error
	kind        graph.CredentialKind

	mu    sync.Mutex // the reads run at once
	calls []string
}

func (f *fakeStatusReader) called(what string) {
	f.mu.Lock()
	f.calls = append(f.calls, what)
	f.mu.Unlock()
}

func (f *fakeStatusReader) CurrentTokenClaims(context.Context) (graph.TokenClaims, error) {
	if f.tokenErr != nil {
		return graph.TokenClaims{}, f.tokenErr
	}
	if f.unreadable {
		return graph.TokenClaims{}, nil
	}
	return graph.TokenClaims{Readable: true, TenantID: "tid-1", Roles: f.roles}, nil
}

func (f *fakeStatusReader) CredentialKind() graph.CredentialKind {
	if f.kind == "" {
		return graph.CredentialSecret
	}
	return f.kind
}

func (f *fakeStatusReader) ListSubscribedSkus(context.Context) ([]graph.SubscribedSku, error) {
	f.called("skus")
	if f.skusErr != nil {
		return nil, f.skusErr
	}
	enabled, success := "Enabled", "Success"
	plan := map[string]string{"P1": servicePlanEntraP1, "P2": servicePlanEntraP2}[f.premium]
	return []graph.SubscribedSku{{CapabilityStatus: &enabled, ServicePlans: []graph.ServicePlanInfo{{ServicePlanID: plan, ProvisioningStatus: &success}}}}, nil
}

func (f *fakeStatusReader) GetReportSettings(context.Context) (graph.ReportSettings, error) {
	f.called("reportSettings")
	return graph.ReportSettings{DisplayConcealedNames: f.concealed}, f.settingsErr
}

func (f *fakeStatusReader) GetApplicationByAppID(_ context.Context, appID string) (graph.Application, error) {
	f.called("application " + appID)
	return graph.Application{AppID: appID, Credentials: f.creds}, f.appErr
}

var allPermissions = append(slices.Clone(seedPermissionNames), "ReportSettings.Read.All")

func forbidden(permission string) error {
	return &graph.Error{StatusCode: 403, Code: "Authorization_RequestDenied", Method: "GET", Path: "/v1.0/x", Permission: permission, RequestID: "req-403"}
}

func notesContain(s IntegrationStatus, parts ...string) bool {
	for _, n := range s.Notes {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(n, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestIntegrationStatusUnreadableFields(t *testing.T) {
	t.Run("all readable", func(t *testing.T) {
		f := &fakeStatusReader{roles: allPermissions, premium: "P2", concealed: true}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || *s.Premium != PremiumP2 || !*s.ConcealedNames || *s.TenantID != "tid-1" || !slices.Equal(s.GrantedPermissions, allPermissions) {
			t.Fatalf("status %+v, %v", s, err)
		}
		if !notesContain(s, "conceal user, group and site names") || len(f.calls) != 3 {
			t.Errorf("notes %q, calls %v", s.Notes, f.calls)
		}
	})
	t.Run("roles that do not cover a read: nothing sent", func(t *testing.T) {
		f := &fakeStatusReader{roles: []string{"User.Read.All"}}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || s.Premium != nil || s.ConcealedNames != nil || len(s.Credentials) != 0 || s.Credentials == nil {
			t.Fatalf("status %+v, %v", s, err)
		}
		if len(f.calls) != 0 {
			t.Errorf("requests sent without the permission: %v", f.calls)
		}
		for _, want := range []string{"LicenseAssignment.Read.All", "ReportSettings.Read.All", "Application.Read.All"} {
			if !notesContain(s, "cannot be read", want) {
				t.Errorf("no note names %s: %q", want, s.Notes)
			}
		}
		if !notesContain(s, "not checked for its Entra ID P1 or P2") {
			t.Errorf("notes %q", s.Notes)
		}
	})
	t.Run("403 on each read", func(t *testing.T) {
		f := &fakeStatusReader{roles: allPermissions, skusErr: forbidden("LicenseAssignment.Read.All (or Organization.Read.All)"),
			settingsErr: forbidden("ReportSettings.Read.All"), appErr: forbidden("Application.Read.All")}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || s.Premium != nil || s.ConcealedNames != nil || len(s.Credentials) != 0 {
			t.Fatalf("status %+v, %v", s, err)
		}
		for _, want := range []string{"LicenseAssignment.Read.All", "ReportSettings.Read.All", "Application.Read.All"} {
			if !notesContain(s, "could not be read", want, "req-403") {
				t.Errorf("no note names %s and the request-id: %q", want, s.Notes)
			}
		}
		if s.Tasks[3].Ready == nil || !*s.Tasks[3].Ready || len(s.Tasks[3].Blockers) != 0 {
			t.Errorf("unknown premium must not block: %+v", s.Tasks[3])
		}
	})
	t.Run("server errors are notes", func(t *testing.T) {
		f := &fakeStatusReader{roles: allPermissions, premium: "P1", settingsErr: &graph.Error{StatusCode: 503, Code: "serviceUnavailable", Method: "GET", Path: "/v1.0/admin/reportSettings", Attempts: 9}}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || s.ConcealedNames != nil || !notesContain(s, "concealed_names", "HTTP 503") || *s.Premium != PremiumP1 {
			t.Fatalf("status %+v, %v", s, err)
		}
	})
	t.Run("application not in the tenant", func(t *testing.T) {
		f := &fakeStatusReader{roles: allPermissions, premium: "P1", appErr: &graph.Error{StatusCode: 404, Code: "Request_ResourceNotFound"}}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || !notesContain(s, "multi-tenant application", testAppID) {
			t.Fatalf("notes %q, %v", s.Notes, err)
		}
	})
	t.Run("no token: the error", func(t *testing.T) {
		tokenErr := &graph.TokenError{StatusCode: 401, OAuthError: "invalid_client", AADSTS: 7000215}
		_, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{tokenErr: tokenErr}, testAppID, nil)
		if !errors.Is(err, tokenErr) {
			t.Errorf("err = %v", err)
		}
		_, err = ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: allPermissions, appErr: fmt.Errorf("wrapped: %w", tokenErr)}, testAppID, nil)
		if !errors.Is(err, tokenErr) {
			t.Errorf("a token failure after the first read: err = %v, want the token error", err)
		}
	})
	t.Run("opaque token", func(t *testing.T) {
		f := &fakeStatusReader{unreadable: true, premium: "none"}
		s, err := ReadIntegrationStatus(context.Background(), f, testAppID, nil)
		if err != nil || s.GrantedPermissions != nil || s.TenantID != nil || len(f.calls) != 3 {
			t.Fatalf("status %+v, calls %v, %v", s, f.calls, err)
		}
		for _, task := range s.Tasks {
			if task.Ready != nil || task.MissingPermissions != nil {
				t.Errorf("%s: readiness should be unknown: %+v", task.Name, task)
			}
		}
		if len(s.Tasks[3].Blockers) != 1 || !notesContain(s, "not a JSON Web Token") {
			t.Errorf("access task %+v, notes %q", s.Tasks[3], s.Notes)
		}
		if w := s.Warnings(time.Now()); len(w) != 0 {
			t.Errorf("warnings for unknown readiness: %+v", w)
		}
	})
	t.Run("no roles claim", func(t *testing.T) {
		s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: []string{}}, testAppID, nil)
		if err != nil || s.GrantedPermissions == nil || len(s.GrantedPermissions) != 0 || !notesContain(s, "no roles claim") {
			t.Fatalf("status %+v, %v", s, err)
		}
		if w := s.Warnings(time.Now()); len(w) != 4 {
			t.Errorf("want a warning per task, got %+v", w)
		}
	})
}

func TestIntegrationStatusPremiumBlocksAccessOnly(t *testing.T) {
	s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: allPermissions, premium: "none"}, testAppID, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, task := range s.Tasks {
		if (i == 3) == *task.Ready || (i == 3) != (len(task.Blockers) == 1) || len(task.MissingPermissions) != 0 {
			t.Errorf("%+v", task)
		}
	}
	w := s.Warnings(time.Now())
	if len(w) != 1 || !strings.Contains(w[0].Summary, TaskSSOApplicationAccess) || !strings.Contains(w[0].Detail, "P1 or P2") {
		t.Errorf("warnings %+v", w)
	}
}

func TestIntegrationStatusCredentials(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(days int) *time.Time { v := now.AddDate(0, 0, days); return &v }
	creds := []graph.AppCredential{
		{Type: "secret", KeyID: "b", EndDateTime: at(12), InUse: true},
		{Type: "certificate", KeyID: "c", EndDateTime: nil},
		{Type: "secret", KeyID: "a", EndDateTime: at(12)},
		{Type: "secret", KeyID: "d", EndDateTime: at(-3), InUse: true}, // same hint, already ended: no warning
		{Type: "certificate", KeyID: "e", EndDateTime: at(31), InUse: true},
	}
	s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: allPermissions, premium: "P1", creds: creds}, testAppID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range s.Credentials {
		order = append(order, c.KeyID)
	}
	if !slices.Equal(order, []string{"d", "a", "b", "e", "c"}) {
		t.Errorf("order %v: by end date, ties by key id, no end date last", order)
	}
	if !notesContain(s, "3 of the app registration's secrets") {
		t.Errorf("notes %q", s.Notes)
	}
	w := s.Warnings(now)
	if len(w) != 1 || !strings.Contains(w[0].Detail, "key ID b") || !strings.Contains(w[0].Detail, "in 12 days") {
		t.Errorf("warnings %+v: only the credential in use within 30 days", w)
	}
	for _, kind := range []graph.CredentialKind{graph.CredentialFederated, graph.CredentialCertificate} {
		s, _ := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: allPermissions, premium: "P1", kind: kind,
			creds: []graph.AppCredential{{Type: "secret", KeyID: "x", EndDateTime: at(2)}}}, testAppID, nil)
		want := map[graph.CredentialKind]string{graph.CredentialFederated: "federated (OIDC) token", graph.CredentialCertificate: "matches the configured certificate"}[kind]
		if !notesContain(s, want) || len(s.Warnings(now)) != 0 {
			t.Errorf("%s: notes %q", kind, s.Notes)
		}
	}
}

// TestIntegrationStatusNotesOwnerNames: an app that may read applications
// but not users is told that include_owners names no user owner.
func TestIntegrationStatusNotesOwnerNames(t *testing.T) {
	for _, c := range []struct {
		roles []string
		note  bool
	}{
		{[]string{"Application.Read.All", "Organization.Read.All"}, true},
		{[]string{"Application.Read.All", "Organization.Read.All", "User.Read.All"}, false},
		{[]string{"Directory.Read.All"}, false},
	} {
		s, err := ReadIntegrationStatus(context.Background(), &fakeStatusReader{roles: c.roles}, testAppID, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := notesContain(s, "Application Discovery also reads "+EndpointServicePrincipalOwners, "include_owners", "which needs User.Read.All")
		if got != c.note {
			t.Errorf("%v: owner-names note %v, want %v: %q", c.roles, got, c.note, s.Notes)
		}
		if !*s.Tasks[1].Ready {
			t.Errorf("%v: Application Discovery must stay ready (owners are not read by default): %+v", c.roles, s.Tasks[1])
		}
	}
}
