package qmgr

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// depthEventSeen is what a test reads from one queue depth event.
type depthEventSeen struct {
	reason                 int32
	qmgr, queue            string
	high, enq, deq, sinceS int32
}

// nextEvent waits for the next message on an event queue, checks that it
// is an event message as IBM MQ makes them, with command, and returns
// its PCF content.
func nextEvent(t *testing.T, events mqi.MQObject, command int32) pcf.Message {
	t.Helper()
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT
	gmo.WaitInterval = 5000
	data, _, err := events.GetSlice(md, gmo, make([]byte, 4096))
	if err != nil {
		t.Fatalf("no event message: %v", err)
	}
	if md.Format != mqi.MQFMT_EVENT || md.MsgType != mqi.MQMT_DATAGRAM || md.PutApplType != mqi.MQAT_QMGR {
		t.Fatalf("event MQMD: format %q type %d appl type %d, want MQEVENT, a datagram, put by the queue manager", md.Format, md.MsgType, md.PutApplType)
	}
	msg, err := pcf.Decode(data, binary.LittleEndian)
	if err != nil {
		t.Fatalf("event data is not PCF: %v", err)
	}
	h := msg.Header
	if h.Type != pcf.CFTEvent || h.Command != command || h.CompCode != mqi.MQCC_WARNING || h.Control != mqi.MQCFC_LAST || h.MsgSeqNumber != 1 {
		t.Fatalf("MQCFH %+v, want an event of command %d", h, command)
	}
	if name, _ := msg.Str(mqi.MQCA_Q_MGR_NAME); strings.TrimRight(name, " ") != "QM1" {
		t.Fatalf("event from queue manager %q, want QM1", name)
	}
	return msg
}

// nextDepthEvent waits for the next message on SYSTEM.ADMIN.PERFM.EVENT
// and checks that it is a performance event as IBM MQ makes it.
func nextDepthEvent(t *testing.T, events mqi.MQObject) depthEventSeen {
	t.Helper()
	msg := nextEvent(t, events, mqi.MQCMD_PERFM_EVENT)
	h := msg.Header
	if h.ParameterCount != 6 {
		t.Fatalf("MQCFH %+v, want a performance event with 6 parameters", h)
	}
	var e depthEventSeen
	e.reason = h.Reason
	e.qmgr, _ = msg.Str(mqi.MQCA_Q_MGR_NAME)
	e.queue, _ = msg.Str(mqi.MQCA_BASE_Q_NAME)
	e.qmgr, e.queue = strings.TrimRight(e.qmgr, " "), strings.TrimRight(e.queue, " ")
	e.sinceS, _ = msg.Int(mqi.MQIA_TIME_SINCE_RESET)
	e.high, _ = msg.Int(mqi.MQIA_HIGH_Q_DEPTH)
	e.enq, _ = msg.Int(mqi.MQIA_MSG_ENQ_COUNT)
	e.deq, _ = msg.Int(mqi.MQIA_MSG_DEQ_COUNT)
	return e
}

// depthFlagsShown returns the three event attributes as DISPLAY QLOCAL
// prints them.
func depthFlagsShown(t *testing.T, queue string) string {
	t.Helper()
	out := strings.Join(runMQSC(t, "DISPLAY QLOCAL("+queue+") QDPHIEV QDPLOEV QDPMAXEV"), " ")
	var got []string
	for _, kw := range []string{"QDPHIEV", "QDPLOEV", "QDPMAXEV"} {
		i := strings.Index(out, kw+"(")
		if i < 0 {
			t.Fatalf("DISPLAY shows no %s: %s", kw, out)
		}
		got = append(got, out[i:i+strings.Index(out[i:], ")")+1])
	}
	return strings.Join(got, " ")
}

func TestQueueDepthEvents(t *testing.T) {
	startQM(t, "ALTER QMGR PERFMEV(ENABLED)",
		"DEFINE QLOCAL(DEPTH.Q) MAXDEPTH(10) QDEPTHHI(50) QDEPTHLO(20) QDPHIEV(ENABLED) QDPLOEV(DISABLED) QDPMAXEV(DISABLED)")
	qm := connect(t)
	out := open(t, qm, "DEPTH.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "DEPTH.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	events := open(t, qm, "SYSTEM.ADMIN.PERFM.EVENT", mqi.MQOO_INPUT_AS_Q_DEF)

	// Depth 5 of 10 reaches QDEPTHHI(50): one Queue Depth High event,
	// which turns itself off and Queue Depth Low and Queue Full on.
	for i := 0; i < 5; i++ {
		put(t, out, "m")
	}
	e := nextDepthEvent(t, events)
	if e.reason != mqi.MQRC_Q_DEPTH_HIGH || e.qmgr != "QM1" || e.queue != "DEPTH.Q" || e.high != 5 || e.enq != 5 || e.deq != 0 || e.sinceS < 0 {
		t.Fatalf("first event %+v, want Queue Depth High (2224) on DEPTH.Q at depth 5 after 5 puts", e)
	}
	if got, want := depthFlagsShown(t, "DEPTH.Q"), "QDPHIEV(DISABLED) QDPLOEV(ENABLED) QDPMAXEV(ENABLED)"; got != want {
		t.Fatalf("after Queue Depth High: %s, want %s", got, want)
	}

	// Five more fill the queue without another high event; the eleventh
	// put is refused with 2053 and makes one Queue Full event, the
	// twelfth (full events now off) none.
	for i := 0; i < 5; i++ {
		put(t, out, "m")
	}
	for i := 0; i < 2; i++ {
		err := out.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("one too many"))
		var mqe *mqi.MQReturn
		if !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_Q_FULL {
			t.Fatalf("put on a full queue: %v, want 2053 MQRC_Q_FULL", err)
		}
	}
	e = nextDepthEvent(t, events)
	if e.reason != mqi.MQRC_Q_FULL || e.queue != "DEPTH.Q" || e.high != 10 || e.enq != 5 || e.deq != 0 {
		t.Fatalf("second event %+v, want Queue Full (2053) with 5 puts since the last event and depth 10", e)
	}
	if got, want := depthFlagsShown(t, "DEPTH.Q"), "QDPHIEV(DISABLED) QDPLOEV(ENABLED) QDPMAXEV(DISABLED)"; got != want {
		t.Fatalf("after Queue Full: %s, want %s", got, want)
	}

	// Getting down to depth 2 reaches QDEPTHLO(20): Queue Depth Low,
	// which turns high and full back on. The refused twelfth put made no
	// event, so this is the next one.
	for i := 0; i < 8; i++ {
		if _, _, err := get(in, 0); err != nil {
			t.Fatalf("get %d: %v", i+1, err)
		}
	}
	e = nextDepthEvent(t, events)
	if e.reason != mqi.MQRC_Q_DEPTH_LOW || e.queue != "DEPTH.Q" || e.high != 10 || e.enq != 0 || e.deq != 8 {
		t.Fatalf("third event %+v, want Queue Depth Low (2225) after 8 gets from depth 10", e)
	}
	if got, want := depthFlagsShown(t, "DEPTH.Q"), "QDPHIEV(ENABLED) QDPLOEV(DISABLED) QDPMAXEV(ENABLED)"; got != want {
		t.Fatalf("after Queue Depth Low: %s, want %s", got, want)
	}

	// With PERFMEV(DISABLED) crossing the limit makes no event and leaves
	// the flags; once it is enabled again the next put past the limit
	// does, counting the puts in between.
	runMQSC(t, "ALTER QMGR PERFMEV(DISABLED)")
	for i := 0; i < 4; i++ {
		put(t, out, "m")
	}
	if got, want := depthFlagsShown(t, "DEPTH.Q"), "QDPHIEV(ENABLED) QDPLOEV(DISABLED) QDPMAXEV(ENABLED)"; got != want {
		t.Fatalf("with PERFMEV(DISABLED): %s, want %s", got, want)
	}
	runMQSC(t, "ALTER QMGR PERFMEV(ENABLED)")
	put(t, out, "m")
	e = nextDepthEvent(t, events)
	if e.reason != mqi.MQRC_Q_DEPTH_HIGH || e.high != 7 || e.enq != 5 || e.deq != 0 {
		t.Fatalf("fourth event %+v, want Queue Depth High at depth 7 after 5 puts", e)
	}
	if _, _, err := get(events, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("an extra event message: %v", err)
	}
}

// TestQueueDepthEventsUnderSyncpoint checks that puts under syncpoint
// count when they are committed, and that a backed-out put makes no event.
func TestQueueDepthEventsUnderSyncpoint(t *testing.T) {
	startQM(t, "ALTER QMGR PERFMEV(ENABLED)", "DEFINE QLOCAL(UOW.Q) MAXDEPTH(4) QDEPTHHI(50) QDPHIEV(ENABLED)")
	qm := connect(t)
	out := open(t, qm, "UOW.Q", mqi.MQOO_OUTPUT)
	events := open(t, qm, "SYSTEM.ADMIN.PERFM.EVENT", mqi.MQOO_INPUT_AS_Q_DEF)
	putWith(t, out, "u", mqi.MQPER_PERSISTENCE_AS_Q_DEF, mqi.MQPMO_SYNCPOINT)
	putWith(t, out, "u", mqi.MQPER_PERSISTENCE_AS_Q_DEF, mqi.MQPMO_SYNCPOINT)
	if err := qm.Back(); err != nil {
		t.Fatal(err)
	}
	putWith(t, out, "u", mqi.MQPER_PERSISTENCE_AS_Q_DEF, mqi.MQPMO_SYNCPOINT)
	putWith(t, out, "u", mqi.MQPER_PERSISTENCE_AS_Q_DEF, mqi.MQPMO_SYNCPOINT)
	if err := qm.Cmit(); err != nil {
		t.Fatal(err)
	}
	e := nextDepthEvent(t, events)
	if e.reason != mqi.MQRC_Q_DEPTH_HIGH || e.queue != "UOW.Q" || e.high != 2 || e.enq != 2 {
		t.Fatalf("event %+v, want Queue Depth High at depth 2 after the 2 committed puts", e)
	}
}
