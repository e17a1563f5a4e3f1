package wire

import "encoding/binary"

// MQPMO lengths by version, as laid out on the wire (4-byte pointer fields).
const (
	PMOLength1 = 128
	PMOLength2 = 152
	PMOLength3 = 176
)

// MQPMO is the put-message options structure, versions 1-3.
type MQPMO struct {
	Version           int32 // 1-3; see Marshal
	Options           int32
	Timeout           int32
	Context           int32 // object handle supplying context
	KnownDestCount    int32
	UnknownDestCount  int32
	InvalidDestCount  int32
	ResolvedQName     string // 48
	ResolvedQMgrName  string // 48
	RecsPresent       int32  // v2
	PutMsgRecFields   int32
	PutMsgRecOffset   int32
	ResponseRecOffset int32
	PutMsgRecPtr      int32
	ResponseRecPtr    int32
	OriginalMsgHandle int64 // v3
	NewMsgHandle      int64
	Action            int32
	PubLevel          int32
}

func pmoSizes() []int { return []int{PMOLength1, PMOLength2, PMOLength3} }

// Marshal encodes the PMO at the layout of its version (below 1 is
// written as 1, above 3 as 3).
func (p *MQPMO) Marshal(order binary.ByteOrder) []byte { return p.AppendTo(nil, order) }

// AppendTo appends the encoded PMO to dst and returns the extended slice.
func (p *MQPMO) AppendTo(dst []byte, order binary.ByteOrder) []byte {
	v := clampVersion(p.Version, 3)
	start := len(dst)
	dst = grow(dst, pmoSizes()[v-1])
	e := encoder{b: dst[start:], o: order}
	e.id(0, "PMO ")
	e.i32(4, v)
	for i, f := range []int32{p.Options, p.Timeout, p.Context,
		p.KnownDestCount, p.UnknownDestCount, p.InvalidDestCount} {
		e.i32(8+4*i, f)
	}
	e.str(32, 48, p.ResolvedQName)
	e.str(80, 48, p.ResolvedQMgrName)
	if v >= 2 {
		for i, f := range []int32{p.RecsPresent, p.PutMsgRecFields, p.PutMsgRecOffset,
			p.ResponseRecOffset, p.PutMsgRecPtr, p.ResponseRecPtr} {
			e.i32(128+4*i, f)
		}
	}
	if v >= 3 {
		e.i64(152, p.OriginalMsgHandle)
		e.i64(160, p.NewMsgHandle)
		e.i32(168, p.Action)
		e.i32(172, p.PubLevel)
	}
	return dst
}

// Unmarshal decodes a PMO of version 1-3 and returns its size.
func (p *MQPMO) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQPMO", b, order)
	if _, err := d.strucID(0, "PMO "); err != nil {
		return 0, err
	}
	n, err := versionSize(d, pmoSizes()...)
	if err != nil {
		return 0, err
	}
	*p = MQPMO{Version: d.i32(4), ResolvedQName: d.str(32, 48), ResolvedQMgrName: d.str(80, 48)}
	for i, f := range []*int32{&p.Options, &p.Timeout, &p.Context,
		&p.KnownDestCount, &p.UnknownDestCount, &p.InvalidDestCount} {
		*f = d.i32(8 + 4*i)
	}
	if n >= PMOLength2 {
		for i, f := range []*int32{&p.RecsPresent, &p.PutMsgRecFields, &p.PutMsgRecOffset,
			&p.ResponseRecOffset, &p.PutMsgRecPtr, &p.ResponseRecPtr} {
			*f = d.i32(128 + 4*i)
		}
	}
	if n >= PMOLength3 {
		p.OriginalMsgHandle, p.NewMsgHandle = d.i64(152), d.i64(160)
		p.Action, p.PubLevel = d.i32(168), d.i32(172)
	}
	return n, nil
}
