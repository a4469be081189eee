package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// msgpackNil is MessagePack's nil, the encoding of null whatever the type:
// what Terraform sends for a null argument.
var msgpackNil = []byte{0xc0}

// nullableParameters says, for one function, which argument positions may
// be null: one flag per parameter, and the variadic parameter's flag for
// every position after them.
type nullableParameters struct {
	parameters []bool
	variadic   bool
}

func (n nullableParameters) allowsNull(position int) bool {
	if position < len(n.parameters) {
		return n.parameters[position]
	}
	return n.variadic
}

// CallFunction answers as the framework does, once an argument that came
// with no value at all has been given the value null, if its parameter
// allows null.
//
// Terraform encodes a null argument as MessagePack nil. OpenTofu
// (internal/plugin6/grpc_provider.go, CallFunction, up to at least 1.12)
// sends nothing for a null argument of a parameter that allows null: an
// empty DynamicValue, with neither MessagePack nor JSON, which the
// framework refuses ("DynamicValue had no JSON or msgpack data set"). Both
// mean null, so the provider reads both as null. An empty argument for a
// parameter that does not allow null goes to the framework as it came, and
// gets the framework's error: nothing in the protocol makes it a null.
func (s *protocolServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	if req == nil || !slices.ContainsFunc(req.Arguments, hasNoValue) {
		return s.frameworkServer.CallFunction(ctx, req)
	}
	nullable, ok := s.functionNullability(ctx)[req.Name]
	if !ok {
		// An unknown function: the framework's error names it.
		return s.frameworkServer.CallFunction(ctx, req)
	}
	arguments := slices.Clone(req.Arguments)
	for position, argument := range arguments {
		if hasNoValue(argument) && nullable.allowsNull(position) {
			arguments[position] = &tfprotov6.DynamicValue{MsgPack: msgpackNil}
		}
	}
	withNulls := *req
	withNulls.Arguments = arguments
	return s.frameworkServer.CallFunction(ctx, &withNulls)
}

// hasNoValue is an argument with neither encoding: on the wire, an empty
// message; nil only when a caller in the same process builds the request.
func hasNoValue(v *tfprotov6.DynamicValue) bool {
	return v == nil || (v.MsgPack == nil && v.JSON == nil)
}

// functionNullability reads the functions' definitions once, from the
// framework's GetFunctions: the definitions Terraform and OpenTofu see.
func (s *protocolServer) functionNullability(ctx context.Context) map[string]nullableParameters {
	s.functionsOnce.Do(func() {
		s.nullable = map[string]nullableParameters{}
		resp, err := s.GetFunctions(ctx, &tfprotov6.GetFunctionsRequest{})
		if err != nil || resp == nil {
			// Every call then goes to the framework unchanged, whose
			// own GetFunctions error will show there.
			return
		}
		for name, f := range resp.Functions {
			var n nullableParameters
			for _, p := range f.Parameters {
				n.parameters = append(n.parameters, p.AllowNullValue)
			}
			if f.VariadicParameter != nil {
				n.variadic = f.VariadicParameter.AllowNullValue
			}
			s.nullable[name] = n
		}
	})
	return s.nullable
}
