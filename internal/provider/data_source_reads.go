package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/azuresaas/terraform-provider-azuresaas/internal/inventory"
)

// graphReader is a data source that says which Graph endpoints it reads:
// the integration status's data_sources tell from it whether the
// registration can read each data source. Every data source implements it,
// next to its Metadata; TestEveryDataSourceDeclaresItsReads fails for one
// that does not, and TestDataSourceReadsMatchTheirRequests holds each
// declaration to the requests the data source really makes.
type graphReader interface {
	graphReads() inventory.Reads
}

// dataSourceReads are the reads of every data source the provider serves,
// by type name. One that declares none is left out (the tests above catch
// it). The list and the names need no configuration: a zero provider has
// them.
func dataSourceReads(ctx context.Context) []inventory.DataSourceReads {
	var p azuresaasProvider
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	var out []inventory.DataSourceReads
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		reader, ok := ds.(graphReader)
		if !ok {
			continue
		}
		out = append(out, inventory.DataSourceReads{Name: dataSourceTypeName(ctx, meta.TypeName, ds), Reads: reader.graphReads()})
	}
	return out
}

// dataSourceTypeName is the type name ds registers, such as azuresaas_users.
func dataSourceTypeName(ctx context.Context, providerTypeName string, ds datasource.DataSource) string {
	var resp datasource.MetadataResponse
	ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &resp)
	return resp.TypeName
}
