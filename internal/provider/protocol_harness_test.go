package provider

import (
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
	"github.com/azuresaas/terraform-provider-azuresaas/internal/graph"
)

// protocolHarness drives the provider in-process through its protocol
// server (NewServer): what Terraform calls (validate, configure, read), without
// starting Terraform. The fault matrix and the bad-input table use it.
type protocolHarness struct {
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

// fastReportsBudget keeps the sign-in pacer out of the way of fault tests
// (fakegraph's reports throttle is turned off where it is used).
var fastReportsBudget = graph.ReportsBudget{Requests: 1000, Window: 10 * time.Millisecond, Margin: time.Millisecond}

// fastRetryBase and fastRetryMax keep the backoff between retries to
// milliseconds (WithRetryDelays): the retries are real, the waits are not.
const (
	fastRetryBase = time.Millisecond
	fastRetryMax  = 5 * time.Millisecond
)

func newProtocolHarness(t *testing.T, httpClient *http.Client) *protocolHarness {
	t.Helper()
	p := &azuresaasProvider{version: "test", httpClient: httpClient, reportsBudget: fastReportsBudget,
		retryBaseDelay: fastRetryBase, retryMaxDelay: fastRetryMax}
	server := newProtocolServer(p)
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return &protocolHarness{server: server, schemas: schemas}
}

// startTLSGraph serves tenant over HTTPS (so that an http:// nextLink is a
// downgrade) and returns it with a client that trusts it.
func startTLSGraph(t *testing.T, tenant *fakegraph.Tenant) (*fakegraph.Server, string, *http.Client) {
	t.Helper()
	fake := fakegraph.New(tenant)
	ts := httptest.NewTLSServer(fake)
	t.Cleanup(func() { ts.Close(); fake.Close() })
	return fake, ts.URL, ts.Client()
}

// object builds a value of typ from Go values: string, bool, int, []string
// (for sets and lists of strings) or tftypes.Value; absent attributes are null.
func object(t *testing.T, typ tftypes.Type, values map[string]any) tftypes.Value {
	t.Helper()
	ot, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object type", typ)
	}
	attrs := make(map[string]tftypes.Value, len(ot.AttributeTypes))
	for name, at := range ot.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range values {
		at, ok := ot.AttributeTypes[name]
		if !ok {
			t.Fatalf("no attribute %q", name)
		}
		switch v := v.(type) {
		case tftypes.Value:
			attrs[name] = v
		case string, bool:
			attrs[name] = tftypes.NewValue(at, v)
		case int:
			attrs[name] = tftypes.NewValue(at, big.NewFloat(float64(v)))
		case []string:
			var elem tftypes.Type
			switch ct := at.(type) {
			case tftypes.Set:
				elem = ct.ElementType
			case tftypes.List:
				elem = ct.ElementType
			default:
				t.Fatalf("%s is not a collection", name)
			}
			elems := make([]tftypes.Value, len(v))
			for i, s := range v {
				elems[i] = tftypes.NewValue(elem, s)
			}
			attrs[name] = tftypes.NewValue(at, elems)
		case map[string]any: // a nested object, such as the timeouts block
			attrs[name] = object(t, at, v)
		default:
			t.Fatalf("%s: unsupported value %T", name, v)
		}
	}
	return tftypes.NewValue(ot, attrs)
}

func dynamic(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func (h *protocolHarness) providerConfig(t *testing.T, values map[string]any) *tfprotov6.DynamicValue {
	return dynamic(t, object(t, h.schemas.Provider.ValueType(), values))
}

func (h *protocolHarness) dataConfig(t *testing.T, typeName string, values map[string]any) (*tfprotov6.DynamicValue, tftypes.Type) {
	t.Helper()
	s, ok := h.schemas.DataSourceSchemas[typeName]
	if !ok {
		t.Fatalf("no data source %s", typeName)
	}
	typ := s.ValueType()
	return dynamic(t, object(t, typ, values)), typ
}

// configure configures the provider; it fails the test on an error.
func (h *protocolHarness) configure(t *testing.T, values map[string]any) {
	t.Helper()
	resp, err := h.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0", Config: h.providerConfig(t, values)})
	if err != nil {
		t.Fatal(err)
	}
	if d := diagnosticsText(resp.Diagnostics); hasError(resp.Diagnostics) {
		t.Fatalf("configure: %s", d)
	}
}

// read reads a data source; state is null when the read failed.
func (h *protocolHarness) read(ctx context.Context, t *testing.T, typeName string, values map[string]any) (tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	config, typ := h.dataConfig(t, typeName, values)
	resp, err := h.server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	if resp.State == nil {
		return tftypes.NewValue(typ, nil), resp.Diagnostics
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return state, resp.Diagnostics
}

// validateData is what `terraform validate` and `plan` ask of a data source.
func (h *protocolHarness) validateData(t *testing.T, typeName string, values map[string]any) []*tfprotov6.Diagnostic {
	t.Helper()
	config, _ := h.dataConfig(t, typeName, values)
	resp, err := h.server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func (h *protocolHarness) validateProvider(t *testing.T, values map[string]any) []*tfprotov6.Diagnostic {
	t.Helper()
	resp, err := h.server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: h.providerConfig(t, values)})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// diagnosticsText is every diagnostic as "severity: summary: detail [attribute]".
func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		attr := ""
		if d.Attribute != nil {
			attr = " [" + d.Attribute.String() + "]"
		}
		fmt.Fprintf(&b, "%s: %s: %s%s\n", d.Severity, d.Summary, d.Detail, attr)
	}
	return b.String()
}

// keysOf returns, for each element of the list or set attribute name of
// state, the given attributes joined by "/". A nested list of objects (the
// owners of an app) stands as the sorted ids of its elements joined by ",",
// "<null>" when it is null.
func keysOf(t *testing.T, state tftypes.Value, name string, attrs ...string) []string {
	t.Helper()
	var obj map[string]tftypes.Value
	if err := state.As(&obj); err != nil {
		t.Fatal(err)
	}
	var elems []tftypes.Value
	if err := obj[name].As(&elems); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		var fields map[string]tftypes.Value
		if err := e.As(&fields); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(attrs))
		for i, a := range attrs {
			if _, nested := fields[a].Type().(tftypes.List); nested {
				parts[i] = nestedIDs(t, fields[a])
				continue
			}
			if fields[a].Type().Is(tftypes.Number) { // a count, as in license_usage
				var n *big.Float
				if err := fields[a].As(&n); err != nil {
					t.Fatalf("%s.%s: %v", name, a, err)
				}
				if n != nil {
					parts[i] = n.String()
				}
				continue
			}
			var s *string
			if err := fields[a].As(&s); err != nil {
				t.Fatalf("%s.%s: %v", name, a, err)
			}
			if s != nil {
				parts[i] = *s
			}
		}
		out = append(out, strings.Join(parts, "/"))
	}
	return out
}

// nestedIDs is the ids of a nested list of objects, sorted and joined.
func nestedIDs(t *testing.T, v tftypes.Value) string {
	t.Helper()
	if v.IsNull() {
		return "<null>"
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(elems))
	for _, e := range elems {
		var fields map[string]tftypes.Value
		var id string
		if err := e.As(&fields); err != nil {
			t.Fatal(err)
		}
		if err := fields["id"].As(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}
