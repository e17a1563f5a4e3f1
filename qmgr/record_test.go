package qmgr

import (
	"bytes"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

func TestRecordRoundTrip(t *testing.T) {
	m := &message{md: wire.MQMD{Version: 2, Format: "MQSTR", Persistence: 1, Priority: 4, BackoutCount: 2, MsgID: newMsgID("QM1")},
		data: []byte("payload"), put: time.Unix(1700000000, 123000000)}
	r := logRecord{kind: recPut, uow: 9, queue: "APP.Q", seq: 42, msg: encodeMessage(m)}
	got, err := decodeRecord(r.encode())
	if err != nil {
		t.Fatal(err)
	}
	if got.kind != r.kind || got.uow != 9 || got.queue != "APP.Q" || got.seq != 42 || !bytes.Equal(got.msg, r.msg) {
		t.Fatalf("record round trip: %+v", got)
	}
	back, err := decodeMessage(got.msg)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.data) != "payload" || back.md.MsgID != m.md.MsgID || back.md.BackoutCount != 2 || !back.put.Equal(m.put) {
		t.Fatalf("message round trip: %+v", back)
	}
}

// FuzzDecodeRecord feeds arbitrary bytes to the decoders of recovery-log
// records and stored messages: they must fail cleanly, never panic, and a
// record that decodes must encode back to the same bytes.
func FuzzDecodeRecord(f *testing.F) {
	m := &message{md: wire.MQMD{Version: 2}, data: []byte("x"), put: time.Unix(1, 0)}
	f.Add(logRecord{kind: recPut, queue: "Q", seq: 1, msg: encodeMessage(m)}.encode())
	f.Add(logRecord{kind: recCommit, uow: 3}.encode())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b)
		if err == nil && !bytes.Equal(r.encode(), b) {
			t.Fatalf("record does not encode back to its bytes")
		}
		if err == nil && r.kind == recPut {
			_, _ = decodeMessage(r.msg)
		}
		_, _ = decodeMessage(b)
	})
}

// TestPutRecordMatchesEncode checks that the one-buffer encoding of a put
// is byte for byte the record built from the message's own encoding, so
// replay and checkpoints read it the same way.
func TestPutRecordMatchesEncode(t *testing.T) {
	m := &message{md: wire.MQMD{Version: 1, Format: "MQSTR", Persistence: 1, MsgID: newMsgID("QM1")},
		data: bytes.Repeat([]byte("d"), 1024), put: time.Unix(1700000000, 5), seq: 77}
	got := putRecord(12, "APP.Q", m)
	want := logRecord{kind: recPut, uow: 12, queue: "APP.Q", seq: 77, msg: encodeMessage(m)}
	if !bytes.Equal(got.encode(), want.encode()) {
		t.Fatal("putRecord's encoding differs from logRecord.encode's")
	}
	if !bytes.Equal(got.msg, want.msg) {
		t.Fatal("putRecord's message encoding differs from encodeMessage's")
	}
	back, err := decodeRecord(got.encode())
	if err != nil || back.uow != 12 || back.seq != 77 || back.queue != "APP.Q" {
		t.Fatalf("decode: %+v %v", back, err)
	}
}

// TestSharedPutRecordOwnsTheData checks that after sharedPutRecord the
// message's data lives in the record: the caller's buffer may be reused
// at once without changing the queued message or what is logged.
func TestSharedPutRecordOwnsTheData(t *testing.T) {
	buf := bytes.Repeat([]byte("a"), 1024)
	m := &message{md: wire.MQMD{Version: 2, Format: "MQSTR", Persistence: 1, MsgID: newMsgID("QM1")},
		data: buf, put: time.Unix(1700000000, 5), seq: 78}
	rec := sharedPutRecord("APP.Q", m)
	for i := range buf {
		buf[i] = 'z'
	}
	if !bytes.Equal(m.data, bytes.Repeat([]byte("a"), 1024)) {
		t.Fatal("the message's data changed with the caller's buffer")
	}
	back, err := decodeMessage(rec.msg)
	if err != nil || !bytes.Equal(back.data, m.data) {
		t.Fatalf("the record's message: %v, data equal %v", err, err == nil && bytes.Equal(back.data, m.data))
	}
	if &m.data[0] != &rec.msg[len(rec.msg)-len(m.data)] {
		t.Fatal("the message keeps a second copy of its data")
	}
}
