package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"syscall"
)

// Header sizes.
const (
	TSHLength  = 28 // plain "TSH " (and "TSHC")
	TSHMLength = 36 // multiplexed "TSHM"
)

// Control flags 1 (TSH offset 10, TSHM offset 18).
const (
	Flag1ConfirmRequest  uint8 = 0x01
	Flag1Error           uint8 = 0x02
	Flag1RequestClose    uint8 = 0x04
	Flag1CloseChannel    uint8 = 0x08
	Flag1First           uint8 = 0x10 // first segment of a unit
	Flag1Last            uint8 = 0x20 // last segment of a unit
	Flag1RequestAccepted uint8 = 0x40
	Flag1DLQUsed         uint8 = 0x80
)

// Control flags 2 (TSH offset 11, TSHM offset 19).
const (
	Flag2HdrCompressed  uint8 = 0x01
	Flag2MsgCompressed  uint8 = 0x02
	Flag2CSH            uint8 = 0x04
	Flag2CommitInterval uint8 = 0x08
)

// MQENC values for the TSH and MD Encoding fields.
const (
	EncNative    int32 = 0x222 // 546: integers, decimals and floats reversed (x86, ARM64 Linux)
	EncBigEndian int32 = 0x111 // 273: all normal (big-endian)
	EncIntMask   int32 = 0x00F // integer part of an MQENC value
	EncIntNormal int32 = 0x001 // big-endian integers
	EncIntRevd   int32 = 0x002 // little-endian integers
)

// CCSIDs an ASCII peer commonly sends.
const (
	CCSIDISO88591 uint16 = 819
	CCSIDUTF8     uint16 = 1208
)

// byte-order byte values.
const (
	orderBig    = 1
	orderLittle = 2
)

// TSH is the transmission segment header that starts every segment.
type TSH struct {
	Multiplexed bool   // TSHM (36 bytes) instead of TSH (28)
	EBCDIC      bool   // structure id was (and is written) in EBCDIC
	ConvID      uint32 // TSHM only: conversation id, always big-endian
	RequestID   uint32 // TSHM only: request id, always big-endian
	BigEndian   bool   // byte-order byte: 1 = big-endian, 2 = little-endian
	Type        SegmentType
	Flags1      uint8
	Flags2      uint8
	LUWID       [8]byte
	Encoding    int32  // MQENC of the sender (EncNative for x86 little-endian)
	CCSID       uint16 // sender's CCSID; must be ASCII-compatible (819, 1208 ...)
}

// Len returns the header size: TSHMLength when multiplexed, else TSHLength.
func (h *TSH) Len() int {
	if h.Multiplexed {
		return TSHMLength
	}
	return TSHLength
}

// Segment is one FAP segment: its header and everything after it.
type Segment struct {
	TSH
	Body []byte
}

// Order returns the byte order the TSH byte-order byte selects for every
// integer of the segment except the always-big-endian ones.
func (s *Segment) Order() binary.ByteOrder { return orderOf(s.BigEndian) }

// ReadSegment reads one segment from r, framing it by the big-endian length
// at header offset 4. Lengths below the header size or above maxSize are
// rejected with a *SegmentLengthError before any body is allocated, so no
// more than maxSize bytes are ever allocated. maxSize must be at least
// TSHMLength. A clean end of stream before the first byte returns io.EOF
// unwrapped; a stream that ends inside a segment returns an error wrapping
// io.ErrUnexpectedEOF.
func ReadSegment(r io.Reader, maxSize int) (*Segment, error) {
	if maxSize < TSHMLength {
		return nil, ErrBadMaxSize
	}
	head, peeked, err := readHead(r)
	if err != nil {
		return nil, err
	}
	mux, _, err := tshKind(head[:4])
	if err != nil {
		return nil, err
	}
	hlen := TSHLength
	if mux {
		hlen = TSHMLength
	}
	length := binary.BigEndian.Uint32(head[4:])
	if uint64(length) < uint64(hlen) || uint64(length) > uint64(maxSize) {
		return nil, &SegmentLengthError{Length: uint64(length), Min: hlen, Max: maxSize}
	}
	buf := make([]byte, length)
	from := copy(buf, head)
	if peeked {
		from = 0 // the header is still in the reader
	}
	if _, err := io.ReadFull(r, buf[from:]); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("wire: read %d-byte segment: %w", length, err)
	}
	return ParseSegment(buf)
}

// readHead returns the first 8 bytes of a segment. From a bufio.Reader
// they are peeked (peeked is true: still to be read), which saves a heap
// copy per segment; from other readers they are read.
func readHead(r io.Reader) (head []byte, peeked bool, err error) {
	if br, ok := r.(*bufio.Reader); ok {
		head, err = br.Peek(8)
		if err == nil {
			return head, true, nil
		}
		if errors.Is(err, io.EOF) && br.Buffered() > 0 {
			err = io.ErrUnexpectedEOF
		}
	} else {
		head = make([]byte, 8)
		if _, err = io.ReadFull(r, head); err == nil {
			return head, false, nil
		}
	}
	if errors.Is(err, io.EOF) {
		return nil, false, io.EOF
	}
	return nil, false, fmt.Errorf("wire: read segment header: %w", err)
}

// ParseSegment decodes one complete segment held in b; the length field
// must equal len(b). The returned Body aliases b (nil when empty).
func ParseSegment(b []byte) (*Segment, error) {
	s := &Segment{}
	n, err := s.TSH.Unmarshal(b)
	if err != nil {
		return nil, err
	}
	length := binary.BigEndian.Uint32(b[4:])
	if uint64(length) != uint64(len(b)) {
		return nil, &DecodeError{Struct: "TSH", Offset: 4, Err: ErrBadLength,
			Reason: fmt.Sprintf("segment length %d, have %d bytes", length, len(b))}
	}
	s.Body = sub(b, n, len(b))
	return s, nil
}

// WriteSegment encodes s and sends it with exactly one Write call, so that
// peers reading once per step see whole segments.
func WriteSegment(w io.Writer, s *Segment) error {
	if c, ok := w.(vectorWriter); ok {
		// A socket takes the header and the body in one writev: no copy
		// of the body into a frame.
		hlen := s.TSH.Len()
		total := uint64(hlen) + uint64(len(s.Body))
		if total > math.MaxUint32 {
			return &SegmentLengthError{Length: total, Min: hlen, Max: math.MaxUint32}
		}
		hdr := make([]byte, hlen)
		s.TSH.put(hdr, uint32(total))
		bufs := net.Buffers{hdr, s.Body}
		n, err := bufs.WriteTo(c)
		if err != nil {
			return fmt.Errorf("wire: write %s segment: %w", s.Type, err)
		}
		if uint64(n) != total {
			return fmt.Errorf("wire: write %s segment: %w", s.Type, io.ErrShortWrite)
		}
		return nil
	}
	b, err := s.MarshalBinary()
	if err != nil {
		return err
	}
	n, err := w.Write(b)
	if err != nil {
		return fmt.Errorf("wire: write %s segment: %w", s.Type, err)
	}
	if n != len(b) {
		return fmt.Errorf("wire: write %s segment: %w", s.Type, io.ErrShortWrite)
	}
	return nil
}

// vectorWriter is a socket: net.Buffers writes to it with one writev.
type vectorWriter interface {
	io.Writer
	SyscallConn() (syscall.RawConn, error)
}

// MarshalBinary encodes the header (with the segment length filled in)
// followed by the body.
func (s *Segment) MarshalBinary() ([]byte, error) {
	hlen := s.TSH.Len()
	total := uint64(hlen) + uint64(len(s.Body))
	if total > math.MaxUint32 {
		return nil, &SegmentLengthError{Length: total, Min: hlen, Max: math.MaxUint32}
	}
	b := make([]byte, hlen, int(total))
	s.TSH.put(b, uint32(total))
	return append(b, s.Body...), nil
}

// UnmarshalBinary decodes a complete segment (see ParseSegment). Body
// aliases b.
func (s *Segment) UnmarshalBinary(b []byte) error {
	p, err := ParseSegment(b)
	if err != nil {
		return err
	}
	*s = *p
	return nil
}

// Unmarshal decodes the header at the start of b and returns its size. It
// does not check the segment length field against len(b).
func (h *TSH) Unmarshal(b []byte) (int, error) {
	d := newDecoder("TSH", b, binary.BigEndian)
	if err := d.need(8); err != nil {
		return 0, err
	}
	mux, ebcdic, err := tshKind(b[:4])
	if err != nil {
		return 0, err
	}
	*h = TSH{Multiplexed: mux, EBCDIC: ebcdic}
	base := 8
	if mux {
		base = 16
	}
	if err := d.need(base + 20); err != nil {
		return 0, err
	}
	if mux {
		h.ConvID, h.RequestID = d.be32(8), d.be32(12)
	}
	switch b[base] {
	case orderBig:
		h.BigEndian = true
	case orderLittle:
	default:
		return 0, d.fail(base, ErrBadByteOrder, "value %d", b[base])
	}
	d.o = orderOf(h.BigEndian)
	h.Type, h.Flags1, h.Flags2 = SegmentType(b[base+1]), b[base+2], b[base+3]
	d.raw(h.LUWID[:], base+4)
	h.Encoding, h.CCSID = d.i32(base+12), d.u16(base+16)
	return base + 20, nil
}

// put writes the header into b[:h.Len()] with the given segment length.
func (h *TSH) put(b []byte, length uint32) {
	e := encoder{b: b, o: orderOf(h.BigEndian)}
	id := "TSH "
	if h.Multiplexed {
		id = "TSHM"
	}
	if h.EBCDIC {
		e.raw(0, ebcdicID(id))
	} else {
		e.id(0, id)
	}
	e.be32(4, length)
	base := 8
	if h.Multiplexed {
		e.be32(8, h.ConvID)
		e.be32(12, h.RequestID)
		base = 16
	}
	e.u8(base, orderLittle)
	if h.BigEndian {
		e.u8(base, orderBig)
	}
	e.u8(base+1, uint8(h.Type))
	e.u8(base+2, h.Flags1)
	e.u8(base+3, h.Flags2)
	e.raw(base+4, h.LUWID[:])
	e.i32(base+12, h.Encoding)
	e.u16(base+16, h.CCSID)
	// base+18: two reserved bytes, left zero.
}

// tshKind classifies a header structure id: "TSH " and "TSHC" are plain,
// "TSHM" is multiplexed, each in ASCII or EBCDIC.
func tshKind(id []byte) (mux, ebcdic bool, err error) {
	for _, c := range []struct {
		id  string
		mux bool
	}{{"TSH ", false}, {"TSHC", false}, {"TSHM", true}} {
		if string(id) == c.id {
			return c.mux, false, nil
		}
		if isEBCDIC(id, c.id) {
			return c.mux, true, nil
		}
	}
	return false, false, &DecodeError{Struct: "TSH", Offset: 0, Err: ErrBadStrucID,
		Reason: fmt.Sprintf("have % x", id)}
}
