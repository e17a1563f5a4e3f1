package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
)

func TestVerbBodiesRoundTrip(t *testing.T) {
	md, md2 := *sampleMD(1), *sampleMD(2)
	od := MQOD{Version: 1, ObjectType: 1, ObjectName: "Q1"}
	od4 := MQOD{Version: 4, ObjectType: 8, ObjectString: MQCHARV{VSOffset: 400, VSLength: 5, VSBufSize: 5, Value: "a/b/c"}}
	pmo := MQPMO{Version: 2, Options: 0x44}
	gmo := MQGMO{Version: 2, Options: 1, WaitInterval: -1, GroupStatus: ' ', SegmentStatus: ' ', Segmentation: ' '}
	for _, bo := range orders {
		t.Run(bo.name, func(t *testing.T) {
			enc := roundTrip(t, &OpenBody{OD: od, Options: 0x2010})
			checkTruncations[OpenBody](t, enc[bo.name], bo.o)
			roundTrip(t, &OpenBody{OD: od4, Options: 16, Extra: []byte("FOPA\x00\x00\x00\x01")})

			enc = roundTrip(t, &CloseBody{OD: od, Options: 1})
			checkTruncations[CloseBody](t, enc[bo.name], bo.o)

			enc = roundTrip(t, &PutBody{MD: md, PMO: pmo, Data: []byte("hello world")})
			checkTruncations[PutBody](t, enc[bo.name], bo.o)
			roundTrip(t, &PutBody{MD: md2, PMO: pmo})

			enc = roundTrip(t, &Put1Body{OD: od4, MD: md2, PMO: pmo, Data: []byte("x")})
			checkTruncations[Put1Body](t, enc[bo.name], bo.o)

			enc = roundTrip(t, &GetBody{MD: md, GMO: gmo, BufferLength: 4096})
			checkTruncations[GetBody](t, enc[bo.name], bo.o)

			enc = roundTrip(t, &GetReplyBody{MD: md2, GMO: gmo, Data: []byte("message")})
			checkTruncations[GetReplyBody](t, enc[bo.name], bo.o)
			roundTrip(t, &GetReplyBody{MD: md, GMO: gmo})
		})
	}
}

func TestInqBody(t *testing.T) {
	req := &InqBody{Selectors: []int32{20, 3, 2016}, IntAttrCount: 2, CharAttrLength: 48}
	reply := &InqBody{Selectors: []int32{20, 3, 2016}, IntAttrCount: 2, CharAttrLength: 48,
		IntAttrs: []int32{1, 42}, CharAttrs: padded("Q1", 48)}
	for _, bo := range orders {
		b := req.Marshal(bo.o)
		if len(b) != 12+12 {
			t.Errorf("%s request: %d bytes, want 24", bo.name, len(b))
		}
		roundTrip(t, req)
		enc := roundTrip(t, reply)[bo.name]
		if len(enc) != 12+12+8+48 {
			t.Errorf("%s reply: %d bytes", bo.name, len(enc))
		}
		// Cutting right after the selectors leaves a valid request.
		checkTruncations[InqBody](t, enc, bo.o, 24)
	}
	b := reply.Marshal(binary.LittleEndian)
	at(t, b, 0, join(le32(3), le32(2), le32(48), le32(20), le32(3), le32(2016), le32(1), le32(42)))
	at(t, b, 32, []byte("Q1  "))

	var got InqBody
	bad := join(le32(0x7FFFFFFF), le32(0), le32(0))
	if _, err := got.Unmarshal(bad, binary.LittleEndian); !errors.Is(err, ErrTruncated) {
		t.Errorf("huge selector count: %v", err)
	}
	if _, err := got.Unmarshal(join(le32(0), le32(0xFFFFFFFF), le32(0)), binary.LittleEndian); !errors.Is(err, ErrBadLength) {
		t.Errorf("negative count: %v", err)
	}
}

func TestDataLengthChecked(t *testing.T) {
	p := &PutBody{MD: MQMD{Version: 1}, PMO: MQPMO{Version: 1}, Data: []byte("abc")}
	b := p.Marshal(binary.LittleEndian)
	lenOff := MDLength1 + PMOLength1
	for _, n := range []uint32{4, 0x7FFFFFFF, 0xFFFFFFFF} {
		bad := bytes.Clone(b)
		binary.LittleEndian.PutUint32(bad[lenOff:], n)
		var got PutBody
		_, err := got.Unmarshal(bad, binary.LittleEndian)
		var de *DecodeError
		if !errors.As(err, &de) || de.Struct != "MQPUT" {
			t.Errorf("data length %#x: got %v, want an MQPUT DecodeError", n, err)
		}
	}
}

// TestMQPUTSegmentLayout builds a little-endian MQPUT the way a client
// does and checks the offsets tshark reads (TSHM, API header, MD, PMO,
// length, data).
func TestMQPUTSegmentLayout(t *testing.T) {
	order := binary.LittleEndian
	md := MQMD{Version: 1, MsgType: 8, Expiry: -1, Encoding: EncNative,
		CodedCharSetID: 1208, Format: FmtString, Persistence: 0}
	pmo := MQPMO{Version: 1, Options: 0x2004}
	data := []byte("Hello from gomqm")
	body := (&PutBody{MD: md, PMO: pmo, Data: data}).Marshal(order)
	seg := NewAPISegment(SegMQPUT, 1, 5, false, APIHeader{Hobj: 3}, body)
	b, err := seg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	total := 36 + 16 + 324 + 128 + 4 + len(data)
	if len(b) != total {
		t.Fatalf("segment is %d bytes, want %d", len(b), total)
	}
	at(t, b, 0, []byte("TSHM"))
	at(t, b, 4, be32(uint32(total)))
	at(t, b, 8, be32(1))
	at(t, b, 12, be32(5))
	at(t, b, 16, []byte{2, 0x86, 0x30, 0})
	at(t, b, 28, le32(546))
	at(t, b, 32, le16(819))
	at(t, b, 36, be32(uint32(total))) // API reply length, big-endian
	at(t, b, 40, le32(0))
	at(t, b, 44, le32(0))
	at(t, b, 48, le32(3))
	at(t, b, 52, []byte("MD  "))
	at(t, b, 56, le32(1))
	at(t, b, 52+32, []byte("MQSTR   "))
	at(t, b, 376, []byte("PMO "))
	at(t, b, 380, le32(1))
	at(t, b, 384, le32(0x2004))
	at(t, b, 504, le32(uint32(len(data))))
	at(t, b, 508, data)

	back, err := ParseSegment(b)
	if err != nil {
		t.Fatal(err)
	}
	hdr, rest, err := SplitAPI(back)
	if err != nil {
		t.Fatal(err)
	}
	want := APIHeader{ReplyLength: uint32(total), Hobj: 3}
	if hdr != want {
		t.Errorf("API header %+v, want %+v", hdr, want)
	}
	var got PutBody
	if _, err := got.Unmarshal(rest, back.Order()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, PutBody{MD: md, PMO: pmo, Data: data}) {
		t.Errorf("put body round trip: %+v", got)
	}
}

func TestAPISegmentHelpers(t *testing.T) {
	s := NewAPISegment(SegMQCONNReply, 1, 0, true, APIHeader{CompCode: 2, Reason: 2035, ReplyLength: 9999}, nil)
	if s.Encoding != EncBigEndian || !s.BigEndian || s.Flags1 != Flag1First|Flag1Last || !s.Multiplexed {
		t.Errorf("TSH %+v", s.TSH)
	}
	b, _ := s.MarshalBinary()
	at(t, b, 36, be32(9999)) // a caller's reply length is kept
	at(t, b, 40, be32(2))
	at(t, b, 44, be32(2035))

	if _, _, err := SplitAPI(&Segment{TSH: TSH{Type: SegHeartbeat}}); !errors.Is(err, ErrNotAPI) {
		t.Errorf("heartbeat: %v", err)
	}
	_, _, err := SplitAPI(&Segment{TSH: TSH{Type: SegMQDISC}, Body: []byte{1, 2, 3}})
	var de *DecodeError
	if !errors.As(err, &de) || !errors.Is(err, ErrTruncated) || de.Struct != "MQDISC.API" {
		t.Errorf("short MQDISC: %v", err)
	}
}
