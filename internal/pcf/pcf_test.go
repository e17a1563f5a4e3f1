package pcf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
)

var orders = []struct {
	name string
	o    binary.ByteOrder
}{{"LE", binary.LittleEndian}, {"BE", binary.BigEndian}}

func le32s(vs ...int32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return b
}

func TestEscapeGolden(t *testing.T) {
	b := NewEscape("DEFINE QLOCAL(Q1)").Encode(binary.LittleEndian)
	want := bytes.Join([][]byte{
		le32s(1, 36, 1, 38, 1, 1, 0, 0, 2), // MQCFH: command, escape, seq 1, last, 2 params
		le32s(3, 16, 1017, 1),              // MQCFIN: escape type = MQSC
		le32s(4, 40, 3014, 0, 17),          // MQCFST: 20 + 17 bytes, padded to 40
		[]byte("DEFINE QLOCAL(Q1)\x00\x00\x00"),
	}, nil)
	if !bytes.Equal(b, want) {
		t.Fatalf("escape encoding\n got % x\nwant % x", b, want)
	}
	m, err := Decode(b, binary.LittleEndian)
	if err != nil {
		t.Fatal(err)
	}
	if text, ok := EscapeText(m); !ok || text != "DEFINE QLOCAL(Q1)" {
		t.Errorf("EscapeText = %q, %v", text, ok)
	}
}

func TestEscapeResponse(t *testing.T) {
	m := NewEscapeResponse(2, true, 0, 0, "AMQ8006I: IBM MQ queue created.")
	for _, bo := range orders {
		got, err := Decode(m.Encode(bo.o), bo.o)
		if err != nil {
			t.Fatal(err)
		}
		if got.Header.Type != CFTResponse || got.Header.Control != CFCLast || got.Header.MsgSeqNumber != 2 {
			t.Errorf("%s: header %+v", bo.name, got.Header)
		}
		if text, ok := EscapeText(got); !ok || text != "AMQ8006I: IBM MQ queue created." {
			t.Errorf("%s: EscapeText = %q, %v", bo.name, text, ok)
		}
	}
	if NewEscapeResponse(1, false, 0, 0, "").Header.Control != CFCNotLast {
		t.Error("a response that is not last must carry MQCFC_NOT_LAST")
	}
	notEscape := Message{Header: CFH{Command: 13}, Params: escapeParams("x")}
	if _, ok := EscapeText(notEscape); ok {
		t.Error("EscapeText accepted a non-escape command")
	}
	wrongType := NewEscape("x")
	wrongType.Params[0] = CFIN{Parameter: IACFEscapeType, Value: 2}
	if _, ok := EscapeText(wrongType); ok {
		t.Error("EscapeText accepted a non-MQSC escape type")
	}
}

func sampleMessage() Message {
	return Message{
		Header: CFH{Type: CFTResponse, StrucLength: CFHLength, Version: CFHVersion3,
			Command: 13, MsgSeqNumber: 4, Control: CFCNotLast, CompCode: 2, Reason: 3008},
		Params: []Param{
			CFIN{Parameter: 20, Value: 1},
			CFST{Parameter: 2016, CCSID: 1208, String: "Q1   "},
			CFST{Parameter: 2017},
			CFIL{Parameter: 1001, Values: []int32{-1, 0, 7}},
			CFIL{Parameter: 1002},
			CFSL{Parameter: 2002, CCSID: 819, Strings: []string{"A", "LONGER.NAME", ""}},
			CFSL{Parameter: 2003, Strings: []string{"", ""}},
			CFBS{Parameter: 7001, Value: []byte{0, 1, 2, 3, 4}},
			Unknown{StrucType: CFTInteger64, Parameter: 5, Data: []byte{0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}},
		},
	}
}

func TestRoundTripAllParams(t *testing.T) {
	in := sampleMessage()
	in.Header.ParameterCount = int32(len(in.Params))
	for _, bo := range orders {
		b := in.Encode(bo.o)
		if len(b)%4 != 0 {
			t.Errorf("%s: message length %d is not a multiple of 4", bo.name, len(b))
		}
		got, err := Decode(b, bo.o)
		if err != nil {
			t.Fatalf("%s: %v", bo.name, err)
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", bo.name, got, in)
		}
		for l := 0; l < len(b); l++ {
			var de *DecodeError
			if _, err := Decode(b[:l:l], bo.o); !errors.As(err, &de) {
				t.Fatalf("%s: prefix %d of %d: want *DecodeError, got %v", bo.name, l, len(b), err)
			}
		}
	}
}

func TestParamLayouts(t *testing.T) {
	o := binary.LittleEndian
	tests := []struct {
		name string
		p    Param
		want []byte
	}{
		{"CFIN", CFIN{Parameter: 20, Value: -1}, le32s(3, 16, 20, -1)},
		{"CFST padded", CFST{Parameter: 2016, CCSID: 819, String: "Q"},
			append(le32s(4, 24, 2016, 819, 1), 'Q', 0, 0, 0)},
		{"CFIL", CFIL{Parameter: 1, Values: []int32{5, 6}}, le32s(5, 24, 1, 2, 5, 6)},
		{"CFSL blank-padded to longest", CFSL{Parameter: 2, CCSID: 0, Strings: []string{"AB", "C"}},
			append(le32s(6, 28, 2, 0, 2, 2), 'A', 'B', 'C', ' ')},
		{"CFBS", CFBS{Parameter: 3, Value: []byte{9}}, append(le32s(9, 20, 3, 1), 9, 0, 0, 0)},
	}
	for _, tc := range tests {
		if got := tc.p.AppendTo(nil, o); !bytes.Equal(got, tc.want) {
			t.Errorf("%s:\n got % x\nwant % x", tc.name, got, tc.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	o := binary.LittleEndian
	head := func(count int32) []byte { return le32s(1, 36, 1, 38, 1, 1, 0, 0, count) }
	tests := []struct {
		name   string
		b      []byte
		target error
		off    int
	}{
		{"bad StrucLength", le32s(1, 40, 1, 38, 1, 1, 0, 0, 0), ErrBadLength, 4},
		{"version 4", le32s(1, 36, 4, 38, 1, 1, 0, 0, 0), ErrBadVersion, 8},
		{"negative count", head(-1), ErrBadLength, 32},
		{"count beyond data", head(1000000), ErrTruncated, 36},
		{"param StrucLength 8", append(head(1), le32s(3, 8, 1, 1)...), ErrBadLength, 40},
		{"param StrucLength past end", append(head(1), le32s(3, 20, 1, 1)...), ErrTruncated, 40},
		{"CFIN too short", append(head(1), le32s(3, 12, 1)...), ErrBadLength, 40},
		{"CFST string past StrucLength", append(head(1), le32s(4, 24, 1, 0, 5, 0)...), ErrBadLength, 52},
		{"CFST negative length", append(head(1), le32s(4, 20, 1, 0, -1)...), ErrBadLength, 52},
		{"CFIL huge count", append(head(1), le32s(5, 16, 1, 0x7FFFFFFF)...), ErrBadLength, 48},
		{"CFSL huge list", append(head(1), le32s(6, 24, 1, 0, 0x10000, 0x10000)...), ErrBadLength, 52},
		{"CFSL many empty strings", append(head(1), le32s(6, 24, 1, 0, 0x7FFFFFFF, 0)...), ErrBadLength, 56},
		{"CFBS past StrucLength", append(head(1), le32s(9, 16, 1, 1)...), ErrBadLength, 48},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.b, o)
			var de *DecodeError
			if !errors.As(err, &de) || !errors.Is(err, tc.target) || de.Offset != tc.off {
				t.Errorf("got %v, want DecodeError at %d wrapping %v", err, tc.off, tc.target)
			}
		})
	}
}

func TestMessageAccessors(t *testing.T) {
	m := sampleMessage()
	if v, ok := m.Int(20); !ok || v != 1 {
		t.Errorf("Int(20) = %d, %v", v, ok)
	}
	if s, ok := m.Str(2016); !ok || s != "Q1   " {
		t.Errorf("Str(2016) = %q, %v", s, ok)
	}
	if _, ok := m.Int(2016); ok {
		t.Error("Int found a string parameter")
	}
	if p, ok := m.Param(7001); !ok || p.Type() != CFTByteString {
		t.Errorf("Param(7001) = %v, %v", p, ok)
	}
	if _, ok := m.Param(99); ok {
		t.Error("Param found a missing id")
	}
}

func FuzzPCF(f *testing.F) {
	for _, bo := range orders {
		for i, m := range []Message{NewEscape("DISPLAY QLOCAL(*)"), sampleMessage()} {
			f.Add(append([]byte{byte(i)}, m.Encode(bo.o)...))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		o := orders[data[0]&1].o
		m, err := Decode(data[1:], o)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is not a *DecodeError: %v", err)
			}
			return
		}
		enc := m.Encode(o)
		m2, err := Decode(enc, o)
		if err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if enc2 := m2.Encode(o); !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not a fixed point\n% x\n% x", enc, enc2)
		}
		EscapeText(m)
	})
}
