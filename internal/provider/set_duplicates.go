package provider

import (
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// duplicateSetElementError is a state whose set attribute holds one value
// twice. The framework's State.Set refuses such a state with "Duplicate Set
// Element" (basetypes.SetType.Validate), and Terraform would refuse the
// set; the wire path refuses it the same way rather than write it.
type duplicateSetElementError struct {
	steps  []tftypes.AttributePathStep // the set attribute's path
	values []tftypes.Value             // one per pair of equal elements, in the framework's order
}

// at puts step in front of the path as the error leaves a nested value.
func (e *duplicateSetElementError) at(step tftypes.AttributePathStep) *duplicateSetElementError {
	e.steps = append([]tftypes.AttributePathStep{step}, e.steps...)
	return e
}

func (e *duplicateSetElementError) Error() string {
	return fmt.Sprintf("%s: the set holds %s more than once", tftypes.NewAttributePathWithSteps(e.steps), e.values[0])
}

// diagnostics are the framework's: one per pair of equal elements, on the
// set attribute.
func (e *duplicateSetElementError) diagnostics() []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(e.values))
	for _, v := range e.values {
		out = append(out, &tfprotov6.Diagnostic{
			Severity:  tfprotov6.DiagnosticSeverityError,
			Summary:   "Duplicate Set Element",
			Detail:    fmt.Sprintf("This attribute contains duplicate values of: %s", v),
			Attribute: tftypes.NewAttributePathWithSteps(e.steps),
		})
	}
	return out
}

// setDuplicates compares the elements of a set as the framework does: each
// fully known element with every later one, an equal pair giving a
// diagnostic of the later element, and equal diagnostics once (as
// diag.Diagnostics.Append keeps them). It is quadratic, so callers first
// find a repeat cheaply and call it only then.
func setDuplicates(elements []tftypes.Value) *duplicateSetElementError {
	var values []tftypes.Value
	for i, outer := range elements {
		if !outer.IsFullyKnown() {
			continue
		}
		for _, inner := range elements[i+1:] {
			if inner.Equal(outer) && !slices.ContainsFunc(values, inner.Equal) {
				values = append(values, inner)
			}
		}
	}
	if len(values) == 0 {
		return nil
	}
	return &duplicateSetElementError{values: values}
}

// setValueDuplicates checks a framework value's Terraform value when its
// type is a set (a set argument, as configured): a *duplicateSetElementError
// when an element repeats.
func setValueDuplicates(typ tftypes.Type, tv tftypes.Value) error {
	if _, isSet := typ.(tftypes.Set); !isSet || !tv.IsKnown() || tv.IsNull() {
		return nil
	}
	var elements []tftypes.Value
	if err := tv.As(&elements); err != nil {
		return err
	}
	if dup := setDuplicates(elements); dup != nil {
		return dup
	}
	return nil
}

// encodedDuplicates checks the elements of a set written by the encoder,
// each as its MessagePack bytes: equal values are written to equal bytes,
// so a map finds whether any repeats; only then are the elements decoded
// for the framework's comparison (which skips elements not fully known).
func encodedDuplicates(typ tftypes.Type, encoded []string) (*duplicateSetElementError, error) {
	seen := make(map[string]struct{}, len(encoded))
	repeated := false
	for _, e := range encoded {
		if _, ok := seen[e]; ok {
			repeated = true
			break
		}
		seen[e] = struct{}{}
	}
	if !repeated {
		return nil, nil
	}
	elements := make([]tftypes.Value, len(encoded))
	for i, e := range encoded {
		v, err := (&tfprotov6.DynamicValue{MsgPack: []byte(e)}).Unmarshal(typ)
		if err != nil {
			return nil, err
		}
		elements[i] = v
	}
	return setDuplicates(elements), nil
}
