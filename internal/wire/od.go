package wire

import "encoding/binary"

// MQOD lengths by version, as laid out on the wire (4-byte pointer fields).
const (
	ODLength1 = 168
	ODLength2 = 200
	ODLength3 = 336
	ODLength4 = 400
)

// CharVLength is the size of an MQCHARV.
const CharVLength = 20

// MQCHARV describes a variable-length string. On decode, Value holds the
// string when VSOffset and VSLength point inside the bytes that follow the
// fixed part of the structure.
type MQCHARV struct {
	VSPtr     int32
	VSOffset  int32 // from the start of the containing structure
	VSBufSize int32
	VSLength  int32
	VSCCSID   int32
	Value     string
}

// MQOD is the object descriptor, versions 1-4.
//
// VSOffset is taken to be relative to the start of the MQOD, as in IBM's
// MQI definition of MQCHARV; where real clients place the strings on the
// wire is not established. Marshal appends each non-empty Value after the
// fixed part and sets VSOffset, VSLength and (if smaller) VSBufSize to
// match; Unmarshal reads them back and counts them in the bytes consumed.
type MQOD struct {
	Version             int32 // 1-4; see Marshal
	ObjectType          int32
	ObjectName          string // 48
	ObjectQMgrName      string // 48
	DynamicQName        string // 48
	AlternateUserID     string // 12
	RecsPresent         int32  // v2
	KnownDestCount      int32
	UnknownDestCount    int32
	InvalidDestCount    int32
	ObjectRecOffset     int32
	ResponseRecOffset   int32
	ObjectRecPtr        int32
	ResponseRecPtr      int32
	AlternateSecurityID [40]byte // v3
	ResolvedQName       string   // 48
	ResolvedQMgrName    string   // 48
	ObjectString        MQCHARV  // v4
	SelectionString     MQCHARV
	ResObjectString     MQCHARV
	ResolvedType        int32
}

// odSizes lists the OD length of each version, version 1 first.
func odSizes() []int { return []int{ODLength1, ODLength2, ODLength3, ODLength4} }

// Marshal encodes the OD at the layout of its version (below 1 is written
// as 1, above 4 as 4), followed by the MQCHARV strings of a version 4 OD.
func (od *MQOD) Marshal(order binary.ByteOrder) []byte {
	v := clampVersion(od.Version, 4)
	n := odSizes()[v-1]
	e := newEncoder(n, order)
	e.id(0, "OD  ")
	e.i32(4, v)
	e.i32(8, od.ObjectType)
	e.str(12, 48, od.ObjectName)
	e.str(60, 48, od.ObjectQMgrName)
	e.str(108, 48, od.DynamicQName)
	e.str(156, 12, od.AlternateUserID)
	if v >= 2 {
		od.put2(e)
	}
	if v >= 3 {
		e.raw(200, od.AlternateSecurityID[:])
		e.str(240, 48, od.ResolvedQName)
		e.str(288, 48, od.ResolvedQMgrName)
	}
	if v < 4 {
		return e.b
	}
	e.i32(396, od.ResolvedType)
	b := e.b
	for i, cv := range od.charVs() {
		b = putCharV(b, 336+i*CharVLength, cv, order)
	}
	return b
}

func (od *MQOD) put2(e encoder) {
	for i, f := range []int32{od.RecsPresent, od.KnownDestCount, od.UnknownDestCount,
		od.InvalidDestCount, od.ObjectRecOffset, od.ResponseRecOffset,
		od.ObjectRecPtr, od.ResponseRecPtr} {
		e.i32(168+4*i, f)
	}
}

func (od *MQOD) charVs() []*MQCHARV {
	return []*MQCHARV{&od.ObjectString, &od.SelectionString, &od.ResObjectString}
}

// putCharV writes cv at off in b; a non-empty Value is appended to b.
func putCharV(b []byte, off int, cv *MQCHARV, order binary.ByteOrder) []byte {
	c := *cv
	if c.Value != "" {
		c.VSOffset, c.VSLength = int32(len(b)), int32(len(c.Value))
		c.VSBufSize = max(c.VSBufSize, c.VSLength)
		b = append(b, c.Value...)
	}
	e := encoder{b: b, o: order}
	e.i32(off, c.VSPtr)
	e.i32(off+4, c.VSOffset)
	e.i32(off+8, c.VSBufSize)
	e.i32(off+12, c.VSLength)
	e.i32(off+16, c.VSCCSID)
	return b
}

// Unmarshal decodes an OD of version 1-4 and returns the bytes consumed:
// the fixed part plus any MQCHARV strings it points to.
func (od *MQOD) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQOD", b, order)
	if _, err := d.strucID(0, "OD  "); err != nil {
		return 0, err
	}
	n, err := versionSize(d, odSizes()...)
	if err != nil {
		return 0, err
	}
	*od = MQOD{
		Version: d.i32(4), ObjectType: d.i32(8), ObjectName: d.str(12, 48),
		ObjectQMgrName: d.str(60, 48), DynamicQName: d.str(108, 48),
		AlternateUserID: d.str(156, 12),
	}
	if n >= ODLength2 {
		od.get2(d)
	}
	if n >= ODLength3 {
		d.raw(od.AlternateSecurityID[:], 200)
		od.ResolvedQName, od.ResolvedQMgrName = d.str(240, 48), d.str(288, 48)
	}
	if n < ODLength4 {
		return n, nil
	}
	od.ResolvedType = d.i32(396)
	end := n
	for i, cv := range od.charVs() {
		e, err := getCharV(d, 336+i*CharVLength, n, cv)
		if err != nil {
			return 0, err
		}
		end = max(end, e)
	}
	return end, nil
}

func (od *MQOD) get2(d decoder) {
	fs := []*int32{&od.RecsPresent, &od.KnownDestCount, &od.UnknownDestCount,
		&od.InvalidDestCount, &od.ObjectRecOffset, &od.ResponseRecOffset,
		&od.ObjectRecPtr, &od.ResponseRecPtr}
	for i, f := range fs {
		*f = d.i32(168 + 4*i)
	}
}

// getCharV decodes the MQCHARV at off. When it has a positive offset and
// length, the string must lie at or after fixed (the end of the fixed part)
// and inside b. It returns the end of the string (or 0).
func getCharV(d decoder, off, fixed int, cv *MQCHARV) (int, error) {
	*cv = MQCHARV{VSPtr: d.i32(off), VSOffset: d.i32(off + 4),
		VSBufSize: d.i32(off + 8), VSLength: d.i32(off + 12), VSCCSID: d.i32(off + 16)}
	if cv.VSOffset == 0 || cv.VSLength <= 0 {
		return 0, nil
	}
	start, end := int64(cv.VSOffset), int64(cv.VSOffset)+int64(cv.VSLength)
	if start < int64(fixed) {
		return 0, d.fail(off+4, ErrBadLength, "string offset %d inside the fixed part", start)
	}
	if end > int64(len(d.b)) {
		return 0, d.fail(off+4, ErrTruncated, "string at %d..%d, have %d bytes",
			start, end, len(d.b))
	}
	cv.Value = string(d.b[start:end])
	return int(end), nil
}
