package policyexamples

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// TestExports applies examples/exports against the demo tenant and reads
// the two CSV documents back: every user of the data source, every field
// as to_csv writes it. hashicorp/local cannot be installed offline, so
// files.tf is left out and the CSV is read from outputs of the same locals.
func TestExports(t *testing.T) {
	tfrun.RequireCLI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	tf, err := tfrun.New(ctx, root, work)
	if err != nil {
		t.Fatal(err)
	}
	outputs := `output "hr_roster_csv" { value = local.hr_roster_csv }
output "sso_roster_csv" { value = local.sso_roster_csv }
output "users" { value = data.azuresaas_users.roster.users }
output "entries" { value = data.azuresaas_application_roster.sso.entries }
`
	dir := configuration(t, ctx, tf, filepath.Join(root, "examples", "exports"), filepath.Join(work, "exports"), map[string]string{"outputs.tf": outputs})
	if err := os.Remove(filepath.Join(dir, "files.tf")); err != nil {
		t.Fatal(err)
	}
	mainTF := filepath.Join(dir, "main.tf")
	src, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	localProvider := regexp.MustCompile(`(?s)\n    local = \{\n.*?\n    \}`)
	if !localProvider.Match(src) {
		t.Fatal("main.tf no longer requires hashicorp/local the way this test removes it")
	}
	if err := os.WriteFile(mainTF, localProvider.ReplaceAll(src, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	server := fakegraph.Start(fakegraph.DemoTenant())
	defer server.Close()
	if _, stderr, err := tf.Run(ctx, dir, tenantEnv(server), "apply", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("apply: %v\n%s", err, stderr)
	}
	stdout, stderr, err := tf.Run(ctx, dir, nil, "output", "-json")
	if err != nil {
		t.Fatalf("output: %v\n%s", err, stderr)
	}
	var out struct {
		HRRoster  struct{ Value string }           `json:"hr_roster_csv"`
		SSORoster struct{ Value string }           `json:"sso_roster_csv"`
		Users     struct{ Value []map[string]any } `json:"users"`
		Entries   struct{ Value []map[string]any } `json:"entries"`
	}
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Users.Value) < 20 || len(out.Entries.Value) < 20 {
		t.Fatalf("%d users, %d roster entries: the demo tenant has more", len(out.Users.Value), len(out.Entries.Value))
	}

	// The HR roster: every attribute, in sorted order, row for row.
	records := readCSV(t, out.HRRoster.Value)
	var names []string
	for name := range out.Users.Value[0] {
		names = append(names, name)
	}
	sort.Strings(names)
	if !slices.Equal(records[0], names) {
		t.Errorf("header %q, want %q", records[0], names)
	}
	if len(records)-1 != len(out.Users.Value) {
		t.Fatalf("%d rows for %d users", len(records)-1, len(out.Users.Value))
	}
	for i, user := range out.Users.Value {
		want := make([]string, len(names))
		for j, name := range names {
			want[j] = csvText(user[name])
		}
		if !slices.Equal(records[i+1], want) {
			t.Errorf("row %d = %q, want %q", i+1, records[i+1], want)
		}
	}

	// The SSO roster: the columns the example picks, renamed.
	records = readCSV(t, out.SSORoster.Value)
	if want := []string{"app_id", "application", "assigned_by", "email", "since"}; !slices.Equal(records[0], want) {
		t.Errorf("header %q, want %q", records[0], want)
	}
	if len(records)-1 != len(out.Entries.Value) {
		t.Fatalf("%d rows for %d entries", len(records)-1, len(out.Entries.Value))
	}
	for i, e := range out.Entries.Value {
		want := []string{csvText(e["app_id"]), csvText(e["app_display_name"]), csvText(e["source"]), csvText(e["email"]), csvText(e["active_date"])}
		if !slices.Equal(records[i+1], want) {
			t.Errorf("row %d = %q, want %q", i+1, records[i+1], want)
		}
	}
}

// readCSV parses RFC 4180 text that must end each record with CRLF.
func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") {
		t.Errorf("CSV does not end with CRLF: %q", text[max(0, len(text)-20):])
	}
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// csvText is a JSON value as to_csv writes it.
func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return fmt.Sprint(v)
	case float64:
		return fmt.Sprint(v)
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = csvText(item)
		}
		return strings.Join(items, ";")
	}
	return fmt.Sprintf("unexpected %T", v)
}
