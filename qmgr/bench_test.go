package qmgr

import (
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// BenchmarkPutPersistent measures one application putting 1 KiB
// persistent messages outside syncpoint (client and queue manager in one
// process, so it shows CPU and allocations per put, not the socket cost
// between processes; cmd/mqbench measures that).
func BenchmarkPutPersistent(b *testing.B) {
	benchPut(b, mqi.MQPER_PERSISTENT)
}

// BenchmarkPutNonPersistent is the same without the log.
func BenchmarkPutNonPersistent(b *testing.B) {
	benchPut(b, mqi.MQPER_NOT_PERSISTENT)
}

func benchPut(b *testing.B, persistence int32) {
	startQMFor(b, "DEFINE QLOCAL(BENCH.Q) MAXDEPTH(100000)")
	qm, err := mqi.Conn("QM1")
	if err != nil {
		b.Fatal(err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = "BENCH.Q"
	out, err := qm.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		b.Fatal(err)
	}
	od = mqi.NewMQOD()
	od.ObjectName = "BENCH.Q"
	in, err := qm.Open(od, mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1024)
	buf := make([]byte, 2048)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		md := mqi.NewMQMD()
		md.Persistence = persistence
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_NO_SYNCPOINT
		if err := out.Put(md, pmo, data); err != nil {
			b.Fatal(err)
		}
		if i%100 == 99 { // keep the queue short
			b.StopTimer()
			for range 100 {
				gmd, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
				gmo.Options = mqi.MQGMO_NO_SYNCPOINT
				if _, _, err := in.GetSlice(gmd, gmo, buf); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
	}
}

// BenchmarkPutGetNonPersistent measures an MQPUT and the MQGET of the
// same message by MsgId, as mqbench's putget scenario does.
func BenchmarkPutGetNonPersistent(b *testing.B) {
	startQMFor(b, "DEFINE QLOCAL(BENCH.Q) MAXDEPTH(100000)")
	qm, err := mqi.Conn("QM1")
	if err != nil {
		b.Fatal(err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = "BENCH.Q"
	q, err := qm.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_SHARED)
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1024)
	buf := make([]byte, 2048)
	md, gmd := mqi.NewMQMD(), mqi.NewMQMD()
	pmo, gmo := mqi.NewMQPMO(), mqi.NewMQGMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
	gmo.Options = mqi.MQGMO_NO_SYNCPOINT
	gmo.MatchOptions = mqi.MQMO_MATCH_MSG_ID
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := q.Put(md, pmo, data); err != nil {
			b.Fatal(err)
		}
		gmd.MsgId = md.MsgId
		got, _, err := q.GetSlice(gmd, gmo, buf)
		if err != nil || len(got) != len(data) {
			b.Fatalf("got %d bytes, %v", len(got), err)
		}
	}
}
