package mqi

import (
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewMQDLHWithoutMD(t *testing.T) {
	checkDefaults(t, NewMQDLH(nil), &MQDLH{Reason: 0, CodedCharSetId: 0})
}

func TestNewMQDLHTakesOverMD(t *testing.T) {
	md := NewMQMD()
	md.Format = MQFMT_STRING
	md.Encoding = 273
	md.CodedCharSetId = 1208
	md.PutDate, md.PutTime = "20250314", "10203040"
	dlh := NewMQDLH(md)
	want := &MQDLH{Encoding: 273, CodedCharSetId: 1208, Format: "MQSTR", PutDate: "20250314", PutTime: "10203040"}
	checkDefaults(t, dlh, want)
	if md.Format != "MQDEAD" || md.MsgType != 4 || md.CodedCharSetId != 0 {
		t.Errorf("md Format %q MsgType %d CCSID %d, want MQDEAD 4 0", md.Format, md.MsgType, md.CodedCharSetId)
	}
}

func TestNewMQDLHDefaultCCSIDBecomesInherit(t *testing.T) {
	md := NewMQMD()
	md.CodedCharSetId = MQCCSI_DEFAULT
	if got := NewMQDLH(md).CodedCharSetId; got != -2 {
		t.Errorf("CodedCharSetId %d, want MQCCSI_INHERIT (-2)", got)
	}
}

func TestDLHBytesLayout(t *testing.T) {
	dlh := &MQDLH{
		Reason: 2053, DestQName: "APP.IN", DestQMgrName: "QM1",
		Encoding: 546, CodedCharSetId: 1208, Format: "MQSTR",
		PutApplType: 6, PutApplName: "amqsput",
		PutDate: "20250314", PutTime: "10203040",
	}
	b := dlh.Bytes()
	if len(b) != 172 {
		t.Fatalf("len %d, want MQDLH_CURRENT_LENGTH 172", len(b))
	}
	le := binary.LittleEndian
	checks := []struct {
		field string
		got   any
		want  any
	}{
		{"StrucId", string(b[0:4]), "DLH "},
		{"Version", le.Uint32(b[4:]), uint32(1)},
		{"Reason", le.Uint32(b[8:]), uint32(2053)},
		{"DestQName", string(b[12:60]), pad("APP.IN", 48)},
		{"DestQMgrName", string(b[60:108]), pad("QM1", 48)},
		{"Encoding", le.Uint32(b[108:]), uint32(546)},
		{"CodedCharSetId", le.Uint32(b[112:]), uint32(1208)},
		{"Format", string(b[116:124]), "MQSTR   "},
		{"PutApplType", le.Uint32(b[124:]), uint32(6)},
		{"PutApplName", string(b[128:156]), pad("amqsput", 28)},
		{"PutDate", string(b[156:164]), "20250314"},
		{"PutTime", string(b[164:172]), "10203040"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func TestDLHBytesTruncatesLongFields(t *testing.T) {
	long := strings.Repeat("Q", 60)
	dlh := &MQDLH{DestQName: long, DestQMgrName: "QM1", Format: "TOOLONGFORMAT"}
	b := dlh.Bytes()
	if len(b) != 172 {
		t.Fatalf("len %d, want 172", len(b))
	}
	if got := string(b[12:60]); got != long[:48] {
		t.Errorf("DestQName field %q, want 48 Qs", got)
	}
	if got := string(b[60:108]); got != pad("QM1", 48) {
		t.Errorf("DestQMgrName field %q was overwritten", got)
	}
	if got := string(b[116:124]); got != "TOOLONGF" {
		t.Errorf("Format field %q, want TOOLONGF", got)
	}
}

func TestDLHBytesPrefersPutDateTime(t *testing.T) {
	dlh := &MQDLH{
		PutDate: "19990101", PutTime: "00000000",
		PutDateTime: time.Date(2025, 3, 14, 10, 20, 30, 400_000_000, time.UTC),
	}
	b := dlh.Bytes()
	if got := string(b[156:172]); got != "2025031410203040" {
		t.Errorf("put date and time %q, want 2025031410203040", got)
	}
	if dlh.PutDate != "19990101" || dlh.PutTime != "00000000" {
		t.Error("Bytes changed the header")
	}
}

func TestGetHeaderRoundTrip(t *testing.T) {
	md := NewMQMD()
	md.Format = MQFMT_STRING
	md.PutDateTime = time.Date(2025, 3, 14, 10, 20, 30, 0, time.UTC)
	dlh := NewMQDLH(md)
	dlh.Reason = MQRC_Q_FULL
	dlh.DestQName = "APP.IN"
	dlh.DestQMgrName = "QM1"
	dlh.PutApplType = MQAT_UNIX
	dlh.PutApplName = "amqsput"
	dlh.PutDateTime = md.PutDateTime
	msg := append(dlh.Bytes(), "hello"...)

	hdr, n, err := GetHeader(md, msg)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := hdr.(*MQDLH)
	if !ok {
		t.Fatalf("GetHeader returned %T, want *MQDLH", hdr)
	}
	if n != 172 || string(msg[n:]) != "hello" {
		t.Errorf("length %d leaves %q, want 172 and hello", n, msg[n:])
	}
	want := *dlh
	want.PutDate, want.PutTime = "20250314", "10203000"
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("parsed\n %+v\nwant\n %+v", *got, want)
	}
}

func TestGetHeaderReadsMDEncoding(t *testing.T) {
	msg := (&MQDLH{Reason: 2085, DestQName: "X"}).Bytes()
	be := make([]byte, len(msg))
	copy(be, msg)
	binary.BigEndian.PutUint32(be[4:], 1)
	binary.BigEndian.PutUint32(be[8:], 2085)
	md := &MQMD{Format: MQFMT_DEAD_LETTER_HEADER, Encoding: MQENC_INTEGER_NORMAL}
	hdr, _, err := GetHeader(md, be)
	if err != nil {
		t.Fatal(err)
	}
	if r := hdr.(*MQDLH).Reason; r != 2085 {
		t.Errorf("big-endian Reason read as %d, want 2085", r)
	}
}

func TestGetHeaderAcceptsCStrings(t *testing.T) {
	msg := (&MQDLH{}).Bytes()
	copy(msg[12:], "DLQ.A\x00garbage")
	md := &MQMD{Format: "MQDEAD  "}
	hdr, _, err := GetHeader(md, msg)
	if err != nil {
		t.Fatal(err)
	}
	if q := hdr.(*MQDLH).DestQName; q != "DLQ.A" {
		t.Errorf("DestQName %q, want DLQ.A", q)
	}
}

func TestGetHeaderErrors(t *testing.T) {
	good := (&MQDLH{}).Bytes()
	badID := append([]byte("XYZ "), good[4:]...)
	dlqMD := &MQMD{Format: MQFMT_DEAD_LETTER_HEADER}
	tests := []struct {
		name string
		md   *MQMD
		buf  []byte
		rc   int32
	}{
		{"string message", &MQMD{Format: MQFMT_STRING}, good, MQRC_FORMAT_NOT_SUPPORTED},
		{"RFH2", &MQMD{Format: MQFMT_RF_HEADER_2}, good, MQRC_FORMAT_NOT_SUPPORTED},
		{"nil md", nil, good, MQRC_FORMAT_NOT_SUPPORTED},
		{"short", dlqMD, good[:171], MQRC_FORMAT_ERROR},
		{"empty", dlqMD, nil, MQRC_FORMAT_ERROR},
		{"bad StrucId", dlqMD, badID, MQRC_FORMAT_ERROR},
	}
	for _, tt := range tests {
		hdr, n, err := GetHeader(tt.md, tt.buf)
		var mqret *MQReturn
		if !errors.As(err, &mqret) || mqret.MQRC != tt.rc || mqret.MQCC != MQCC_FAILED {
			t.Errorf("%s: error %v, want MQCC_FAILED reason %d", tt.name, err, tt.rc)
		}
		if hdr != nil || n != 0 {
			t.Errorf("%s: returned %v, %d with the error", tt.name, hdr, n)
		}
	}
}

// FuzzGetHeader feeds arbitrary messages to GetHeader: it must not panic,
// and a header it accepts must survive Bytes and a second parse unchanged.
func FuzzGetHeader(f *testing.F) {
	f.Add((&MQDLH{Reason: 2053, DestQName: "Q", Format: "MQSTR", PutDate: "20250314", PutTime: "10203040"}).Bytes(), int32(546))
	f.Add([]byte("DLH "), int32(1))
	f.Add(append([]byte("DLH "), make([]byte, 200)...), int32(0))
	f.Fuzz(func(t *testing.T, buf []byte, enc int32) {
		md := &MQMD{Format: MQFMT_DEAD_LETTER_HEADER, Encoding: enc}
		hdr, n, err := GetHeader(md, buf)
		if err != nil {
			return
		}
		if n != 172 || n > len(buf) {
			t.Fatalf("length %d for a %d-byte message", n, len(buf))
		}
		first := hdr.(*MQDLH)
		again, _, err := GetHeader(&MQMD{Format: MQFMT_DEAD_LETTER_HEADER}, first.Bytes())
		if err != nil {
			t.Fatalf("re-encoded header rejected: %v", err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("round trip changed the header:\n %+v\n %+v", first, again)
		}
	})
}

func pad(s string, n int) string {
	return s + strings.Repeat(" ", n-len(s))
}
