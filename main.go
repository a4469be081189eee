// Command terraform-provider-azuresaas serves the azuresaas Terraform provider,
// which reads Microsoft Entra ID through Microsoft Graph.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/provider"
)

// version is set by the release build (goreleaser ldflags).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// provider.NewServer is the framework's server with the big lists'
	// reads answered on the wire; providerserver.Serve does the same for
	// the framework's server alone.
	err := tf6server.Serve("registry.terraform.io/azuresaas/azuresaas", provider.NewServer(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
