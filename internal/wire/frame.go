package wire

import (
	"math"
)

// AppendAPISegment appends to dst the segment NewAPISegment would build
// (TSHM, API header, body) in its encoded form, ready for one Write, and
// returns the extended slice. Reusing dst between calls saves building
// a Segment and copying the body twice.
func AppendAPISegment(dst []byte, t SegmentType, conv, req uint32, bigEndian bool, hdr APIHeader, body []byte) ([]byte, error) {
	total := uint64(TSHMLength) + APIHeaderLength + uint64(len(body))
	if total > math.MaxUint32 {
		return dst, &SegmentLengthError{Length: total, Min: TSHMLength, Max: math.MaxUint32}
	}
	h := TSH{
		Multiplexed: true, ConvID: conv, RequestID: req, BigEndian: bigEndian,
		Type: t, Flags1: Flag1First | Flag1Last,
		Encoding: EncNative, CCSID: CCSIDISO88591,
	}
	if bigEndian {
		h.Encoding = EncBigEndian
	}
	if hdr.ReplyLength == 0 {
		hdr.ReplyLength = uint32(total)
	}
	start := len(dst)
	dst = grow(dst, TSHMLength+APIHeaderLength)
	h.put(dst[start:], uint32(total))
	e := encoder{b: dst[start+TSHMLength:], o: orderOf(bigEndian)}
	e.be32(0, hdr.ReplyLength)
	e.i32(4, hdr.CompCode)
	e.i32(8, hdr.Reason)
	e.i32(12, hdr.Hobj)
	return append(dst, body...), nil
}

// grow extends b by n zero bytes.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), 2*cap(b)+n)
		copy(nb, b)
		b = nb
	}
	b = b[:len(b)+n]
	clear(b[len(b)-n:])
	return b
}
