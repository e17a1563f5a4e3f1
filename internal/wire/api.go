package wire

import (
	"encoding/binary"
	"fmt"
)

// APIHeaderLength is the size of the API header that starts the body of
// every MQI verb segment.
const APIHeaderLength = 16

// APIHeader starts the body of MQI verb segments (types 0x81-0x9F).
type APIHeader struct {
	ReplyLength uint32 // always big-endian
	CompCode    int32  // MQCC_*
	Reason      int32  // MQRC_*
	Hobj        int32  // object handle
}

// Marshal encodes the 16-byte header.
func (h *APIHeader) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(APIHeaderLength, order)
	e.be32(0, h.ReplyLength)
	e.i32(4, h.CompCode)
	e.i32(8, h.Reason)
	e.i32(12, h.Hobj)
	return e.b
}

// Unmarshal decodes the header and returns 16.
func (h *APIHeader) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("API", b, order)
	if err := d.need(APIHeaderLength); err != nil {
		return 0, err
	}
	*h = APIHeader{ReplyLength: d.be32(0), CompCode: d.i32(4), Reason: d.i32(8), Hobj: d.i32(12)}
	return APIHeaderLength, nil
}

// NewAPISegment builds a complete single-segment MQI request or reply: a
// TSHM with the given conversation and request ids, FIRST|LAST flags,
// Encoding and CCSID 819 matching the byte order, then hdr and body. When
// hdr.ReplyLength is 0 it is set to the total segment length (what clients
// send on MQCONN); a non-zero value is kept.
func NewAPISegment(t SegmentType, conv, req uint32, bigEndian bool, hdr APIHeader, body []byte) *Segment {
	s := &Segment{TSH: TSH{
		Multiplexed: true, ConvID: conv, RequestID: req, BigEndian: bigEndian,
		Type: t, Flags1: Flag1First | Flag1Last,
		Encoding: EncNative, CCSID: CCSIDISO88591,
	}}
	if bigEndian {
		s.Encoding = EncBigEndian
	}
	if hdr.ReplyLength == 0 {
		hdr.ReplyLength = uint32(TSHMLength + APIHeaderLength + len(body))
	}
	s.Body = append(hdr.Marshal(s.Order()), body...)
	return s
}

// SplitAPI decodes the API header of an MQI verb segment and returns it
// with the verb body that follows (aliasing s.Body). It does not reassemble
// multi-segment units: pass the segment that has Flag1First set, or a body
// the caller has joined.
func SplitAPI(s *Segment) (APIHeader, []byte, error) {
	var h APIHeader
	if !s.Type.IsAPI() {
		return h, nil, fmt.Errorf("%w: %s", ErrNotAPI, s.Type)
	}
	n, err := h.Unmarshal(s.Body, s.Order())
	if err != nil {
		return h, nil, wrapAt(err, s.Type.String(), 0)
	}
	return h, s.Body[n:], nil
}
