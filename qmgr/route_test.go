package qmgr

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// xmitMessage gets the next message from a transmission queue and decodes
// its MQXQH.
func xmitMessage(t *testing.T, qm mqi.MQQueueManager, xmitq string) (*mqi.MQMD, wire.MQXQH, string) {
	t.Helper()
	in := open(t, qm, xmitq, mqi.MQOO_INPUT_AS_Q_DEF)
	defer in.Close(0)
	md := mqi.NewMQMD()
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_NO_SYNCPOINT
	data, _, err := in.GetSlice(md, gmo, make([]byte, 4096))
	if err != nil {
		t.Fatalf("get from %s: %v", xmitq, err)
	}
	var xqh wire.MQXQH
	n, err := xqh.Unmarshal(data, binary.LittleEndian)
	if err != nil {
		t.Fatalf("message on %s has no MQXQH: %v", xmitq, err)
	}
	return md, xqh, string(data[n:])
}

func putTo(t *testing.T, qm mqi.MQQueueManager, q, qmgr, text string) (*mqi.MQMD, error) {
	t.Helper()
	od := mqi.NewMQOD()
	od.ObjectName, od.ObjectQMgrName = q, qmgr
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	md.ReplyToQ = "REPLY.Q"
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	return md, qm.Put1(od, md, pmo, []byte(text))
}

func TestRemoteQueueGoesToTransmissionQueue(t *testing.T) {
	startQM(t,
		"DEFINE QLOCAL(QM2) USAGE(XMITQ)",
		"DEFINE QLOCAL(OTHER.XMIT) USAGE(XMITQ)",
		"DEFINE QREMOTE(TO.QM2) RNAME(IN.Q) RQMNAME(QM2)",
		"DEFINE QREMOTE(TO.QMX) RNAME(A.Q) RQMNAME(QMX) XMITQ(OTHER.XMIT)",
		"DEFINE QREMOTE(QM3) RNAME(' ') RQMNAME(QM3) XMITQ(QM2)",
		"DEFINE QREMOTE(OLD.QM1) RNAME(' ') RQMNAME(QM1)",
		"DEFINE QREMOTE(BACK.HERE) RNAME(LOCAL.Q) RQMNAME(QM1)",
		"DEFINE QALIAS(ALIAS.OF.REMOTE) TARGET(TO.QM2)",
		"DEFINE QLOCAL(LOCAL.Q)",
	)
	qm := connect(t)

	tests := []struct {
		name, q, qmgr    string
		xmitq, rq, rqmgr string
	}{
		{"remote queue definition", "TO.QM2", "", "QM2", "IN.Q", "QM2"},
		{"explicit XMITQ", "TO.QMX", "", "OTHER.XMIT", "A.Q", "QMX"},
		{"ObjectQMgrName names a transmission queue", "ANY.Q", "QM2", "QM2", "ANY.Q", "QM2"},
		{"queue manager alias", "FAR.Q", "QM3", "QM2", "FAR.Q", "QM3"},
		{"alias of a remote queue", "ALIAS.OF.REMOTE", "", "QM2", "IN.Q", "QM2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			put, err := putTo(t, qm, tt.q, tt.qmgr, "hello "+tt.name)
			if err != nil {
				t.Fatalf("put %s at %q: %v", tt.q, tt.qmgr, err)
			}
			md, xqh, body := xmitMessage(t, qm, tt.xmitq)
			if md.Format != mqi.MQFMT_XMIT_Q_HEADER {
				t.Errorf("Format on the transmission queue %q, want MQXMIT", md.Format)
			}
			if xqh.RemoteQName != tt.rq || xqh.RemoteQMgrName != tt.rqmgr {
				t.Errorf("MQXQH names %s at %s, want %s at %s", xqh.RemoteQName, xqh.RemoteQMgrName, tt.rq, tt.rqmgr)
			}
			inner := xqh.MsgDesc
			if string(inner.MsgID[:]) != string(put.MsgId) || string(md.MsgId) != string(put.MsgId) {
				t.Errorf("MsgId in the MQXQH %x, outer %x, want the put's %x", inner.MsgID, md.MsgId, put.MsgId)
			}
			if inner.Format != mqi.MQFMT_STRING || inner.ReplyToQMgr != "QM1" || inner.ReplyToQ != "REPLY.Q" {
				t.Errorf("inner MD Format %q ReplyToQ %q ReplyToQMgr %q", inner.Format, inner.ReplyToQ, inner.ReplyToQMgr)
			}
			if put.ReplyToQMgr != "QM1" {
				t.Errorf("the put's ReplyToQMgr %q, want QM1 filled in", put.ReplyToQMgr)
			}
			if body != "hello "+tt.name {
				t.Errorf("data after the MQXQH %q", body)
			}
		})
	}

	t.Run("resolved names", func(t *testing.T) {
		obj := open(t, qm, "TO.QM2", mqi.MQOO_OUTPUT)
		defer obj.Close(0)
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_NO_SYNCPOINT
		if err := obj.Put(mqi.NewMQMD(), pmo, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if pmo.ResolvedQName != "IN.Q" || pmo.ResolvedQMgrName != "QM2" {
			t.Errorf("resolved %q at %q, want IN.Q at QM2", pmo.ResolvedQName, pmo.ResolvedQMgrName)
		}
		xmitMessage(t, qm, "QM2")
	})

	for _, tt := range []struct{ name, q, qmgr string }{
		{"queue manager alias of this queue manager", "LOCAL.Q", "OLD.QM1"},
		{"remote queue pointing back here", "BACK.HERE", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := putTo(t, qm, tt.q, tt.qmgr, "local"); err != nil {
				t.Fatalf("put: %v", err)
			}
			in := open(t, qm, "LOCAL.Q", mqi.MQOO_INPUT_AS_Q_DEF)
			defer in.Close(0)
			if text, _, err := get(in, 0); err != nil || text != "local" {
				t.Errorf("LOCAL.Q got %q, %v", text, err)
			}
		})
	}
}

func TestRoutingFailuresHaveIBMReasonCodes(t *testing.T) {
	startQM(t,
		"DEFINE QLOCAL(NORMAL.Q)",
		"DEFINE QALIAS(AN.ALIAS) TARGET(NORMAL.Q)",
		"DEFINE QLOCAL(QM2) USAGE(XMITQ)",
		"DEFINE QREMOTE(R.NOXMIT) RNAME(X) RQMNAME(QM2) XMITQ(NO.SUCH.Q)",
		"DEFINE QREMOTE(R.NORMAL) RNAME(X) RQMNAME(QM2) XMITQ(NORMAL.Q)",
		"DEFINE QREMOTE(R.ALIAS) RNAME(X) RQMNAME(QM2) XMITQ(AN.ALIAS)",
		"DEFINE QREMOTE(QMALIAS) RNAME(' ') RQMNAME(QM2)",
		"DEFINE QREMOTE(R.OK) RNAME(X) RQMNAME(QM2)",
	)
	qm := connect(t)
	check := func(t *testing.T, err error, want int32) {
		t.Helper()
		var mqr *mqi.MQReturn
		if !errors.As(err, &mqr) || mqr.MQRC != want {
			t.Errorf("got %v, want reason %d", err, want)
		}
	}
	for _, tt := range []struct {
		name, q, qmgr string
		want          int32
	}{
		{"unknown queue manager", "Q", "QM9", mqi.MQRC_UNKNOWN_REMOTE_Q_MGR},
		{"XMITQ does not exist", "R.NOXMIT", "", mqi.MQRC_UNKNOWN_XMIT_Q},
		{"XMITQ is not USAGE(XMITQ)", "R.NORMAL", "", mqi.MQRC_XMIT_Q_USAGE_ERROR},
		{"XMITQ is not a local queue", "R.ALIAS", "", mqi.MQRC_XMIT_Q_TYPE_ERROR},
		{"local queue named after the queue manager is not a transmission queue", "Q", "NORMAL.Q", mqi.MQRC_XMIT_Q_USAGE_ERROR},
		{"a queue manager alias is no queue", "QMALIAS", "", mqi.MQRC_UNKNOWN_OBJECT_NAME},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := putTo(t, qm, tt.q, tt.qmgr, "x")
			check(t, err, tt.want)
		})
	}
	t.Run("remote queue opened for input", func(t *testing.T) {
		od := mqi.NewMQOD()
		od.ObjectName = "R.OK"
		_, err := qm.Open(od, mqi.MQOO_INPUT_AS_Q_DEF)
		check(t, err, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE)
	})
	for _, tt := range []struct {
		name, defx string
		want       int32
	}{
		{"DEFXMITQ does not exist", "NO.SUCH.Q", mqi.MQRC_UNKNOWN_DEF_XMIT_Q},
		{"DEFXMITQ is not USAGE(XMITQ)", "NORMAL.Q", mqi.MQRC_DEF_XMIT_Q_USAGE_ERROR},
		{"DEFXMITQ is not a local queue", "AN.ALIAS", mqi.MQRC_DEF_XMIT_Q_TYPE_ERROR},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runMQSC(t, "ALTER QMGR DEFXMITQ("+tt.defx+")")
			_, err := putTo(t, qm, "Q", "QM9", "x")
			check(t, err, tt.want)
		})
	}
	t.Run("DEFXMITQ", func(t *testing.T) {
		runMQSC(t, "ALTER QMGR DEFXMITQ(QM2)")
		if _, err := putTo(t, qm, "Q", "QM9", "via default"); err != nil {
			t.Fatal(err)
		}
		_, xqh, body := xmitMessage(t, qm, "QM2")
		if xqh.RemoteQName != "Q" || xqh.RemoteQMgrName != "QM9" || body != "via default" {
			t.Errorf("MQXQH %s at %s, body %q", xqh.RemoteQName, xqh.RemoteQMgrName, body)
		}
	})
}

func TestReplyToQueueAliasAndReportsTravelBack(t *testing.T) {
	startQM(t,
		"DEFINE QLOCAL(QM2) USAGE(XMITQ)",
		"DEFINE QREMOTE(MY.REPLY) RNAME(REPLIES) RQMNAME(QM2)",
		"DEFINE QLOCAL(APP.Q)",
	)
	qm := connect(t)
	od := mqi.NewMQOD()
	od.ObjectName = "APP.Q"
	md := mqi.NewMQMD()
	md.ReplyToQ = "MY.REPLY"
	md.Report = mqi.MQRO_COA
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if err := qm.Put1(od, md, pmo, []byte("request")); err != nil {
		t.Fatal(err)
	}
	if md.ReplyToQ != "REPLIES" || md.ReplyToQMgr != "QM2" {
		t.Errorf("reply-to resolved to %s at %s, want REPLIES at QM2", md.ReplyToQ, md.ReplyToQMgr)
	}
	// The COA report goes to the reply-to queue at QM2: through QM2's
	// transmission queue.
	rmd, xqh, _ := xmitMessage(t, qm, "QM2")
	if xqh.RemoteQName != "REPLIES" || xqh.RemoteQMgrName != "QM2" || xqh.MsgDesc.MsgType != mqi.MQMT_REPORT || xqh.MsgDesc.Feedback != mqi.MQFB_COA {
		t.Errorf("report on the transmission queue: %s at %s, type %d feedback %d", xqh.RemoteQName, xqh.RemoteQMgrName, xqh.MsgDesc.MsgType, xqh.MsgDesc.Feedback)
	}
	if rmd.Format != mqi.MQFMT_XMIT_Q_HEADER {
		t.Errorf("outer format %q", rmd.Format)
	}
}
