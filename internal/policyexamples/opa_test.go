package policyexamples

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"
)

// policies are examples/policies/opa with the parameters of policy.json,
// prepared once for every plan.
type policies struct {
	query               rego.PreparedEvalQuery
	allowedGuestDomains []string
}

type finding struct {
	Policy, App, User, Msg string
}

type policyResult struct {
	Deny, Warn []string
	Findings   []finding
}

// preparePolicies loads the Rego files and policy.json as conftest and
// `opa eval -d opa -d policy.json` do.
func preparePolicies(t *testing.T, ctx context.Context, examples string) *policies {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(examples, "policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params struct {
		Azuresaas struct {
			AllowedGuestDomains []string `json:"allowed_guest_domains"`
		} `json:"azuresaas"`
	}
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatal(err)
	}
	query, err := rego.New(
		rego.Query("deny := data.main.deny; warn := data.main.warn; findings := data.main.findings"),
		rego.Load([]string{filepath.Join(examples, "opa"), filepath.Join(examples, "policy.json")}, nil),
	).PrepareForEval(ctx)
	if err != nil {
		t.Fatalf("loading the policies: %v", err)
	}
	return &policies{query: query, allowedGuestDomains: params.Azuresaas.AllowedGuestDomains}
}

// eval evaluates the policies on a plan's JSON.
func (p *policies) eval(t *testing.T, ctx context.Context, planJSON []byte) policyResult {
	t.Helper()
	var input any
	if err := util.NewJSONDecoder(bytes.NewReader(planJSON)).Decode(&input); err != nil {
		t.Fatal(err)
	}
	rs, err := p.query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		t.Fatalf("evaluating the policies: %v", err)
	}
	if len(rs) != 1 {
		t.Fatalf("the query gave %d results, want 1", len(rs))
	}
	var out policyResult
	// Round-trip through JSON to decode the bindings into Go types.
	raw, err := json.Marshal(rs[0].Bindings)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out.Deny)
	sort.Strings(out.Warn)
	return out
}

// findingKeys are the findings as "policy | app | user", sorted.
func (r policyResult) findingKeys() []string {
	out := make([]string, 0, len(r.Findings))
	for _, f := range r.Findings {
		out = append(out, f.Policy+" | "+f.App+" | "+f.User)
	}
	sort.Strings(out)
	return out
}
