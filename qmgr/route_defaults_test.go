package qmgr

import (
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// A message put with MQPER_PERSISTENCE_AS_Q_DEF and MQPRI_PRIORITY_AS_Q_DEF
// to a remote queue takes DEFPSIST and DEFPRTY from the first definition
// in the resolution path (the remote queue, or the queue manager alias),
// not from the transmission queue.
func TestRemoteDefaultsComeFromTheFirstDefinition(t *testing.T) {
	startQM(t,
		"DEFINE QLOCAL(QM2) USAGE(XMITQ) DEFPSIST(NO) DEFPRTY(1)",
		"DEFINE QREMOTE(TO.QM2) RNAME(IN.Q) RQMNAME(QM2) DEFPSIST(YES) DEFPRTY(7)",
		"DEFINE QREMOTE(QM3) RNAME(' ') RQMNAME(QM3) XMITQ(QM2) DEFPSIST(YES) DEFPRTY(5)",
	)
	qm := connect(t)
	tests := []struct {
		q, qmgr     string
		persistence int32
		priority    int32
	}{
		{"TO.QM2", "", mqi.MQPER_PERSISTENT, 7},
		{"A.Q", "QM3", mqi.MQPER_PERSISTENT, 5},
		{"B.Q", "QM2", mqi.MQPER_NOT_PERSISTENT, 1}, // the transmission queue is the first definition
	}
	for _, tc := range tests {
		for _, how := range []string{"MQPUT1", "MQOPEN and MQPUT"} {
			if how == "MQPUT1" {
				if _, err := putTo(t, qm, tc.q, tc.qmgr, "defaults"); err != nil {
					t.Fatalf("%s to %s at %q: %v", how, tc.q, tc.qmgr, err)
				}
			} else {
				od := mqi.NewMQOD()
				od.ObjectName, od.ObjectQMgrName = tc.q, tc.qmgr
				obj, err := qm.Open(od, mqi.MQOO_OUTPUT)
				if err != nil {
					t.Fatalf("MQOPEN %s at %q: %v", tc.q, tc.qmgr, err)
				}
				put(t, obj, "defaults")
				obj.Close(0)
			}
			md, xqh, _ := xmitMessage(t, qm, "QM2")
			if md.Persistence != tc.persistence || xqh.MsgDesc.Persistence != tc.persistence {
				t.Errorf("%s to %s at %q: persistence %d (inner %d), want %d", how, tc.q, tc.qmgr, md.Persistence, xqh.MsgDesc.Persistence, tc.persistence)
			}
			if md.Priority != tc.priority || xqh.MsgDesc.Priority != tc.priority {
				t.Errorf("%s to %s at %q: priority %d (inner %d), want %d", how, tc.q, tc.qmgr, md.Priority, xqh.MsgDesc.Priority, tc.priority)
			}
		}
	}
}
