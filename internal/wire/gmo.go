package wire

import "encoding/binary"

// MQGMO lengths by version.
const (
	GMOLength1 = 72
	GMOLength2 = 80
	GMOLength3 = 100
	GMOLength4 = 112
)

// MQGMO is the get-message options structure, versions 1-4.
type MQGMO struct {
	Version        int32 // 1-4; see Marshal
	Options        int32
	WaitInterval   int32 // milliseconds, -1 unlimited
	Signal1        int32
	Signal2        int32
	ResolvedQName  string   // 48
	MatchOptions   int32    // v2
	GroupStatus    byte     // v2: MQGS_* character
	SegmentStatus  byte     // v2: MQSS_* character
	Segmentation   byte     // v2: MQSEG_* character
	Reserved1      byte     // v2
	MsgToken       [16]byte // v3
	ReturnedLength int32    // v3
	Reserved2      int32    // v4
	MsgHandle      int64    // v4
}

func gmoSizes() []int { return []int{GMOLength1, GMOLength2, GMOLength3, GMOLength4} }

// Marshal encodes the GMO at the layout of its version (below 1 is
// written as 1, above 4 as 4).
func (g *MQGMO) Marshal(order binary.ByteOrder) []byte { return g.AppendTo(nil, order) }

// AppendTo appends the encoded GMO to dst and returns the extended slice.
func (g *MQGMO) AppendTo(dst []byte, order binary.ByteOrder) []byte {
	v := clampVersion(g.Version, 4)
	start := len(dst)
	dst = grow(dst, gmoSizes()[v-1])
	e := encoder{b: dst[start:], o: order}
	e.id(0, "GMO ")
	e.i32(4, v)
	e.i32(8, g.Options)
	e.i32(12, g.WaitInterval)
	e.i32(16, g.Signal1)
	e.i32(20, g.Signal2)
	e.str(24, 48, g.ResolvedQName)
	if v >= 2 {
		e.i32(72, g.MatchOptions)
		e.raw(76, []byte{g.GroupStatus, g.SegmentStatus, g.Segmentation, g.Reserved1})
	}
	if v >= 3 {
		e.raw(80, g.MsgToken[:])
		e.i32(96, g.ReturnedLength)
	}
	if v >= 4 {
		e.i32(100, g.Reserved2)
		e.i64(104, g.MsgHandle)
	}
	return dst
}

// Unmarshal decodes a GMO of version 1-4 and returns its size.
func (g *MQGMO) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("MQGMO", b, order)
	if _, err := d.strucID(0, "GMO "); err != nil {
		return 0, err
	}
	n, err := versionSize(d, gmoSizes()...)
	if err != nil {
		return 0, err
	}
	*g = MQGMO{
		Version: d.i32(4), Options: d.i32(8), WaitInterval: d.i32(12),
		Signal1: d.i32(16), Signal2: d.i32(20), ResolvedQName: d.str(24, 48),
	}
	if n >= GMOLength2 {
		g.MatchOptions = d.i32(72)
		g.GroupStatus, g.SegmentStatus = d.u8(76), d.u8(77)
		g.Segmentation, g.Reserved1 = d.u8(78), d.u8(79)
	}
	if n >= GMOLength3 {
		d.raw(g.MsgToken[:], 80)
		g.ReturnedLength = d.i32(96)
	}
	if n >= GMOLength4 {
		g.Reserved2, g.MsgHandle = d.i32(100), d.i64(104)
	}
	return n, nil
}
