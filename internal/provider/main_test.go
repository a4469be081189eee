package provider

import (
	"fmt"
	"os"
	"testing"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/tfrun"
)

// TestMain lets TF_ACC_TERRAFORM_PATH alone move the Terraform tests of this
// package to OpenTofu (tfrun.ConfigurePluginTesting).
func TestMain(m *testing.M) {
	if err := tfrun.ConfigurePluginTesting(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
