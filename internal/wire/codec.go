package wire

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// blank is the padding byte of fixed-width character fields.
const blank = ' '

// decoder reads fixed-offset fields of one structure. Callers check the
// length with need before reading, so the accessors never go out of range.
type decoder struct {
	b    []byte
	o    binary.ByteOrder
	name string
}

func newDecoder(name string, b []byte, o binary.ByteOrder) decoder {
	return decoder{b: b, o: o, name: name}
}

// fail builds a *DecodeError for this structure.
func (d decoder) fail(off int, err error, format string, args ...any) error {
	return &DecodeError{Struct: d.name, Offset: off, Reason: fmt.Sprintf(format, args...), Err: err}
}

// need reports ErrTruncated when fewer than n bytes are available.
func (d decoder) need(n int) error {
	if len(d.b) < n {
		return d.fail(len(d.b), ErrTruncated, "need %d bytes, have %d", n, len(d.b))
	}
	return nil
}

// strucID checks the 4-byte structure id at off against its ASCII spelling
// or the EBCDIC equivalent. It reports whether the id was EBCDIC.
func (d decoder) strucID(off int, id string) (bool, error) {
	if err := d.need(off + 4); err != nil {
		return false, err
	}
	got := d.b[off : off+4]
	if string(got) == id {
		return false, nil
	}
	if isEBCDIC(got, id) {
		return true, nil
	}
	return false, d.fail(off, ErrBadStrucID, "want %q, have % x", id, got)
}

func (d decoder) u8(off int) uint8   { return d.b[off] }
func (d decoder) u16(off int) uint16 { return d.o.Uint16(d.b[off:]) }
func (d decoder) u32(off int) uint32 { return d.o.Uint32(d.b[off:]) }
func (d decoder) i32(off int) int32  { return int32(d.o.Uint32(d.b[off:])) }
func (d decoder) i64(off int) int64  { return int64(d.o.Uint64(d.b[off:])) }
func (d decoder) be32(off int) uint32 {
	return binary.BigEndian.Uint32(d.b[off:])
}

// str returns the n-byte character field at off without trailing blanks
// and NULs.
func (d decoder) str(off, n int) string {
	return trimField(d.b[off : off+n])
}

// raw copies len(dst) bytes at off into dst.
func (d decoder) raw(dst []byte, off int) { copy(dst, d.b[off:]) }

// trimField drops trailing blanks and NULs.
func trimField(b []byte) string {
	return intern(bytes.TrimRight(b, " \x00"))
}

// encoder writes fixed-offset fields into a preallocated buffer.
type encoder struct {
	b []byte
	o binary.ByteOrder
}

func newEncoder(n int, o binary.ByteOrder) encoder {
	return encoder{b: make([]byte, n), o: o}
}

func (e encoder) u8(off int, v uint8)   { e.b[off] = v }
func (e encoder) u16(off int, v uint16) { e.o.PutUint16(e.b[off:], v) }
func (e encoder) u32(off int, v uint32) { e.o.PutUint32(e.b[off:], v) }
func (e encoder) i32(off int, v int32)  { e.o.PutUint32(e.b[off:], uint32(v)) }
func (e encoder) i64(off int, v int64)  { e.o.PutUint64(e.b[off:], uint64(v)) }
func (e encoder) be32(off int, v uint32) {
	binary.BigEndian.PutUint32(e.b[off:], v)
}

// str writes s blank-padded (or truncated) to n bytes at off.
func (e encoder) str(off, n int, s string) { putField(e.b[off:off+n], s, blank) }

// strNUL writes s NUL-padded (or truncated) to n bytes at off.
func (e encoder) strNUL(off, n int, s string) { putField(e.b[off:off+n], s, 0) }

// raw copies src to off.
func (e encoder) raw(off int, src []byte) { copy(e.b[off:], src) }

// id writes a 4-character ASCII structure id at off.
func (e encoder) id(off int, id string) { copy(e.b[off:off+4], id) }

func putField(dst []byte, s string, pad byte) {
	n := copy(dst, s)
	for i := n; i < len(dst); i++ {
		dst[i] = pad
	}
}

// ebcdicID spells a structure id (upper-case letters, digits, blanks) in
// EBCDIC code page 500/037. Other characters map to 0, which never matches.
func ebcdicID(id string) []byte {
	out := make([]byte, len(id))
	for i := 0; i < len(id); i++ {
		out[i] = ebcdicChar(id[i])
	}
	return out
}

// isEBCDIC reports whether b spells id in EBCDIC, without allocating.
func isEBCDIC(b []byte, id string) bool {
	if len(b) != len(id) {
		return false
	}
	for i := 0; i < len(id); i++ {
		if b[i] != ebcdicChar(id[i]) {
			return false
		}
	}
	return true
}

func ebcdicChar(c byte) byte {
	switch {
	case c == ' ':
		return 0x40
	case c >= 'A' && c <= 'I':
		return 0xC1 + (c - 'A')
	case c >= 'J' && c <= 'R':
		return 0xD1 + (c - 'J')
	case c >= 'S' && c <= 'Z':
		return 0xE2 + (c - 'S')
	case c >= '0' && c <= '9':
		return 0xF0 + (c - '0')
	}
	return 0
}

// orderOf returns the byte order for a TSH byte-order flag.
func orderOf(bigEndian bool) binary.ByteOrder {
	if bigEndian {
		return binary.BigEndian
	}
	return binary.LittleEndian
}
