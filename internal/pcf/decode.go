package pcf

import "encoding/binary"

// paramReader decodes one parameter structure s (exactly StrucLength
// bytes) that starts at offset base of the message.
type paramReader struct {
	s    []byte
	o    binary.ByteOrder
	base int
	name string
}

func (r paramReader) i32(off int) int32 { return int32(r.o.Uint32(r.s[off:])) }

func (r paramReader) fail(off int, err error, format string, args ...any) error {
	return fail(r.name, r.base+off, err, format, args...)
}

// need checks that the structure's fixed part fits its StrucLength.
func (r paramReader) need(n int) error {
	if len(r.s) < n {
		return r.fail(4, ErrBadLength, "StrucLength %d below the fixed %d", len(r.s), n)
	}
	return nil
}

// span checks that count items of size bytes starting at off fit the
// structure and returns the end offset.
func (r paramReader) span(off int, count, size int32, field int) (int, error) {
	if count < 0 || size < 0 {
		return 0, r.fail(field, ErrBadLength, "negative length %d", min(count, size))
	}
	end := int64(off) + int64(count)*int64(size)
	if end > int64(len(r.s)) {
		return 0, r.fail(field, ErrBadLength, "data of %d bytes exceeds StrucLength %d",
			end-int64(off), len(r.s))
	}
	return int(end), nil
}

// decodeParam decodes the parameter at b[off:] and returns it with its
// StrucLength.
func decodeParam(b []byte, off int, o binary.ByteOrder) (Param, int, error) {
	rest := b[off:]
	if len(rest) < 12 {
		return nil, 0, fail("parameter", off, ErrTruncated, "need 12 bytes, have %d", len(rest))
	}
	typ, length := int32(o.Uint32(rest)), int32(o.Uint32(rest[4:]))
	if length < 12 {
		return nil, 0, fail("parameter", off+4, ErrBadLength, "StrucLength %d", length)
	}
	if int64(length) > int64(len(rest)) {
		return nil, 0, fail("parameter", off+4, ErrTruncated, "StrucLength %d, have %d bytes", length, len(rest))
	}
	r := paramReader{s: rest[:length:length], o: o, base: off}
	p, err := r.decode(typ)
	return p, int(length), err
}

func (r paramReader) decode(typ int32) (Param, error) {
	switch typ {
	case CFTInteger:
		r.name = "MQCFIN"
		return r.cfin()
	case CFTString:
		r.name = "MQCFST"
		return r.cfst()
	case CFTIntegerList:
		r.name = "MQCFIL"
		return r.cfil()
	case CFTStringList:
		r.name = "MQCFSL"
		return r.cfsl()
	case CFTByteString:
		r.name = "MQCFBS"
		return r.cfbs()
	}
	return Unknown{StrucType: typ, Parameter: r.i32(8), Data: clone(r.s[12:])}, nil
}

func (r paramReader) cfin() (Param, error) {
	if err := r.need(CFINLength); err != nil {
		return nil, err
	}
	return CFIN{Parameter: r.i32(8), Value: r.i32(12)}, nil
}

func (r paramReader) cfst() (Param, error) {
	if err := r.need(CFSTLengthFixed); err != nil {
		return nil, err
	}
	end, err := r.span(CFSTLengthFixed, r.i32(16), 1, 16)
	if err != nil {
		return nil, err
	}
	return CFST{Parameter: r.i32(8), CCSID: r.i32(12), String: string(r.s[CFSTLengthFixed:end])}, nil
}

func (r paramReader) cfil() (Param, error) {
	if err := r.need(CFILLengthFixed); err != nil {
		return nil, err
	}
	count := r.i32(12)
	if _, err := r.span(CFILLengthFixed, count, 4, 12); err != nil {
		return nil, err
	}
	p := CFIL{Parameter: r.i32(8)}
	for i := range int(count) {
		p.Values = append(p.Values, r.i32(CFILLengthFixed+4*i))
	}
	return p, nil
}

func (r paramReader) cfsl() (Param, error) {
	if err := r.need(CFSLLengthFixed); err != nil {
		return nil, err
	}
	count, width := r.i32(16), r.i32(20)
	if _, err := r.span(CFSLLengthFixed, count, width, 16); err != nil {
		return nil, err
	}
	if width == 0 && count > 0 {
		// Refused so that a tiny structure cannot demand a huge list.
		return nil, r.fail(20, ErrBadLength, "%d strings of length 0", count)
	}
	p := CFSL{Parameter: r.i32(8), CCSID: r.i32(12)}
	for i := range int(count) {
		at := CFSLLengthFixed + i*int(width)
		p.Strings = append(p.Strings, trimBlanks(r.s[at:at+int(width)]))
	}
	return p, nil
}

func (r paramReader) cfbs() (Param, error) {
	if err := r.need(CFBSLengthFixed); err != nil {
		return nil, err
	}
	end, err := r.span(CFBSLengthFixed, r.i32(12), 1, 12)
	if err != nil {
		return nil, err
	}
	return CFBS{Parameter: r.i32(8), Value: clone(r.s[CFBSLengthFixed:end])}, nil
}

// clone copies b, returning nil for an empty slice.
func clone(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}
