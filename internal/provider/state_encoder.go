package provider

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// encodeState writes a data source's state model (a pointer to a struct
// with tfsdk tags, as readState returns it) as the MessagePack of a value
// of typ, the schema's object type: what the framework's State.Set and
// DynamicValue would send, without a value per attribute on the way. The
// encoding runs twice: once to measure, once into a buffer of exactly that
// size, so a list of 100,000 users never grows and copies its buffer.
func encodeState(ctx context.Context, typ tftypes.Object, state any) ([]byte, error) {
	v := reflect.ValueOf(state)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("the state model is %T, not a pointer to a struct", state)
	}
	plan, err := stateEncoderFor(v.Elem().Type(), typ)
	if err != nil {
		return nil, err
	}
	measure := &msgpackBuffer{measuring: true}
	if err := plan.encode(ctx, measure, v.Elem()); err != nil {
		return nil, err
	}
	w := &msgpackBuffer{buf: make([]byte, 0, measure.measured+len(measure.buf))}
	if err := plan.encode(ctx, w, v.Elem()); err != nil {
		return nil, err
	}
	return w.buf, nil
}

// objectEncoder writes one struct type as an object type: its fields in
// the order of the attribute names, as tftypes writes them.
type objectEncoder struct {
	typ    tftypes.Object
	fields []fieldEncoder
}

type fieldEncoder struct {
	name   string
	index  int
	encode func(ctx context.Context, w *msgpackBuffer, field reflect.Value) error
}

// stateEncoders caches the plan of each state model type: reflection over
// the struct happens once per type, not per read or per element.
var stateEncoders sync.Map // reflect.Type -> *objectEncoder

func stateEncoderFor(model reflect.Type, typ tftypes.Object) (*objectEncoder, error) {
	if cached, ok := stateEncoders.Load(model); ok {
		if plan, ok := cached.(*objectEncoder); ok && plan.typ.Equal(typ) {
			return plan, nil
		}
	}
	plan, err := newObjectEncoder(model, typ)
	if err != nil {
		return nil, err
	}
	stateEncoders.Store(model, plan)
	return plan, nil
}

func (o *objectEncoder) encode(ctx context.Context, w *msgpackBuffer, v reflect.Value) error {
	w.mapLen(len(o.fields))
	for i := range o.fields {
		f := &o.fields[i]
		w.string(f.name)
		if err := f.encode(ctx, w, v.Field(f.index)); err != nil {
			if dup := (*duplicateSetElementError)(nil); errors.As(err, &dup) {
				return dup.at(tftypes.AttributeName(f.name))
			}
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

var (
	frameworkValueType = reflect.TypeFor[attr.Value]()
	stringType         = reflect.TypeFor[types.String]()
	boolType           = reflect.TypeFor[types.Bool]()
	int64Type          = reflect.TypeFor[types.Int64]()
	stringsSliceType   = reflect.TypeFor[[]string]()
)

// newObjectEncoder matches the struct's tfsdk tags with the object's
// attributes, one to one, as the framework's reflection requires.
func newObjectEncoder(model reflect.Type, typ tftypes.Object) (*objectEncoder, error) {
	if model.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model %s is not a struct", model)
	}
	byName := map[string]int{}
	for i := range model.NumField() {
		name := model.Field(i).Tag.Get("tfsdk")
		if name == "" || name == "-" {
			continue
		}
		if _, ok := typ.AttributeTypes[name]; !ok {
			return nil, fmt.Errorf("model %s: the schema has no attribute %s", model, name)
		}
		byName[name] = i
	}
	names := make([]string, 0, len(typ.AttributeTypes))
	for name := range typ.AttributeTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	plan := &objectEncoder{typ: typ, fields: make([]fieldEncoder, 0, len(names))}
	for _, name := range names {
		i, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("model %s has no field for attribute %s", model, name)
		}
		encode, err := fieldEncoderFor(model.Field(i), typ.AttributeTypes[name])
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", model, err)
		}
		plan.fields = append(plan.fields, fieldEncoder{name: name, index: i, encode: encode})
	}
	return plan, nil
}

// fieldEncoderFor picks how to write one field: fast paths for the types
// big lists are made of, and any other framework value through its own
// Terraform value (configuration arguments, a timeouts block).
func fieldEncoderFor(field reflect.StructField, typ tftypes.Type) (func(context.Context, *msgpackBuffer, reflect.Value) error, error) {
	mismatch := fmt.Errorf("field %s (%s) does not fit attribute type %s", field.Name, field.Type, typ)
	switch {
	case field.Type == stringType:
		if !typ.Is(tftypes.String) {
			return nil, mismatch
		}
		return encodeStringField, nil
	case field.Type == boolType:
		if !typ.Is(tftypes.Bool) {
			return nil, mismatch
		}
		return encodeBoolField, nil
	case field.Type == int64Type:
		if !typ.Is(tftypes.Number) {
			return nil, mismatch
		}
		return encodeInt64Field, nil
	case field.Type.Implements(frameworkValueType):
		return func(ctx context.Context, w *msgpackBuffer, v reflect.Value) error {
			value, ok := v.Interface().(attr.Value)
			if !ok {
				return fmt.Errorf("%s is not an attr.Value", v.Type())
			}
			tv, err := value.ToTerraformValue(ctx)
			if err != nil {
				return err
			}
			if err := setValueDuplicates(typ, tv); err != nil {
				return err
			}
			dv, err := tfprotov6.NewDynamicValue(typ, tv)
			if err != nil {
				return err
			}
			w.raw(dv.MsgPack)
			return nil
		}, nil
	case field.Type == stringsSliceType:
		if !isCollectionOf(typ, tftypes.String) {
			return nil, mismatch
		}
		if _, isSet := typ.(tftypes.Set); isSet {
			return encodeStringSetField, nil
		}
		return encodeStringsField, nil
	case field.Type.Kind() == reflect.Slice && field.Type.Elem().Kind() == reflect.Struct:
		var element tftypes.Type
		isSet := false
		switch ct := typ.(type) {
		case tftypes.List:
			element = ct.ElementType
		case tftypes.Set:
			element, isSet = ct.ElementType, true
		default:
			return nil, mismatch
		}
		object, ok := element.(tftypes.Object)
		if !ok {
			return nil, mismatch
		}
		elements, err := newObjectEncoder(field.Type.Elem(), object)
		if err != nil {
			return nil, err
		}
		if isSet {
			return elements.encodeSetSlice, nil
		}
		return elements.encodeSlice, nil
	default:
		return nil, fmt.Errorf("field %s has type %s, which the state encoder does not write", field.Name, field.Type)
	}
}

func isCollectionOf(typ, element tftypes.Type) bool {
	switch ct := typ.(type) {
	case tftypes.List:
		return ct.ElementType.Is(element)
	case tftypes.Set:
		return ct.ElementType.Is(element)
	}
	return false
}

// The fields are read through their address: a pointer in an interface
// does not allocate, a copied struct would.

func encodeStringField(_ context.Context, w *msgpackBuffer, v reflect.Value) error {
	s, ok := v.Addr().Interface().(*types.String)
	if !ok {
		return fmt.Errorf("%s is not types.String", v.Type())
	}
	switch {
	case s.IsUnknown():
		w.unknown()
	case s.IsNull():
		w.null()
	default:
		w.string(s.ValueString())
	}
	return nil
}

func encodeBoolField(_ context.Context, w *msgpackBuffer, v reflect.Value) error {
	b, ok := v.Addr().Interface().(*types.Bool)
	if !ok {
		return fmt.Errorf("%s is not types.Bool", v.Type())
	}
	switch {
	case b.IsUnknown():
		w.unknown()
	case b.IsNull():
		w.null()
	default:
		w.bool(b.ValueBool())
	}
	return nil
}

func encodeInt64Field(_ context.Context, w *msgpackBuffer, v reflect.Value) error {
	n, ok := v.Addr().Interface().(*types.Int64)
	if !ok {
		return fmt.Errorf("%s is not types.Int64", v.Type())
	}
	switch {
	case n.IsUnknown():
		w.unknown()
	case n.IsNull():
		w.null()
	default:
		w.int(n.ValueInt64())
	}
	return nil
}

// encodeStringsField writes a []string as the framework's reflection
// reads it: nil is a null list, an empty slice an empty one.
func encodeStringsField(_ context.Context, w *msgpackBuffer, v reflect.Value) error {
	ss, ok := v.Addr().Interface().(*[]string)
	if !ok {
		return fmt.Errorf("%s is not []string", v.Type())
	}
	if *ss == nil {
		w.null()
		return nil
	}
	w.arrayLen(len(*ss))
	for _, s := range *ss {
		w.string(s)
	}
	return nil
}

// encodeStringSetField writes a []string of a set attribute: as a list is
// written, and refused when a string repeats (duplicateSetElementError).
func encodeStringSetField(ctx context.Context, w *msgpackBuffer, v reflect.Value) error {
	if err := encodeStringsField(ctx, w, v); err != nil {
		return err
	}
	ss, _ := v.Addr().Interface().(*[]string)
	seen := make(map[string]struct{}, len(*ss))
	for _, s := range *ss {
		if _, dup := seen[s]; dup {
			elements := make([]tftypes.Value, len(*ss))
			for i, s := range *ss {
				elements[i] = tftypes.NewValue(tftypes.String, s)
			}
			if dup := setDuplicates(elements); dup != nil {
				return dup
			}
			return nil
		}
		seen[s] = struct{}{}
	}
	return nil
}

// encodeSlice writes a slice of element structs as a list of objects; nil
// is a null list, as the framework's reflection reads it.
func (o *objectEncoder) encodeSlice(ctx context.Context, w *msgpackBuffer, v reflect.Value) error {
	if v.IsNil() {
		w.null()
		return nil
	}
	n := v.Len()
	w.arrayLen(n)
	for i := range n {
		if err := o.encode(ctx, w, v.Index(i)); err != nil {
			if dup := (*duplicateSetElementError)(nil); errors.As(err, &dup) {
				return dup.at(tftypes.ElementKeyInt(i))
			}
			return fmt.Errorf("[%d].%w", i, err)
		}
		w.elementDone()
	}
	return nil
}

// encodeSetSlice writes a slice of element structs as a set of objects,
// and refuses two equal elements as the framework does. An error inside an
// element keeps the path of the set: the framework names the element by
// its value, which is not whole when its encoding fails.
func (o *objectEncoder) encodeSetSlice(ctx context.Context, w *msgpackBuffer, v reflect.Value) error {
	if v.IsNil() {
		w.null()
		return nil
	}
	n := v.Len()
	w.arrayLen(n)
	// Each element is written into a buffer of its own first: a measuring
	// buffer drops what nested lists write, and its bytes are the key.
	encoded := make([]string, n)
	for i := range n {
		element := &msgpackBuffer{}
		if err := o.encode(ctx, element, v.Index(i)); err != nil {
			return fmt.Errorf("[%d].%w", i, err)
		}
		encoded[i] = string(element.buf)
		w.raw(element.buf)
		w.elementDone()
	}
	dup, err := encodedDuplicates(o.typ, encoded)
	if err != nil {
		return err
	}
	if dup != nil {
		return dup
	}
	return nil
}
