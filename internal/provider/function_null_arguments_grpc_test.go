package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protowire"
)

// rawProto is a gRPC codec that sends and receives the message bytes as
// they are, so that a test writes the very bytes a client puts on the wire
// (terraform-plugin-go's generated messages are internal to it). It keeps
// the name "proto" so that the server decodes with its protobuf codec.
type rawProto struct{}

func (rawProto) Marshal(v any) ([]byte, error) {
	b, ok := v.(*[]byte)
	if !ok {
		return nil, fmt.Errorf("rawProto marshals *[]byte, not %T", v)
	}
	return *b, nil
}

func (rawProto) Unmarshal(data []byte, v any) error {
	b, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawProto unmarshals into *[]byte, not %T", v)
	}
	*b = append((*b)[:0], data...)
	return nil
}

func (rawProto) Name() string { return "proto" }

// serveOverGRPC serves the provider (NewServer) as Terraform and OpenTofu
// reach it: tf6server over go-plugin's gRPC, here in debug mode on a
// socket, and returns a connection to it.
func serveOverGRPC(t *testing.T) *grpc.ClientConn {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve("registry.opentofu.org/azuresaas/azuresaas", NewServer("test"),
			tf6server.WithDebug(ctx, reattach, closed),
			// Logs go to the sink that follows TF_LOG, as in the acceptance
			// tests, rather than to stderr at trace level.
			tf6server.WithLoggingSink(t),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
	}()
	var config *plugin.ReattachConfig
	select {
	case config = <-reattach:
	case err := <-served:
		cancel()
		t.Fatalf("tf6server.Serve: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the provider's gRPC server did not start in 30s")
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	conn, err := grpc.NewClient(config.Addr.Network()+":"+config.Addr.String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// wireArgument is how a function argument goes on the wire: a DynamicValue
// message (msgpack = 1), or, for OpenTofu's null, a message with no field.
type wireArgument []byte // MessagePack; nil for OpenTofu's empty message

// callFunctionRequest encodes tfplugin6.CallFunction.Request: name = 1,
// repeated DynamicValue arguments = 2.
func callFunctionRequest(name string, args ...wireArgument) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, name)
	for _, arg := range args {
		var dv []byte
		if arg != nil {
			dv = protowire.AppendTag(dv, 1, protowire.BytesType)
			dv = protowire.AppendBytes(dv, arg)
		}
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendBytes(b, dv)
	}
	return b
}

// functionResponse is tfplugin6.CallFunction.Response decoded: result = 1
// (a DynamicValue whose msgpack = 1), error = 2 (a FunctionError: text = 1,
// function_argument = 2).
type functionResponse struct {
	result   []byte // MessagePack
	errText  string
	argument int64 // -1 when the error names none
}

func decodeFunctionResponse(t *testing.T, b []byte) functionResponse {
	t.Helper()
	r := functionResponse{argument: -1}
	for field, value := range protoFields(t, b) {
		switch field {
		case 1:
			for f, v := range protoFields(t, value) {
				if f == 1 {
					r.result = v
				}
			}
		case 2:
			for f, v := range protoFields(t, value) {
				switch f {
				case 1:
					r.errText = string(v)
				case 2:
					n, size := protowire.ConsumeVarint(v)
					if size < 0 {
						t.Fatalf("function_argument: %v", protowire.ParseError(size))
					}
					r.argument = int64(n) //nolint:gosec // an argument position
				}
			}
		}
	}
	return r
}

// protoFields yields the fields of a message whose fields are all
// length-delimited or varint, each as its bytes (a varint as its encoding).
func protoFields(t *testing.T, b []byte) func(yield func(protowire.Number, []byte) bool) {
	t.Helper()
	return func(yield func(protowire.Number, []byte) bool) {
		for len(b) > 0 {
			num, typ, n := protowire.ConsumeTag(b)
			if n < 0 {
				t.Fatalf("decoding a tag: %v", protowire.ParseError(n))
			}
			b = b[n:]
			var value []byte
			switch typ {
			case protowire.BytesType:
				v, m := protowire.ConsumeBytes(b)
				if m < 0 {
					t.Fatalf("decoding field %d: %v", num, protowire.ParseError(m))
				}
				value, n = v, m
			case protowire.VarintType:
				m := protowire.ConsumeFieldValue(num, typ, b)
				if m < 0 {
					t.Fatalf("decoding field %d: %v", num, protowire.ParseError(m))
				}
				value, n = b[:m], m
			default:
				t.Fatalf("field %d has wire type %d", num, typ)
			}
			b = b[n:]
			if !yield(num, value) {
				return
			}
		}
	}
}

func callOverGRPC(t *testing.T, conn *grpc.ClientConn, request []byte) functionResponse {
	t.Helper()
	var response []byte
	if err := conn.Invoke(context.Background(), "/tfplugin6.Provider/CallFunction", &request, &response,
		grpc.ForceCodec(rawProto{})); err != nil {
		t.Fatalf("CallFunction: %v", err)
	}
	return decodeFunctionResponse(t, response)
}

// The protocol-level proof for OpenTofu: the bytes its CallFunction puts on
// the wire for days_between(null, "…") (an argument message with no field)
// get the answer Terraform's bytes (MessagePack nil) get: a null number. For
// to_csv, whose parameter does not allow null, the framework's error stays.
func TestCallFunctionOverGRPCWithOpenTofusNull(t *testing.T) {
	conn := serveOverGRPC(t)
	day := wireArgument(stringArgument(t, "2025-03-01T00:00:00Z").MsgPack)

	openTofu := callOverGRPC(t, conn, callFunctionRequest("days_between", nil, day))
	terraform := callOverGRPC(t, conn, callFunctionRequest("days_between", wireArgument(msgpackNil), day))
	if openTofu.errText != "" || terraform.errText != "" {
		t.Fatalf("errors: OpenTofu's form %q, Terraform's form %q", openTofu.errText, terraform.errText)
	}
	if string(openTofu.result) != string(msgpackNil) || string(terraform.result) != string(msgpackNil) {
		t.Errorf("results (MessagePack): OpenTofu's form %x, Terraform's form %x; want c0 (null) for both", openTofu.result, terraform.result)
	}

	// A value, for contrast, goes through unchanged.
	from := wireArgument(stringArgument(t, "2025-01-01T12:00:00Z").MsgPack)
	valued := callOverGRPC(t, conn, callFunctionRequest("days_between", from, day))
	if valued.errText != "" {
		t.Fatalf("days_between with values: %s", valued.errText)
	}
	if got := decodeNumber(t, valued.result); got != "58" {
		t.Errorf("days_between(2025-01-01T12:00:00Z, 2025-03-01T00:00:00Z) = %s, want 58", got)
	}

	refused := callOverGRPC(t, conn, callFunctionRequest("to_csv", nil))
	if refused.argument != 0 || !strings.Contains(refused.errText, "DynamicValue had no JSON or msgpack data set") {
		t.Errorf("to_csv(no value): error %q on argument %d; want the framework's error on argument 0", refused.errText, refused.argument)
	}
}

func decodeNumber(t *testing.T, msgpack []byte) string {
	t.Helper()
	v, err := (&tfprotov6.DynamicValue{MsgPack: msgpack}).Unmarshal(tftypes.Number)
	if err != nil {
		t.Fatal(err)
	}
	var n big.Float
	if err := v.As(&n); err != nil {
		t.Fatal(err)
	}
	return n.Text('f', -1)
}
