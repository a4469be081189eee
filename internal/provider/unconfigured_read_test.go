package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/fakegraph"
)

// Every data source read without the provider's data (Configure was given
// none) answers with the "Provider Not Configured" diagnostic; none
// dereferences the missing data and panics.
func TestReadWithoutProviderDataIsADiagnostic(t *testing.T) {
	for _, src := range matrixSources(fakegraph.DemoTenant()) {
		t.Run(strings.TrimPrefix(src.typeName, "azuresaas_"), func(t *testing.T) {
			h := newProtocolHarness(t, nil) // never configured
			var text string
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Read panicked: %v", r)
					}
				}()
				_, diags := h.read(context.Background(), t, src.typeName, src.config)
				text = diagnosticsText(diags)
			}()
			if !strings.Contains(text, "Provider Not Configured") {
				t.Errorf("want the Provider Not Configured diagnostic, got:\n%s", text)
			}
		})
	}
}
