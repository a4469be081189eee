package provider

import "encoding/binary"

// msgpackBuffer appends MessagePack to one byte slice: the few forms
// Terraform's state needs (see tftypes' msgpack marshalling, which this
// follows). It is a small encoder of our own rather than
// vmihailenco/msgpack's Encoder, which writes through an io.Writer one call
// at a time; appending to a slice sized in advance costs a bounds check per
// write.
//
// In measuring mode, the encoder counts instead of keeping: elementDone
// moves what was written into measured and empties the buffer, so a whole
// list is measured with a buffer the size of one element.
type msgpackBuffer struct {
	buf       []byte
	measuring bool
	measured  int
}

// msgpackUnknown is how Terraform writes an unknown value: the fixext1
// extension of type 0 with a zero byte.
var msgpackUnknown = []byte{0xd4, 0, 0}

func (w *msgpackBuffer) null() { w.buf = append(w.buf, 0xc0) }

func (w *msgpackBuffer) unknown() { w.buf = append(w.buf, msgpackUnknown...) }

func (w *msgpackBuffer) bool(b bool) {
	if b {
		w.buf = append(w.buf, 0xc3)
		return
	}
	w.buf = append(w.buf, 0xc2)
}

func (w *msgpackBuffer) string(s string) {
	n := len(s)
	switch {
	case n < 32:
		w.buf = append(w.buf, 0xa0|byte(n))
	case n <= 0xff:
		w.buf = append(w.buf, 0xd9, byte(n))
	case n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xda), uint16(n))
	default:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xdb), uint32(n))
	}
	w.buf = append(w.buf, s...)
}

// int writes n in the shortest form, as Terraform accepts for a whole
// number.
func (w *msgpackBuffer) int(n int64) {
	switch {
	case n >= 0 && n <= 0x7f:
		w.buf = append(w.buf, byte(n))
	case n < 0 && n >= -32:
		w.buf = append(w.buf, byte(int8(n)))
	case n > 0 && n <= 0xff:
		w.buf = append(w.buf, 0xcc, byte(n))
	case n > 0 && n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xcd), uint16(n))
	case n > 0 && n <= 0xffffffff:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xce), uint32(n))
	case n > 0:
		w.buf = binary.BigEndian.AppendUint64(append(w.buf, 0xcf), uint64(n))
	case n >= -0x80:
		w.buf = append(w.buf, 0xd0, byte(int8(n)))
	case n >= -0x8000:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xd1), uint16(int16(n)))
	case n >= -0x80000000:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xd2), uint32(int32(n)))
	default:
		w.buf = binary.BigEndian.AppendUint64(append(w.buf, 0xd3), uint64(n))
	}
}

func (w *msgpackBuffer) arrayLen(n int) {
	switch {
	case n < 16:
		w.buf = append(w.buf, 0x90|byte(n))
	case n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xdc), uint16(n))
	default:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xdd), uint32(n))
	}
}

func (w *msgpackBuffer) mapLen(n int) {
	switch {
	case n < 16:
		w.buf = append(w.buf, 0x80|byte(n))
	case n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xde), uint16(n))
	default:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xdf), uint32(n))
	}
}

// raw appends MessagePack encoded elsewhere (tftypes, for values without a
// fast path).
func (w *msgpackBuffer) raw(b []byte) { w.buf = append(w.buf, b...) }

// elementDone ends one element of a list; when measuring, its bytes are
// counted and dropped.
func (w *msgpackBuffer) elementDone() {
	if w.measuring {
		w.measured += len(w.buf)
		w.buf = w.buf[:0]
	}
}
