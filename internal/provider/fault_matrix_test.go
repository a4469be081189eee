package provider

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// matrixSource is one data source as the fault matrix reads it: its
// configuration, the Graph path its faults hit, and how its result is
// keyed.
type matrixSource struct {
	typeName string
	config   map[string]any
	path     string   // Fault.PathPrefix
	skip     int      // Fault.Skip: 1 hits the second request (page 2); 0 the first
	list     string   // the result attribute
	key      []string // the attributes that identify an element
	missing  []string // properties removed by the missing-properties fault
	pageSize int      // fakegraph's page size cap (default 5)
	// fromTenant is the expected set of keys computed from the tenant
	// itself; nil when the baseline read's own tests check it (see below).
	fromTenant func(*fakegraph.Tenant) []string
	// prepare adjusts the tenant before it is served.
	prepare func(*fakegraph.Tenant)
}

// recentSignInsOnly drops the demo sign-ins older than 29 days, so that a
// read with since = "719h" holds every one of them whatever the second it
// runs: the expected set does not depend on the clock.
func recentSignInsOnly(t *fakegraph.Tenant) {
	cutoff := time.Now().Add(-29 * 24 * time.Hour)
	kept := t.SignIns[:0]
	for _, s := range t.SignIns {
		if s.CreatedDateTime.After(cutoff) {
			kept = append(kept, s)
		}
	}
	t.SignIns = kept
}

// matrixFault is one row of the matrix: a fault and what the read must do.
type matrixFault struct {
	name    string
	faults  func(src matrixSource, other string, endpoint string) []fakegraph.Fault
	timeout time.Duration
	// wantError is nil when the read must return the whole result.
	wantError *regexp.Regexp
	// mayBeUnused: a short collection may end before every hit is used.
	mayBeUnused bool
}

const requestIDPattern = `request-id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

func matrixFaults() []matrixFault {
	on := func(f fakegraph.Fault) func(matrixSource, string, string) []fakegraph.Fault {
		return func(src matrixSource, _, _ string) []fakegraph.Fault {
			f.PathPrefix, f.Skip = src.path, src.skip
			return []fakegraph.Fault{f}
		}
	}
	badPage := `(?s)not a valid Graph page.*`
	// Every page is sent at most graph.DefaultMaxRetries+1 times.
	tried := fmt.Sprintf(`after %d attempts`, graph.DefaultMaxRetries+1)
	return []matrixFault{
		{name: "429 with Retry-After in seconds", faults: on(fakegraph.Fault{Status: 429, RetryAfter: "1", Times: 2})},
		{name: "429 with Retry-After as an HTTP date", faults: func(src matrixSource, _, _ string) []fakegraph.Fault {
			date := time.Now().Add(time.Second).UTC().Format(http.TimeFormat)
			return []fakegraph.Fault{{PathPrefix: src.path, Skip: src.skip, Status: 429, RetryAfter: date}}
		}},
		{name: "408 on a page", faults: on(fakegraph.Fault{Status: 408})},
		{name: "500 then success", faults: on(fakegraph.Fault{Status: 500, Times: 2})},
		{name: "502 then success", faults: on(fakegraph.Fault{Status: 502, Times: 2})},
		{name: "503 on a page", faults: on(fakegraph.Fault{Status: 503, Times: 2})},
		{name: "504 on a page", faults: on(fakegraph.Fault{Status: 504})},
		{name: "persistent 500", faults: on(fakegraph.Fault{Status: 500, Times: -1}),
			wantError: regexp.MustCompile(`(?s)kept failing GET .*` + tried + `.*HTTP 500 generalException.*` + requestIDPattern)},
		{name: "connection reset before the answer", faults: on(fakegraph.Fault{Reset: true, Times: 2})},
		{name: "connection dropped mid-body", faults: on(fakegraph.Fault{Drop: true})},
		{name: "truncated JSON page", faults: on(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}})},
		{name: "truncated then success", faults: on(fakegraph.Fault{Times: 2, Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}})},
		{name: "HTML page from a proxy", faults: on(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}})},
		{name: "HTML then success", faults: on(fakegraph.Fault{Times: 2, Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}})},
		{name: "always truncated", faults: on(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.TruncatedJSON}}),
			wantError: regexp.MustCompile(badPage + `the JSON body ended before it was complete.*` + requestIDPattern + `.*` + tried)},
		{name: "always HTML", faults: on(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.HTMLPage}}),
			wantError: regexp.MustCompile(badPage + `Content-Type is text/html.*` + requestIDPattern + `.*` + tried)},
		{name: "token expires mid-paging", faults: on(fakegraph.Fault{ExpireTokens: true})},
		{name: "nextLink to another host", faults: func(src matrixSource, other, _ string) []fakegraph.Fault {
			return []fakegraph.Fault{{PathPrefix: src.path, Skip: src.skip,
				Body: fakegraph.BodyFault{Kind: fakegraph.NextLinkTo, Link: other + "/v1.0/users?$skiptoken=stolen"}}}
		}, wantError: regexp.MustCompile(`(?s)refused an @odata.nextLink outside the configured Graph endpoint.*nothing was sent there`)},
		{name: "nextLink to http://", faults: func(src matrixSource, _, endpoint string) []fakegraph.Fault {
			return []fakegraph.Fault{{PathPrefix: src.path, Skip: src.skip,
				Body: fakegraph.BodyFault{Kind: fakegraph.NextLinkTo, Link: "http://" + strings.TrimPrefix(endpoint, "https://") + "/v1.0/users?$skiptoken=x"}}}
		}, wantError: regexp.MustCompile(`(?s)refused an @odata.nextLink outside the configured Graph endpoint.*the next page is at http://127\.0\.0\.1`)},
		{name: "objects missing properties", faults: func(src matrixSource, _, _ string) []fakegraph.Fault {
			return []fakegraph.Fault{{PathPrefix: src.path, Skip: src.skip, Times: -1,
				Body: fakegraph.BodyFault{Kind: fakegraph.MissingProperties, Properties: src.missing}}}
		}},
		{name: "objects with extra properties", faults: on(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.ExtraProperties}})},
		{name: "duplicate ids across pages", faults: on(fakegraph.Fault{Times: 3, Body: fakegraph.BodyFault{Kind: fakegraph.RepeatFirstPage}}), mayBeUnused: true},
		{name: "nextLink repeating a link already followed", faults: on(fakegraph.Fault{Body: fakegraph.BodyFault{Kind: fakegraph.RepeatLink}}),
			wantError: regexp.MustCompile(`(?s)paging of GET /v1\.0/\S+ went round in a loop.*already followed.*` + requestIDPattern)},
		{name: "endless empty pages, each with a new link", faults: on(fakegraph.Fault{Times: -1, Body: fakegraph.BodyFault{Kind: fakegraph.EmptyPagesForever}}),
			wantError: regexp.MustCompile(`(?s)paging of GET /v1\.0/\S+ went round in a loop.*pages in a row added no new objects.*` + requestIDPattern)},
		// Last: a 429 on the sign-in logs pauses every later request of the
		// process for its Retry-After.
		{name: "429 storm longer than the deadline", timeout: 3 * time.Second,
			faults:    on(fakegraph.Fault{Status: 429, RetryAfter: "30", Times: -1}),
			wantError: regexp.MustCompile(`(?s)Microsoft Graph throttled .*HTTP 429 TooManyRequests.*` + requestIDPattern + `.*pass this operation's deadline`)},
	}
}

// matrixSources reads every data source of the provider. Each is compared
// with a baseline read, and the baseline with the tenant itself, except the
// roster, whose derivation its own tests check entry by entry.
func matrixSources(tenant *fakegraph.Tenant) []matrixSource {
	// The service principal with the most assignments, and the group with
	// the most members, so that both page.
	counts := map[string]int{}
	for _, a := range tenant.AppRoleAssignments {
		counts[a.ResourceID]++
	}
	var spIDs []string
	for _, sp := range tenant.ServicePrincipals {
		if counts[sp.ID] > 0 {
			spIDs = append(spIDs, sp.ID)
		}
	}
	slices.SortFunc(spIDs, func(a, b string) int { return counts[b] - counts[a] })
	group := tenant.Groups[0]
	for _, g := range tenant.Groups {
		if len(g.Members) > len(group.Members) {
			group = g
		}
	}
	return []matrixSource{
		{typeName: "azuresaas_organization", path: "/v1.0/organization", skip: 0, list: "verified_domains", key: []string{"name"},
			missing: []string{"displayName"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, d := range t.Domains {
					out = append(out, d.Name)
				}
				return out
			}},
		{typeName: "azuresaas_users", config: map[string]any{"include_guests": true}, path: "/v1.0/users", skip: 1,
			list: "users", key: []string{"id"}, missing: []string{"mail", "displayName", "userType", "createdDateTime"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, u := range t.Users {
					out = append(out, u.ID)
				}
				return out
			}},
		{typeName: "azuresaas_subscribed_skus", path: "/v1.0/subscribedSkus", skip: 0, list: "skus", key: []string{"sku_id"},
			missing: []string{"skuPartNumber", "prepaidUnits"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, s := range t.SubscribedSkus {
					out = append(out, s.SkuID)
				}
				return out
			}},
		// With sign-in activity: the 500-a-page read, paced after a 429.
		{typeName: "azuresaas_license_assignments", config: map[string]any{"include_guests": true, "include_sign_in_activity": true},
			path: "/v1.0/users", skip: 1, list: "assignments", key: []string{"user_id", "sku_id"},
			missing: []string{"mail", "displayName", "licenseAssignmentStates", "signInActivity"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, u := range t.Users {
					for _, l := range u.AssignedLicenses {
						out = append(out, u.ID+"/"+l.SkuID)
					}
				}
				return out
			}},
		// The counts are part of the key: a page lost, repeated or retried
		// must not move one. The tenant-side counts are
		// TestLicenseUsageDataSource's; the properties removed here change
		// no count.
		{typeName: "azuresaas_license_usage", config: map[string]any{"include_guests": true},
			path: "/v1.0/users", skip: 1, list: "skus", key: []string{"sku_id", "assigned_users", "direct_users", "group_users",
				"users_with_errors", "disabled_users", "guest_users", "inactive_users", "never_signed_in_users", "reclaimable_users"},
			missing: []string{"mail", "displayName", "surname"}},
		{typeName: "azuresaas_service_principals", path: "/v1.0/servicePrincipals", skip: 1,
			list: "service_principals", key: []string{"id"}, missing: []string{"displayName", "tags", "verifiedPublisher"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, sp := range t.ServicePrincipals {
					out = append(out, sp.ID)
				}
				return out
			}},
		// With owners: the faults hit the second page of Northwind
		// Intranet's own /owners (24 owners, more than the list expands);
		// the key holds each app's owner ids, so an owner lost or repeated
		// under a fault shows.
		{typeName: "azuresaas_service_principals", config: map[string]any{"include_owners": true},
			path: "/v1.0/servicePrincipals/" + fakegraph.DemoIntranetID + "/owners", skip: 1,
			list: "service_principals", key: []string{"id", "owners"}, missing: []string{"displayName", "userPrincipalName"},
			fromTenant: servicePrincipalOwnerKeys},
		{typeName: "azuresaas_app_role_assignments", config: map[string]any{"service_principal_id": spIDs[0]},
			path: "/v1.0/servicePrincipals/" + spIDs[0] + "/appRoleAssignedTo", skip: 1, pageSize: 2,
			list: "assignments", key: []string{"id"}, missing: []string{"principalDisplayName", "createdDateTime"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, a := range t.AppRoleAssignments {
					if a.ResourceID == spIDs[0] && a.ID != "" {
						out = append(out, a.ID)
					}
				}
				if len(out) != counts[spIDs[0]] {
					return nil // derived ids: the baseline comparison stands
				}
				return out
			}},
		{typeName: "azuresaas_group_members", config: map[string]any{"group_id": group.ID},
			path: "/v1.0/groups/" + group.ID + "/members", skip: 1,
			list: "members", key: []string{"id"}, missing: []string{"displayName", "mail"},
			// v1.0 /members leaves service principals out (a known issue).
			fromTenant: func(t *fakegraph.Tenant) []string {
				known := map[string]bool{}
				for _, u := range t.Users {
					known[u.ID] = true
				}
				for _, g := range t.Groups {
					known[g.ID] = true
				}
				for _, d := range t.Devices {
					known[d.ID] = true
				}
				for _, c := range t.Contacts {
					known[c.ID] = true
				}
				var out []string
				for _, g := range t.Groups {
					if g.ID != group.ID {
						continue
					}
					for _, m := range g.Members {
						if known[m] {
							out = append(out, m)
						}
					}
				}
				return out
			}},
		{typeName: "azuresaas_application_roster", config: map[string]any{"service_principal_ids": spIDs[:3], "include_guests": true},
			path: "/v1.0/servicePrincipals/", skip: 1,
			list: "entries", key: []string{"app_instance_id", "user_id"}, missing: []string{"principalDisplayName"}},
		{typeName: "azuresaas_oauth2_permission_grants", path: "/v1.0/oauth2PermissionGrants", skip: 1,
			list: "grants", key: []string{"id"}, missing: []string{"scope", "principalId"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, g := range t.OAuth2PermissionGrants {
					out = append(out, fakegraph.GrantID(g))
				}
				return out
			}},
		{typeName: "azuresaas_consented_applications", config: map[string]any{"exclude_first_party": false},
			path: "/v1.0/oauth2PermissionGrants", skip: 1,
			list: "applications", key: []string{"app_instance_id"}, missing: []string{"scope", "consentType"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				clients := map[string]bool{}
				for _, g := range t.OAuth2PermissionGrants {
					clients[g.ClientID] = true
				}
				out := make([]string, 0, len(clients))
				for c := range clients {
					out = append(out, c)
				}
				return out
			}},
		{typeName: "azuresaas_sign_ins", config: map[string]any{"since": "719h"}, path: "/v1.0/auditLogs/signIns", skip: 1,
			list: "sign_ins", key: []string{"id"}, missing: []string{"userDisplayName", "location", "ipAddress"},
			prepare: recentSignInsOnly,
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, s := range t.SignIns {
					out = append(out, s.ID)
				}
				return out
			}},
		// Active PIM instances (13 rows of the demo tenant, two of them a
		// role-assignable group's members, left out): page 2 of 3 is hit.
		{typeName: "azuresaas_directory_role_assignments", path: "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances", skip: 1,
			list: "assignments", key: []string{"principal_id", "role_definition_id", "assignment_type"},
			missing: []string{"principal", "startDateTime", "endDateTime", "directoryScopeId"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, a := range t.RoleAssignments {
					kind := "active"
					if a.Eligible {
						kind = "eligible"
					}
					out = append(out, a.PrincipalID+"/"+a.RoleDefinitionID+"/"+kind)
				}
				return out
			}},
		// The licence errors flag is part of the key: a fault that lost the
		// id-only read would change it.
		{typeName: "azuresaas_groups", path: "/v1.0/groups", skip: 1,
			list: "groups", key: []string{"id", "has_members_with_license_errors"},
			missing: []string{"displayName", "groupTypes", "assignedLicenses"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				out := make([]string, 0, len(t.Groups))
				for _, g := range t.Groups {
					out = append(out, g.ID+"/"+strconv.FormatBool(g.HasMembersWithLicenseErrors))
				}
				return out
			}},
		{typeName: "azuresaas_user_registration_details", config: map[string]any{"include_guests": true},
			path: "/v1.0/reports/authenticationMethods/userRegistrationDetails", skip: 1,
			list: "users", key: []string{"id"}, missing: []string{"userDisplayName", "isAdmin", "methodsRegistered"},
			fromTenant: func(t *fakegraph.Tenant) []string {
				var out []string
				for _, d := range t.UserRegistrationDetails {
					out = append(out, d.ID)
				}
				return out
			}},
		{typeName: "azuresaas_application_access", config: map[string]any{"since": "719h", "include_guests": true},
			path: "/v1.0/auditLogs/signIns", skip: 1,
			list: "access", key: []string{"user_id", "app_id"}, missing: []string{"userDisplayName", "location"},
			prepare: recentSignInsOnly,
			// Successful sign-ins only; with include_guests and no domain
			// filter, a deleted user's sign-ins count too.
			fromTenant: func(t *fakegraph.Tenant) []string {
				pairs := map[string]bool{}
				for _, s := range t.SignIns {
					if s.ErrorCode == 0 {
						pairs[s.UserID+"/"+s.AppID] = true
					}
				}
				out := make([]string, 0, len(pairs))
				for p := range pairs {
					out = append(out, p)
				}
				return out
			}},
		{typeName: "azuresaas_applications", config: map[string]any{"include_owners": false},
			path: "/v1.0/applications", skip: 1,
			list: "applications", key: []string{"id"}, missing: []string{"displayName", "verifiedPublisher", "passwordCredentials"},
			fromTenant: tenantRegistrationIDs},
		// Owners come with the list: a fault on a page loses them with it.
		{typeName: "azuresaas_applications", config: map[string]any{"include_owners": true},
			path: "/v1.0/applications", skip: 1,
			list: "applications", key: []string{"id"}, missing: []string{"displayName", "keyCredentials", "owners"},
			fromTenant: tenantRegistrationIDs},
		// Counts, not rows: a fault that lost a page would change a count,
		// so the counts are part of the key.
		{typeName: "azuresaas_application_usage", config: map[string]any{"service_principal_ids": spIDs, "since": "719h", "include_guests": true},
			path: "/v1.0/auditLogs/signIns", skip: 1, prepare: recentSignInsOnly,
			list: "applications", key: []string{"app_instance_id", "assigned_users", "group_users", "nested_groups", "active_users", "sign_in_count", "last_sign_in"},
			missing: []string{"userDisplayName", "location"}},
	}
}

// servicePrincipalOwnerKeys are keysOf(service_principals, id, owners) as
// the tenant says: each app's id and its owners' ids that the tenant has.
func servicePrincipalOwnerKeys(t *fakegraph.Tenant) []string {
	known := map[string]bool{}
	for _, u := range t.Users {
		known[u.ID] = true
	}
	for _, sp := range t.ServicePrincipals {
		known[sp.ID] = true
	}
	var out []string
	for _, sp := range t.ServicePrincipals {
		var ids []string
		for _, id := range sp.Owners {
			if known[id] && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		out = append(out, sp.ID+"/"+strings.Join(ids, ","))
	}
	return out
}

// TestFaultMatrix reads every data source against fakegraph with each
// fault of matrixFaults and checks the outcome: the exact set of keys the
// fault-free read gives (itself checked against the tenant where the
// tenant says it directly), or an error that names the cause and leaves no
// state. Pages are capped at 5 objects so that every collection pages.
func TestFaultMatrix(t *testing.T) {
	clearCredentialEnv(t)
	for _, src := range matrixSources(fakegraph.DemoTenant()) {
		t.Run(strings.TrimPrefix(src.typeName, "azuresaas_"), func(t *testing.T) {
			t.Parallel()
			tenant := fakegraph.DemoTenant()
			if src.prepare != nil {
				src.prepare(tenant)
			}
			fake, endpoint, client := startTLSGraph(t, tenant)
			fake.SetMaxPageSize(cmp.Or(src.pageSize, 5))
			fake.SetReportsThrottle(0, 0)
			other := startGraph(t, fakegraph.DemoTenant())

			h := newProtocolHarness(t, client)
			h.configure(t, map[string]any{
				"tenant_id": fakegraph.DemoTenantID, "client_id": fakegraph.DemoClientID,
				"client_secret": fakegraph.DemoClientSecret, "graph_endpoint": endpoint, "authority_host": endpoint,
			})

			baseline := matrixRead(t, h, src, 30*time.Second)
			if len(baseline) == 0 {
				t.Fatalf("the baseline read of %s is empty", src.typeName)
			}
			if src.fromTenant != nil {
				if want := src.fromTenant(tenant); want != nil {
					assertSameSet(t, "baseline against the tenant", baseline, want)
				}
			}
			if src.skip > 0 {
				n := 0
				for _, r := range fake.Requests() {
					if strings.HasPrefix(strings.ToLower(r.Path), strings.ToLower(src.path)) && r.Status == 200 {
						n++
					}
				}
				if n < 2 {
					t.Fatalf("the baseline made %d request(s) under %s; the matrix needs a second page", n, src.path)
				}
			}

			for _, mf := range matrixFaults() {
				t.Run(mf.name, func(t *testing.T) {
					fake.ClearFaults()
					other.ResetRequests()
					for _, f := range mf.faults(src, other.URL(), endpoint) {
						fake.InjectFault(f)
					}
					timeout := mf.timeout
					if timeout == 0 {
						timeout = 30 * time.Second
					}
					ctx, cancel := context.WithTimeout(context.Background(), timeout)
					defer cancel()
					state, diags := h.read(ctx, t, src.typeName, src.config)
					if left := fake.FaultHitsLeft(); mf.wantError == nil && !mf.mayBeUnused && left != 0 {
						t.Errorf("%d fault hit(s) were never used: the row tested nothing", left)
					}
					fake.ClearFaults()
					if n := len(other.Requests()); n != 0 {
						t.Errorf("the other host received %d request(s)", n)
					}
					text := diagnosticsText(diags)
					if mf.wantError == nil {
						if hasError(diags) {
							for _, r := range fake.Requests() {
								t.Logf("%s %s?%.60s -> %d dropped=%v", r.At.Format("05.000"), r.Path, r.RawQuery, r.Status, r.Dropped)
							}
							t.Fatalf("want the whole result, got:\n%s", text)
						}
						assertSameSet(t, "under the fault", keysOf(t, state, src.list, src.key...), baseline)
						return
					}
					if !hasError(diags) {
						t.Fatalf("want an error matching %s, got a result of %d", mf.wantError, len(keysOf(t, state, src.list, src.key...)))
					}
					if !mf.wantError.MatchString(text) {
						t.Errorf("the error does not match %s:\n%s", mf.wantError, text)
					}
					if listed := listAttribute(t, state, src.list); !listed.IsNull() {
						t.Errorf("an error left a %s list behind: %s", src.list, listed)
					}
				})
			}
		})
	}
}

func matrixRead(t *testing.T, h *protocolHarness, src matrixSource, timeout time.Duration) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	state, diags := h.read(ctx, t, src.typeName, src.config)
	if hasError(diags) {
		t.Fatalf("baseline read: %s", diagnosticsText(diags))
	}
	return keysOf(t, state, src.list, src.key...)
}

// assertSameSet fails unless got and want hold the same keys, each once.
func assertSameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if slices.Equal(g, w) {
		return
	}
	if len(slices.Compact(slices.Clone(g))) != len(g) {
		t.Errorf("%s: the result repeats keys", what)
	}
	var missing, extra []string
	for _, k := range w {
		if !slices.Contains(g, k) {
			missing = append(missing, k)
		}
	}
	for _, k := range g {
		if !slices.Contains(w, k) {
			extra = append(extra, k)
		}
	}
	t.Errorf("%s: %d keys, want %d; missing %v; extra %v", what, len(g), len(w), missing, extra)
}

// listAttribute is the attribute name of state, null when state is.
func listAttribute(t *testing.T, state tftypes.Value, name string) tftypes.Value {
	t.Helper()
	if state.IsNull() {
		return state
	}
	var obj map[string]tftypes.Value
	if err := state.As(&obj); err != nil {
		t.Fatal(err)
	}
	return obj[name]
}

// tenantRegistrationIDs are the object ids GET /applications lists: the
// tenant's registrations and those of its client apps.
func tenantRegistrationIDs(t *fakegraph.Tenant) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range t.Applications {
		seen[strings.ToLower(a.AppID)] = true
		out = append(out, a.ID)
	}
	for _, a := range t.Apps {
		if !seen[strings.ToLower(a.ClientID)] {
			out = append(out, fakegraph.ApplicationObjectID(t, a.ClientID))
		}
	}
	return out
}
