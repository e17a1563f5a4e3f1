package qmgr

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

func TestSyncRecordRoundTrip(t *testing.T) {
	for _, r := range []syncRecord{
		{},
		{Sync: channel.Sync{Seq: 42, LUWID: 7}},
		{Sync: channel.Sync{Seq: 10, LUWID: 1, InDoubt: true, InDoubtSeq: 60, InDoubtLUWID: 9, ResetPending: true, ResetSeq: 3}, keys: []uint64{5, 6, 1 << 40}},
	} {
		got, err := decodeSync(r.encode())
		if err != nil {
			t.Fatal(err)
		}
		if len(r.keys) == 0 {
			r.keys = nil
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("round trip of %+v gave %+v", r, got)
		}
	}
}

// FuzzSyncRecord decodes arbitrary record data: what decodes encodes back
// to the same bytes.
func FuzzSyncRecord(f *testing.F) {
	f.Add((&syncRecord{Sync: channel.Sync{Seq: 1}}).encode())
	f.Add((&syncRecord{Sync: channel.Sync{InDoubt: true}, keys: []uint64{1, 2}}).encode())
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeSync(b)
		if err != nil {
			return
		}
		if got := r.encode(); !bytes.Equal(got[2:], b[2:]) || got[0] != b[0] || got[1] != b[1]&3 {
			t.Fatalf("%x re-encodes as %x", b, got)
		}
	})
}

// TestChannelStateSurvivesACrash ends the queue manager as a kill does
// (no final checkpoint) at the two points that matter: a sender's batch
// recorded in doubt, and a receiver's batch committed. The log replay
// brings back both records with the messages they go with.
func TestChannelStateSurvivesACrash(t *testing.T) {
	q := startQM(t,
		"DEFINE QLOCAL(QM2) USAGE(XMITQ)",
		"DEFINE QREMOTE(TO.QM2) RNAME(IN.Q) RQMNAME(QM2)",
		"DEFINE CHANNEL(QM1.TO.QM2) CHLTYPE(SDR) CONNAME('127.0.0.1(1)') XMITQ(QM2)",
		"DEFINE CHANNEL(QM0.TO.QM1) CHLTYPE(RCVR)",
		"DEFINE QLOCAL(IN.Q)",
	)
	app := connect(t)
	out := open(t, app, "TO.QM2", mqi.MQOO_OUTPUT)
	for i := range 5 {
		putWith(t, out, "batch "+string(rune('a'+i)), mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	}
	out.Close(0)
	app.Disc()

	side := q.MCA()
	def, _ := side.Channel("QM1.TO.QM2")
	tx, err := side.OpenTransmission(def)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if m, err := tx.Next(context.Background(), 0, false); err != nil || m == nil {
			t.Fatalf("Next: %v %v", m, err)
		}
	}
	if err := tx.InDoubt(3, 0xABC); err != nil {
		t.Fatal(err)
	}
	// The receiving side commits a batch of two with its sequence number.
	b := side.NewBatch("QM0.TO.QM1")
	for i := range 2 {
		xqh := wire.MQXQH{RemoteQName: "IN.Q", RemoteQMgrName: "QM1", MsgDesc: wire.MQMD{Version: 2,
			Persistence: mqi.MQPER_PERSISTENT, MsgID: newMsgID("QM0"), Format: "MQSTR", Expiry: -1}}
		if rc := b.Put(&xqh, []byte{'0' + byte(i)}, false); rc != mqi.MQRC_NONE {
			t.Fatalf("Put: %d", rc)
		}
	}
	if err := b.Commit(12, 0xDEF); err != nil {
		t.Fatal(err)
	}
	q.noFinalCheckpoint = true // as if killed
	q = restart(t, q)

	s, err := q.ChannelSync("QM1.TO.QM2")
	if err != nil {
		t.Fatal(err)
	}
	if !s.InDoubt || s.InDoubtSeq != 3 || s.InDoubtLUWID != 0xABC {
		t.Errorf("sender record after the crash %+v, want in doubt at 3", s)
	}
	r, err := q.ChannelSync("QM0.TO.QM1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Seq != 12 || r.LUWID != 0xDEF {
		t.Errorf("receiver record after the crash %+v, want 12", r)
	}
	if d := q.queues.get("IN.Q").depth(); d != 2 {
		t.Errorf("IN.Q holds %d messages after the crash, want the committed 2", d)
	}
	if d := q.queues.get("QM2").depth(); d != 5 {
		t.Fatalf("the transmission queue holds %d after the crash, want 5", d)
	}
	// The partner had committed: RESOLVE COMMIT removes the three.
	if err := q.ResolveChannel("QM1.TO.QM2", true); err != nil {
		t.Fatal(err)
	}
	if d := q.queues.get("QM2").depth(); d != 2 {
		t.Errorf("the transmission queue holds %d after RESOLVE COMMIT, want 2", d)
	}
	s, _ = q.ChannelSync("QM1.TO.QM2")
	if s.InDoubt || s.Seq != 3 {
		t.Errorf("sender record after RESOLVE %+v", s)
	}
	q.noFinalCheckpoint = true
	q = restart(t, q)
	if d := q.queues.get("QM2").depth(); d != 2 {
		t.Errorf("after a second crash the transmission queue holds %d, want 2", d)
	}
}
