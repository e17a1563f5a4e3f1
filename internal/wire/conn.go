package wire

import "encoding/binary"

// Sizes of the MQCONN / MQCONN_REPLY body; the dissector decodes only
// these exact sizes.
const (
	ConnLength120 = 120 // no FCNO
	ConnLength260 = 260 // FCNO with connection tag
	ConnLength332 = 332 // 260 + product id + MQM id
	ConnLength460 = 460 // 260 + returned connection tag + product id + MQM id
)

// MQCONN "Options" values.
const (
	ConnOptMQCONN  int32 = 1
	ConnOptMQCONNX int32 = 3
)

// DefaultFCNOVersion is written when ConnBody.FCNOVersion is 0.
const DefaultFCNOVersion = 2

// ConnBody is the body of MQCONN and MQCONN_REPLY after the API header. It
// has no structure id of its own; its layout follows from its size.
type ConnBody struct {
	Size            int    // 120, 260 (default when 0), 332 or 460
	QMgrName        string // 48
	ApplName        string // 28
	ApplType        int32  // MQAT_*
	AccountingToken [32]byte
	Options         int32 // ConnOptMQCONN or ConnOptMQCONNX
	XOptions        int32 // MQCNO_* options
	FCNOVersion     int32 // sizes >= 260; 0 is written as DefaultFCNOVersion
	FCNOOptions     int32 // FCNO capability flags; meaning not established
	ConnTag         [128]byte
	RetConnTag      [128]byte // size 460
	ProductID       string    // 24, sizes 332 and 460
	MQMID           string    // 48, sizes 332 and 460
}

func validConnSize(n int) bool {
	switch n {
	case ConnLength120, ConnLength260, ConnLength332, ConnLength460:
		return true
	}
	return false
}

// Marshal encodes the body at c.Size bytes; a Size that is not one of the
// four allowed values is treated as 260.
func (c *ConnBody) Marshal(order binary.ByteOrder) []byte {
	n := c.Size
	if !validConnSize(n) {
		n = ConnLength260
	}
	e := newEncoder(n, order)
	e.str(0, 48, c.QMgrName)
	e.str(48, 28, c.ApplName)
	e.i32(76, c.ApplType)
	e.raw(80, c.AccountingToken[:])
	e.i32(112, c.Options)
	e.i32(116, c.XOptions)
	if n == ConnLength120 {
		return e.b
	}
	e.id(120, "FCNO")
	v := c.FCNOVersion
	if v == 0 {
		v = DefaultFCNOVersion
	}
	e.i32(124, v)
	e.i32(128, c.FCNOOptions)
	e.raw(132, c.ConnTag[:])
	off := ConnLength260
	if n == ConnLength460 {
		e.raw(off, c.RetConnTag[:])
		off += 128
	}
	if n > ConnLength260 {
		e.str(off, 24, c.ProductID)
		e.str(off+24, 48, c.MQMID)
	}
	return e.b
}

// Unmarshal decodes a body whose length, len(b), must be exactly 120, 260,
// 332 or 460 (the body fills the rest of the segment).
func (c *ConnBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("CONN", b, order)
	n := len(b)
	if !validConnSize(n) {
		return 0, d.fail(0, ErrBadLength, "size %d is not 120, 260, 332 or 460", n)
	}
	*c = ConnBody{
		Size: n, QMgrName: d.str(0, 48), ApplName: d.str(48, 28),
		ApplType: d.i32(76), Options: d.i32(112), XOptions: d.i32(116),
	}
	d.raw(c.AccountingToken[:], 80)
	if n == ConnLength120 {
		return n, nil
	}
	if _, err := d.strucID(120, "FCNO"); err != nil {
		return 0, err
	}
	c.FCNOVersion, c.FCNOOptions = d.i32(124), d.i32(128)
	d.raw(c.ConnTag[:], 132)
	off := ConnLength260
	if n == ConnLength460 {
		d.raw(c.RetConnTag[:], off)
		off += 128
	}
	if n > ConnLength260 {
		c.ProductID, c.MQMID = d.str(off, 24), d.str(off+24, 48)
	}
	return n, nil
}
