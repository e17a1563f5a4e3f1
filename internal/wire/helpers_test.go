package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand"
	"reflect"
	"testing"
)

// codec is what every body structure implements, through its pointer.
type codec interface {
	Marshal(order binary.ByteOrder) []byte
	Unmarshal(b []byte, order binary.ByteOrder) (int, error)
}

// orders lists both byte orders with a name for subtests.
var orders = []struct {
	name string
	o    binary.ByteOrder
}{{"LE", binary.LittleEndian}, {"BE", binary.BigEndian}}

// roundTrip encodes in, decodes it into a fresh value and checks that the
// result equals in and that all bytes were consumed. It returns the
// encoding in each order.
func roundTrip[T any, P interface {
	*T
	codec
}](t *testing.T, in P) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, bo := range orders {
		b := in.Marshal(bo.o)
		got := P(new(T))
		n, err := got.Unmarshal(b, bo.o)
		if err != nil {
			t.Fatalf("%s: Unmarshal(Marshal(%+v)): %v", bo.name, *in, err)
		}
		if n != len(b) {
			t.Errorf("%s: consumed %d of %d bytes", bo.name, n, len(b))
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("%s: round trip mismatch\n got %+v\nwant %+v", bo.name, *got, *in)
		}
		out[bo.name] = b
	}
	return out
}

// checkTruncations decodes every proper prefix of b and expects a
// *DecodeError for each, except the lengths listed in ok (prefixes that
// are themselves valid shorter forms).
func checkTruncations[T any, P interface {
	*T
	codec
}](t *testing.T, b []byte, o binary.ByteOrder, ok ...int) {
	t.Helper()
	for l := 0; l < len(b); l++ {
		var v P = new(T)
		_, err := v.Unmarshal(b[:l:l], o)
		if contains(ok, l) {
			if err != nil {
				t.Errorf("prefix %d (a valid shorter form): %v", l, err)
			}
			continue
		}
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("prefix %d of %d: want *DecodeError, got %v", l, len(b), err)
		}
	}
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// at asserts that b holds want at off.
func at(t *testing.T, b []byte, off int, want []byte) {
	t.Helper()
	if off+len(want) > len(b) {
		t.Errorf("offset %d: buffer has only %d bytes", off, len(b))
		return
	}
	if got := b[off : off+len(want)]; !bytes.Equal(got, want) {
		t.Errorf("offset %d: got % x (%q), want % x (%q)", off, got, got, want, want)
	}
}

// le32, be32, le16, be16 spell integers for golden assertions.
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func le16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

// padded returns s blank-padded to n bytes.
func padded(s string, n int) []byte {
	return append([]byte(s), bytes.Repeat([]byte{' '}, n-len(s))...)
}

// randStr returns printable ASCII of up to n bytes that survives the
// blank-padding round trip (no trailing blank).
func randStr(r *rand.Rand, n int) string {
	b := make([]byte, r.Intn(n+1))
	for i := range b {
		b[i] = byte(' ' + r.Intn(95))
	}
	return string(bytes.TrimRight(b, " "))
}

func randBytes(r *rand.Rand, dst []byte) { r.Read(dst) }

func randI32(r *rand.Rand) int32 { return int32(r.Uint32()) }

func randMD(r *rand.Rand) MQMD {
	m := MQMD{
		Version: 1 + r.Int31n(2), Report: randI32(r), MsgType: randI32(r),
		Expiry: randI32(r), Feedback: randI32(r), Encoding: randI32(r),
		CodedCharSetID: randI32(r), Format: randStr(r, 8), Priority: randI32(r),
		Persistence: randI32(r), BackoutCount: randI32(r),
		ReplyToQ: randStr(r, 48), ReplyToQMgr: randStr(r, 48),
		UserIdentifier: randStr(r, 12), ApplIdentityData: randStr(r, 32),
		PutApplType: randI32(r), PutApplName: randStr(r, 28),
		PutDate: randStr(r, 8), PutTime: randStr(r, 8), ApplOriginData: randStr(r, 4),
	}
	randBytes(r, m.MsgID[:])
	randBytes(r, m.CorrelID[:])
	randBytes(r, m.AccountingToken[:])
	if m.Version == 2 {
		randBytes(r, m.GroupID[:])
		m.MsgSeqNumber, m.Offset = randI32(r), randI32(r)
		m.MsgFlags, m.OriginalLength = randI32(r), randI32(r)
	}
	return m
}

func randOD(r *rand.Rand) MQOD {
	od := MQOD{
		Version: 1 + r.Int31n(4), ObjectType: randI32(r), ObjectName: randStr(r, 48),
		ObjectQMgrName: randStr(r, 48), DynamicQName: randStr(r, 48),
		AlternateUserID: randStr(r, 12),
	}
	if od.Version >= 2 {
		for _, f := range []*int32{&od.RecsPresent, &od.KnownDestCount,
			&od.UnknownDestCount, &od.InvalidDestCount, &od.ObjectRecOffset,
			&od.ResponseRecOffset, &od.ObjectRecPtr, &od.ResponseRecPtr} {
			*f = randI32(r)
		}
	}
	if od.Version >= 3 {
		randBytes(r, od.AlternateSecurityID[:])
		od.ResolvedQName, od.ResolvedQMgrName = randStr(r, 48), randStr(r, 48)
	}
	if od.Version == 4 {
		od.ResolvedType = randI32(r)
		next := int32(ODLength4)
		for _, cv := range od.charVs() {
			*cv = randCharV(r, &next)
		}
	}
	return od
}

// randCharV returns an MQCHARV in the canonical form Marshal produces: a
// non-empty Value sits at *next (which advances) with a matching length.
func randCharV(r *rand.Rand, next *int32) MQCHARV {
	cv := MQCHARV{VSPtr: randI32(r), VSCCSID: randI32(r), Value: randStr(r, 30)}
	if cv.Value == "" {
		cv.VSBufSize = randI32(r)
		return cv
	}
	cv.VSOffset, cv.VSLength = *next, int32(len(cv.Value))
	cv.VSBufSize = cv.VSLength + r.Int31n(10)
	*next += cv.VSLength
	return cv
}

func randPMO(r *rand.Rand) MQPMO {
	p := MQPMO{
		Version: 1 + r.Int31n(3), Options: randI32(r), Timeout: randI32(r),
		Context: randI32(r), KnownDestCount: randI32(r),
		UnknownDestCount: randI32(r), InvalidDestCount: randI32(r),
		ResolvedQName: randStr(r, 48), ResolvedQMgrName: randStr(r, 48),
	}
	if p.Version >= 2 {
		p.RecsPresent, p.PutMsgRecFields = randI32(r), randI32(r)
		p.PutMsgRecOffset, p.ResponseRecOffset = randI32(r), randI32(r)
		p.PutMsgRecPtr, p.ResponseRecPtr = randI32(r), randI32(r)
	}
	if p.Version == 3 {
		p.OriginalMsgHandle, p.NewMsgHandle = r.Int63()-r.Int63(), r.Int63()
		p.Action, p.PubLevel = randI32(r), randI32(r)
	}
	return p
}

func randGMO(r *rand.Rand) MQGMO {
	g := MQGMO{
		Version: 1 + r.Int31n(4), Options: randI32(r), WaitInterval: randI32(r),
		Signal1: randI32(r), Signal2: randI32(r), ResolvedQName: randStr(r, 48),
	}
	if g.Version >= 2 {
		g.MatchOptions = randI32(r)
		g.GroupStatus, g.SegmentStatus = byte(r.Intn(256)), byte(r.Intn(256))
		g.Segmentation, g.Reserved1 = byte(r.Intn(256)), byte(r.Intn(256))
	}
	if g.Version >= 3 {
		randBytes(r, g.MsgToken[:])
		g.ReturnedLength = randI32(r)
	}
	if g.Version == 4 {
		g.Reserved2, g.MsgHandle = randI32(r), r.Int63()
	}
	return g
}

func randID(r *rand.Rand) InitialData {
	levels := []uint8{1, 3, 4, 8, 9, 10, 11, 12, 13, 255}
	id := InitialData{
		FapLevel: levels[r.Intn(len(levels))], CapFlags1: uint8(r.Intn(256)),
		ECapFlags1: uint8(r.Intn(256)), IniErrFlags1: uint8(r.Intn(256)),
		MaxMsgsPerBatch: uint16(r.Intn(65536)), MaxTransmissionSize: r.Uint32(),
		MaxMsgSize: r.Uint32(), SeqWrap: r.Uint32(), ChannelName: randStr(r, 20),
	}
	n := IDLength(id.FapLevel)
	if n >= IDLengthFAP4 {
		id.CapFlags2, id.ECapFlags2 = uint8(r.Intn(256)), uint8(r.Intn(256))
		id.CCSID, id.QMgrName = uint16(r.Intn(65536)), randStr(r, 48)
		id.HeartbeatInterval, id.EFLLength = r.Uint32(), uint16(r.Intn(65536))
	}
	if n >= IDLengthFAP9 {
		id.IniErrFlags2 = uint8(r.Intn(256))
		randBytes(r, id.HdrCompList[:])
		randBytes(r, id.MsgCompList[:])
		id.SSLKeyResetCount, id.ConvPerSocket = r.Uint32(), r.Uint32()
		id.CapFlags3, id.ECapFlags3 = uint8(r.Intn(256)), uint8(r.Intn(256))
		id.ProcessID, id.ThreadID, id.TraceID = r.Uint32(), r.Uint32(), r.Uint32()
		id.ProductID, id.MQMID = randStr(r, 12), randStr(r, 48)
	}
	if n >= IDLengthFAP11 {
		randBytes(r, id.PAL[:])
		randBytes(r, id.R[:])
	}
	return id
}
