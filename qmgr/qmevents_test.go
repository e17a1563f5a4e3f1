package qmgr

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// qmgrEvent reads the next queue manager event and returns its reason and
// string and integer parameters (strings without their padding).
func qmgrEvent(t *testing.T, events mqi.MQObject) (int32, map[int32]string, map[int32]int32) {
	t.Helper()
	msg := nextEvent(t, events, mqi.MQCMD_Q_MGR_EVENT)
	strs, ints := map[int32]string{}, map[int32]int32{}
	for _, p := range msg.Params {
		switch p := p.(type) {
		case pcf.CFST:
			strs[p.Parameter] = strings.TrimRight(p.String, " ")
		case pcf.CFIN:
			ints[p.Parameter] = p.Value
		}
	}
	return msg.Header.Reason, strs, ints
}

func TestQueueManagerEvents(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(INH.Q) PUT(DISABLED) GET(DISABLED)",
		"ALTER QLOCAL(SYSTEM.ADMIN.QMGR.EVENT) DEFPSIST(YES)")
	qm := connect(t)
	events := open(t, qm, "SYSTEM.ADMIN.QMGR.EVENT", mqi.MQOO_INPUT_AS_Q_DEF)

	// STRSTPEV is ENABLED by default: the start is there.
	host, _ := os.Hostname()
	reason, strs, ints := qmgrEvent(t, events)
	if reason != mqi.MQRC_Q_MGR_ACTIVE || ints[mqi.MQIACF_REASON_QUALIFIER] != mqi.MQRQ_FAILOVER_NOT_PERMITTED || strs[mqi.MQCACF_HOST_NAME] != host {
		t.Fatalf("first event: reason %d %v %v, want Queue Manager Active (2222) on host %q", reason, strs, ints, host)
	}

	// Inhibit and local events are off by default: a refused put, a
	// refused get and an unknown queue make none until they are enabled.
	out := open(t, qm, "INH.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "INH.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	var mqe *mqi.MQReturn
	if err := out.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_PUT_INHIBITED {
		t.Fatalf("put: %v, want 2051", err)
	}
	if _, _, err := get(in, 0); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_GET_INHIBITED {
		t.Fatalf("get: %v, want 2016", err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = "NO.SUCH.Q"
	if _, err := qm.Open(od, mqi.MQOO_OUTPUT); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_UNKNOWN_OBJECT_NAME {
		t.Fatalf("open: %v, want 2085", err)
	}
	// These events are written before the call returns, so none is due.
	if _, _, err := get(events, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("an event while INHIBTEV and LOCALEV are disabled: %v", err)
	}
	runMQSC(t, "ALTER QMGR INHIBTEV(ENABLED) LOCALEV(ENABLED)")
	if err := out.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_PUT_INHIBITED {
		t.Fatalf("put: %v, want 2051", err)
	}
	reason, strs, ints = qmgrEvent(t, events)
	if reason != mqi.MQRC_PUT_INHIBITED || strs[mqi.MQCA_Q_NAME] != "INH.Q" || ints[mqi.MQIA_APPL_TYPE] != mqi.MQAT_UNIX || strs[mqi.MQCACF_APPL_NAME] == "" {
		t.Fatalf("after the refused put: reason %d %v %v, want Put Inhibited (2051) for INH.Q from a UNIX application", reason, strs, ints)
	}
	if _, _, err := get(in, 0); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_GET_INHIBITED {
		t.Fatalf("get: %v, want 2016", err)
	}
	if reason, strs, _ = qmgrEvent(t, events); reason != mqi.MQRC_GET_INHIBITED || strs[mqi.MQCA_Q_NAME] != "INH.Q" {
		t.Fatalf("after the refused get: reason %d %v, want Get Inhibited (2016) for INH.Q", reason, strs)
	}
	if _, err := qm.Open(od, mqi.MQOO_OUTPUT); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_UNKNOWN_OBJECT_NAME {
		t.Fatalf("open: %v, want 2085", err)
	}
	if reason, strs, _ = qmgrEvent(t, events); reason != mqi.MQRC_UNKNOWN_OBJECT_NAME || strs[mqi.MQCA_Q_NAME] != "NO.SUCH.Q" {
		t.Fatalf("after the failed open: reason %d %v, want Unknown Object Name (2085) for NO.SUCH.Q", reason, strs)
	}
	od.ObjectName = "NO.SUCH.Q2"
	if err := qm.Put1(od, mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_UNKNOWN_OBJECT_NAME {
		t.Fatalf("put1: %v, want 2085", err)
	}
	if reason, strs, _ = qmgrEvent(t, events); reason != mqi.MQRC_UNKNOWN_OBJECT_NAME || strs[mqi.MQCA_Q_NAME] != "NO.SUCH.Q2" {
		t.Fatalf("after the failed MQPUT1: reason %d %v, want Unknown Object Name (2085) for NO.SUCH.Q2", reason, strs)
	}

	// The end is recorded too (persistent here, by the queue's DEFPSIST),
	// before the next start.
	qm.Disc()
	restart(t, q)
	events = open(t, connect(t), "SYSTEM.ADMIN.QMGR.EVENT", mqi.MQOO_INPUT_AS_Q_DEF)
	if reason, _, ints = qmgrEvent(t, events); reason != mqi.MQRC_Q_MGR_NOT_ACTIVE || ints[mqi.MQIACF_REASON_QUALIFIER] != mqi.MQRQ_Q_MGR_STOPPING {
		t.Fatalf("after an immediate end: reason %d %v, want Queue Manager Not Active (2223), stopping", reason, ints)
	}
	if reason, _, _ = qmgrEvent(t, events); reason != mqi.MQRC_Q_MGR_ACTIVE {
		t.Fatalf("after the restart: reason %d, want Queue Manager Active (2222)", reason)
	}
}
