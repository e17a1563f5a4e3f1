package rlog

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// LSN is a log sequence number: the byte offset of a record header in
// the endless logical log. A record's position in the circular space is
// LSN modulo the space's capacity, so the LSN stored in each header
// tells a record of this lap from a stale one of an earlier lap.
type LSN uint64

// String formats the LSN the way IBM MQ prints log sequence numbers
// (four colon-separated 16-bit parts, e.g. <0:0:12:3456>).
func (n LSN) String() string {
	return fmt.Sprintf("<%d:%d:%d:%d>", n>>48, n>>32&0xffff, n>>16&0xffff, n&0xffff)
}

// Record is one replayed log record.
type Record struct {
	LSN  LSN
	Data []byte // a fresh copy, owned by the callee
}

// Record header layout (little endian), see the package doc.
const (
	headerSize    = 24
	recordMagic   = 0x4c514d47 // "GMQL"
	formatVersion = 1

	flagBegin  uint16 = 1 << 0 // first record of a batch
	flagEnd    uint16 = 1 << 1 // last record of a batch
	flagsKnown        = flagBegin | flagEnd

	offMagic   = 0
	offFlags   = 4
	offVersion = 6
	offLength  = 8
	offCRC     = 12
	offLSN     = 16
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// payloadCRC is the CRC32C of a record's payload; the record CRC
// continues it over the header.
func payloadCRC(p []byte) uint32 { return crc32.Checksum(p, castagnoli) }

// header is a decoded record header.
type header struct {
	flags  uint16
	length uint32
	crc    uint32
	lsn    LSN
}

// putHeader encodes h into b[:headerSize], computing the CRC over the
// payload (given as its CRC) followed by the header with a zero CRC
// field.
func putHeader(b []byte, flags uint16, length uint32, lsn LSN, pcrc uint32) {
	b = b[:headerSize]
	binary.LittleEndian.PutUint32(b[offMagic:], recordMagic)
	binary.LittleEndian.PutUint16(b[offFlags:], flags)
	binary.LittleEndian.PutUint16(b[offVersion:], formatVersion)
	binary.LittleEndian.PutUint32(b[offLength:], length)
	binary.LittleEndian.PutUint32(b[offCRC:], 0)
	binary.LittleEndian.PutUint64(b[offLSN:], uint64(lsn))
	binary.LittleEndian.PutUint32(b[offCRC:], crc32.Update(pcrc, castagnoli, b))
}

// parseHeader decodes b[:headerSize] and checks what can be checked
// without the payload: magic, version, flags, the LSN against the
// position it was read from, and the length against maxLen. It returns
// a reason when the header is not acceptable.
func parseHeader(b []byte, at LSN, maxLen int64) (header, string) {
	b = b[:headerSize]
	h := header{
		flags:  binary.LittleEndian.Uint16(b[offFlags:]),
		length: binary.LittleEndian.Uint32(b[offLength:]),
		crc:    binary.LittleEndian.Uint32(b[offCRC:]),
		lsn:    LSN(binary.LittleEndian.Uint64(b[offLSN:])),
	}
	switch {
	case binary.LittleEndian.Uint32(b[offMagic:]) != recordMagic:
		return h, "bad record magic"
	case binary.LittleEndian.Uint16(b[offVersion:]) != formatVersion:
		return h, "unknown record version"
	case h.flags&^flagsKnown != 0:
		return h, "unknown record flags"
	case h.lsn != at:
		return h, fmt.Sprintf("record carries LSN %v", h.lsn)
	case int64(h.length) > maxLen:
		return h, fmt.Sprintf("record length %d too large", h.length)
	}
	return h, ""
}

// checkCRC verifies the record CRC of a header (raw bytes) and payload.
func checkCRC(hdr []byte, h header, payload []byte) bool {
	var tmp [headerSize]byte
	copy(tmp[:], hdr)
	binary.LittleEndian.PutUint32(tmp[offCRC:], 0)
	return crc32.Update(payloadCRC(payload), castagnoli, tmp[:]) == h.crc
}

// roundUp rounds n up to a multiple of PageSize.
func roundUp(n int64) int64 { return (n + PageSize - 1) &^ (PageSize - 1) }
