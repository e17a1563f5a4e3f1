package qmgr

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/gomqm/gomqm/channel"
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
