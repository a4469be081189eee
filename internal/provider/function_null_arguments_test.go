package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stringArgument is a string argument as Terraform and OpenTofu both send it.
func stringArgument(t *testing.T, s string) *tfprotov6.DynamicValue {
	t.Helper()
	return dynamic(t, tftypes.NewValue(tftypes.String, s))
}

// callFunction calls name on server and returns the result decoded as typ
// (null when there is none) and the error text with its argument (-1 for
// none), failing the test on a transport error.
func callFunction(t *testing.T, server tfprotov6.ProviderServer, name string, typ tftypes.Type, args ...*tfprotov6.DynamicValue) (tftypes.Value, string, int64) {
	t.Helper()
	resp, err := server.CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{Name: name, Arguments: args})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Error != nil {
		argument := int64(-1)
		if resp.Error.FunctionArgument != nil {
			argument = *resp.Error.FunctionArgument
		}
		return tftypes.NewValue(typ, nil), resp.Error.Text, argument
	}
	if resp.Result == nil {
		t.Fatalf("%s: neither a result nor an error", name)
	}
	v, err := resp.Result.Unmarshal(typ)
	if err != nil {
		t.Fatalf("%s: decoding the result: %v", name, err)
	}
	return v, "", -1
}

// An argument with neither MessagePack nor JSON, which is how OpenTofu sends
// a null argument, is null for the parameters that allow null: the call
// answers as it does for Terraform's MessagePack nil. For a parameter that
// does not allow null the framework's error stays.
func TestCallFunctionArgumentWithNoValue(t *testing.T) {
	server := newProtocolServer(&azuresaasProvider{version: "test"})
	terraformNull := &tfprotov6.DynamicValue{MsgPack: msgpackNil}
	day := stringArgument(t, "2025-03-01T00:00:00Z")

	for _, tc := range []struct {
		name     string
		function string
		typ      tftypes.Type
		args     []*tfprotov6.DynamicValue
		want     tftypes.Value
	}{
		{"days_between empty from", "days_between", tftypes.Number, []*tfprotov6.DynamicValue{{}, day}, tftypes.NewValue(tftypes.Number, nil)},
		{"days_between empty to", "days_between", tftypes.Number, []*tfprotov6.DynamicValue{day, {}}, tftypes.NewValue(tftypes.Number, nil)},
		{"days_between both empty", "days_between", tftypes.Number, []*tfprotov6.DynamicValue{{}, {}}, tftypes.NewValue(tftypes.Number, nil)},
		{"days_between nil from", "days_between", tftypes.Number, []*tfprotov6.DynamicValue{nil, day}, tftypes.NewValue(tftypes.Number, nil)},
		{"email_domain empty", "email_domain", tftypes.String, []*tfprotov6.DynamicValue{{}}, tftypes.NewValue(tftypes.String, nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errText, _ := callFunction(t, server, tc.function, tc.typ, tc.args...)
			if errText != "" || !got.Equal(tc.want) {
				t.Fatalf("got %v, error %q; want %v", got, errText, tc.want)
			}
			// The same call in Terraform's form gives the same answer.
			terraformArgs := make([]*tfprotov6.DynamicValue, len(tc.args))
			for i, a := range tc.args {
				terraformArgs[i] = a
				if hasNoValue(a) {
					terraformArgs[i] = terraformNull
				}
			}
			if ref, refErr, _ := callFunction(t, server, tc.function, tc.typ, terraformArgs...); refErr != "" || !ref.Equal(got) {
				t.Errorf("with MessagePack nil: %v, error %q; with no value: %v", ref, refErr, got)
			}
		})
	}

	t.Run("arguments with values are untouched", func(t *testing.T) {
		got, errText, _ := callFunction(t, server, "days_between", tftypes.Number,
			stringArgument(t, "2025-01-01T12:00:00Z"), stringArgument(t, "2025-03-01T11:59:59Z"))
		if errText != "" || !got.Equal(tftypes.NewValue(tftypes.Number, 58)) {
			t.Errorf("days_between = %v, error %q; want 58", got, errText)
		}
	})

	// to_csv's rows does not allow null: Terraform and OpenTofu both refuse
	// a null there before calling, so an empty value is a broken request,
	// and the framework's error says so, naming the argument.
	t.Run("parameter that does not allow null", func(t *testing.T) {
		_, errText, argument := callFunction(t, server, "to_csv", tftypes.String, &tfprotov6.DynamicValue{})
		if argument != 0 || !strings.Contains(errText, "DynamicValue had no JSON or msgpack data set") {
			t.Errorf("to_csv(no value): error %q on argument %d; want the framework's error on argument 0", errText, argument)
		}
	})

	// The framework alone refuses the empty value: the reason for
	// protocolServer.CallFunction (if a framework release starts reading it
	// as null, the override can go).
	t.Run("the framework alone refuses it", func(t *testing.T) {
		framework := providerserver.NewProtocol6(&azuresaasProvider{version: "test"})()
		_, errText, argument := callFunction(t, framework, "days_between", tftypes.Number, &tfprotov6.DynamicValue{}, day)
		if argument != 0 || !strings.Contains(errText, "DynamicValue had no JSON or msgpack data set") {
			t.Errorf("framework: error %q on argument %d; want its no-data error on argument 0", errText, argument)
		}
	})
}

func TestNullableParameters(t *testing.T) {
	n := nullableParameters{parameters: []bool{true, false}, variadic: true}
	for position, want := range []bool{true, false, true, true} {
		if got := n.allowsNull(position); got != want {
			t.Errorf("allowsNull(%d) = %v, want %v", position, got, want)
		}
	}
	if (nullableParameters{parameters: []bool{true}}).allowsNull(1) {
		t.Error("a position past the parameters of a function without a variadic parameter allows null")
	}
}
