package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stateReader is a list data source (see DESIGN.md, "Big lists go straight
// to the wire"): readState decodes config into the data source's state
// model, reads through inventory, fills in the computed fields and returns
// a pointer to the model, or nil after adding an error to diags. It never
// touches tfsdk.State, so the same read serves the framework's Read
// (readWithFramework) and the protocol server's ReadDataSource.
type stateReader interface {
	readState(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) any
}

// readChecked runs readState once the provider has handed its data over.
func readChecked(ctx context.Context, d stateReader, config tfsdk.Config, diags *diag.Diagnostics) any {
	if c, ok := d.(interface{ configured(*diag.Diagnostics) bool }); ok && !c.configured(diags) {
		return nil
	}
	return d.readState(ctx, config, diags)
}

// readWithFramework is the framework's Read of a list data source: the
// reference the protocol server's read is tested against, and what serves
// it when the provider runs under the framework's own server.
func readWithFramework(ctx context.Context, d stateReader, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if state := readChecked(ctx, d, req.Config, &resp.Diagnostics); state != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// NewServer returns the provider's protocol server constructor, for
// tf6server.Serve: the framework's server, with the list data sources'
// reads answered on the wire (protocolServer).
func NewServer(version string, opts ...Option) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p, ok := NewWithOptions(version, opts...)().(*azuresaasProvider)
		if !ok {
			panic("NewWithOptions returned another provider type")
		}
		return newProtocolServer(p)
	}
}

// protocolServer is the framework's protocol server with ReadDataSource
// taken over for every data source that implements stateReader; every other
// call, and the other data sources' reads, go to the framework. Both serve
// the same provider value, whose Configure records the data the framework
// hands the data sources (azuresaasProvider.configuredData), so a read here
// sees the same configuration as one there.
type protocolServer struct {
	frameworkServer
	provider *azuresaasProvider

	once    sync.Once
	readers map[string]*listDataSource // by type name
	err     error
}

// listDataSource is what a read needs of one list data source, found once.
type listDataSource struct {
	factory func() datasource.DataSource
	schema  tfsdk.Config // the schema, with no value
	typ     tftypes.Object
}

// frameworkServer is every call the framework's protocol server answers,
// the optional ones included: tf6server finds those by type assertion, so
// embedding tfprotov6.ProviderServer alone would hide them.
//
//nolint:staticcheck // deprecated only in favour of ProviderServer growing these methods; tf6server asserts them today
type frameworkServer interface {
	tfprotov6.ProviderServerWithListResource
	tfprotov6.ProviderServerWithActions
	tfprotov6.ProviderServerWithStateStores
}

func newProtocolServer(p *azuresaasProvider) *protocolServer {
	framework, ok := providerserver.NewProtocol6(p)().(frameworkServer)
	if !ok {
		panic("the framework's protocol server no longer answers list resources, actions and state stores")
	}
	return &protocolServer{frameworkServer: framework, provider: p}
}

// listDataSources finds the data sources that implement stateReader, by
// asking each of the provider's data sources, so that a new one joins by
// implementing readState.
func (s *protocolServer) listDataSources(ctx context.Context) (map[string]*listDataSource, error) {
	s.once.Do(func() {
		var meta provider.MetadataResponse
		s.provider.Metadata(ctx, provider.MetadataRequest{}, &meta)
		s.readers = map[string]*listDataSource{}
		for _, factory := range s.provider.DataSources(ctx) {
			ds := factory()
			if _, ok := ds.(stateReader); !ok {
				continue
			}
			var md datasource.MetadataResponse
			ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			var sr datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
			if sr.Diagnostics.HasError() {
				s.err = fmt.Errorf("the schema of %s: %v", md.TypeName, sr.Diagnostics)
				return
			}
			typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
			if !ok {
				s.err = fmt.Errorf("the schema of %s is not an object", md.TypeName)
				return
			}
			s.readers[md.TypeName] = &listDataSource{factory: factory, schema: tfsdk.Config{Schema: sr.Schema}, typ: typ}
		}
	})
	return s.readers, s.err
}

// ReadDataSource reads a list data source as the framework would (see
// fwserver.Server.ReadDataSource): a new data source value, configured with
// the provider's data, reads the configuration; the state goes out as
// MessagePack written straight from the state model. What the framework
// does besides does not apply to these data sources: the provider never
// defers (so there is no deferred response and ClientCapabilities change
// nothing), declares no provider_meta, and no attribute has a type with
// semantic equality.
func (s *protocolServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	readers, err := s.listDataSources(ctx)
	if err != nil {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: []*tfprotov6.Diagnostic{bugDiagnostic(err)}}, nil
	}
	reader, ok := readers[req.TypeName]
	if !ok {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}

	var diags diag.Diagnostics
	config := reader.schema
	if req.Config != nil {
		raw, err := req.Config.Unmarshal(reader.typ)
		if err != nil {
			return &tfprotov6.ReadDataSourceResponse{Diagnostics: []*tfprotov6.Diagnostic{bugDiagnostic(
				fmt.Errorf("decoding the configuration of %s: %w", req.TypeName, err))}}, nil
		}
		config.Raw = raw
	} else {
		config.Raw = tftypes.NewValue(reader.typ, nil)
	}

	ds := reader.factory()
	if c, ok := ds.(datasource.DataSourceWithConfigure); ok {
		var resp datasource.ConfigureResponse
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: s.provider.dataSourceData()}, &resp)
		diags.Append(resp.Diagnostics...)
	}
	var state any
	if !diags.HasError() {
		state = readChecked(ctx, ds.(stateReader), config, &diags) //nolint:forcetypeassert // listDataSources kept only stateReaders
	}
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(ctx, diags)}
	if diags.HasError() || state == nil {
		// As the framework does: the state of a failed read is the
		// configuration, which Terraform discards.
		resp.State = req.Config
		return resp, nil
	}
	msgpack, refused := stateMsgPack(ctx, req.TypeName, reader.typ, state)
	if refused != nil {
		resp.Diagnostics = append(resp.Diagnostics, refused...)
		resp.State = req.Config
		return resp, nil
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: msgpack}
	return resp, nil
}

// stateMsgPack writes a read's state model, or says why it cannot: a set
// holding one value twice gets the framework's diagnostics (as State.Set
// would give them), anything else is a bug.
func stateMsgPack(ctx context.Context, typeName string, typ tftypes.Object, state any) ([]byte, []*tfprotov6.Diagnostic) {
	msgpack, err := encodeState(ctx, typ, state)
	if dup := (*duplicateSetElementError)(nil); errors.As(err, &dup) {
		return nil, dup.diagnostics()
	}
	if err != nil {
		return nil, []*tfprotov6.Diagnostic{bugDiagnostic(fmt.Errorf("writing the state of %s: %w", typeName, err))}
	}
	return msgpack, nil
}

func bugDiagnostic(err error) *tfprotov6.Diagnostic {
	return &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Unexpected Provider Error",
		Detail:   err.Error() + ". This is a bug in the provider: please report it.",
	}
}

// protocolDiagnostics converts diagnostics as the framework does (its
// toproto6 package is internal): severity, summary, detail and the
// attribute path.
func protocolDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityInvalid}
		switch d.Severity() {
		case diag.SeverityError:
			pd.Severity = tfprotov6.DiagnosticSeverityError
		case diag.SeverityWarning:
			pd.Severity = tfprotov6.DiagnosticSeverityWarning
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			attribute, err := attributePath(ctx, withPath.Path())
			if err != nil {
				out = append(out, bugDiagnostic(err))
			}
			pd.Attribute = attribute
		}
		out = append(out, pd)
	}
	return out
}

func attributePath(ctx context.Context, p path.Path) (*tftypes.AttributePath, error) {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch step := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(step)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(step)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(step)))
		case path.PathStepElementKeyValue:
			v, err := step.ToTerraformValue(ctx)
			if err != nil {
				return nil, fmt.Errorf("converting the attribute path %s: %w", p, err)
			}
			steps = append(steps, tftypes.ElementKeyValue(v))
		default:
			return nil, fmt.Errorf("converting the attribute path %s: unknown step %T", p, step)
		}
	}
	return tftypes.NewAttributePathWithSteps(steps), nil
}
