package wire

import "encoding/binary"

// MQMD lengths.
const (
	MDLength1 = 324
	MDLength2 = 364
)

// MQMDE length.
const MDELength = 72

// Format names (MQFMT_*), as Go strings without the blank padding.
const (
	FmtNone       = ""
	FmtAdmin      = "MQADMIN" // PCF command or response
	FmtDeadLetter = "MQDEAD"  // MQDLH follows
	FmtEvent      = "MQEVENT"
	FmtMDE        = "MQHMDE" // MQMDE follows
	FmtPCF        = "MQPCF"
	FmtString     = "MQSTR"
	FmtXmitQ      = "MQXMIT" // MQXQH follows
)

// MQMD is the message descriptor, version 1 (324 bytes) or 2 (364).
type MQMD struct {
	Version          int32 // 1 or 2; see Marshal
	Report           int32
	MsgType          int32
	Expiry           int32 // tenths of a second, -1 unlimited
	Feedback         int32
	Encoding         int32 // of the data that follows
	CodedCharSetID   int32
	Format           string // 8
	Priority         int32
	Persistence      int32
	MsgID            [24]byte
	CorrelID         [24]byte
	BackoutCount     int32
	ReplyToQ         string // 48
	ReplyToQMgr      string // 48
	UserIdentifier   string // 12
	AccountingToken  [32]byte
	ApplIdentityData string // 32
	PutApplType      int32
	PutApplName      string   // 28
	PutDate          string   // 8, YYYYMMDD
	PutTime          string   // 8, HHMMSSTH
	ApplOriginData   string   // 4
	GroupID          [24]byte // v2
	MsgSeqNumber     int32    // v2
	Offset           int32    // v2
	MsgFlags         int32    // v2
	OriginalLength   int32    // v2
}

// clampVersion maps v into [1, max].
func clampVersion(v, max int32) int32 {
	if v < 1 {
		return 1
	}
	if v > max {
		return max
	}
	return v
}

// Len returns the encoded size for the MD's version (see Marshal).
func (m *MQMD) Len() int {
	if clampVersion(m.Version, 2) == 2 {
		return MDLength2
	}
	return MDLength1
}

// Marshal encodes the MD. A Version below 1 is written as 1 and above 2 as
// 2; the v2 fields are written only for version 2.
func (m *MQMD) Marshal(order binary.ByteOrder) []byte { return m.AppendTo(nil, order) }

// AppendTo appends the encoded MD to dst and returns the extended slice.
func (m *MQMD) AppendTo(dst []byte, order binary.ByteOrder) []byte {
	v := clampVersion(m.Version, 2)
	start := len(dst)
	dst = grow(dst, m.Len())
	e := encoder{b: dst[start:], o: order}
	e.id(0, "MD  ")
	e.i32(4, v)
	e.i32(8, m.Report)
	e.i32(12, m.MsgType)
	e.i32(16, m.Expiry)
	e.i32(20, m.Feedback)
	e.i32(24, m.Encoding)
	e.i32(28, m.CodedCharSetID)
	e.str(32, 8, m.Format)
	e.i32(40, m.Priority)
	e.i32(44, m.Persistence)
	e.raw(48, m.MsgID[:])
	e.raw(72, m.CorrelID[:])
	e.i32(96, m.BackoutCount)
	e.str(100, 48, m.ReplyToQ)
	e.str(148, 48, m.ReplyToQMgr)
	m.putContext(e)
	if v == 2 {
		e.raw(324, m.GroupID[:])
		e.i32(348, m.MsgSeqNumber)
		e.i32(352, m.Offset)
		e.i32(356, m.MsgFlags)
		e.i32(360, m.OriginalLength)
	}
	return dst
}

func (m *MQMD) putContext(e encoder) {
	e.str(196, 12, m.UserIdentifier)
	e.raw(208, m.AccountingToken[:])
	e.str(240, 32, m.ApplIdentityData)
	e.i32(272, m.PutApplType)
	e.str(276, 28, m.PutApplName)
	e.str(304, 8, m.PutDate)
	e.str(312, 8, m.PutTime)
	e.str(320, 4, m.ApplOriginData)
}

// Unmarshal decodes a version 1 or 2 MD and returns its size.
func (m *MQMD) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQMD", b, order)
	if _, err := d.strucID(0, "MD  "); err != nil {
		return 0, err
	}
	n, err := versionSize(d, MDLength1, MDLength2)
	if err != nil {
		return 0, err
	}
	*m = MQMD{
		Version: d.i32(4), Report: d.i32(8), MsgType: d.i32(12),
		Expiry: d.i32(16), Feedback: d.i32(20), Encoding: d.i32(24),
		CodedCharSetID: d.i32(28), Format: d.str(32, 8),
		Priority: d.i32(40), Persistence: d.i32(44),
		BackoutCount: d.i32(96), ReplyToQ: d.str(100, 48),
		ReplyToQMgr: d.str(148, 48),
	}
	d.raw(m.MsgID[:], 48)
	d.raw(m.CorrelID[:], 72)
	m.getContext(d)
	if n == MDLength2 {
		d.raw(m.GroupID[:], 324)
		m.MsgSeqNumber, m.Offset = d.i32(348), d.i32(352)
		m.MsgFlags, m.OriginalLength = d.i32(356), d.i32(360)
	}
	return n, nil
}

func (m *MQMD) getContext(d decoder) {
	m.UserIdentifier = d.str(196, 12)
	d.raw(m.AccountingToken[:], 208)
	m.ApplIdentityData = d.str(240, 32)
	m.PutApplType = d.i32(272)
	m.PutApplName = d.str(276, 28)
	m.PutDate = d.str(304, 8)
	m.PutTime = d.str(312, 8)
	m.ApplOriginData = d.str(320, 4)
}

// versionSize reads the version word at offset 4 and returns the size
// sizes[version-1], checking that b holds it.
func versionSize(d decoder, sizes ...int) (int, error) {
	if err := d.need(8); err != nil {
		return 0, err
	}
	v := d.i32(4)
	if v < 1 || int64(v) > int64(len(sizes)) {
		return 0, d.fail(4, ErrBadVersion, "version %d", v)
	}
	n := sizes[v-1]
	if err := d.need(n); err != nil {
		return 0, err
	}
	return n, nil
}

// MQMDE is the message descriptor extension (72 bytes, version 2) that
// carries the MD v2 fields after an MD v1, e.g. on transmission queues.
// Its StrucLength is always written as 72.
type MQMDE struct {
	Encoding       int32 // of the data that follows
	CodedCharSetID int32
	Format         string // 8
	Flags          int32
	GroupID        [24]byte
	MsgSeqNumber   int32
	Offset         int32
	MsgFlags       int32
	OriginalLength int32
}

// Marshal encodes the 72-byte MDE.
func (m *MQMDE) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(MDELength, order)
	e.id(0, "MDE ")
	e.i32(4, 2)
	e.i32(8, MDELength)
	e.i32(12, m.Encoding)
	e.i32(16, m.CodedCharSetID)
	e.str(20, 8, m.Format)
	e.i32(28, m.Flags)
	e.raw(32, m.GroupID[:])
	e.i32(56, m.MsgSeqNumber)
	e.i32(60, m.Offset)
	e.i32(64, m.MsgFlags)
	e.i32(68, m.OriginalLength)
	return e.b
}

// Unmarshal decodes an MDE. It accepts StrucLength values of 72 or more
// (a later version may be longer) and returns StrucLength.
func (m *MQMDE) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQMDE", b, order)
	if _, err := d.strucID(0, "MDE "); err != nil {
		return 0, err
	}
	if err := d.need(MDELength); err != nil {
		return 0, err
	}
	n := d.i32(8)
	if n < MDELength {
		return 0, d.fail(8, ErrBadLength, "StrucLength %d", n)
	}
	if int64(n) > int64(len(b)) {
		return 0, d.fail(8, ErrTruncated, "StrucLength %d, have %d bytes", n, len(b))
	}
	*m = MQMDE{
		Encoding: d.i32(12), CodedCharSetID: d.i32(16), Format: d.str(20, 8),
		Flags: d.i32(28), MsgSeqNumber: d.i32(56), Offset: d.i32(60),
		MsgFlags: d.i32(64), OriginalLength: d.i32(68),
	}
	d.raw(m.GroupID[:], 32)
	return int(n), nil
}
