package wire

import "encoding/binary"

// DLHLength is the size of an MQDLH.
const DLHLength = 172

// MQDLH is the dead-letter header (version 1) that prefixes a message put
// to a dead-letter queue; the MD of such a message has format FmtDeadLetter.
type MQDLH struct {
	Reason         int32  // MQRC_* or MQFB_* explaining why
	DestQName      string // 48
	DestQMgrName   string // 48
	Encoding       int32  // of what follows
	CodedCharSetID int32
	Format         string // 8
	PutApplType    int32
	PutApplName    string // 28
	PutDate        string // 8
	PutTime        string // 8
}

// Marshal encodes the 172-byte DLH.
func (h *MQDLH) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(DLHLength, order)
	e.id(0, "DLH ")
	e.i32(4, 1)
	e.i32(8, h.Reason)
	e.str(12, 48, h.DestQName)
	e.str(60, 48, h.DestQMgrName)
	e.i32(108, h.Encoding)
	e.i32(112, h.CodedCharSetID)
	e.str(116, 8, h.Format)
	e.i32(124, h.PutApplType)
	e.str(128, 28, h.PutApplName)
	e.str(156, 8, h.PutDate)
	e.str(164, 8, h.PutTime)
	return e.b
}

// Unmarshal decodes a version 1 DLH and returns 172.
func (h *MQDLH) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQDLH", b, order)
	if _, err := d.strucID(0, "DLH "); err != nil {
		return 0, err
	}
	if err := d.need(DLHLength); err != nil {
		return 0, err
	}
	if v := d.i32(4); v != 1 {
		return 0, d.fail(4, ErrBadVersion, "version %d", v)
	}
	*h = MQDLH{
		Reason: d.i32(8), DestQName: d.str(12, 48), DestQMgrName: d.str(60, 48),
		Encoding: d.i32(108), CodedCharSetID: d.i32(112), Format: d.str(116, 8),
		PutApplType: d.i32(124), PutApplName: d.str(128, 28),
		PutDate: d.str(156, 8), PutTime: d.str(164, 8),
	}
	return DLHLength, nil
}
