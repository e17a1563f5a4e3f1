package wire

import "encoding/binary"

// Message-channel header lengths.
const (
	MSHLength = 20
	XQHLength = 104 // without the embedded MD
)

// MQXQH is the transmission-queue header: the destination at the partner
// queue manager plus the MD of the original message. IBM declares the
// embedded MD as version 1; a version 2 MD is accepted and written when
// MsgDesc.Version says so (send an MQMDE after a v1 MD for IBM peers).
type MQXQH struct {
	RemoteQName    string // 48
	RemoteQMgrName string // 48
	MsgDesc        MQMD
}

// Len returns the encoded size: 104 plus the MD.
func (x *MQXQH) Len() int { return XQHLength + x.MsgDesc.Len() }

// Marshal encodes the XQH (version 1) followed by its MD.
func (x *MQXQH) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(XQHLength, order)
	e.id(0, "XQH ")
	e.i32(4, 1)
	e.str(8, 48, x.RemoteQName)
	e.str(56, 48, x.RemoteQMgrName)
	return append(e.b, x.MsgDesc.Marshal(order)...)
}

// Unmarshal decodes an XQH and its MD and returns their combined size.
func (x *MQXQH) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQXQH", b, order)
	if _, err := d.strucID(0, "XQH "); err != nil {
		return 0, err
	}
	if err := d.need(XQHLength); err != nil {
		return 0, err
	}
	if v := d.i32(4); v != 1 {
		return 0, d.fail(4, ErrBadVersion, "version %d", v)
	}
	*x = MQXQH{RemoteQName: d.str(8, 48), RemoteQMgrName: d.str(56, 48)}
	n, err := x.MsgDesc.Unmarshal(b[XQHLength:], order)
	if err != nil {
		return 0, wrapAt(err, "MQXQH", XQHLength)
	}
	return XQHLength + n, nil
}

// MSH is the message segment header that starts a MESSAGE_DATA body.
type MSH struct {
	SeqNumber     uint32 // message sequence number on the channel
	BufferLength  int32  // bytes of the message in this segment [inferred]
	Unknown1      int32  // meaning unknown; carried through
	MessageLength int32  // XQH + MD + headers + data
}

// Marshal encodes the 20-byte MSH.
func (m *MSH) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(MSHLength, order)
	e.id(0, "MSH ")
	e.u32(4, m.SeqNumber)
	e.i32(8, m.BufferLength)
	e.i32(12, m.Unknown1)
	e.i32(16, m.MessageLength)
	return e.b
}

// Unmarshal decodes an MSH and returns 20.
func (m *MSH) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MSH", b, order)
	if _, err := d.strucID(0, "MSH "); err != nil {
		return 0, err
	}
	if err := d.need(MSHLength); err != nil {
		return 0, err
	}
	*m = MSH{SeqNumber: d.u32(4), BufferLength: d.i32(8), Unknown1: d.i32(12),
		MessageLength: d.i32(16)}
	return MSHLength, nil
}

// MessageData is the body of a single-segment MESSAGE_DATA segment: MSH,
// XQH with its MD, then the message data (further MQ headers such as an
// MQMDE or MQDLH, then user data, as MsgDesc.Format says).
//
// How a message larger than the negotiated transmission size is split over
// several segments is not established; this type handles the case where
// the whole message fits one segment.
type MessageData struct {
	MSH  MSH // Marshal fills in BufferLength and MessageLength
	XQH  MQXQH
	Data []byte // aliases the input after Unmarshal
}

// Marshal encodes the body, setting MSH.BufferLength and MSH.MessageLength
// to the length of XQH + MD + Data.
func (m *MessageData) Marshal(order binary.ByteOrder) []byte {
	msgLen := m.XQH.Len() + len(m.Data)
	msh := m.MSH
	msh.BufferLength, msh.MessageLength = int32(msgLen), int32(msgLen)
	b := make([]byte, 0, MSHLength+msgLen)
	b = append(b, msh.Marshal(order)...)
	b = append(b, m.XQH.Marshal(order)...)
	return append(b, m.Data...)
}

// Unmarshal decodes the body; the message ends MSH.MessageLength bytes
// after the MSH, which must lie inside b and cover the XQH and MD.
func (m *MessageData) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	var msh MSH
	if _, err := msh.Unmarshal(b, order); err != nil {
		return 0, err
	}
	d := newDecoder("MSH", b, order)
	ml := int64(msh.MessageLength)
	if ml < 0 {
		return 0, d.fail(16, ErrBadLength, "message length %d", ml)
	}
	if MSHLength+ml > int64(len(b)) {
		return 0, d.fail(16, ErrTruncated, "message length %d, have %d bytes",
			ml, len(b)-MSHLength)
	}
	end := MSHLength + int(ml)
	var x MQXQH
	n, err := x.Unmarshal(b[MSHLength:end], order)
	if err != nil {
		return 0, wrapAt(err, "MESSAGE_DATA", MSHLength)
	}
	*m = MessageData{MSH: msh, XQH: x, Data: sub(b, MSHLength+n, end)}
	return end, nil
}

// sub returns b[i:j], or nil when it is empty.
func sub(b []byte, i, j int) []byte {
	if i >= j {
		return nil
	}
	return b[i:j:j]
}
