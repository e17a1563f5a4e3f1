package mqi

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// byteOrder returns the byte order of MQLONG integers in data with MQI
// encoding enc. Undefined integer encodings are taken as native, which is
// little-endian (MQENC_NATIVE is the Linux x86-64 value).
func byteOrder(enc int32) binary.ByteOrder {
	if enc&MQENC_INTEGER_MASK == MQENC_INTEGER_NORMAL {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// fieldWriter appends the fields of an MQI structure to buf.
type fieldWriter struct {
	buf   []byte
	order binary.AppendByteOrder
}

func (w *fieldWriter) int32(v int32) {
	w.buf = w.order.AppendUint32(w.buf, uint32(v))
}

// chars writes s as an MQCHARn field of n bytes: cut to n bytes, or padded
// with blanks.
func (w *fieldWriter) chars(s string, n int32) {
	if len(s) > int(n) {
		s = s[:n]
	}
	w.buf = append(w.buf, s...)
	w.buf = append(w.buf, strings.Repeat(" ", int(n)-len(s))...)
}

// fieldReader reads the fields of an MQI structure from buf. The caller
// checks that buf is long enough for the whole structure.
type fieldReader struct {
	buf   []byte
	order binary.ByteOrder
}

func (r *fieldReader) int32() int32 {
	v := int32(r.order.Uint32(r.buf))
	r.buf = r.buf[4:]
	return v
}

// chars reads an MQCHARn field of n bytes. The value ends at the first NUL,
// as a C program may have written it, and loses its blank padding.
func (r *fieldReader) chars(n int32) string {
	f := r.buf[:n]
	r.buf = r.buf[n:]
	if i := bytes.IndexByte(f, 0); i >= 0 {
		f = f[:i]
	}
	return strings.TrimSpace(string(f))
}
