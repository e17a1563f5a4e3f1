package wire

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"
)

const fuzzMaxSegment = 1 << 16

func FuzzReadSegment(f *testing.F) {
	for _, s := range []*Segment{
		{TSH: TSH{Type: SegInitialData, Encoding: EncNative, CCSID: 819}, Body: clientID().Marshal(binary.LittleEndian)},
		{TSH: TSH{Type: SegHeartbeat, BigEndian: true}},
		NewAPISegment(SegMQPUT, 1, 2, false, APIHeader{Hobj: 1},
			(&PutBody{MD: MQMD{Version: 1}, PMO: MQPMO{Version: 1}, Data: []byte("x")}).Marshal(binary.LittleEndian)),
	} {
		b, _ := s.MarshalBinary()
		f.Add(b)
		f.Add(append(b, b...))
	}
	f.Add([]byte("TSH \xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		for {
			seg, err := ReadSegment(r, fuzzMaxSegment)
			if err != nil {
				if err != io.EOF && !isFramingError(err) {
					t.Fatalf("unexpected error type: %v", err)
				}
				return
			}
			b, err := seg.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > fuzzMaxSegment {
				t.Fatalf("segment of %d bytes exceeds the limit", len(b))
			}
			back, err := ParseSegment(b)
			if err != nil {
				t.Fatalf("re-encoded segment does not parse: %v", err)
			}
			if back.TSH != seg.TSH || !bytes.Equal(back.Body, seg.Body) {
				t.Fatalf("re-encode changed the segment:\n%+v\n%+v", back.TSH, seg.TSH)
			}
		}
	})
}

func isFramingError(err error) bool {
	var de *DecodeError
	var le *SegmentLengthError
	return errors.As(err, &de) || errors.As(err, &le) || errors.Is(err, io.ErrUnexpectedEOF)
}

// fuzzDecoders lists a constructor per structure; the first fuzz byte picks
// one, the second the byte order.
func fuzzDecoders() []func() codec {
	return []func() codec{
		func() codec { return &InitialData{} }, func() codec { return &UserID{} },
		func() codec { return &Status{} }, func() codec { return &ResetData{} },
		func() codec { return &PingData{} }, func() codec { return &APIHeader{} },
		func() codec { return &ConnBody{} }, func() codec { return &MQMD{} },
		func() codec { return &MQMDE{} }, func() codec { return &MQOD{} },
		func() codec { return &MQPMO{} }, func() codec { return &MQGMO{} },
		func() codec { return &MQXQH{} }, func() codec { return &MSH{} },
		func() codec { return &MQDLH{} }, func() codec { return &MessageData{} },
		func() codec { return &OpenBody{} }, func() codec { return &CloseBody{} },
		func() codec { return &PutBody{} }, func() codec { return &Put1Body{} },
		func() codec { return &GetBody{} }, func() codec { return &GetReplyBody{} },
		func() codec { return &InqBody{} },
	}
}

// fuzzSeeds returns a valid encoding for each entry of fuzzDecoders.
func fuzzSeeds(o binary.ByteOrder) [][]byte {
	md, pmo, gmo := MQMD{Version: 2, Format: FmtString}, MQPMO{Version: 3}, MQGMO{Version: 4}
	od := MQOD{Version: 4, ObjectName: "Q", ObjectString: MQCHARV{Value: "t/s"}}
	seeds := []codec{
		clientID(), &UserID{Long: true, UserIdentifier: "u", SecurityID: []byte{1}},
		&Status{Code: 1, HasValue: true, Value: 2}, &ResetData{SeqNumber: 3},
		&PingData{Data: []byte("p")}, &APIHeader{ReplyLength: 1, Reason: 2033},
		&ConnBody{Size: 460, QMgrName: "QM1"}, &md,
		&MQMDE{Format: FmtString}, &od, &pmo, &gmo,
		&MQXQH{RemoteQName: "Q", MsgDesc: md}, &MSH{SeqNumber: 1},
		&MQDLH{Reason: 2085}, &MessageData{XQH: MQXQH{MsgDesc: md}, Data: []byte("d")},
		&OpenBody{OD: od, Options: 16, Extra: []byte("FCMI")}, &CloseBody{OD: od},
		&PutBody{MD: md, PMO: pmo, Data: []byte("d")}, &Put1Body{OD: od, MD: md, PMO: pmo},
		&GetBody{MD: md, GMO: gmo, BufferLength: 10}, &GetReplyBody{MD: md, GMO: gmo, Data: []byte("d")},
		&InqBody{Selectors: []int32{1, 2}, IntAttrs: []int32{3}, CharAttrs: []byte("ab")},
	}
	out := make([][]byte, len(seeds))
	for i, s := range seeds {
		out[i] = s.Marshal(o)
	}
	return out
}

// FuzzDecode feeds arbitrary bytes to every structure decoder. A decode
// must not panic, must not claim more bytes than it was given, and a
// re-encoding must decode to a fixed point.
func FuzzDecode(f *testing.F) {
	for oi, bo := range orders {
		for i, b := range fuzzSeeds(bo.o) {
			f.Add(append([]byte{byte(i), byte(oi)}, b...))
		}
	}
	decoders := fuzzDecoders()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		newV := decoders[int(data[0])%len(decoders)]
		o := orders[data[1]&1].o
		in := data[2:]
		v1 := newV()
		n, err := v1.Unmarshal(in, o)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%T: error is not a *DecodeError: %v", v1, err)
			}
			return
		}
		if n < 0 || n > len(in) {
			t.Fatalf("%T consumed %d of %d bytes", v1, n, len(in))
		}
		enc1 := v1.Marshal(o)
		v2 := newV()
		if n2, err := v2.Unmarshal(enc1, o); err != nil || n2 != len(enc1) {
			t.Fatalf("%T: re-encoding decodes to n=%d/%d, %v", v1, n2, len(enc1), err)
		}
		enc2 := v2.Marshal(o)
		v3 := newV()
		if _, err := v3.Unmarshal(enc2, o); err != nil {
			t.Fatalf("%T: second re-encoding: %v", v1, err)
		}
		if !bytes.Equal(enc1, enc2) || !reflect.DeepEqual(v2, v3) {
			t.Fatalf("%T: not a fixed point\n%+v\n%+v", v1, v2, v3)
		}
	})
}

// FuzzReadSegmentBuffered checks that reading through a bufio.Reader
// (whose header is peeked, not copied) frames a stream exactly as a
// plain reader does, and ends it the same way.
func FuzzReadSegmentBuffered(f *testing.F) {
	seg, _ := NewAPISegment(SegMQPUT, 1, 2, false, APIHeader{Hobj: 1},
		(&PutBody{MD: MQMD{Version: 1}, PMO: MQPMO{Version: 1}, Data: []byte("x")}).Marshal(binary.LittleEndian)).MarshalBinary()
	f.Add(seg)
	f.Add(append(seg, seg[:20]...))
	f.Add([]byte("TSH \x00\x00\x00\x1c"))
	f.Fuzz(func(t *testing.T, data []byte) {
		plain := bytes.NewReader(data)
		buffered := bufio.NewReaderSize(bytes.NewReader(data), 16)
		for {
			a, errA := ReadSegment(plain, fuzzMaxSegment)
			b, errB := ReadSegment(buffered, fuzzMaxSegment)
			if (errA == nil) != (errB == nil) || errors.Is(errA, io.EOF) != errors.Is(errB, io.EOF) ||
				errors.Is(errA, io.ErrUnexpectedEOF) != errors.Is(errB, io.ErrUnexpectedEOF) {
				t.Fatalf("plain reader: %v; buffered reader: %v", errA, errB)
			}
			if errA != nil {
				return
			}
			if a.TSH != b.TSH || !bytes.Equal(a.Body, b.Body) {
				t.Fatalf("plain reader: %+v; buffered reader: %+v", a.TSH, b.TSH)
			}
		}
	})
}
