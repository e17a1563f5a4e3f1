package wire

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestTSHGolden(t *testing.T) {
	luw := [8]byte{1, 2, 3, 4, 5, 6, 7, 8}
	tests := []struct {
		name string
		seg  Segment
		want []byte
	}{{
		name: "TSH little-endian heartbeat",
		seg: Segment{TSH: TSH{Type: SegHeartbeat, Flags1: Flag1ConfirmRequest,
			LUWID: luw, Encoding: EncNative, CCSID: 819}},
		want: join([]byte("TSH "), be32(28), []byte{2, 0x09, 0x01, 0x00},
			luw[:], le32(0x222), le16(819), []byte{0, 0}),
	}, {
		name: "TSH big-endian status with body",
		seg: Segment{TSH: TSH{BigEndian: true, Type: SegStatusData, Flags1: Flag1Error,
			Encoding: EncBigEndian, CCSID: 1208}, Body: []byte{0, 0, 0, 8, 0, 0, 0, 1}},
		want: join([]byte("TSH "), be32(36), []byte{1, 0x05, 0x02, 0x00},
			make([]byte, 8), be32(0x111), be16(1208), []byte{0, 0},
			[]byte{0, 0, 0, 8, 0, 0, 0, 1}),
	}, {
		name: "TSHM little-endian keeps ids big-endian",
		seg: Segment{TSH: TSH{Multiplexed: true, ConvID: 1, RequestID: 0x01020304,
			Type: SegMQCONN, Flags1: Flag1First | Flag1Last, Flags2: Flag2CommitInterval,
			Encoding: EncNative, CCSID: 819}, Body: []byte("xy")},
		want: join([]byte("TSHM"), be32(38), be32(1), be32(0x01020304),
			[]byte{2, 0x81, 0x30, 0x08}, make([]byte, 8), le32(0x222), le16(819),
			[]byte{0, 0}, []byte("xy")),
	}, {
		name: "EBCDIC TSHM",
		seg:  Segment{TSH: TSH{Multiplexed: true, EBCDIC: true, BigEndian: true, Type: SegHeartbeat}},
		want: join([]byte{0xE3, 0xE2, 0xC8, 0xD4}, be32(36), be32(0), be32(0),
			[]byte{1, 0x09, 0, 0}, make([]byte, 16)),
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.seg.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("MarshalBinary\n got % x\nwant % x", got, tc.want)
			}
			back, err := ParseSegment(got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*back, tc.seg) {
				t.Errorf("ParseSegment\n got %+v\nwant %+v", *back, tc.seg)
			}
		})
	}
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestParseSegmentVariants(t *testing.T) {
	seg := &Segment{TSH: TSH{Type: SegHeartbeat}}
	b, _ := seg.MarshalBinary()

	tshc := append([]byte("TSHC"), b[4:]...)
	s, err := ParseSegment(tshc)
	if err != nil || s.Multiplexed || s.Type != SegHeartbeat {
		t.Errorf("TSHC: got %+v, %v; want a plain heartbeat", s, err)
	}
	ebcdic := append([]byte{0xE3, 0xE2, 0xC8, 0x40}, b[4:]...)
	if s, err = ParseSegment(ebcdic); err != nil || !s.EBCDIC {
		t.Errorf("EBCDIC TSH: got %+v, %v", s, err)
	}

	bad := bytes.Clone(b)
	bad[8] = 3
	if _, err := ParseSegment(bad); !errors.Is(err, ErrBadByteOrder) {
		t.Errorf("byte order 3: got %v, want ErrBadByteOrder", err)
	}
	if _, err := ParseSegment(append(bytes.Clone(b), 0)); !errors.Is(err, ErrBadLength) {
		t.Errorf("length field short of buffer: got %v, want ErrBadLength", err)
	}
	if _, err := ParseSegment(append([]byte("TSX "), b[4:]...)); !errors.Is(err, ErrBadStrucID) {
		t.Errorf("bad id: got %v, want ErrBadStrucID", err)
	}
}

func TestReadSegmentStream(t *testing.T) {
	var buf bytes.Buffer
	in := []*Segment{
		{TSH: TSH{Type: SegInitialData, Flags1: Flag1ConfirmRequest}, Body: []byte("ID  body")},
		{TSH: TSH{Multiplexed: true, ConvID: 1, RequestID: 7, BigEndian: true, Type: SegMQPUT}, Body: make([]byte, 1000)},
		{TSH: TSH{Type: SegHeartbeat}},
	}
	for _, s := range in {
		if err := WriteSegment(&buf, s); err != nil {
			t.Fatal(err)
		}
	}
	// Deliver one byte per Read to prove framing does not depend on Read sizes.
	r := io.Reader(&oneByteReader{r: &buf})
	for i, want := range in {
		got, err := ReadSegment(r, 4096)
		if err != nil {
			t.Fatalf("segment %d: %v", i, err)
		}
		if got.TSH != want.TSH || !bytes.Equal(got.Body, want.Body) {
			t.Errorf("segment %d: got %+v, want %+v", i, got.TSH, want.TSH)
		}
	}
	if _, err := ReadSegment(r, 4096); err != io.EOF {
		t.Errorf("after last segment: got %v, want io.EOF", err)
	}
}

type oneByteReader struct{ r io.Reader }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestReadSegmentLengthLimits(t *testing.T) {
	tests := []struct {
		name   string
		head   []byte
		max    int
		target error
	}{
		{"below TSH", join([]byte("TSH "), be32(27)), 100, ErrSegmentTooShort},
		{"TSHM shorter than 36", join([]byte("TSHM"), be32(30)), 100, ErrSegmentTooShort},
		{"over max", join([]byte("TSH "), be32(101)), 100, ErrSegmentTooLarge},
		{"huge", join([]byte("TSH "), be32(0xFFFFFFFF)), 1 << 20, ErrSegmentTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The reader would block forever if ReadSegment tried to read a body.
			_, err := ReadSegment(bytes.NewReader(tc.head), tc.max)
			var le *SegmentLengthError
			if !errors.As(err, &le) || !errors.Is(err, tc.target) {
				t.Fatalf("got %v, want *SegmentLengthError wrapping %v", err, tc.target)
			}
			if le.Max != tc.max {
				t.Errorf("Max = %d, want %d", le.Max, tc.max)
			}
		})
	}
	if _, err := ReadSegment(strings.NewReader(""), 35); !errors.Is(err, ErrBadMaxSize) {
		t.Errorf("max 35: got %v, want ErrBadMaxSize", err)
	}
	seg, _ := (&Segment{TSH: TSH{Type: SegHeartbeat}, Body: []byte("abcd")}).MarshalBinary()
	if _, err := ReadSegment(bytes.NewReader(seg[:30]), 100); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut segment: got %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := ReadSegment(bytes.NewReader(seg[:5]), 100); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut header: got %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := ReadSegment(bytes.NewReader(append([]byte("XXXX"), seg[4:]...)), 100); !errors.Is(err, ErrBadStrucID) {
		t.Errorf("bad id: got %v, want ErrBadStrucID", err)
	}
}

// countingWriter records each Write call.
type countingWriter struct {
	writes [][]byte
	short  bool
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	if w.short {
		return len(p) - 1, nil
	}
	return len(p), nil
}

func TestWriteSegmentSingleWrite(t *testing.T) {
	w := &countingWriter{}
	s := &Segment{TSH: TSH{Type: SegMQPUT, Multiplexed: true}, Body: make([]byte, 5000)}
	if err := WriteSegment(w, s); err != nil {
		t.Fatal(err)
	}
	if len(w.writes) != 1 || len(w.writes[0]) != TSHMLength+5000 {
		t.Fatalf("got %d writes (first %d bytes), want one of %d", len(w.writes), len(w.writes[0]), TSHMLength+5000)
	}
	w = &countingWriter{short: true}
	if err := WriteSegment(w, s); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("short write: got %v, want io.ErrShortWrite", err)
	}
}

func TestTSHUnmarshalTruncated(t *testing.T) {
	for _, mux := range []bool{false, true} {
		b, _ := (&Segment{TSH: TSH{Multiplexed: mux, Type: SegHeartbeat}}).MarshalBinary()
		for l := 0; l < len(b); l++ {
			var h TSH
			if _, err := h.Unmarshal(b[:l]); !errors.Is(err, ErrTruncated) {
				t.Errorf("mux=%v prefix %d: got %v, want ErrTruncated", mux, l, err)
			}
			if _, err := ParseSegment(b[:l]); err == nil {
				t.Errorf("mux=%v ParseSegment prefix %d: no error", mux, l)
			}
		}
	}
}

func TestSegmentTypeString(t *testing.T) {
	tests := map[SegmentType]string{
		SegInitialData: "INITIAL_DATA", SegUserIDData: "USERID_DATA",
		SegMQCONN: "MQCONN", SegMQCONNReply: "MQCONN_REPLY",
		SegMQPUT.Reply(): "MQPUT_REPLY", SegMQSUBRQReply: "MQSUBRQ_REPLY",
		SegXAStart: "XA_START", SegXAComplete.Reply(): "XA_COMPLETE_REPLY",
		0x90: "Unknown (0x90)", 0x00: "Unknown (0x00)",
	}
	for typ, want := range tests {
		if got := typ.String(); got != want {
			t.Errorf("%#x: got %q, want %q", uint8(typ), got, want)
		}
	}
	if SegMQCONN.Reply() != 0x91 || SegHeartbeat.Reply() != SegHeartbeat {
		t.Error("Reply() must add 0x10 to verbs only")
	}
	if !SegMQGETReply.IsAPI() || SegMessageData.IsAPI() || SegXAStart.IsAPI() || SegmentType(0x90).IsAPI() {
		t.Error("IsAPI misclassifies")
	}
}

// TestReadSegmentBuffered reads through a bufio.Reader (as sessions do),
// where the header is peeked instead of copied: framing, a clean end, a
// cut header and a cut body behave as with any other reader.
func TestReadSegmentBuffered(t *testing.T) {
	var buf bytes.Buffer
	in := []*Segment{
		{TSH: TSH{Multiplexed: true, ConvID: 1, RequestID: 7, Type: SegMQPUT}, Body: make([]byte, 1000)},
		{TSH: TSH{Type: SegHeartbeat}},
	}
	for _, s := range in {
		if err := WriteSegment(&buf, s); err != nil {
			t.Fatal(err)
		}
	}
	whole := append([]byte(nil), buf.Bytes()...)
	r := bufio.NewReaderSize(&oneByteReader{r: &buf}, 16)
	for i, want := range in {
		got, err := ReadSegment(r, 4096)
		if err != nil {
			t.Fatalf("segment %d: %v", i, err)
		}
		if got.TSH != want.TSH || !bytes.Equal(got.Body, want.Body) {
			t.Errorf("segment %d: got %+v, want %+v", i, got.TSH, want.TSH)
		}
	}
	if _, err := ReadSegment(r, 4096); err != io.EOF {
		t.Errorf("after last segment: got %v, want io.EOF", err)
	}
	for _, n := range []int{5, 30, 1000} {
		_, err := ReadSegment(bufio.NewReader(bytes.NewReader(whole[:n])), 4096)
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("cut after %d bytes: got %v, want io.ErrUnexpectedEOF", n, err)
		}
	}
	_, err := ReadSegment(bufio.NewReader(bytes.NewReader(join([]byte("TSH "), be32(101)))), 100)
	if !errors.Is(err, ErrSegmentTooLarge) {
		t.Errorf("over max: got %v, want ErrSegmentTooLarge", err)
	}
}
