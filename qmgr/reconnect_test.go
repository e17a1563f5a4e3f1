package qmgr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// reconnectConn connects through APP.SVRCONN with connect options.
func reconnectConn(t *testing.T, port int, options int32) mqi.MQQueueManager {
	t.Helper()
	cd := mqi.NewMQCD()
	cd.ChannelName = "APP.SVRCONN"
	cd.ConnectionName = fmt.Sprintf("127.0.0.1(%d)", port)
	cno := mqi.NewMQCNO()
	cno.ClientConn = cd
	cno.Options = mqi.MQCNO_CLIENT_BINDING | options
	x, err := mqi.Connx("QM1", cno)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Disc() })
	return x
}

func TestReconnectableClientSurvivesRestart(t *testing.T) {
	port := freePort(t)
	q := startQM(t, "ALTER QMGR CHLAUTH(DISABLED)",
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1) CONTROL(QMGR)", port),
		"START LISTENER(TCP.1)", "DEFINE QLOCAL(APP.Q)",
		"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN)")
	rc := reconnectConn(t, port, mqi.MQCNO_RECONNECT_Q_MGR)
	plain := reconnectConn(t, port, 0)
	out := open(t, rc, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, rc, "APP.Q", mqi.MQOO_INPUT_SHARED)
	plainOut := open(t, plain, "APP.Q", mqi.MQOO_OUTPUT)
	putWith(t, out, "before", mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	putWith(t, out, "in a lost unit of work", mqi.MQPER_PERSISTENT, mqi.MQPMO_SYNCPOINT)

	restart(t, q)

	// The same handles work after the restart; the unit of work in
	// progress was backed out with the old connection.
	putWith(t, out, "after", mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	if err := rc.Cmit(); !errors.Is(err, mqi.ErrBackedOut) {
		t.Fatalf("MQCMIT after reconnecting: %v, want 2003", err)
	}
	for _, want := range []string{"before", "after"} {
		text, _, err := get(in, 1000)
		if err != nil || text != want {
			t.Fatalf("got %q, %v; want %q", text, err, want)
		}
	}
	if _, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("a message of the lost unit of work arrived: %v", err)
	}
	// Without reconnect the application sees the break.
	md := mqi.NewMQMD()
	if err := plainOut.Put(md, mqi.NewMQPMO(), []byte("x")); !errors.Is(err, mqi.ErrConnectionBroken) {
		t.Fatalf("put on a broken, not reconnectable connection: %v, want 2009", err)
	}
}
