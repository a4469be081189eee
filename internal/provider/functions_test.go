package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// runFunction calls a provider function as the framework would, and
// returns its result and error.
func runFunction(t *testing.T, f function.Function, result attr.Value, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	resp := function.RunResponse{Result: function.NewResultData(result)}
	f.Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// functionTest runs a configuration that only calls functions (no Graph
// request, no provider block) through real terraform, which has provider
// functions from 1.8 on.
func functionTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps:                    steps,
	})
}

// The provider offers exactly the functions the docs and DESIGN.md name.
func TestProviderFunctions(t *testing.T) {
	p, ok := New("test")().(*azuresaasProvider)
	if !ok {
		t.Fatalf("New returns %T", New("test")())
	}
	var names []string
	for _, newFunction := range p.Functions(context.Background()) {
		var resp function.MetadataResponse
		newFunction().Metadata(context.Background(), function.MetadataRequest{}, &resp)
		names = append(names, resp.Name)
	}
	if want := []string{"days_between", "email_domain", "to_csv"}; !slices.Equal(names, want) {
		t.Errorf("functions = %q, want %q", names, want)
	}
}
